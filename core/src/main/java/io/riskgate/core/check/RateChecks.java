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
    if (limit != LimitSet.UNSET) {
      atMost(d, scope, CheckCode.ORDER_RATE_LIMIT, scope.ordersInWindowWith(now), limit, true);
    }
  }

  public static void messageRate(Decision d, ScopeFigures scope, long now) {
    final long limit = scope.limits().get(Limit.MAX_MESSAGES_PER_SECOND);
    if (limit != LimitSet.UNSET) {
      atMost(d, scope, CheckCode.MESSAGE_RATE_LIMIT, scope.messagesInWindowWith(now), limit, true);
    }
  }

  public static void openOrderCount(Decision d, ScopeFigures scope) {
    final long limit = scope.limits().get(Limit.MAX_OPEN_ORDERS);
    if (limit != LimitSet.UNSET) {
      atMost(d, scope, CheckCode.OPEN_ORDER_LIMIT, scope.openOrders() + 1L, limit, true);
    }
  }

  /** Positions after the order; only an order that opens a new position can fail. */
  public static void positionCount(Decision d, ScopeFigures scope, Holding holding) {
    final long limit = scope.limits().get(Limit.MAX_POSITIONS);
    if (limit != LimitSet.UNSET) {
      final boolean opensNew = holding == null || holding.net == 0;
      final long after = scope.openPositions() + (opensNew ? 1L : 0L);
      atMost(d, scope, CheckCode.POSITION_COUNT_LIMIT, after, limit, opensNew);
    }
  }

  /**
   * Records {@code code}: the count passes when it is at most the limit (a whole number of the
   * limit's fixed-point units), or always when it {@code mayFail} not.
   */
  private static void atMost(
      Decision d, ScopeFigures scope, CheckCode code, long count, long limit, boolean mayFail) {
    d.record(
        code,
        !mayFail || count * Fixed.ONE <= limit,
        count,
        Fixed.toDouble(limit),
        scope.kind(),
        scope.name(),
        null);
  }
}
