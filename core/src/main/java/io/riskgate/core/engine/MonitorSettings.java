package io.riskgate.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Thresholds of the monitoring alerts and of the risk level (the seed's {@code RiskMonitor} and
 * {@code _calculate_portfolio_metrics}), validated whole.
 *
 * @param drawdownAlert drawdown of an account or the firm from its high-water mark (0.25)
 * @param dailyLossAlert loss since the start of the day as a fraction of start-of-day equity (0.08)
 * @param positionCountAlert open positions of an account or the firm (15)
 * @param correlationAlert signed return correlation of two held positions (0.8)
 * @param stalePriceNanos an instrument's price older than this (counted in its session) is stale
 *     when no {@code maxPriceAgeSeconds} limit applies to it (60 s; see {@link PriceStaleness})
 * @param riskLevelMedium drawdown above which the risk level is MEDIUM (0.10)
 * @param riskLevelHigh drawdown above which the risk level is HIGH (0.15)
 * @param riskLevelCritical drawdown above which the risk level is CRITICAL (0.20)
 * @param hysteresis an alert clears only once its value is this fraction back inside its threshold
 *     (0.10: a 25% drawdown alert clears below 22.5%)
 * @param reportIntervalNanos a risk report every this much event time on timed events; 0 = only on
 *     request
 * @param benchmarkSymbol the instrument betas are measured against, or null
 * @param sectorConcentration a sector holding more than this share of gross exposure is flagged in
 *     the report's recommendations (0.40)
 */
public record MonitorSettings(
    double drawdownAlert,
    double dailyLossAlert,
    int positionCountAlert,
    double correlationAlert,
    long stalePriceNanos,
    double riskLevelMedium,
    double riskLevelHigh,
    double riskLevelCritical,
    double hysteresis,
    long reportIntervalNanos,
    String benchmarkSymbol,
    double sectorConcentration) {

  public MonitorSettings {
    final List<String> problems = new ArrayList<>();
    positive(problems, "drawdownAlert", drawdownAlert);
    positive(problems, "dailyLossAlert", dailyLossAlert);
    positive(problems, "correlationAlert", correlationAlert);
    positive(problems, "riskLevelMedium", riskLevelMedium);
    positive(problems, "sectorConcentration", sectorConcentration);
    if (positionCountAlert < 1) {
      problems.add("positionCountAlert must be at least 1, got " + positionCountAlert);
    }
    if (stalePriceNanos <= 0) {
      problems.add("stalePriceNanos must be positive, got " + stalePriceNanos);
    }
    if (!(riskLevelMedium < riskLevelHigh && riskLevelHigh < riskLevelCritical)) {
      problems.add("risk level thresholds must increase: medium < high < critical");
    }
    if (!(hysteresis >= 0 && hysteresis < 1)) {
      problems.add("hysteresis must be in [0, 1), got " + hysteresis);
    }
    if (reportIntervalNanos < 0) {
      problems.add("reportIntervalNanos must not be negative, got " + reportIntervalNanos);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid monitor settings: " + String.join("; ", problems));
    }
  }

  private static void positive(List<String> problems, String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      problems.add(name + " must be a finite positive number, got " + value);
    }
  }

  /** The seed's thresholds; reports only on request; no benchmark. */
  public static MonitorSettings defaults() {
    return new MonitorSettings(
        0.25, 0.08, 15, 0.8, 60_000_000_000L, 0.10, 0.15, 0.20, 0.10, 0, null, 0.40);
  }

  /** A copy with a report every {@code nanos} of event time. */
  public MonitorSettings withReportInterval(long nanos) {
    return new MonitorSettings(
        drawdownAlert,
        dailyLossAlert,
        positionCountAlert,
        correlationAlert,
        stalePriceNanos,
        riskLevelMedium,
        riskLevelHigh,
        riskLevelCritical,
        hysteresis,
        nanos,
        benchmarkSymbol,
        sectorConcentration);
  }

  /** A copy that measures betas against {@code symbol}. */
  public MonitorSettings withBenchmark(String symbol) {
    return new MonitorSettings(
        drawdownAlert,
        dailyLossAlert,
        positionCountAlert,
        correlationAlert,
        stalePriceNanos,
        riskLevelMedium,
        riskLevelHigh,
        riskLevelCritical,
        hysteresis,
        reportIntervalNanos,
        symbol,
        sectorConcentration);
  }
}
