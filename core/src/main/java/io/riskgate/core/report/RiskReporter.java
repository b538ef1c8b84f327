package io.riskgate.core.report;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.monitor.MonitorSettings;
import io.riskgate.core.position.Position;
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
 * concentration the largest absolute exposure ÷ gross. VaR, beta, performance and the correlation
 * matrix are {@link PortfolioRisk}'s. Recommendations follow three rules: a strategy whose drawdown
 * is within 20% of its limit (at least 80% of it used); a pair of held positions whose signed
 * correlation is beyond the correlation alert threshold; a sector holding more than the configured
 * share of the firm's gross exposure.
 */
public final class RiskReporter {
  private static final String[] GROUPS = {
    "instrument", "strategy", "venue", "assetClass", "sector", "side"
  };

  private final ReportState state;
  private final MonitorSettings settings;
  private final PortfolioRisk risk;

  public RiskReporter(ReportState state, MonitorSettings settings) {
    this.state = state;
    this.settings = settings;
    this.risk = new PortfolioRisk(state, settings);
  }

  /** The report at {@code now}, with the alerts still raised. */
  public RiskReport build(long now, List<Alert> alerts) {
    final List<RiskReport.Portfolio> portfolios = new ArrayList<>();
    portfolios.add(risk.portfolio(state.firm(), -1));
    for (int a = 0; a < state.accountCount(); a++) {
      portfolios.add(risk.portfolio(state.account(a), a));
    }
    final List<RiskReport.PositionLine> lines = new ArrayList<>();
    final Map<String, Map<String, double[]>> groups = new LinkedHashMap<>();
    for (String group : GROUPS) {
      groups.put(group, new TreeMap<>());
    }
    final double[] gross = new double[1];
    final int[] sides = new int[2];
    for (int s = 0; s < state.strategyCount(); s++) {
      positionLines(now, s, lines, groups, gross, sides);
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
    for (int s = 0; s < state.strategyCount(); s++) {
      strategies.add(strategy(s));
    }
    final RiskReport.CorrelationMatrix correlation = risk.correlationMatrix();
    return new RiskReport(
        now,
        portfolios,
        new RiskReport.PositionSummary(sides[0] + sides[1], sides[0], sides[1], gross[0]),
        lines,
        exposures,
        strategies,
        correlation,
        alerts,
        recommendations(strategies, correlation, exposures.get("sector"), gross[0]),
        state.currencies());
  }

  /**
   * Adds a strategy's open positions to the lines and the exposure groups; {@code gross[0]} sums
   * the absolute exposures, {@code sides} counts longs and shorts.
   */
  private void positionLines(
      long now,
      int s,
      List<RiskReport.PositionLine> lines,
      Map<String, Map<String, double[]>> groups,
      double[] gross,
      int[] sides) {
    final String strategy = state.strategy(s).name();
    for (Position p : state.positions(s)) {
      if (p == null || p.net == 0) {
        continue;
      }
      final ReportedInstrument instrument = state.instrument(p.instrument);
      final double exposure = PortfolioRisk.exposure(p.net, instrument);
      gross[0] += Math.abs(exposure);
      sides[p.net > 0 ? 0 : 1]++;
      final String side = p.net > 0 ? "long" : "short";
      add(groups.get("instrument"), instrument.definition().symbol(), exposure);
      add(groups.get("strategy"), strategy, exposure);
      add(groups.get("venue"), instrument.definition().venue(), exposure);
      add(groups.get("assetClass"), instrument.definition().assetClass(), exposure);
      add(groups.get("sector"), instrument.definition().sector(), exposure);
      add(groups.get("side"), side, exposure);
      final long mark = state.markPrice(p.instrument, p.net);
      lines.add(
          new RiskReport.PositionLine(
              strategy,
              state.account(state.strategyAccount(s)).name(),
              instrument.definition().symbol(),
              side,
              Fixed.toDouble(p.net),
              Fixed.toDouble(p.averageEntryPrice(instrument.multiplier())),
              Fixed.toDouble(mark),
              Fixed.toDouble(p.unrealized),
              Fixed.toDouble(p.realized - p.fees),
              (now - p.openedAtNanos) / 1e9));
    }
  }

  private static void add(Map<String, double[]> group, String key, double exposure) {
    final double[] value = group.computeIfAbsent(key, k -> new double[2]);
    value[0] += Math.abs(exposure);
    value[1] += exposure;
  }

  // ---------------------------------------------------------------- strategies

  private RiskReport.StrategyLine strategy(int s) {
    final ReportedScope ledger = state.strategy(s);
    final ReportedScope account = state.account(state.strategyAccount(s));
    final long limit = state.bookLimit(s, Limit.MAX_STRATEGY_DRAWDOWN);
    final TradeStatistics trades = ledger.trades();
    final List<ReportedInstrument> held = new ArrayList<>();
    final List<Double> exposures = new ArrayList<>();
    for (Position p : state.positions(s)) {
      if (p != null && p.net != 0) {
        held.add(state.instrument(p.instrument));
        exposures.add(PortfolioRisk.exposure(p.net, state.instrument(p.instrument)));
      }
    }
    final double[] exposureArray = exposures.stream().mapToDouble(Double::doubleValue).toArray();
    final double equity = Fixed.toDouble(ledger.equity());
    final long base = ledger.base();
    return new RiskReport.StrategyLine(
        ledger.name(),
        account.name(),
        Fixed.toDouble(base),
        equity,
        Fixed.toDouble(ledger.dailyPnl()),
        base > 0 ? (double) ledger.drawdownAmount() / base : Double.NaN,
        limit == LimitSet.UNSET ? Double.NaN : Fixed.toDouble(limit),
        ledger.tradingState(),
        trades.tradeCount(),
        trades.winRate(),
        trades.averageWin(),
        trades.averageLoss(),
        trades.profitFactor(),
        trades.expectancy(),
        trades.averageHoldingNanos() / 1e9,
        risk.portfolioBeta(held, exposureArray, equity));
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
    return Long.signum(state.instrument(state.instrumentId(symbol)).firmHolding().net);
  }
}
