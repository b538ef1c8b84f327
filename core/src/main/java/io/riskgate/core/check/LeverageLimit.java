package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Holding;

/**
 * {@code LEVERAGE_LIMIT}: the scope's gross exposure after the order (the holding's worst case over
 * its open orders and the order, valued at the reference price, in place of its present exposure)
 * over the scope's equity, against {@code maxLeverage}; the same limit caps an order's declared
 * leverage. The headroom rule ({@link #room}) is what sizing caps to.
 */
public final class LeverageLimit {
  private LeverageLimit() {}

  /** The order's declared leverage (when it declares one) against the scope's limit. */
  public static void declared(
      Decision d, LimitSet limits, Scope.Kind kind, String name, long declared) {
    final long limit = limits.get(Limit.MAX_LEVERAGE);
    if (limit != LimitSet.UNSET && declared > 0) {
      d.record(
          CheckCode.LEVERAGE_LIMIT,
          declared <= limit,
          Fixed.toDouble(declared),
          Fixed.toDouble(limit),
          kind,
          name,
          "declared leverage");
    }
  }

  /**
   * Records the check for {@code scope}, whose holding of the instrument is {@code holding} (null:
   * none), for an order of {@code quantity} on {@code sign} valued at {@code reference}.
   */
  public static void check(
      Decision d,
      ScopeFigures scope,
      InstrumentFigures instrument,
      Holding holding,
      int sign,
      long quantity,
      long reference) {
    final long limit = scope.limits().get(Limit.MAX_LEVERAGE);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long buy = sign > 0 ? quantity : 0;
    final long sell = sign < 0 ? quantity : 0;
    final long worst = holding == null ? quantity : holding.worstQuantity(buy, sell);
    final long exposureBefore = holding == null ? 0 : holding.exposure;
    final long gross = scope.grossExposure() - exposureBefore + instrument.value(worst, reference);
    EquityFraction.record(
        d, CheckCode.LEVERAGE_LIMIT, gross, limit, scope.equity(), scope.kind(), scope.name());
  }

  /**
   * The quantity an order of {@code sign} may add before the scope's gross exposure reaches {@code
   * maxLeverage × equity}, one unit being worth {@code unit}; {@link Headroom#NONE} when unset.
   */
  public static long room(ScopeFigures scope, Holding holding, int sign, long unit) {
    final long limit = scope.limits().get(Limit.MAX_LEVERAGE);
    if (limit == LimitSet.UNSET) {
      return Headroom.NONE;
    }
    final long exposure = holding == null ? 0 : holding.exposure;
    final long budget =
        Fixed.multiply(limit, Math.max(0, scope.equity())) - (scope.grossExposure() - exposure);
    final long allowed = Headroom.quantityFor(budget, unit);
    if (holding == null) {
      return allowed;
    }
    final long otherSide =
        Math.abs(sign > 0 ? holding.net - holding.openSell : holding.net + holding.openBuy);
    if (otherSide > allowed) {
      return 0;
    }
    return Headroom.onSide(allowed, holding, sign);
  }
}
