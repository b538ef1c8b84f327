package io.riskgate.core.check;

import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;

/**
 * {@code CURRENCY_EXPOSURE_LIMIT}: the scope's net exposure in the order's currency (positions plus
 * cash, in the account currency, measured by the engine as held before the order) over its equity,
 * against {@code maxCurrencyExposure}. A fill finances a position in its own currency and books the
 * realized PnL in the account currency, so the net exposure of a currency is the unrealized PnL of
 * its positions.
 */
public final class CurrencyExposure {
  private CurrencyExposure() {}

  public static boolean applies(ScopeFigures scope) {
    return scope.limits().has(Limit.MAX_CURRENCY_EXPOSURE);
  }

  /** {@code net} is the absolute net exposure; only call where {@link #applies}. */
  public static void check(Decision d, ScopeFigures scope, long net) {
    final long limit = scope.limits().get(Limit.MAX_CURRENCY_EXPOSURE);
    if (limit == LimitSet.UNSET) {
      return;
    }
    EquityFraction.record(
        d,
        CheckCode.CURRENCY_EXPOSURE_LIMIT,
        net,
        limit,
        scope.equity(),
        scope.kind(),
        scope.name());
  }
}
