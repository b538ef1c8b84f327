package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;
import io.riskgate.core.risk.Correlation;
import io.riskgate.core.risk.Covariance;
import io.riskgate.core.risk.HistoricalVar;
import io.riskgate.core.risk.ParametricVar;
import io.riskgate.core.risk.VarResult;
import io.riskgate.core.stats.ReturnConventions;
import io.riskgate.core.stats.ReturnStatistics;
import io.riskgate.core.stats.TradeStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@link RiskReport} from the engine's state, on request or on the report cadence; never
 * on the order path. Reads only.
 *
 * <p>Conventions: exposure of a holding is its net quantity at the reference price (mid, else
 * last); gross is the sum of absolute exposures, net the signed sum, leverage gross ÷ equity,
 * concentration the largest absolute exposure ÷ gross. VaR uses the most recent returns common to
 * every held instrument (at most {@link EngineConfig#returnHistoryCapacity()}); a portfolio beta is
 * Σ exposureᵢ·βᵢ ÷ equity with βᵢ = cov(rᵢ, r_b) ÷ var(r_b) over common returns against the
 * configured benchmark instrument. Performance is from the scope's equity at each trading-day start
 * (daily simple returns, 252 periods per year, no risk-free rate). Recommendations follow three
 * rules: a strategy whose drawdown is within 20% of its limit (at least 80% of it used); a pair of
 * held positions whose signed correlation is beyond the correlation alert threshold; a sector
 * holding more than the configured share of the firm's gross exposure.
 */
final class RiskReporter {
  private static final int MIN_SCENARIOS = 20;

  private final RiskEngine engine;
  private final MonitorSettings settings;

  RiskReporter(RiskEngine engine, MonitorSettings settings) {
    this.engine = engine;
    this.settings = settings;
  }

  RiskReport build(long now, List<Alert> alerts) {
    final List<RiskReport.Portfolio> portfolios = new ArrayList<>();
    portfolios.add(portfolio(engine.firm, -1));
    for (int a = 0; a < engine.accountCount; a++) {
      portfolios.add(portfolio(engine.accounts[a], a));
    }
    final List<RiskReport.PositionLine> lines = new ArrayList<>();
    int longs = 0;
    int shorts = 0;
    double gross = 0;
    final Map<String, Map<String, double[]>> groups = new LinkedHashMap<>();
    for (String group :
        new String[] {"instrument", "strategy", "venue", "assetClass", "sector", "side"}) {
      groups.put(group, new TreeMap<>());
    }
    for (int s = 0; s < engine.strategyCount; s++) {
      for (Position p : engine.positions[s]) {
        if (p == null || p.net == 0) {
          continue;
        }
        final InstrumentState instrument = engine.instruments[p.instrument];
        final double exposure = exposure(p.net, instrument);
        gross += Math.abs(exposure);
        if (p.net > 0) {
          longs++;
        } else {
          shorts++;
        }
        final String side = p.net > 0 ? "long" : "short";
        add(groups.get("instrument"), instrument.definition.symbol(), exposure);
        add(groups.get("strategy"), engine.strategies[s].name, exposure);
        add(groups.get("venue"), instrument.definition.venue(), exposure);
        add(groups.get("assetClass"), instrument.definition.assetClass(), exposure);
        add(groups.get("sector"), instrument.definition.sector(), exposure);
        add(groups.get("side"), side, exposure);
        final long mark = instrument.markPrice(p.net, engine.config.markMode());
        lines.add(
            new RiskReport.PositionLine(
                engine.strategies[s].name,
                engine.accounts[engine.strategyAccount[s]].name,
                instrument.definition.symbol(),
                side,
                Fixed.toDouble(p.net),
                Fixed.toDouble(p.averageEntryPrice(instrument.multiplier())),
                Fixed.toDouble(mark),
                Fixed.toDouble(p.unrealized),
                Fixed.toDouble(p.realized - p.fees),
                (now - p.openedAtNanos) / 1e9));
      }
    }
    final Map<String, Map<String, RiskReport.Exposure>> exposures = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, double[]>> group : groups.entrySet()) {
      final Map<String, RiskReport.Exposure> values = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> entry : group.getValue().entrySet()) {
        values.put(
            entry.getKey(), new RiskReport.Exposure(entry.getValue()[0], entry.getValue()[1]));
      }
      exposures.put(group.getKey(), values);
    }
    final List<RiskReport.StrategyLine> strategies = new ArrayList<>();
    for (int s = 0; s < engine.strategyCount; s++) {
      strategies.add(strategy(s));
    }
    final RiskReport.CorrelationMatrix correlation = correlationMatrix();
    return new RiskReport(
        now,
        portfolios,
        new RiskReport.PositionSummary(longs + shorts, longs, shorts, gross),
        lines,
        exposures,
        strategies,
        correlation,
        alerts,
        recommendations(strategies, correlation, exposures.get("sector"), gross),
        currencies());
  }

  private List<RiskReport.CurrencyBalance> currencies() {
    final List<RiskReport.CurrencyBalance> list = new ArrayList<>();
    if (engine.foreignInstruments == 0 && engine.fxRates.count == 0) {
      return list;
    }
    addCurrencies(list, engine.firm.scope().toString(), null);
    for (int a = 0; a < engine.accountCount; a++) {
      addCurrencies(list, engine.accounts[a].scope().toString(), engine.accounts[a].name);
    }
    return list;
  }

  private void addCurrencies(List<RiskReport.CurrencyBalance> list, String scope, String account) {
    for (RiskEngine.CurrencyView c : engine.currencies(account)) {
      list.add(
          new RiskReport.CurrencyBalance(
              scope,
              c.currency(),
              Fixed.toDouble(c.cash()),
              Fixed.toDouble(c.positions()),
              Fixed.toDouble(c.net()),
              Fixed.toDouble(c.netInAccountCurrency())));
    }
  }

  private static void add(Map<String, double[]> group, String key, double exposure) {
    final double[] value = group.computeIfAbsent(key, k -> new double[2]);
    value[0] += Math.abs(exposure);
    value[1] += exposure;
  }

  /** Net quantity at the reference price, in the account currency (a long at the low side). */
  private static double exposure(long net, InstrumentState instrument) {
    final long price = instrument.referencePrice();
    final double own =
        price == 0
            ? 0
            : Fixed.toDouble(net) * Fixed.toDouble(price) * Fixed.toDouble(instrument.multiplier());
    return instrument.fx == null || !instrument.fx.exists()
        ? own
        : own * instrument.fx.factor(net < 0);
  }

  // ---------------------------------------------------------------- portfolios

  private RiskReport.Portfolio portfolio(Ledger ledger, int account) {
    final List<InstrumentState> held = new ArrayList<>();
    final List<Double> exposureList = new ArrayList<>();
    for (int i = 0; i < engine.instrumentCount; i++) {
      final InstrumentState instrument = engine.instruments[i];
      final Holding holding =
          account < 0
              ? instrument.firm
              : account < instrument.accountHoldings.length
                  ? instrument.accountHoldings[account]
                  : null;
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
        Fixed.toDouble(ledger.realized),
        Fixed.toDouble(ledger.unrealized),
        Fixed.toDouble(ledger.fees),
        Fixed.toDouble(ledger.pnl()),
        Fixed.toDouble(ledger.dailyPnl()),
        Fixed.toDouble(ledger.highWaterMark),
        ledger.drawdownFraction(),
        ledger.riskLevel,
        gross,
        net,
        equity > 0 ? gross / equity : Double.NaN,
        gross > 0 ? largest / gross : 0,
        valueAtRisk(held, exposures, equity),
        performance(ledger),
        portfolioBeta(held, exposures, equity));
  }

  private RiskReport.ValueAtRisk valueAtRisk(
      List<InstrumentState> held, double[] exposures, double equity) {
    int scenarios = engine.config.returnHistoryCapacity();
    for (InstrumentState instrument : held) {
      scenarios = Math.min(scenarios, instrument.returnCount);
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
  private static double[][] scenarioMatrix(List<InstrumentState> held, int scenarios) {
    final double[][] returns = new double[held.size()][scenarios];
    for (int i = 0; i < held.size(); i++) {
      for (int k = 0; k < scenarios; k++) {
        returns[i][scenarios - 1 - k] = held.get(i).recentReturn(k);
      }
    }
    return returns;
  }

  private static RiskReport.Performance performance(Ledger ledger) {
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

  private double portfolioBeta(List<InstrumentState> held, double[] exposures, double equity) {
    final InstrumentState benchmark = benchmark();
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

  private InstrumentState benchmark() {
    final String symbol = settings.benchmarkSymbol();
    if (symbol == null) {
      return null;
    }
    final int id = engine.instrumentId(symbol);
    return id < 0 ? null : engine.instruments[id];
  }

  /** cov(r, r_b) ÷ var(r_b) over the most recent common returns; NaN below the minimum. */
  private static double beta(InstrumentState instrument, InstrumentState benchmark) {
    final int n = Math.min(instrument.returnCount, benchmark.returnCount);
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

  // ---------------------------------------------------------------- strategies

  private RiskReport.StrategyLine strategy(int s) {
    final Ledger ledger = engine.strategies[s];
    final Ledger account = engine.accounts[engine.strategyAccount[s]];
    final long limit = engine.bookLimit(s, Limit.MAX_STRATEGY_DRAWDOWN);
    final TradeStatistics trades = ledger.trades;
    final List<InstrumentState> held = new ArrayList<>();
    final List<Double> exposures = new ArrayList<>();
    for (Position p : engine.positions[s]) {
      if (p != null && p.net != 0) {
        held.add(engine.instruments[p.instrument]);
        exposures.add(exposure(p.net, engine.instruments[p.instrument]));
      }
    }
    final double[] exposureArray = exposures.stream().mapToDouble(Double::doubleValue).toArray();
    final double equity = Fixed.toDouble(ledger.equity());
    return new RiskReport.StrategyLine(
        ledger.name,
        account.name,
        Fixed.toDouble(ledger.base),
        equity,
        Fixed.toDouble(ledger.dailyPnl()),
        ledger.base > 0 ? (double) ledger.drawdownAmount() / ledger.base : Double.NaN,
        limit == LimitSet.UNSET ? Double.NaN : Fixed.toDouble(limit),
        ledger.state,
        trades.tradeCount(),
        trades.winRate(),
        trades.averageWin(),
        trades.averageLoss(),
        trades.profitFactor(),
        trades.expectancy(),
        trades.averageHoldingNanos() / 1e9,
        portfolioBeta(held, exposureArray, equity));
  }

  // ---------------------------------------------------------------- correlation

  private RiskReport.CorrelationMatrix correlationMatrix() {
    final List<InstrumentState> held = new ArrayList<>();
    for (int i = 0; i < engine.instrumentCount; i++) {
      if (engine.instruments[i].firm.net != 0) {
        held.add(engine.instruments[i]);
      }
    }
    final List<String> symbols = new ArrayList<>();
    final double[][] values = new double[held.size()][held.size()];
    final int lookback = engine.config.defaultCorrelationLookback();
    final int minimum = engine.config.defaultCorrelationMinObservations();
    for (int x = 0; x < held.size(); x++) {
      symbols.add(held.get(x).definition.symbol());
      for (int y = 0; y < held.size(); y++) {
        values[x][y] =
            x == y
                ? 1.0
                : CorrelationMeasure.correlation(held.get(x), held.get(y), lookback, minimum);
      }
    }
    final double[][] ewma = new double[held.size()][held.size()];
    int common = lookback;
    for (InstrumentState instrument : held) {
      common = Math.min(common, instrument.returnCount);
    }
    if (held.isEmpty() || common < minimum) {
      for (double[] row : ewma) {
        java.util.Arrays.fill(row, Double.NaN);
      }
    } else {
      Correlation.ewma(
          scenarioMatrix(held, common), common, Covariance.RISKMETRICS_DAILY_LAMBDA, ewma);
    }
    return new RiskReport.CorrelationMatrix(symbols, values, ewma);
  }

  // ---------------------------------------------------------------- recommendations

  private List<String> recommendations(
      List<RiskReport.StrategyLine> strategies,
      RiskReport.CorrelationMatrix correlation,
      Map<String, RiskReport.Exposure> sectors,
      double gross) {
    final List<String> out = new ArrayList<>();
    for (RiskReport.StrategyLine s : strategies) {
      if (s.drawdownLimit() > 0 && s.drawdown() >= 0.8 * s.drawdownLimit()) {
        out.add(
            String.format(
                "strategy %s has used %.0f%% of its drawdown limit: reduce its allocation",
                s.strategy(), 100 * s.drawdown() / s.drawdownLimit()));
      }
    }
    final int n = correlation.symbols().size();
    for (int x = 0; x < n; x++) {
      for (int y = x + 1; y < n; y++) {
        final double rho = correlation.values()[x][y];
        final String a = correlation.symbols().get(x);
        final String b = correlation.symbols().get(y);
        final double signed = rho * sideOf(a) * sideOf(b);
        if (signed > settings.correlationAlert()) {
          out.add(
              String.format(
                  "%s and %s positions have signed correlation %.2f: reduce one of them",
                  a, b, signed));
        }
      }
    }
    if (gross > 0) {
      for (Map.Entry<String, RiskReport.Exposure> sector : sectors.entrySet()) {
        final double share = sector.getValue().gross() / gross;
        if (share > settings.sectorConcentration()) {
          out.add(
              String.format(
                  "sector %s holds %.0f%% of gross exposure: diversify",
                  sector.getKey(), 100 * share));
        }
      }
    }
    return out;
  }

  private int sideOf(String symbol) {
    return Long.signum(engine.instruments[engine.instrumentId(symbol)].firm.net);
  }
}
