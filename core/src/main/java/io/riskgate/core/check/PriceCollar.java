package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/**
 * {@code PRICE_COLLAR}: a limit order's distance from the reference price, as a fraction of it,
 * against {@code priceCollar} (exact: {@code |price − reference| ≤ collar × reference}).
 */
public final class PriceCollar {
  private PriceCollar() {}

  public static void check(
      Decision d, LimitSet limits, Scope.Kind kind, String name, long price, long reference) {
    final long limit = limits.get(Limit.PRICE_COLLAR);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long distance = Math.abs(price - reference);
    d.record(
        CheckCode.PRICE_COLLAR,
        Fixed.atMostProduct(distance, limit, reference),
        (double) distance / reference,
        Fixed.toDouble(limit),
        kind,
        name,
        null);
  }
}
