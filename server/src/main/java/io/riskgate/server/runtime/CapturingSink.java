package io.riskgate.server.runtime;

import io.riskgate.core.check.Decision;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.SizeAnswer;
import io.riskgate.core.engine.StateChange;
import io.riskgate.core.kill.Action;
import io.riskgate.core.monitor.Alert;
import io.riskgate.server.codec.OutputWriter;
import io.riskgate.server.metrics.ServerMetrics;

/**
 * Counts rejections by code while {@code counting} (live, not in a replay) and writes every output
 * as a JSON line while {@code writing}.
 */
final class CapturingSink implements OutputSink {
  private final OutputWriter writer;
  private final ServerMetrics metrics;
  boolean counting = true;
  boolean writing = true;

  /** Outputs written for the current event: each output is one line. */
  private int written;

  private Verdict verdict;

  CapturingSink(OutputWriter writer, ServerMetrics metrics) {
    this.writer = writer;
    this.metrics = metrics;
  }

  /** Forgets the verdict of the event before: called before each event is applied. */
  void startEvent() {
    written = 0;
    verdict = null;
  }

  /** The current event's first decision or size answer, typed, or null when it gave none. */
  Verdict verdict() {
    return verdict;
  }

  @Override
  public void onDecision(Decision decision) {
    if (counting && !decision.approved()) {
      metrics.rejection(decision.firstFailure());
    }
    if (writing) {
      if (verdict == null) {
        verdict = new Verdict(written, true, decision.firstFailure());
      }
      writer.onDecision(decision);
      written++;
    }
  }

  @Override
  public void onSize(SizeAnswer answer) {
    if (writing) {
      if (verdict == null) {
        verdict = new Verdict(written, false, null);
      }
      writer.onSize(answer);
      written++;
    }
  }

  @Override
  public void onAlert(Alert alert) {
    if (writing) {
      writer.onAlert(alert);
      written++;
    }
  }

  @Override
  public void onAction(Action action) {
    if (writing) {
      writer.onAction(action);
      written++;
    }
  }

  @Override
  public void onStateChange(StateChange change) {
    if (writing) {
      writer.onStateChange(change);
      written++;
    }
  }
}
