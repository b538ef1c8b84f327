package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;

/**
 * What the {@code CORRELATION_LIMIT} check ({@link io.riskgate.core.check.CorrelationCheck}) is
 * held against, and the Pearson correlation the monitor and the report use too. Reads the engine's
 * instruments and positions; changes nothing but the scope's correlation cache.
 */
final class CorrelationMeasure {
  private CorrelationMeasure() {}

  /** The ledger whose holdings the correlation is measured against (config). */
  static Ledger scopeOf(RiskEngine engine, Ledger account, Ledger strategy) {
    return engine.config.correlationScope() == EngineConfig.CorrelationScope.STRATEGY
        ? strategy
        : account;
  }

  /**
   * The largest correlation of the order's instrument with a held position of the scope, signed by
   * both directions (buying A while long B counts +ρ; buying A while short B counts −ρ, a hedge).
   * NaN when no held instrument has enough common history. Cached per (scope, instrument, side)
   * until a return arrives anywhere or the scope's holdings change.
   */
  static double signed(RiskEngine engine, Ledger scope, OrderRequest order) {
    final int slot = (order.instrument * 2 + (order.side == Side.BUY ? 0 : 1)) * 3;
    final long[] cache = scope.correlationCache;
    if (cache[slot + 1] == engine.returnsEpoch && cache[slot + 2] == scope.holdingsEpoch) {
      return Double.longBitsToDouble(cache[slot]);
    }
    final int lookback =
        (int)
            effective(
                engine,
                Limit.CORRELATION_LOOKBACK,
                order.strategy,
                engine.config.defaultCorrelationLookback());
    final int minimum =
        (int)
            effective(
                engine,
                Limit.CORRELATION_MIN_OBSERVATIONS,
                order.strategy,
                engine.config.defaultCorrelationMinObservations());
    final InstrumentState target = engine.instruments[order.instrument];
    final int sign = order.side.sign();
    double worst = Double.NaN;
    for (int j = 0; j < engine.instrumentCount; j++) {
      if (j == order.instrument) {
        continue;
      }
      final long held = heldQuantity(engine, scope, j);
      if (held == 0) {
        continue;
      }
      final double rho = correlation(target, engine.instruments[j], lookback, minimum);
      if (Double.isNaN(rho)) {
        continue;
      }
      final double signed = rho * sign * Long.signum(held);
      if (Double.isNaN(worst) || signed > worst) {
        worst = signed;
      }
    }
    cache[slot] = Double.doubleToRawLongBits(worst);
    cache[slot + 1] = engine.returnsEpoch;
    cache[slot + 2] = scope.holdingsEpoch;
    return worst;
  }

  private static long heldQuantity(RiskEngine engine, Ledger scope, int instrument) {
    if (scope.kind == io.riskgate.core.limit.Scope.Kind.STRATEGY) {
      final Position position = engine.positionOrNull(scope.id, instrument);
      return position == null ? 0 : position.net;
    }
    final Holding[] holdings = engine.instruments[instrument].accountHoldings;
    return scope.id < holdings.length && holdings[scope.id] != null ? holdings[scope.id].net : 0;
  }

  private static long effective(RiskEngine engine, Limit limit, int strategy, int fallback) {
    final long value = engine.bookLimit(strategy, limit);
    return value == LimitSet.UNSET ? fallback : value / Fixed.ONE;
  }

  /** Pearson correlation of the most recent common returns; NaN below {@code minimum}. */
  static double correlation(InstrumentState a, InstrumentState b, int lookback, int minimum) {
    final int n = Math.min(lookback, Math.min(a.returnCount, b.returnCount));
    if (n < minimum || n < 2) {
      return Double.NaN;
    }
    double meanA = 0;
    double meanB = 0;
    for (int k = 0; k < n; k++) {
      meanA += a.recentReturn(k);
      meanB += b.recentReturn(k);
    }
    meanA /= n;
    meanB /= n;
    double cov = 0;
    double varA = 0;
    double varB = 0;
    for (int k = 0; k < n; k++) {
      final double da = a.recentReturn(k) - meanA;
      final double db = b.recentReturn(k) - meanB;
      cov += da * db;
      varA += da * da;
      varB += db * db;
    }
    if (varA == 0 || varB == 0) {
      return Double.NaN;
    }
    return cov / Math.sqrt(varA * varB);
  }
}
