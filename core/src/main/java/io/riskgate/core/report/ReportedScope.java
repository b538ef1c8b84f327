package io.riskgate.core.report;

import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.monitor.RiskLevel;
import io.riskgate.core.stats.TradeStatistics;

/**
 * A scope that owns money (the firm, an account, a strategy) as the risk report reads it: its
 * figures, its PnL by part, its state and its history. Implemented by the engine's ledgers; the
 * report changes none of it.
 */
public interface ReportedScope extends ScopeFigures {
  /** The scope's name as outputs spell it. */
  Scope scope();

  long realized();

  long unrealized();

  long fees();

  /** Realized minus fees plus unrealized. */
  long pnl();

  RiskLevel riskLevel();

  TradingState tradingState();

  /** Simple returns of the daily equity curve, oldest first; a new array. */
  double[] dailyReturns();

  /** Closed-trade statistics (a strategy's). */
  TradeStatistics trades();
}
