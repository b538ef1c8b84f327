package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.report.RiskReport;
import io.riskgate.core.risk.HistoricalVar;
import io.riskgate.core.risk.VarResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every monitoring alert raised on the way into its condition and cleared on the way out. */
class MonitorTest {
  private static final long T0 = EngineFixture.T0;
  private static final long SECOND = EngineFixture.SECOND;

  private final List<Alert> alerts = new ArrayList<>();
  private final List<RiskReport> reports = new ArrayList<>();
  private final RiskEngine engine;
  private long time = T0;
  private int orders;

  MonitorTest() {
    final EngineConfig config = EngineFixture.noDefaults();
    engine =
        new RiskEngine(
            config,
            new OutputSink() {
              @Override
              public void onAlert(Alert alert) {
                alerts.add(alert);
              }

              @Override
              public void onReport(RiskReport report) {
                reports.add(report);
              }
            });
    engine.apply(new Event.Account(T0, "A1", Fixed.ofLong(1_000_000), "USD"));
    engine.apply(new Event.Strategy(T0, "S1", "A1", Fixed.ofLong(500_000)));
    for (String symbol : new String[] {"AAA", "BBB"}) {
      engine.apply(
          new Event.Instrument(
              Event.NO_TIME,
              symbol,
              "X",
              "USD",
              Fixed.parse("0.01"),
              Fixed.ONE,
              Fixed.ONE,
              "equity",
              "tech"));
    }
  }

  private long tick() {
    return time += SECOND;
  }

  private void bid(String symbol, String bid) {
    final long b = Fixed.parse(bid);
    engine.apply(new Event.Price(tick(), symbol, b, b + Fixed.parse("0.02"), 0));
  }

  private void buy(String symbol, long quantity, String price) {
    final String id = "o" + (++orders);
    engine.apply(
        new Event.Order(
            tick(),
            id,
            "A1",
            "S1",
            symbol,
            Side.BUY,
            Fixed.ofLong(quantity),
            Fixed.parse(price),
            0));
    engine.apply(
        new Event.Fill(tick(), "f" + id, id, Fixed.ofLong(quantity), Fixed.parse(price), 0));
  }

  private void limits(String scope, Limit limit, String value) {
    engine.apply(
        new Event.Limits(
            tick(),
            Scope.parse(scope),
            Map.of(limit, value == null ? LimitSet.UNSET : Fixed.parse(value)),
            "t"));
  }

  private List<Alert> alerts(String code) {
    return alerts.stream().filter(a -> a.code().equals(code)).toList();
  }

  @Test
  void stopLossIsRaisedOnceAndClearedOnlyPastTheHysteresis() {
    limits("account:A1", Limit.STOP_LOSS, "0.10");
    bid("AAA", "100.00");
    buy("AAA", 100, "100.00");
    bid("AAA", "90.00"); // loss exactly 10%: not beyond
    assertTrue(alerts("STOP_LOSS").isEmpty());
    bid("AAA", "89.99");
    bid("AAA", "89.98");
    bid("AAA", "89.99");
    assertEquals(1, alerts("STOP_LOSS").size(), alerts.toString());
    assertTrue(alerts("STOP_LOSS").get(0).raised());
    bid("AAA", "90.50"); // 9.5%: inside the threshold but not by the 10% hysteresis (9%)
    assertEquals(1, alerts("STOP_LOSS").size());
    bid("AAA", "91.01"); // 8.99%: cleared
    assertEquals(2, alerts("STOP_LOSS").size());
    assertFalse(alerts("STOP_LOSS").get(1).raised());
    assertTrue(engine.activeAlerts().stream().noneMatch(a -> a.code().equals("STOP_LOSS")));
  }

  @Test
  void trailingStopFollowsTheBestMark() {
    limits("strategy:S1", Limit.TRAILING_STOP, "0.05");
    bid("AAA", "100.00");
    buy("AAA", 10, "100.00");
    bid("AAA", "120.00"); // best 120
    bid("AAA", "114.00"); // 5% below the best: not beyond
    assertTrue(alerts("TRAILING_STOP").isEmpty());
    bid("AAA", "113.99");
    assertEquals(1, alerts("TRAILING_STOP").size());
    assertEquals("strategy:S1", alerts("TRAILING_STOP").get(0).scope().toString());
  }

  @Test
  void positionTimeoutUsesEventTimeAndClearsWhenThePositionCloses() {
    limits("account:A1", Limit.POSITION_TIMEOUT_SECONDS, "3600");
    bid("AAA", "100.00");
    buy("AAA", 10, "100.00");
    final long opened = time;
    engine.apply(new Event.Timer(opened + 3600 * SECOND));
    assertTrue(alerts("POSITION_TIMEOUT").isEmpty());
    time = opened + 3601 * SECOND;
    bid("AAA", "100.00");
    engine.apply(new Event.Timer(tick()));
    assertEquals(1, alerts("POSITION_TIMEOUT").size());
    engine.apply(
        new Event.Order(
            tick(),
            "close",
            "A1",
            "S1",
            "AAA",
            Side.SELL,
            Fixed.ofLong(10),
            Fixed.parse("100.00"),
            0));
    engine.apply(new Event.Fill(tick(), "fc", "close", Fixed.ofLong(10), Fixed.parse("100.00"), 0));
    assertEquals(2, alerts("POSITION_TIMEOUT").size());
    assertFalse(alerts("POSITION_TIMEOUT").get(1).raised());
  }

  @Test
  void stalePriceOfAHeldInstrumentOnTimers() {
    bid("AAA", "100.00");
    buy("AAA", 10, "100.00");
    bid("AAA", "100.00");
    engine.apply(new Event.Timer(time + 60 * SECOND));
    assertTrue(alerts("STALE_PRICE").isEmpty());
    time += 61 * SECOND;
    engine.apply(new Event.Timer(time));
    assertEquals(1, alerts("STALE_PRICE").size());
    bid("AAA", "100.00");
    engine.apply(new Event.Timer(tick()));
    assertEquals(2, alerts("STALE_PRICE").size());
    assertFalse(alerts("STALE_PRICE").get(1).raised());
  }

  @Test
  void drawdownDailyLossAndRiskLevelOfTheAccount() {
    bid("AAA", "100.00");
    buy("AAA", 10_000, "100.00"); // 1,000,000 of AAA on 1,000,000 equity
    bid("AAA", "92.00"); // 8% loss: at the daily loss alert threshold, not beyond
    assertTrue(alerts("DAILY_LOSS").isEmpty());
    bid("AAA", "91.99");
    assertEquals(2, alerts("DAILY_LOSS").size(), "account and firm"); // A1 and the firm
    bid("AAA", "89.99"); // drawdown 10.01%: MEDIUM
    assertTrue(alerts("RISK_LEVEL").stream().anyMatch(a -> a.message().contains("LOW -> MEDIUM")));
    bid("AAA", "79.99"); // 20.01%: CRITICAL
    assertTrue(
        alerts("RISK_LEVEL").stream()
            .anyMatch(
                a ->
                    a.level() == Alert.Level.CRITICAL
                        && a.scope().toString().equals("account:A1")));
    bid("AAA", "74.99"); // 25.01%: drawdown alert
    assertEquals(2, alerts("PORTFOLIO_DRAWDOWN").size());
    bid("AAA", "85.00"); // back to 15% drawdown: the 25% alert clears, the level steps down
    assertTrue(alerts("PORTFOLIO_DRAWDOWN").stream().anyMatch(a -> !a.raised()));
    assertTrue(
        alerts("RISK_LEVEL").stream().anyMatch(a -> a.message().contains("CRITICAL -> HIGH")));
  }

  @Test
  void positionCountAboveFifteen() {
    for (int i = 0; i < 16; i++) {
      engine.apply(
          new Event.Instrument(
              Event.NO_TIME,
              "X" + i,
              "X",
              "USD",
              Fixed.parse("0.01"),
              Fixed.ONE,
              Fixed.ONE,
              "equity",
              "tech"));
      bid("X" + i, "10.00");
      buy("X" + i, 1, "10.02");
      assertEquals(i == 15 ? 2 : 0, alerts("POSITION_COUNT").size(), "after " + (i + 1));
    }
  }

  /** Daily bars for both instruments; BBB's returns are AAA's times {@code factor}. */
  private void bars(double factor) {
    double a = 100;
    double b = 50;
    final double[] moves = {0.01, -0.02, 0.015, 0.005, -0.01, 0.02, -0.005, 0.012, -0.007, 0.003};
    for (int round = 0; round < 3; round++) {
      for (double move : moves) {
        a *= 1 + move;
        b *= 1 + factor * move;
        final long ca = Fixed.parse(String.format(java.util.Locale.ROOT, "%.2f", a));
        final long cb = Fixed.parse(String.format(java.util.Locale.ROOT, "%.2f", b));
        engine.apply(new Event.Bar(tick(), "AAA", ca, ca, ca, ca, Fixed.ofLong(1000)));
        engine.apply(new Event.Bar(tick(), "BBB", cb, cb, cb, cb, Fixed.ofLong(1000)));
      }
    }
  }

  @Test
  void correlatedPositionsRaiseAnAlertOnTimers() {
    bars(1.0);
    bid("AAA", "100.00");
    bid("BBB", "50.00");
    buy("AAA", 10, "100.02");
    buy("BBB", 10, "50.02");
    engine.apply(new Event.Timer(tick()));
    assertEquals(1, alerts("CORRELATION").size(), alerts.toString());
    engine.apply(new Event.Timer(tick()));
    assertEquals(1, alerts("CORRELATION").size());
  }

  @Test
  void theReportHoldsExposuresVarAndTradeStatistics() {
    bars(0.5);
    bid("AAA", "100.00");
    bid("BBB", "50.00");
    buy("AAA", 100, "100.02");
    buy("BBB", 200, "50.02");
    engine.apply(new Event.ReportRequest(tick()));
    assertEquals(1, reports.size());
    final RiskReport report = reports.get(0);
    assertEquals(2, report.positionSummary().longPositions());
    assertEquals(
        100 * 100.01 + 200 * 50.01,
        report.exposures().get("instrument").values().stream()
            .mapToDouble(RiskReport.Exposure::net)
            .sum(),
        1e-6);
    assertEquals(1, report.exposures().get("sector").size());
    final RiskReport.Portfolio account = report.portfolios().get(1);
    assertEquals("account:A1", account.scope());
    // Independent check of the historical VaR: the same 30 common returns, computed directly.
    final InstrumentState a = engine.instruments[engine.instrumentId("AAA")];
    final InstrumentState b = engine.instruments[engine.instrumentId("BBB")];
    final int n = account.valueAtRisk().scenarios();
    assertEquals(29, n); // 30 closes give 29 returns
    final double[] pnl = new double[n];
    for (int k = 0; k < n; k++) {
      pnl[k] = 100 * 100.01 * a.recentReturn(k) + 200 * 50.01 * b.recentReturn(k);
    }
    // VaR = −(5th percentile of the scenario PnL, linear interpolation).
    java.util.Arrays.sort(pnl);
    final double position = (n - 1) * 0.05;
    final int below = (int) Math.floor(position);
    final double expected =
        -(pnl[below] + (position - below) * (pnl[Math.min(below + 1, n - 1)] - pnl[below]));
    assertEquals(expected, account.valueAtRisk().historical95(), 1e-9);
    final VarResult direct = new VarResult();
    final double[][] matrix = new double[2][n];
    for (int k = 0; k < n; k++) {
      matrix[0][n - 1 - k] = a.recentReturn(k);
      matrix[1][n - 1 - k] = b.recentReturn(k);
    }
    new HistoricalVar(n).compute(matrix, new double[] {100 * 100.01, 200 * 50.01}, direct);
    assertEquals(direct.var99(), account.valueAtRisk().historical99(), 1e-9);
    assertTrue(account.valueAtRisk().parametric95() > 0);
    assertEquals(1.0, report.correlation().values()[0][0]);
    assertEquals(1.0, report.correlation().ewma()[0][0], 1e-12);
    assertEquals(report.correlation().ewma()[0][1], report.correlation().ewma()[1][0], 1e-12);
    assertTrue(report.correlation().ewma()[0][1] > 0.9, "BBB moves with AAA at half the size");
    assertTrue(report.recommendations().stream().anyMatch(r -> r.contains("sector tech")));
  }
}
