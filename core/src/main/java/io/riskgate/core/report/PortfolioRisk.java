package io.riskgate.core.report;

import io.riskgate.core.Fixed;
import io.riskgate.core.monitor.MonitorSettings;
import io.riskgate.core.position.Holding;
import io.riskgate.core.risk.Correlation;
import io.riskgate.core.risk.Covariance;
import io.riskgate.core.risk.HistoricalVar;
import io.riskgate.core.risk.ParametricVar;
import io.riskgate.core.risk.VarResult;
import io.riskgate.core.stats.ReturnConventions;
import io.riskgate.core.stats.ReturnStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The portfolio figures of the risk report: a scope's exposures, VaR, performance and beta, and the
 * correlation matrix of the firm's holdings. Reads only.
 *
 * <p>VaR uses the most recent returns common to every held instrument (at most the engine's return
 * history capacity); a portfolio beta is Σ exposureᵢ·βᵢ ÷ equity with βᵢ = cov(rᵢ, r_b) ÷ var(r_b)
 * over common returns against the configured benchmark instrument. Performance is from the scope's
 * equity at each trading-day start (daily simple returns, 252 periods per year, no risk-free rate).
 */
final class PortfolioRisk {
  private static final int MIN_SCENARIOS = 20;

  private final ReportState state;
  private final MonitorSettings settings;

  PortfolioRisk(ReportState state, MonitorSettings settings) {
    this.state = state;
    this.settings = settings;
  }

  /** Net quantity at the reference price, in the account currency (a long at the low side). */
  static double exposure(long net, ReportedInstrument instrument) {
    final long price = instrument.referencePrice();
    final double own =
        price == 0
            ? 0
            : Fixed.toDouble(net) * Fixed.toDouble(price) * Fixed.toDouble(instrument.multiplier());
    return !instrument.foreign() || !instrument.rateKnown()
        ? own
        : own * instrument.rateFactor(net < 0);
  }

  /** The portfolio of the firm ({@code account} -1) or of an account. */
  RiskReport.Portfolio portfolio(ReportedScope ledger, int account) {
    final List<ReportedInstrument> held = new ArrayList<>();
    final List<Double> exposureList = new ArrayList<>();
    for (int i = 0; i < state.instrumentCount(); i++) {
      final ReportedInstrument instrument = state.instrument(i);
      final Holding holding =
          account < 0 ? instrument.firmHolding() : instrument.heldByAccount(account);
      if (holding != null && holding.net != 0) {
        held.add(instrument);
        exposureList.add(exposure(holding.net, instrument));
      }
    }
    final double[] exposures = new double[held.size()];
    double gross = 0;
    double net = 0;
    double largest = 0;
    for (int i = 0; i < exposures.length; i++) {
      exposures[i] = exposureList.get(i);
      gross += Math.abs(exposures[i]);
      net += exposures[i];
      largest = Math.max(largest, Math.abs(exposures[i]));
    }
    final double equity = Fixed.toDouble(ledger.equity());
    return new RiskReport.Portfolio(
        ledger.scope().toString(),
        equity,
        Fixed.toDouble(ledger.realized()),
        Fixed.toDouble(ledger.unrealized()),
        Fixed.toDouble(ledger.fees()),
        Fixed.toDouble(ledger.pnl()),
        Fixed.toDouble(ledger.dailyPnl()),
        Fixed.toDouble(ledger.highWaterMark()),
        ledger.drawdownFraction(),
        ledger.riskLevel(),
        gross,
        net,
        equity > 0 ? gross / equity : Double.NaN,
        gross > 0 ? largest / gross : 0,
        valueAtRisk(held, exposures, equity),
        performance(ledger),
        portfolioBeta(held, exposures, equity));
  }

  private RiskReport.ValueAtRisk valueAtRisk(
      List<ReportedInstrument> held, double[] exposures, double equity) {
    int scenarios = state.returnHistoryCapacity();
    for (ReportedInstrument instrument : held) {
      scenarios = Math.min(scenarios, instrument.returnCount());
    }
    if (held.isEmpty()) {
      return new RiskReport.ValueAtRisk(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    if (scenarios < MIN_SCENARIOS) {
      final double nan = Double.NaN;
      return new RiskReport.ValueAtRisk(scenarios, nan, nan, nan, nan, nan, nan, nan, nan, nan);
    }
    final double[][] returns = scenarioMatrix(held, scenarios);
    final VarResult historical = new VarResult();
    new HistoricalVar(scenarios).compute(returns, 0, scenarios, exposures, Double.NaN, historical);
    final double[][] covariance = new double[held.size()][held.size()];
    Covariance.sample(returns, 0, scenarios, covariance);
    final VarResult parametric = new VarResult();
    ParametricVar.compute(covariance, exposures, parametric);
    Covariance.ewma(returns, 0, scenarios, Covariance.RISKMETRICS_DAILY_LAMBDA, covariance);
    final VarResult ewma = new VarResult();
    ParametricVar.compute(covariance, exposures, ewma);
    return new RiskReport.ValueAtRisk(
        scenarios,
        historical.var95(),
        historical.cvar95(),
        historical.var99(),
        historical.cvar99(),
        parametric.var95(),
        parametric.var99(),
        ewma.var95(),
        ewma.var99(),
        equity > 0 ? historical.var95() / equity : Double.NaN);
  }

  /** {@code [instrument][scenario]}, oldest scenario first, the most recent common returns. */
  private static double[][] scenarioMatrix(List<ReportedInstrument> held, int scenarios) {
    final double[][] returns = new double[held.size()][scenarios];
    for (int i = 0; i < held.size(); i++) {
      for (int k = 0; k < scenarios; k++) {
        returns[i][scenarios - 1 - k] = held.get(i).recentReturn(k);
      }
    }
    return returns;
  }

  private static RiskReport.Performance performance(ReportedScope ledger) {
    final double[] returns = ledger.dailyReturns();
    final ReturnConventions daily = ReturnConventions.DAILY;
    return new RiskReport.Performance(
        returns.length,
        ReturnStatistics.annualReturn(returns, daily),
        ReturnStatistics.annualVolatility(returns, daily),
        ReturnStatistics.sharpe(returns, daily),
        ReturnStatistics.sortino(returns, daily),
        ReturnStatistics.calmar(returns, daily),
        ReturnStatistics.maxDrawdown(returns));
  }

  /** Σ exposureᵢ·βᵢ ÷ equity against the benchmark; NaN without one or without history. */
  double portfolioBeta(List<ReportedInstrument> held, double[] exposures, double equity) {
    final ReportedInstrument benchmark = benchmark();
    if (benchmark == null || !(equity > 0)) {
      return Double.NaN;
    }
    double beta = 0;
    for (int i = 0; i < held.size(); i++) {
      final double b = beta(held.get(i), benchmark);
      if (Double.isNaN(b)) {
        return Double.NaN;
      }
      beta += exposures[i] * b;
    }
    return beta / equity;
  }

  private ReportedInstrument benchmark() {
    final String symbol = settings.benchmarkSymbol();
    if (symbol == null) {
      return null;
    }
    final int id = state.instrumentId(symbol);
    return id < 0 ? null : state.instrument(id);
  }

  /** cov(r, r_b) ÷ var(r_b) over the most recent common returns; NaN below the minimum. */
  private static double beta(ReportedInstrument instrument, ReportedInstrument benchmark) {
    final int n = Math.min(instrument.returnCount(), benchmark.returnCount());
    if (n < MIN_SCENARIOS) {
      return Double.NaN;
    }
    final double[] r = new double[n];
    final double[] b = new double[n];
    for (int k = 0; k < n; k++) {
      r[k] = instrument.recentReturn(k);
      b[k] = benchmark.recentReturn(k);
    }
    return ReturnStatistics.beta(r, b);
  }

  /** The correlation matrices (sample over the lookback, and EWMA) of the firm's holdings. */
  RiskReport.CorrelationMatrix correlationMatrix() {
    final List<ReportedInstrument> held = new ArrayList<>();
    for (int i = 0; i < state.instrumentCount(); i++) {
      if (state.instrument(i).firmHolding().net != 0) {
        held.add(state.instrument(i));
      }
    }
    final List<String> symbols = new ArrayList<>();
    final double[][] values = new double[held.size()][held.size()];
    final int lookback = state.defaultCorrelationLookback();
    final int minimum = state.defaultCorrelationMinObservations();
    for (int x = 0; x < held.size(); x++) {
      symbols.add(held.get(x).definition().symbol());
      for (int y = 0; y < held.size(); y++) {
        values[x][y] =
            x == y ? 1.0 : state.correlation(held.get(x).id(), held.get(y).id(), lookback, minimum);
      }
    }
    final double[][] ewma = new double[held.size()][held.size()];
    int common = lookback;
    for (ReportedInstrument instrument : held) {
      common = Math.min(common, instrument.returnCount());
    }
    if (held.isEmpty() || common < minimum) {
      for (double[] row : ewma) {
        Arrays.fill(row, Double.NaN);
      }
    } else {
      Correlation.ewma(
          scenarioMatrix(held, common), common, Covariance.RISKMETRICS_DAILY_LAMBDA, ewma);
    }
    return new RiskReport.CorrelationMatrix(symbols, values, ewma);
  }
}
