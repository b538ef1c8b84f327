package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/**
 * The checks on money already lost, which no quantity changes: {@code DAILY_LOSS_LIMIT} (today's
 * loss over start-of-day equity), {@code STRATEGY_DRAWDOWN_LIMIT} (the order's strategy's drawdown
 * over its allocation, at every scope that sets it) and {@code PORTFOLIO_DRAWDOWN_LIMIT} (a scope's
 * drawdown over its high-water mark). All exact comparisons of products.
 */
public final class LossChecks {
  private LossChecks() {}

  public static void dailyLoss(Decision d, ScopeFigures scope) {
    final long limit = scope.limits().get(Limit.MAX_DAILY_LOSS);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long loss = -scope.dailyPnl();
    final long base = scope.startOfDayEquity();
    final boolean pass = base > 0 && Fixed.atMostProduct(loss, limit, base);
    d.record(
        CheckCode.DAILY_LOSS_LIMIT,
        pass,
        base > 0 ? (double) loss / base : Double.NaN,
        Fixed.toDouble(limit),
        scope.kind(),
        scope.name(),
        base > 0 ? null : "no start-of-day equity");
  }

  /** The strategy's drawdown held against the limit set at one scope ({@code limits}). */
  public static void strategyDrawdown(
      Decision d, LimitSet limits, Scope.Kind kind, String name, ScopeFigures strategy) {
    final long limit = limits.get(Limit.MAX_STRATEGY_DRAWDOWN);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long drawdown = strategy.drawdownAmount();
    final long base = strategy.base();
    d.record(
        CheckCode.STRATEGY_DRAWDOWN_LIMIT,
        Fixed.atMostProduct(drawdown, limit, base),
        (double) drawdown / base,
        Fixed.toDouble(limit),
        kind,
        name,
        null);
  }

  public static void portfolioDrawdown(Decision d, ScopeFigures scope) {
    final long limit = scope.limits().get(Limit.MAX_PORTFOLIO_DRAWDOWN);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long drawdown = scope.drawdownAmount();
    d.record(
        CheckCode.PORTFOLIO_DRAWDOWN_LIMIT,
        Fixed.atMostProduct(drawdown, limit, scope.highWaterMark()),
        scope.drawdownFraction(),
        Fixed.toDouble(limit),
        scope.kind(),
        scope.name(),
        null);
  }
}
