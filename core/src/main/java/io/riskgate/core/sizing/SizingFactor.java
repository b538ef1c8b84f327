package io.riskgate.core.sizing;

import java.util.Locale;

/**
 * One named number in a sizing result's breakdown: an input, a multiplier, an intermediate amount
 * or a cap that was applied. The breakdown explains a size to the trader who receives it.
 *
 * <p>Values are doubles in the factor's natural unit: fractions and multipliers as plain numbers,
 * money in the account currency, quantities in units of the instrument. The {@code HEADROOM_…} and
 * {@code BREAKER_SCALE} constants are added by the engine after a sizer ran; a cap records the
 * maximum quantity it allowed, a scale records its multiplier.
 */
public enum SizingFactor {
  /** Equity the size is a fraction of. */
  EQUITY,
  /** Dynamic sizer: base fraction of equity (0.02 by default). */
  BASE_FRACTION,
  /** Dynamic sizer: {@code 0.5 + 1.5 · signal}. */
  SIGNAL_MULTIPLIER,
  /** Dynamic sizer: {@code 1 / (1 + σ)}. */
  VOLATILITY_MULTIPLIER,
  /** Dynamic sizer: shrinks from 1 toward its floor as drawdown nears its limit. */
  PERFORMANCE_MULTIPLIER,
  /** Dynamic sizer: the position limit {@code maxPositionFraction × equity}, when it bound. */
  POSITION_LIMIT,
  /** Kelly: payoff ratio {@code R = avg win / |avg loss|}. */
  PAYOFF_RATIO,
  /** Kelly: win rate {@code W}. */
  WIN_RATE,
  /** Kelly: the full Kelly fraction {@code f = W − (1 − W)/R}. */
  KELLY_RAW,
  /** Kelly: the multiplier applied to {@code f} (½ by default). */
  KELLY_MULTIPLIER,
  /** Kelly: the lower clamp, when it lifted a positive fraction. */
  KELLY_MIN,
  /** Kelly: the upper clamp, when it cut the fraction. */
  KELLY_MAX,
  /** Kelly: number of closed trades the estimate came from. */
  TRADE_COUNT,
  /** Fixed fractional: fraction of equity risked per trade. */
  RISK_FRACTION,
  /** Fixed fractional: money risked, {@code fraction × equity}. */
  RISK_PER_TRADE,
  /** Fixed fractional: the instrument's ATR. */
  ATR,
  /** Fixed fractional: the stop's distance in ATRs, {@code k}. */
  STOP_ATR_MULTIPLE,
  /** Fixed fractional: the stop's distance in price, {@code k · ATR}. */
  STOP_DISTANCE,
  /** Volatility target: target annualized volatility of the position, as a fraction of equity. */
  TARGET_VOLATILITY,
  /** Volatility target and dynamic sizer: the instrument's volatility used. */
  VOLATILITY,
  /** Notional the sizer asked for before rounding. */
  TARGET_NOTIONAL,
  /** Final fraction of equity the sizer asked for (Kelly: after multiplier and clamps). */
  EQUITY_FRACTION,
  /** Price used to convert notional into quantity. */
  PRICE,
  /** Contract multiplier used to convert notional into quantity. */
  CONTRACT_MULTIPLIER,
  /** Quantity before rounding to the lot size. */
  UNROUNDED_QUANTITY,
  /** Quantity removed by rounding down to the lot size. */
  LOT_ROUNDING,
  /** The minimum quantity, recorded when the size fell below it and became zero. */
  MIN_QUANTITY,
  /** Engine: remaining headroom under the position limits, as a maximum quantity. */
  HEADROOM_POSITION,
  /** Engine: remaining headroom under the leverage limit, as a maximum quantity. */
  HEADROOM_LEVERAGE,
  /** Engine: remaining headroom under the daily loss limit, as a maximum quantity. */
  HEADROOM_DAILY_LOSS,
  /** Engine: the circuit breaker's scale (1 closed, 0.25 half-open, 0 open). */
  BREAKER_SCALE,
  /** Largest quantity the order quantity and order notional limits leave. */
  HEADROOM_ORDER,
  /** Largest quantity the participation limit leaves, at the average daily volume. */
  HEADROOM_PARTICIPATION,
  /**
   * A pre-trade check failed at the sized quantity: the size was cut (value: the quantity left).
   */
  PRE_TRADE_CHECK,
  ENTRY_PRICE,
  STOP_PRICE,
  FX_RATE,
  COMMISSION_PER_UNIT,
  RISK_PER_UNIT,
  HARD_LIMIT;

  private final String key;

  SizingFactor() {
    final String[] words = name().toLowerCase(Locale.ROOT).split("_");
    final StringBuilder camel = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    this.key = camel.toString();
  }

  /**
   * The factor's name in camelCase, as used in JSON ({@code HEADROOM_DAILY_LOSS →
   * headroomDailyLoss}).
   */
  public String key() {
    return key;
  }
}
