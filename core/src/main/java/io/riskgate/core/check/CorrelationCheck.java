package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/**
 * {@code CORRELATION_LIMIT}: the largest signed correlation of the order's instrument with a held
 * position of the correlation scope (measured by the engine, NaN without enough common history,
 * which passes), against {@code maxCorrelation} at every scope that sets it.
 */
public final class CorrelationCheck {
  private CorrelationCheck() {}

  /** Whether any of the order's scopes sets the limit (else nothing is measured). */
  public static boolean applies(
      LimitSet firm, LimitSet account, LimitSet strategy, LimitSet instrument) {
    return firm.has(Limit.MAX_CORRELATION)
        || account.has(Limit.MAX_CORRELATION)
        || strategy.has(Limit.MAX_CORRELATION)
        || instrument.has(Limit.MAX_CORRELATION);
  }

  public static void check(
      Decision d, LimitSet limits, Scope.Kind kind, String name, double measured) {
    final long limit = limits.get(Limit.MAX_CORRELATION);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final boolean known = !Double.isNaN(measured);
    d.record(
        CheckCode.CORRELATION_LIMIT,
        !known || measured <= Fixed.toDouble(limit),
        measured,
        Fixed.toDouble(limit),
        kind,
        name,
        known ? null : "not enough common history");
  }
}
