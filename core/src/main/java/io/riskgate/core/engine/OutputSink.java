package io.riskgate.core.engine;

import io.riskgate.core.check.Decision;
import io.riskgate.core.kill.Action;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.report.RiskReport;

/**
 * Receives what the engine decides and notices, on the engine's thread, in event order. The
 * decision object is reused by the engine: read or copy it before returning.
 */
public interface OutputSink {
  /** A sink that drops everything. */
  OutputSink NONE = new OutputSink() {};

  /** The answer to an order. */
  default void onDecision(Decision decision) {}

  /** The answer to a size request. */
  default void onSize(SizeAnswer answer) {}

  /** A risk report, on request or on the report cadence. */
  default void onReport(RiskReport report) {}

  /** An alert raised or cleared. */
  default void onAlert(Alert alert) {}

  /** An instruction for the venue port (cancel, flatten). */
  default void onAction(Action action) {}

  /** A scope changed its trading state, breaker or kill state. */
  default void onStateChange(StateChange change) {}
}
