package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Holding;

/**
 * The checks that count and need no price: {@code ORDER_RATE_LIMIT} and {@code MESSAGE_RATE_LIMIT}
 * (one-second windows counting the order), {@code OPEN_ORDER_LIMIT} and {@code
 * POSITION_COUNT_LIMIT} (counts after the order), each at the scope that sets its limit.
 */
public final class RateChecks {
  private RateChecks() {}

  public static void orderRate(Decision d, ScopeFigures scope, long now) {
    final long limit = scope.limits().get(Limit.MAX_ORDERS_PER_SECOND);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final int count = scope.ordersInWindowWith(now);
    d.record(
        CheckCode.ORDER_RATE_LIMIT,
        (long) count * Fixed.ONE <= limit,
        count,
        Fixed.toDouble(limit),
        scope.kind(),
        scope.name(),
        null);
  }

  public static void messageRate(Decision d, ScopeFigures scope, long now) {
    final long limit = scope.limits().get(Limit.MAX_MESSAGES_PER_SECOND);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final int count = scope.messagesInWindowWith(now);
    d.record(
        CheckCode.MESSAGE_RATE_LIMIT,
        (long) count * Fixed.ONE <= limit,
        count,
        Fixed.toDouble(limit),
        scope.kind(),
        scope.name(),
        null);
  }

  public static void openOrderCount(Decision d, ScopeFigures scope) {
    final long limit = scope.limits().get(Limit.MAX_OPEN_ORDERS);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long after = scope.openOrders() + 1L;
    d.record(
        CheckCode.OPEN_ORDER_LIMIT,
        after * Fixed.ONE <= limit,
        after,
        Fixed.toDouble(limit),
        scope.kind(),
        scope.name(),
        null);
  }

  /** Positions after the order; only an order that opens a new position can fail. */
  public static void positionCount(Decision d, ScopeFigures scope, Holding holding) {
    final long limit = scope.limits().get(Limit.MAX_POSITIONS);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final boolean opensNew = holding == null || holding.net == 0;
    final long after = scope.openPositions() + (opensNew ? 1L : 0L);
    d.record(
        CheckCode.POSITION_COUNT_LIMIT,
        !opensNew || after * Fixed.ONE <= limit,
        after,
        Fixed.toDouble(limit),
        scope.kind(),
        scope.name(),
        null);
  }
}
