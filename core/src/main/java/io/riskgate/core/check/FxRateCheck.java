package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.LimitSet;

/**
 * {@code NO_FX_RATE}: an order in a currency other than the account's needs a conversion whose
 * rates are at most {@code maxFxAgeSeconds} old (the book's effective limit; without one any age is
 * usable). Fails closed, as {@code NO_PRICE} does: without a rate no amount of the order can be
 * valued.
 */
public final class FxRateCheck {
  private FxRateCheck() {}

  /**
   * Records the check.
   *
   * @param exists whether every rate of the conversion is known
   * @param ageNanos the age of the oldest rate at the order's time
   * @param limit the effective {@code maxFxAgeSeconds}, or {@link LimitSet#UNSET}
   * @return whether it passed
   */
  public static boolean check(
      Decision d,
      boolean exists,
      String noRateReason,
      long ageNanos,
      long limit,
      String staleReason) {
    if (!exists) {
      return d.record(CheckCode.NO_FX_RATE, false, 0, 0, null, null, noRateReason);
    }
    final double ageSeconds = ageNanos / 1e9;
    if (limit == LimitSet.UNSET) {
      return d.record(CheckCode.NO_FX_RATE, true, ageSeconds, 0, null, null, null);
    }
    final boolean fresh = ageNanos <= limit / Fixed.ONE * 1_000_000_000L;
    return d.record(
        CheckCode.NO_FX_RATE,
        fresh,
        ageSeconds,
        Fixed.toDouble(limit),
        null,
        null,
        fresh ? null : staleReason);
  }
}
