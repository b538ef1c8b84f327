package io.riskgate.core.sizing;

/** Why a sizing result has the quantity it has; every zero size says why it is zero. */
public enum SizingStatus {
  /** A positive quantity. */
  SIZED,
  /** Kelly fraction {@code f ≤ 0}: no positive expectancy, no position. */
  NO_EDGE,
  /** The computed quantity was below the instrument's minimum quantity (or below one lot). */
  BELOW_MINIMUM_QUANTITY,
  /** A cap or scale left nothing (no headroom, breaker open). */
  CAPPED_TO_ZERO,
  /** Fewer closed trades than the estimator's minimum. */
  NOT_ENOUGH_TRADES,
  /** Closed trades without a single loss: the payoff ratio is undefined. */
  NO_LOSING_TRADES,
  /** Only a fraction of equity was computed (no price or instrument given). */
  FRACTION_ONLY,
  /**
   * A pre-trade check that does not depend on the quantity fails (kill switch, trading state, no
   * price, order rate, ...): any order would be rejected, so the size is zero.
   */
  BLOCKED,
  /** Fixed risk: the stop is at the entry, so no quantity has a bounded risk. */
  NO_STOP_DISTANCE
}
