package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/**
 * {@code SELF_MATCH} at every scope that sets {@code preventSelfMatch}: the order fails when an
 * open order of the same account in the same instrument on the other side could trade with it
 * ({@link #crosses}). The engine finds such an order (a walk, only where the flag is set: {@link
 * #applies}).
 */
public final class SelfMatch {
  private SelfMatch() {}

  /** A market order on either side, or a buy priced at or above the sell. */
  public static boolean crosses(int sign, long price, long otherPrice) {
    final long buy = sign > 0 ? price : otherPrice;
    final long sell = sign > 0 ? otherPrice : price;
    return buy == 0 || sell == 0 || buy >= sell;
  }

  public static boolean applies(
      ScopeFigures firm, ScopeFigures account, ScopeFigures strategy, LimitSet instrumentLimits) {
    return on(firm.limits())
        || on(account.limits())
        || on(strategy.limits())
        || on(instrumentLimits);
  }

  /**
   * Records the check at each scope that sets the flag; {@code against} is the order's id or null.
   */
  public static void check(
      Decision d,
      ScopeFigures firm,
      ScopeFigures account,
      ScopeFigures strategy,
      LimitSet instrumentLimits,
      String symbol,
      String against) {
    final String reason = against == null ? null : "could trade against own order " + against;
    record(d, firm.limits(), firm.kind(), firm.name(), against, reason);
    record(d, account.limits(), account.kind(), account.name(), against, reason);
    record(d, strategy.limits(), strategy.kind(), strategy.name(), against, reason);
    record(d, instrumentLimits, Scope.Kind.INSTRUMENT, symbol, against, reason);
  }

  private static void record(
      Decision d, LimitSet limits, Scope.Kind kind, String name, String against, String reason) {
    if (on(limits)) {
      final boolean pass = against == null;
      d.record(CheckCode.SELF_MATCH, pass, pass ? 0 : 1, 0, kind, name, reason);
    }
  }

  private static boolean on(LimitSet limits) {
    return limits.get(Limit.PREVENT_SELF_MATCH) == Fixed.ONE;
  }
}
