package io.riskgate.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * When the kill switch trips by itself, and how hard it tries to flatten. Each automatic trigger is
 * on with the seed's value by default and switched off by 0 (or false). Portfolio triggers are held
 * against the firm and every account (each kills its own scope); system triggers kill the firm.
 *
 * @param maxDrawdown kills when the drawdown from the high-water mark is beyond this (seed: 0.30)
 * @param criticalDrawdown the seed's risk level CRITICAL (drawdown beyond 0.20): kills likewise
 * @param maxPositions kills when more than this many positions are open (seed: 20)
 * @param maxDailyLoss kills when the day's loss is beyond this fraction of start-of-day equity
 *     (seed: 0.15)
 * @param killOnVenueDisconnect kills when a {@code venueStatus} reports a venue disconnected
 * @param maxVenueLatencyMs kills when a venue's round-trip latency is beyond this
 * @param killOnStaleData kills the firm when an instrument's market data goes stale (a position or
 *     open order, the session open, the price older than its limit: see {@link PriceStaleness});
 *     off by default, since the {@code STALE_PRICE} alert and check already act on it
 * @param maxTickJump kills when a price moves beyond this fraction from the previous one (a bad
 *     tick)
 * @param retryIntervalNanos an unconfirmed cancel or flatten is sent again after this long
 * @param maxAttempts attempts per cancel or flatten before a CRITICAL "retries exhausted" alert
 */
public record KillSwitchSettings(
    double maxDrawdown,
    double criticalDrawdown,
    int maxPositions,
    double maxDailyLoss,
    boolean killOnVenueDisconnect,
    double maxVenueLatencyMs,
    boolean killOnStaleData,
    double maxTickJump,
    long retryIntervalNanos,
    int maxAttempts) {

  private static final long SECOND = 1_000_000_000L;

  public KillSwitchSettings {
    final List<String> problems = new ArrayList<>();
    requireFraction(problems, "maxDrawdown", maxDrawdown);
    requireFraction(problems, "criticalDrawdown", criticalDrawdown);
    requireFraction(problems, "maxDailyLoss", maxDailyLoss);
    if (maxPositions < 0) {
      problems.add("maxPositions must be >= 0 (0 = off), got " + maxPositions);
    }
    if (!(maxVenueLatencyMs >= 0) || !Double.isFinite(maxVenueLatencyMs)) {
      problems.add("maxVenueLatencyMs must be finite and >= 0 (0 = off), got " + maxVenueLatencyMs);
    }
    if (!(maxTickJump >= 0) || !Double.isFinite(maxTickJump)) {
      problems.add("maxTickJump must be finite and >= 0 (0 = off), got " + maxTickJump);
    }
    if (retryIntervalNanos <= 0) {
      problems.add("retryIntervalNanos must be positive, got " + retryIntervalNanos);
    }
    if (maxAttempts < 1) {
      problems.add("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid kill switch settings: " + String.join("; ", problems));
    }
  }

  private static void requireFraction(List<String> problems, String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      problems.add(name + " must be in [0, 1] (0 = off), got " + value);
    }
  }

  /**
   * The seed's emergency stop: drawdown beyond 30%, CRITICAL (drawdown beyond 20%), more than 20
   * positions, daily loss beyond 15%, a venue down; and, where the seed names the condition without
   * a number, latency beyond 1,000 ms and a tick jumping more than 25%. Stale market data does not
   * kill unless switched on. Cancels and flattens are retried every 5 s, 5 attempts each.
   */
  public static KillSwitchSettings defaults() {
    return new KillSwitchSettings(0.30, 0.20, 20, 0.15, true, 1_000, false, 0.25, 5 * SECOND, 5);
  }

  /** A copy with the stale-data trigger on or off. */
  public KillSwitchSettings withKillOnStaleData(boolean on) {
    return new KillSwitchSettings(
        maxDrawdown,
        criticalDrawdown,
        maxPositions,
        maxDailyLoss,
        killOnVenueDisconnect,
        maxVenueLatencyMs,
        on,
        maxTickJump,
        retryIntervalNanos,
        maxAttempts);
  }

  /** Every automatic trigger off; retries as in {@link #defaults()}. */
  public static KillSwitchSettings manualOnly() {
    return new KillSwitchSettings(0, 0, 0, 0, false, 0, false, 0, 5 * SECOND, 5);
  }
}
