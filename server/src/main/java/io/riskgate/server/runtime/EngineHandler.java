package io.riskgate.server.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.journal.EventLog;
import io.riskgate.server.metrics.ServerMetrics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * What the engine thread does with each slot of the inbound ring buffer (see {@link
 * EngineRuntime}): a record of the leader's, a tick of the clock, a snapshot request, a read or a
 * client's events, each answer queued for the publisher in order.
 */
final class EngineHandler {
  private final EngineAgent agent;
  private final EventLog journal;
  private final ServerMetrics metrics;
  private final Consumer<String> log;
  private final SnapshotTaker snapshots;
  private final LinkedBlockingQueue<Object> pending;

  EngineHandler(
      EngineAgent agent,
      EventLog journal,
      ServerMetrics metrics,
      Consumer<String> log,
      SnapshotTaker snapshots,
      LinkedBlockingQueue<Object> pending) {
    this.agent = agent;
    this.journal = journal;
    this.metrics = metrics;
    this.log = log;
    this.snapshots = snapshots;
    this.pending = pending;
  }

  void onSubmission(Submission slot) {
    final CompletableFuture<Object> reply = slot.reply;
    try {
      if (slot.replicated != null) {
        applyReplicated(slot, reply);
        return;
      }
      if (slot.timerNanos != Submission.NO_TIMER && !clockTimer(slot)) {
        reply.complete(null);
        return;
      }
      if (slot.events != null && !journal.writable()) {
        reply.completeExceptionally(
            new RuntimeUnavailableException(journal.notWritableReason(), journal.leaderUrl()));
        return;
      }
      if (slot.snapshot != null) {
        snapshots.onRequest(slot.snapshot, reply);
      } else if (slot.query != null) {
        Object answer;
        try {
          answer = slot.query.apply(agent.engine());
        } catch (RuntimeException e) {
          answer = e;
        }
        pending.add(
            new Pending(agent.lastSequence(), answer, List.of(), reply, List.of(), List.of()));
      } else {
        final EngineReply answer = agent.submit(slot.caller, slot.nodes, slot.events, slot.entries);
        // A remembered answer's outputs were published, and its events applied, when it was first
        // given.
        pending.add(
            new Pending(
                answer.lastSequence(),
                answer,
                answer.replayed() ? List.of() : answer.outputs(),
                reply,
                answer.replayed() ? List.of() : slot.events.subList(0, answer.applied()),
                answer.records()));
        snapshots.snapshotIfDue();
      }
    } catch (RuntimeException e) {
      reply.completeExceptionally(e);
    } finally {
      slot.clear();
    }
  }

  /**
   * Applies a record of the leader's on the engine thread (see {@link
   * EngineRuntime#applyReplicated}).
   */
  private void applyReplicated(Submission slot, CompletableFuture<Object> reply) {
    final long sequence = slot.replicatedSequence;
    if (agent.failed()) {
      reply.completeExceptionally(
          new RuntimeUnavailableException("this node failed; it applies no more records"));
      return;
    }
    if (sequence != agent.lastSequence() + 1) {
      agent.fail();
      log.accept(
          "error: journal record "
              + sequence
              + " does not follow the last one applied ("
              + agent.lastSequence()
              + "); this node stops applying records (fail closed)");
      reply.completeExceptionally(
          new IllegalStateException("record " + sequence + " out of order"));
      return;
    }
    final Event event;
    final DurableRecord record;
    try {
      final JournalEntry entry = JournalEntry.decode(slot.replicated);
      event = EventCodec.parse(entry.event());
      record = agent.applyFollowed(event, entry.event(), sequence, entry.by(), slot.replicated);
    } catch (IllegalArgumentException e) {
      agent.fail();
      log.accept(
          "error: journal record "
              + sequence
              + " cannot be applied: "
              + e.getMessage()
              + "; this node stops applying records (fail closed)");
      reply.completeExceptionally(e);
      return;
    }
    metrics.eventApplied();
    // Its outputs go to this node's stream and its record to this node's audit trail, as on the
    // leader: a dashboard or a risk officer on a standby sees the same flow.
    pending.add(
        new Pending(sequence, null, record.outputs(), reply, List.of(event), List.of(record)));
    snapshots.snapshotIfDue();
  }

  /**
   * Turns a tick of the clock into a submission of one {@code timer} event by {@link Caller#CLOCK},
   * which then takes the path of every client's events; false when the tick is to be skipped (the
   * engine's time is already there or later, or the journal failed).
   */
  private boolean clockTimer(Submission slot) {
    final long engineTime = agent.engine().timeNanos();
    if (agent.failed()
        || !journal.writable()
        || (engineTime != Long.MIN_VALUE && slot.timerNanos <= engineTime)) {
      return false;
    }
    final ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "timer");
    node.put("ts", EventCodec.formatTime(slot.timerNanos));
    slot.caller = Caller.CLOCK;
    slot.nodes = List.of(node);
    slot.events = List.of(EventCodec.parse(node));
    return true;
  }
}
