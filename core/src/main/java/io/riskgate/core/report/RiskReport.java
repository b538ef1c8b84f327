package io.riskgate.core.report;

import io.riskgate.core.limit.TradingState;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.monitor.RiskLevel;
import java.util.List;
import java.util.Map;

/**
 * The risk report (the seed's {@code RiskMonitor.generate_risk_report}) done whole: portfolio
 * metrics of the firm and every account, position metrics, exposures by every grouping, strategy
 * metrics from closed trades, the correlation matrix of held instruments, active alerts, and
 * recommendations from documented rules. Money is in the account currency as doubles (a report is
 * for reading; the engine's books stay exact). NaN means "not defined yet" (too little history).
 */
public record RiskReport(
    long timestampNanos,
    List<Portfolio> portfolios,
    PositionSummary positionSummary,
    List<PositionLine> positions,
    Map<String, Map<String, Exposure>> exposures,
    List<StrategyLine> strategies,
    CorrelationMatrix correlation,
    List<Alert> alerts,
    List<String> recommendations,
    List<CurrencyBalance> currencies) {

  /**
   * The balance and net exposure of one currency in the firm or an account (see {@code
   * RiskEngine.currencies}); listed only once the engine has met a rate or an instrument in a
   * currency other than the account's.
   *
   * @param cash the cash balance, in that currency
   * @param positions the market value of its positions, in that currency
   * @param net cash plus positions, in that currency
   * @param netInAccountCurrency the net in the account currency
   */
  public record CurrencyBalance(
      String scope,
      String currency,
      double cash,
      double positions,
      double net,
      double netInAccountCurrency) {}

  /** Totals, risk and performance of the firm or one account. */
  public record Portfolio(
      String scope,
      double equity,
      double realizedPnl,
      double unrealizedPnl,
      double fees,
      double totalPnl,
      double dailyPnl,
      double highWaterMark,
      double drawdown,
      RiskLevel riskLevel,
      double grossExposure,
      double netExposure,
      double leverage,
      double concentration,
      ValueAtRisk valueAtRisk,
      Performance performance,
      double beta) {}

  /**
   * Loss amounts (positive) of the current portfolio over the instruments' return history: by
   * historical simulation, variance–covariance with the sample covariance, and with the EWMA (λ =
   * 0.94) covariance; {@code scenarios} is the number of common returns used.
   */
  public record ValueAtRisk(
      int scenarios,
      double historical95,
      double historicalCvar95,
      double historical99,
      double historicalCvar99,
      double parametric95,
      double parametric99,
      double ewma95,
      double ewma99,
      double historical95OfEquity) {}

  /** Statistics of the daily equity curve (DESIGN.md section 5 conventions). */
  public record Performance(
      int days,
      double annualReturn,
      double annualVolatility,
      double sharpe,
      double sortino,
      double calmar,
      double maxDrawdown) {}

  /** Counts and gross exposure of all positions. */
  public record PositionSummary(
      int total, int longPositions, int shortPositions, double grossExposure) {}

  /** One position as the dashboard lists it. */
  public record PositionLine(
      String strategy,
      String account,
      String symbol,
      String side,
      double quantity,
      double averageEntryPrice,
      double markPrice,
      double unrealizedPnl,
      double realizedPnl,
      double ageSeconds) {}

  /** Gross (sum of absolute values) and net (signed sum) exposure of one group. */
  public record Exposure(double gross, double net) {}

  /** One strategy's equity, drawdown against its limit, and closed-trade statistics. */
  public record StrategyLine(
      String strategy,
      String account,
      double allocation,
      double equity,
      double dailyPnl,
      double drawdown,
      double drawdownLimit,
      TradingState state,
      long tradeCount,
      double winRate,
      double averageWin,
      double averageLoss,
      double profitFactor,
      double expectancy,
      double averageHoldingSeconds,
      double beta) {}

  /**
   * Correlation of recent returns between held instruments: Pearson over the rolling window ({@code
   * values}) and EWMA with λ = 0.94 over the common returns ({@code ewma}).
   */
  public record CorrelationMatrix(List<String> symbols, double[][] values, double[][] ewma) {}
}
