package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.position.Holding;

/**
 * Arithmetic shared by the headroom rules of the checks that depend on quantity: how much of an
 * amount of money a quantity may take, and what a holding already takes on one side. A room is a
 * fixed-point quantity, {@link #NONE} when no limit applies; it may be negative (already beyond).
 */
public final class Headroom {
  /** No limit applies: any quantity fits. */
  public static final long NONE = Long.MAX_VALUE;

  private Headroom() {}

  /**
   * Largest quantity whose value at {@code unit} per unit stays within {@code money} (one smallest
   * step below the exact quotient, so that rounding never lets it exceed); 0 for no money.
   */
  public static long quantityFor(long money, long unit) {
    if (money <= 0) {
      return 0;
    }
    return unit <= 0 ? Long.MAX_VALUE : Fixed.mulDiv(money, Fixed.ONE, unit) - 1;
  }

  /** The quantity on the order's side if every open order of that side filled (signed). */
  public static long heldOnSide(Holding holding, int sign) {
    if (holding == null) {
      return 0;
    }
    return sign > 0 ? holding.net + holding.openBuy : holding.net - holding.openSell;
  }

  /** Room for an order of {@code sign} when the resulting |quantity| may reach {@code allowed}. */
  public static long onSide(long allowed, Holding holding, int sign) {
    final long held = heldOnSide(holding, sign);
    return sign > 0 ? allowed - held : allowed + held;
  }
}
