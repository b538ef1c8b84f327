package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Scope;

/**
 * The record shared by the checks that hold an amount as a fraction of equity (position, leverage,
 * currency exposure): passes when {@code amount ≤ limit × equity} exactly (128-bit), with the value
 * {@code amount ÷ equity}; without positive equity it fails, value +∞, "no positive equity".
 */
public final class EquityFraction {
  static final String NO_POSITIVE_EQUITY = "no positive equity";

  private EquityFraction() {}

  /** Records the check and returns whether it passed. */
  public static boolean record(
      Decision d,
      CheckCode code,
      long amount,
      long limit,
      long equity,
      Scope.Kind kind,
      String name) {
    final boolean positive = equity > 0;
    return d.record(
        code,
        positive && Fixed.atMostProduct(amount, limit, equity),
        positive ? (double) amount / equity : Double.POSITIVE_INFINITY,
        Fixed.toDouble(limit),
        kind,
        name,
        positive ? null : NO_POSITIVE_EQUITY);
  }
}
