package io.riskgate.core.engine;

import io.riskgate.core.limit.Scope;

/**
 * A condition the risk officer should know about, raised once on the transition into it and cleared
 * on the way out: the {@code alert} output of the event language.
 *
 * @param level INFO, WARNING, HIGH or CRITICAL
 * @param code what the condition is, e.g. {@code DAILY_LOSS} or {@code KILL_SWITCH}
 * @param raised true when the condition starts, false when it clears
 * @param value the measured value that crossed (or fell back across) the threshold
 * @param action the recommended action, e.g. {@code "reduce positions"}
 */
public record Alert(
    long timestampNanos,
    Level level,
    String code,
    Scope scope,
    boolean raised,
    String message,
    double value,
    double threshold,
    String action) {

  /** Severity, in increasing order. */
  public enum Level {
    INFO,
    WARNING,
    HIGH,
    CRITICAL
  }
}
