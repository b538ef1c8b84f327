package io.riskgate.app.report;

import io.riskgate.core.check.CheckCode;
import io.riskgate.core.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The same events through two engines under two limit sets, {@code a} and {@code b}, noting every
 * order the two decided differently. Named for the question it answers: what would the other limits
 * have done?
 *
 * <p>The two engines share nothing, so they run side by side: each batch of events goes to b on a
 * thread of its own while a applies it on the caller's thread; when both are done, their decisions
 * on the batch's orders are compared in event order.
 */
public final class WhatIf implements AutoCloseable {
  /** Orders decided differently listed one by one; the rest are only counted. */
  public static final int LISTED_DIFFERENCES = 20;

  /** How one run decided one order: the deciding (first failed) check when rejected. */
  public record Outcome(
      boolean approved, CheckCode rejectedBy, double value, double limit, String scope) {}

  /** An order the two limit sets decided differently. */
  public record Difference(String orderId, long timestampNanos, Outcome a, Outcome b) {}

  /** An event one of the two runs refused: its index in the batch, and the run's label. */
  public static final class Refusal extends IllegalArgumentException {
    private final int index;

    Refusal(int index, String run, IllegalArgumentException cause) {
      super("under limit set " + run + ": " + cause.getMessage(), cause);
      this.index = index;
    }

    /** Index of the refused event in its batch. */
    public int index() {
      return index;
    }
  }

  /** One run's decisions on the orders of the current batch, by index in the batch. */
  private static final class BatchOutcomes {
    final boolean[] decided = new boolean[EventFileReader.BATCH];
    final Outcome[] outcomes = new Outcome[EventFileReader.BATCH];
    int refusedAt = -1;
    IllegalArgumentException refusal;

    void apply(ReplayRun run, EventFileReader.Batch batch) {
      refusedAt = -1;
      refusal = null;
      final RunRecorder r = run.recorder();
      for (int i = 0; i < batch.size(); i++) {
        final Event event = batch.event(i);
        final long sequence = r.decisionSequence;
        try {
          run.apply(event);
        } catch (IllegalArgumentException e) {
          refusedAt = i;
          refusal = e;
          return;
        }
        decided[i] = event instanceof Event.Order && r.decisionSequence != sequence;
        if (decided[i]) {
          outcomes[i] =
              r.lastApproved
                  ? APPROVED
                  : new Outcome(false, r.lastRejectedBy, r.lastValue, r.lastLimit, r.lastScope);
        }
      }
    }
  }

  private static final Outcome APPROVED = new Outcome(true, null, Double.NaN, Double.NaN, null);

  /** The "b finished its batch without a failure" signal. */
  private static final Object DONE = new Object();

  private final ReplayRun a;
  private final ReplayRun b;
  private final BatchOutcomes outcomesA = new BatchOutcomes();
  private final BatchOutcomes outcomesB = new BatchOutcomes();
  private final BlockingQueue<EventFileReader.Batch> toB = new ArrayBlockingQueue<>(1);
  private final BlockingQueue<Object> fromB = new ArrayBlockingQueue<>(1);
  private final List<Difference> listed = new ArrayList<>();
  private Thread worker;
  private long differences;
  private long approvedOnlyByA;
  private long approvedOnlyByB;

  public WhatIf(ReplayRun a, ReplayRun b) {
    this.a = a;
    this.b = b;
  }

  /**
   * Applies a batch of events to both runs and compares their decisions on its orders.
   *
   * @throws Refusal when a run refuses an event (the earlier of the two refusals), naming the run
   */
  public void apply(EventFileReader.Batch batch) {
    if (worker == null) {
      worker = new Thread(this::runB, "riskgate-what-if-b");
      worker.setDaemon(true);
      worker.start();
    }
    put(batch);
    outcomesA.apply(a, batch);
    final Object failure = take();
    if (failure instanceof RuntimeException e) {
      throw e;
    } else if (failure instanceof Error e) {
      throw e;
    }
    final int end = firstRefusal(batch.size());
    for (int i = 0; i < end; i++) {
      if (outcomesA.decided[i] && outcomesB.decided[i]) {
        compare((Event.Order) batch.event(i), outcomesA.outcomes[i], outcomesB.outcomes[i]);
      }
    }
    if (end < batch.size()) {
      final boolean byA =
          outcomesA.refusedAt >= 0
              && (outcomesB.refusedAt < 0 || outcomesA.refusedAt <= outcomesB.refusedAt);
      throw byA
          ? new Refusal(outcomesA.refusedAt, a.label(), outcomesA.refusal)
          : new Refusal(outcomesB.refusedAt, b.label(), outcomesB.refusal);
    }
  }

  private int firstRefusal(int size) {
    int end = size;
    if (outcomesA.refusedAt >= 0) {
      end = Math.min(end, outcomesA.refusedAt);
    }
    if (outcomesB.refusedAt >= 0) {
      end = Math.min(end, outcomesB.refusedAt);
    }
    return end;
  }

  private void compare(Event.Order order, Outcome oa, Outcome ob) {
    if (oa.approved() == ob.approved() && oa.rejectedBy() == ob.rejectedBy()) {
      return;
    }
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

  private void runB() {
    try {
      while (true) {
        final EventFileReader.Batch batch = toB.take();
        Object failure = DONE;
        try {
          outcomesB.apply(b, batch);
        } catch (RuntimeException | Error e) {
          failure = e;
        }
        fromB.put(failure);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void put(EventFileReader.Batch batch) {
    try {
      toB.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing events to limit set b", e);
    }
  }

  private Object take() {
    try {
      return fromB.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for limit set b", e);
    }
  }

  /** Stops b's thread. */
  @Override
  public void close() {
    if (worker != null) {
      worker.interrupt();
      try {
        worker.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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
}
