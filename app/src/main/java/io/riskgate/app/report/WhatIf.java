package io.riskgate.app.report;

import io.riskgate.core.check.CheckCode;
import io.riskgate.core.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The same events through two engines under two limit sets, {@code a} and {@code b}, noting every
 * order the two decided differently. Named for the question it answers: what would the other limits
 * have done?
 */
public final class WhatIf {
  /** Orders decided differently listed one by one; the rest are only counted. */
  public static final int LISTED_DIFFERENCES = 20;

  /** How one run decided one order: the deciding (first failed) check when rejected. */
  public record Outcome(
      boolean approved, CheckCode rejectedBy, double value, double limit, String scope) {}

  /** An order the two limit sets decided differently. */
  public record Difference(String orderId, long timestampNanos, Outcome a, Outcome b) {}

  private final ReplayRun a;
  private final ReplayRun b;
  private final List<Difference> listed = new ArrayList<>();
  private long differences;
  private long approvedOnlyByA;
  private long approvedOnlyByB;

  public WhatIf(ReplayRun a, ReplayRun b) {
    this.a = a;
    this.b = b;
  }

  /**
   * Applies one event to both runs and compares their decisions on an order.
   *
   * @throws LimitSetException when one run refuses the event, naming the run
   */
  public void apply(Event event) {
    final long seqA = a.recorder().decisionSequence;
    final long seqB = b.recorder().decisionSequence;
    applyTo(a, event);
    applyTo(b, event);
    if (event instanceof Event.Order order
        && a.recorder().decisionSequence != seqA
        && b.recorder().decisionSequence != seqB) {
      final Outcome oa = outcome(a.recorder());
      final Outcome ob = outcome(b.recorder());
      if (oa.approved() != ob.approved() || oa.rejectedBy() != ob.rejectedBy()) {
        differences++;
        if (oa.approved() && !ob.approved()) {
          approvedOnlyByA++;
        } else if (ob.approved() && !oa.approved()) {
          approvedOnlyByB++;
        }
        if (listed.size() < LISTED_DIFFERENCES) {
          listed.add(new Difference(order.orderId(), order.timestampNanos(), oa, ob));
        }
      }
    }
  }

  private static void applyTo(ReplayRun run, Event event) {
    try {
      run.apply(event);
    } catch (IllegalArgumentException e) {
      throw new LimitSetException(run.label(), e);
    }
  }

  private static Outcome outcome(RunRecorder r) {
    return r.lastApproved
        ? new Outcome(true, null, Double.NaN, Double.NaN, null)
        : new Outcome(false, r.lastRejectedBy, r.lastValue, r.lastLimit, r.lastScope);
  }

  /** Run a. */
  public ReplayRun a() {
    return a;
  }

  /** Run b. */
  public ReplayRun b() {
    return b;
  }

  /** Orders decided differently (approved in one only, or rejected by different checks). */
  public long differences() {
    return differences;
  }

  /** Orders a approved and b rejected. */
  public long approvedOnlyByA() {
    return approvedOnlyByA;
  }

  /** Orders b approved and a rejected. */
  public long approvedOnlyByB() {
    return approvedOnlyByB;
  }

  /** The first {@link #LISTED_DIFFERENCES} differences, in event order. */
  public List<Difference> listed() {
    return List.copyOf(listed);
  }

  /** An event one of the two runs refused, with the run's label. */
  public static final class LimitSetException extends IllegalArgumentException {
    private final String run;

    LimitSetException(String run, IllegalArgumentException cause) {
      super("under limit set " + run + ": " + cause.getMessage(), cause);
      this.run = run;
    }

    /** The label of the run that refused the event. */
    public String run() {
      return run;
    }
  }
}
