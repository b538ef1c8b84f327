package io.riskgate.core.check;

import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/**
 * A scope that owns money (the firm, an account or a strategy) as the checks read it: its limits
 * and the figures its limits are held against. Implemented by the engine's ledgers; the checks see
 * nothing else of the engine.
 */
public interface ScopeFigures {
  Scope.Kind kind();

  String name();

  LimitSet limits();

  /** Base plus realized minus fees plus unrealized, in the account currency. */
  long equity();

  /** Equity at the start of the trading day. */
  long startOfDayEquity();

  /** PnL since the start of the trading day. */
  long dailyPnl();

  /** Capital (firm, account) or allocation (strategy): what a strategy's drawdown is a share of. */
  long base();

  long highWaterMark();

  /** Drawdown amount from the high-water mark (non-negative). */
  long drawdownAmount();

  /** Drawdown as a fraction of the high-water mark, for display. */
  double drawdownFraction();

  /** Sum of the worst-case exposures of the scope's holdings. */
  long grossExposure();

  int openOrders();

  int openPositions();

  boolean killed();

  /** Gross notional of today's fills; {@code Long.MAX_VALUE} once beyond a long. */
  long dayTradedNotional();

  /**
   * Orders in the one-second window ending at {@code now}, counting one more at {@code now}. Drops
   * the times that left the window (they would be dropped by the next count anyway).
   */
  int ordersInWindowWith(long now);

  /** Orders, amends and cancels in the one-second window ending at {@code now}, plus one. */
  int messagesInWindowWith(long now);
}
