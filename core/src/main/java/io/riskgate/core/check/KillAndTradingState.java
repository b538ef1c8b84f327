package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/**
 * Whether the order's scopes may trade at all: {@code KILL_SWITCH} (any of firm, account, strategy
 * killed), {@code TRADING_HALTED} and {@code TRADING_REDUCING} (the most severe trading state of
 * the three), and {@code INSTRUMENT_RESTRICTED} (a scope's {@code restricted} flag). Only the kill
 * switch and HALTED block a risk-reducing order.
 */
public final class KillAndTradingState {
  static final String RISK_REDUCING = "risk-reducing";

  private KillAndTradingState() {}

  /** The kill switch, recorded for every order: the first killed scope is named. */
  public static void killSwitch(
      Decision d, ScopeFigures firm, ScopeFigures account, ScopeFigures strategy, String reason) {
    final ScopeFigures killed =
        firm.killed() ? firm : account.killed() ? account : strategy.killed() ? strategy : null;
    d.record(
        CheckCode.KILL_SWITCH,
        killed == null,
        killed == null ? 0 : 1,
        0,
        killed == null ? null : killed.kind(),
        killed == null ? null : killed.name(),
        killed == null ? reason : "scope is killed");
  }

  /**
   * The trading state check: {@code severity} is the most severe state's ordinal, {@code halted}
   * and {@code reducingOnly} whether it is HALTED or REDUCING.
   */
  public static void tradingState(
      Decision d, int severity, boolean halted, boolean reducingOnly, boolean reducing) {
    d.record(
        CheckCode.TRADING_HALTED,
        !halted,
        severity,
        1,
        null,
        null,
        halted ? "trading halted" : null);
    if (reducingOnly) {
      d.record(
          CheckCode.TRADING_REDUCING,
          reducing,
          severity,
          1,
          null,
          null,
          reducing ? RISK_REDUCING : "only risk-reducing orders allowed");
    }
  }

  /** {@code INSTRUMENT_RESTRICTED} at one scope that sets the flag. */
  public static void restricted(
      Decision d, LimitSet limits, Scope.Kind kind, String name, boolean reducing) {
    final long flag = limits.get(Limit.RESTRICTED);
    if (flag == LimitSet.UNSET) {
      return;
    }
    final boolean isRestricted = flag == Fixed.ONE;
    d.record(
        CheckCode.INSTRUMENT_RESTRICTED,
        !isRestricted || reducing,
        isRestricted ? 1 : 0,
        0,
        kind,
        name,
        isRestricted ? (reducing ? RISK_REDUCING : "restricted") : null);
  }
}
