package io.riskgate.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * How the circuit breakers of one kind of scope (strategy, account or firm) trip and recover.
 * Fractions are of the scope's start-of-day equity (daily return) or of its high-water mark
 * (drawdown); a fraction or count of 0 switches that trigger off.
 *
 * @param lossThreshold trips when the daily return is at or below −this (seed: 0.10); 0 = off
 * @param profitTarget trips when the daily return is at or above this (seed: 0.20); 0 = off
 * @param drawdownLimit trips when the drawdown from the high-water mark is at or above this; 0 =
 *     off
 * @param losingStreak trips after this many consecutive losing closed trades; 0 = off
 * @param losingStreakWindowNanos the streak counts only if all its losses closed within this window
 * @param coolDownNanos time OPEN before moving to HALF_OPEN (seed: 300 s)
 * @param probationNanos time HALF_OPEN without a trigger before closing
 * @param halfOpenScale fraction of normal size allowed while HALF_OPEN (seed: 0.25)
 */
public record BreakerSettings(
    double lossThreshold,
    double profitTarget,
    double drawdownLimit,
    int losingStreak,
    long losingStreakWindowNanos,
    long coolDownNanos,
    long probationNanos,
    double halfOpenScale) {

  private static final long SECOND = 1_000_000_000L;

  public BreakerSettings {
    final List<String> problems = new ArrayList<>();
    if (!(lossThreshold >= 0 && lossThreshold <= 1)) {
      problems.add("lossThreshold must be in [0, 1] (0 = off), got " + lossThreshold);
    }
    if (!(profitTarget >= 0) || !Double.isFinite(profitTarget)) {
      problems.add("profitTarget must be finite and >= 0 (0 = off), got " + profitTarget);
    }
    if (!(drawdownLimit >= 0 && drawdownLimit <= 1)) {
      problems.add("drawdownLimit must be in [0, 1] (0 = off), got " + drawdownLimit);
    }
    if (losingStreak < 0) {
      problems.add("losingStreak must be >= 0 (0 = off), got " + losingStreak);
    }
    if (losingStreakWindowNanos <= 0) {
      problems.add("losingStreakWindowNanos must be positive, got " + losingStreakWindowNanos);
    }
    if (coolDownNanos <= 0) {
      problems.add("coolDownNanos must be positive, got " + coolDownNanos);
    }
    if (probationNanos <= 0) {
      problems.add("probationNanos must be positive, got " + probationNanos);
    }
    if (!(halfOpenScale > 0 && halfOpenScale <= 1)) {
      problems.add("halfOpenScale must be in (0, 1], got " + halfOpenScale);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid breaker settings: " + String.join("; ", problems));
    }
  }

  /**
   * The seed's breaker: trips at a 10% daily loss, cool-down 300 s, 25% sizes while half-open;
   * probation 300 s; profit target, drawdown and losing-streak triggers off (turn them on per kind
   * of scope).
   */
  public static BreakerSettings defaults() {
    return new BreakerSettings(0.10, 0, 0, 0, 3_600 * SECOND, 300 * SECOND, 300 * SECOND, 0.25);
  }

  /** Every trigger off: the breaker stays CLOSED unless tests or people say otherwise. */
  public static BreakerSettings off() {
    return new BreakerSettings(0, 0, 0, 0, 3_600 * SECOND, 300 * SECOND, 300 * SECOND, 0.25);
  }
}
