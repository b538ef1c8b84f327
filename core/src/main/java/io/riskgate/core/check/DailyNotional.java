package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;

/**
 * {@code DAILY_NOTIONAL_LIMIT}: gross notional of the scope's fills today, its open orders (at
 * their limit price, market orders at the reference price) and this order, against {@code
 * maxDailyNotional}. The engine sums the open orders (a walk, only where the limit is set: {@link
 * #applies}); {@link Fixed#OVERFLOW} as the total fails with the range as the reason.
 */
public final class DailyNotional {
  static final String BEYOND_RANGE =
      "beyond the largest amount the engine holds exactly (10,000,000,000)";

  private DailyNotional() {}

  public static boolean applies(ScopeFigures scope) {
    return scope.limits().has(Limit.MAX_DAILY_NOTIONAL);
  }

  /** Today's fills plus the order: the start of the sum, before the open orders are added. */
  public static long startingTotal(ScopeFigures scope, long orderNotional) {
    final long traded = scope.dayTradedNotional();
    return traded == Long.MAX_VALUE ? Fixed.OVERFLOW : Fixed.addOrOverflow(traded, orderNotional);
  }

  public static void check(Decision d, ScopeFigures scope, long total) {
    final long limit = scope.limits().get(Limit.MAX_DAILY_NOTIONAL);
    d.record(
        CheckCode.DAILY_NOTIONAL_LIMIT,
        total != Fixed.OVERFLOW && total <= limit,
        total == Fixed.OVERFLOW ? Double.POSITIVE_INFINITY : Fixed.toDouble(total),
        Fixed.toDouble(limit),
        scope.kind(),
        scope.name(),
        total == Fixed.OVERFLOW ? BEYOND_RANGE : null);
  }
}
