package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/**
 * {@code LIQUIDITY_LIMIT}: the instrument's average daily traded notional (in the account currency,
 * NaN without volume history) against {@code minLiquidity}, and the order's share of it against
 * {@code maxParticipation}, with the headroom the share leaves ({@link #room}).
 */
public final class LiquidityCheck {
  private LiquidityCheck() {}

  public static void check(
      Decision d,
      LimitSet limits,
      Scope.Kind kind,
      String name,
      double average,
      long orderNotional) {
    final long minimum = limits.get(Limit.MIN_LIQUIDITY);
    final long participation = limits.get(Limit.MAX_PARTICIPATION);
    if (minimum == LimitSet.UNSET && participation == LimitSet.UNSET) {
      return;
    }
    final boolean known = !Double.isNaN(average);
    if (minimum != LimitSet.UNSET) {
      d.record(
          CheckCode.LIQUIDITY_LIMIT,
          known && average >= Fixed.toDouble(minimum),
          average,
          Fixed.toDouble(minimum),
          kind,
          name,
          known ? null : "no volume history");
    }
    if (participation != LimitSet.UNSET) {
      final double share =
          known && average > 0 ? Fixed.toDouble(orderNotional) / average : Double.NaN;
      d.record(
          CheckCode.LIQUIDITY_LIMIT,
          !Double.isNaN(share) && share <= Fixed.toDouble(participation),
          share,
          Fixed.toDouble(participation),
          kind,
          name,
          Double.isNaN(share) ? "no volume history" : "participation");
    }
  }

  /**
   * The largest quantity within {@code maxParticipation} of {@code average}, one unit being worth
   * {@code unitPrice}; {@link Headroom#NONE} when unset or without volume history.
   */
  public static long room(LimitSet limits, double average, long unitPrice) {
    final long share = limits.get(Limit.MAX_PARTICIPATION);
    if (share == LimitSet.UNSET || !(average > 0)) {
      return Headroom.NONE;
    }
    final double allowed = Fixed.toDouble(share) * average / Fixed.toDouble(unitPrice);
    return (long) Math.min(9.2e18, Math.floor(allowed * Fixed.ONE));
  }
}
