package io.riskgate.core.engine;

/**
 * The repeated-execution throttle of MiFID II RTS 6 Art. 15(3): more than {@code maxExecutions}
 * fills of the same instrument and side by one strategy within {@code windowNanos} halts the
 * strategy until a person sets it active again.
 *
 * @param maxExecutions fills allowed in the window; 0 switches the throttle off
 * @param windowNanos length of the sliding window
 */
public record ThrottleSettings(int maxExecutions, long windowNanos) {
  private static final int MAX_EXECUTIONS = 1_000_000;

  public ThrottleSettings {
    if (maxExecutions < 0 || maxExecutions > MAX_EXECUTIONS) {
      throw new IllegalArgumentException(
          "throttle maxExecutions must be in [0, " + MAX_EXECUTIONS + "], got " + maxExecutions);
    }
    if (windowNanos <= 0) {
      throw new IllegalArgumentException(
          "throttle windowNanos must be positive, got " + windowNanos);
    }
  }

  /** 100 executions of one instrument and side per strategy within 60 s. */
  public static ThrottleSettings defaults() {
    return new ThrottleSettings(100, 60_000_000_000L);
  }
}
