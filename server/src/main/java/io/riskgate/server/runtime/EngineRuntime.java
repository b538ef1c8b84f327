package io.riskgate.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslator;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.config.SnapshotSettings;
import io.riskgate.server.journal.EventLog;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The running engine: one engine thread fed by an inbound ring buffer (LMAX Disruptor), and one
 * publisher thread that releases answers and publishes outputs once they are durable.
 *
 * <p>The pipeline, in stage order:
 *
 * <ol>
 *   <li>HTTP threads {@link #submit} parsed events (or {@link #query} a read) into the ring buffer;
 *       a full buffer refuses at once (back-pressure) rather than blocking a request thread. The
 *       server's clock ({@link EngineClock}) puts its timers in the same buffer ({@link #tick}).
 *   <li>The engine thread ({@link EngineAgent}) applies each event, appends the accepted ones to
 *       the journal with the caller's name, and hands the answer to the publisher queue.
 *   <li>The publisher thread takes answers in order, waits until the journal's group commit made
 *       each one's record durable, publishes its outputs to the stream subscribers, and completes
 *       the caller's future. Reads wait behind earlier writes, so no answer reveals state that is
 *       not yet durable.
 * </ol>
 *
 * <p>Snapshots are taken on the engine thread between two submissions, so each covers exactly the
 * journal up to the last record applied (the engine's bytes and the account and strategy names; the
 * pause is the {@code riskgate_snapshot_pause_seconds} metric); a snapshot thread encodes the file,
 * waits until that record is durable and then has the {@link SnapshotStore} write it, so a snapshot
 * never holds an event the journal could lose. They are taken after every {@link
 * SnapshotSettings#everyEvents()} journaled events (skipped while a previous one is still being
 * written), on a timer through {@link #snapshotIfChanged}, and on demand through {@link #snapshot}.
 * Once one is written, the journal releases the segments the oldest retained snapshot covers, when
 * its retention says so ({@link io.riskgate.server.journal.JournalRetention}).
 *
 * <p>{@link #recover} builds the engine before any of this starts: from the newest usable snapshot
 * and the journal records after it, or else from the configuration's reference data and every
 * durable journal record in order. A snapshot is usable when its file verifies, the server and the
 * engine can read it, it does not reach past the journal's last durable record, and it was taken
 * with the same engine settings and reference data as the configuration has now. When the
 * configuration changed since, its reference data cannot simply be applied on top (a full replay
 * applies it before the journal, and the order matters), so recovery falls back to the full replay,
 * which gives exactly the state a start without snapshots gives; the next snapshot records the new
 * configuration. When released segments make the journal start after its first record, that
 * fallback does not exist and the start stops with the reason (fail closed).
 */
public final class EngineRuntime implements AutoCloseable {
  private static final int RING_SIZE = 1 << 14;

  /**
   * A snapshot written to disk.
   *
   * @param sequence the last journal sequence the snapshot covers (0 before any event)
   * @param file the snapshot file
   */
  public record SnapshotTaken(long sequence, Path file) {}

  /**
   * How the engine was rebuilt at start-up.
   *
   * @param snapshotSequence the sequence covered by the snapshot recovery started from, or -1 for a
   *     full replay from the configuration's reference data
   * @param replayedRecords journal records replayed on top
   */
  public record Recovery(long snapshotSequence, long replayedRecords) {
    /** Whether recovery started from a snapshot. */
    public boolean fromSnapshot() {
      return snapshotSequence >= 0;
    }
  }

  /** A read of the state with the account and strategy names in definition order. */
  public interface NamedRead<T> {
    T apply(RiskEngine engine, List<String> accounts, List<String> strategies);
  }

  private final EventLog journal;
  private final EngineAgent agent;
  private final Disruptor<Submission> disruptor;
  private final RingBuffer<Submission> ring;
  private final LinkedBlockingQueue<Object> pending = new LinkedBlockingQueue<>();
  private final AnswerPublisher publisher;
  private final Recovery recovery;
  private final SnapshotTaker snapshotTaker;
  private final ReadReplica replica;

  private volatile boolean running = true;

  private EngineRuntime(
      EventLog journal,
      EngineAgent agent,
      ServerMetrics metrics,
      SnapshotStore snapshots,
      SnapshotSettings snapshotSettings,
      List<String> configuration,
      Consumer<String> log,
      Recovery recovery) {
    this.journal = journal;
    this.agent = agent;
    this.recovery = recovery;
    this.snapshotTaker =
        new SnapshotTaker(
            agent,
            journal,
            snapshots,
            snapshotSettings,
            configuration,
            metrics,
            log,
            () -> running,
            recovery.fromSnapshot() ? recovery.snapshotSequence() : 0);
    final EngineHandler engineHandler =
        new EngineHandler(agent, journal, metrics, log, snapshotTaker, pending);
    this.disruptor =
        new Disruptor<>(
            Submission::new,
            RING_SIZE,
            runnable -> {
              final Thread t = new Thread(runnable, "riskgate-engine");
              t.setDaemon(true);
              return t;
            },
            ProducerType.MULTI,
            new LiteBlockingWaitStrategy());
    final EventHandler<Submission> handler =
        (slot, sequence, endOfBatch) -> engineHandler.onSubmission(slot);
    disruptor.handleEventsWith(handler);
    this.ring = disruptor.start();
    metrics.queueDepth(() -> RING_SIZE - ring.remainingCapacity());
    this.replica =
        new ReadReplica(
            new ReadReplica.Copy(
                agent.lastSequence(),
                agent.engine().writeSnapshot(),
                List.copyOf(agent.accountNames()),
                List.copyOf(agent.strategyNames())),
            agent.engine().config(),
            () ->
                query(
                    engine ->
                        new ReadReplica.Copy(
                            agent.lastSequence(),
                            engine.writeSnapshot(),
                            List.copyOf(agent.accountNames()),
                            List.copyOf(agent.strategyNames()))),
            log);
    this.publisher = new AnswerPublisher(journal, replica, metrics, log, () -> running, pending);
    this.publisher.start();
  }

  /**
   * Builds the engine from the newest usable snapshot and the journal records after it, or else
   * from the reference data and all the journal's durable records, then starts the engine,
   * publisher and snapshot threads. Every snapshot passed over is reported to {@code log} with the
   * reason.
   *
   * @throws IllegalStateException when a journal record cannot be replayed (names the sequence), or
   *     when no snapshot is usable and the journal no longer starts at its first record
   */
  public static EngineRuntime recover(
      EngineConfig config,
      List<Event> referenceData,
      EventLog journal,
      SnapshotStore snapshots,
      SnapshotSettings snapshotSettings,
      ServerMetrics metrics,
      Consumer<String> log)
      throws IOException {
    final List<String> configuration =
        List.copyOf(ServerSnapshot.configurationLines(config, referenceData));
    final StartupRecovery.Recovered recovered =
        StartupRecovery.recover(
            config, referenceData, journal, snapshots, metrics, log, configuration);
    return new EngineRuntime(
        journal,
        recovered.agent(),
        metrics,
        snapshots,
        snapshotSettings,
        configuration,
        log,
        recovered.recovery());
  }

  /** How the engine was rebuilt at start-up. */
  public Recovery recovery() {
    return recovery;
  }

  /**
   * Takes a snapshot on the engine thread after every earlier submission and writes it; completes
   * once the file is in place.
   */
  public CompletableFuture<SnapshotTaken> snapshot() {
    return requestSnapshot(SnapshotRequest.DEMAND).thenApply(SnapshotTaken.class::cast);
  }

  /**
   * Takes and writes a snapshot if events were journaled since the last one and no snapshot is
   * being written; for the timer.
   */
  public void snapshotIfChanged() {
    requestSnapshot(SnapshotRequest.TIMER);
  }

  private CompletableFuture<Object> requestSnapshot(SnapshotRequest request) {
    final CompletableFuture<Object> reply = new CompletableFuture<>();
    offer(
        (slot, seq) -> {
          slot.snapshot = request;
          slot.reply = reply;
        },
        reply);
    return reply;
  }

  /**
   * Applies events in order on the engine thread; the future completes with an {@link EngineReply}
   * once the applied ones are durable.
   */
  public CompletableFuture<EngineReply> submit(
      Caller caller, List<JsonNode> nodes, List<Event> events) {
    return submit(caller, nodes, events, null);
  }

  /**
   * Like {@link #submit(Caller, List, List)}, with the journal payload of each event already
   * encoded off the engine thread ({@link JournalEntry#encodeBody}): {@code entries} holds, for
   * each event, the payload its record is to carry, equal in meaning to the entry of the caller's
   * name and its node, or null to have the engine thread encode the node.
   *
   * @param entries one payload or null per event, or null for none
   */
  public CompletableFuture<EngineReply> submit(
      Caller caller, List<JsonNode> nodes, List<Event> events, List<byte[]> entries) {
    if (nodes.size() != events.size()
        || events.isEmpty()
        || (entries != null && entries.size() != events.size())) {
      throw new IllegalArgumentException("one JSON node per event, at least one event");
    }
    final CompletableFuture<Object> reply = new CompletableFuture<>();
    offer(
        (slot, seq) -> {
          slot.caller = caller;
          slot.nodes = nodes;
          slot.events = events;
          slot.entries = entries;
          slot.reply = reply;
        },
        reply);
    return reply.thenApply(EngineReply.class::cast);
  }

  /**
   * Applies a record that another node (the leader) journaled, on the engine thread, without
   * journaling it again: how a standby follows the log. Waits while the inbound buffer is full
   * (back-pressure on the log's consumer, never a refusal). The future completes once the record is
   * applied and released; a record that does not follow the last one applied, or that the engine
   * cannot apply, fails the runtime (fail closed: this node's state would no longer equal the log).
   */
  public CompletableFuture<Object> applyReplicated(long sequence, byte[] payload) {
    final CompletableFuture<Object> reply = new CompletableFuture<>();
    if (!running) {
      reply.completeExceptionally(new RuntimeUnavailableException("the server is stopping"));
      return reply;
    }
    ring.publishEvent(
        (slot, seq) -> {
          slot.replicatedSequence = sequence;
          slot.replicated = payload;
          slot.reply = reply;
        });
    return reply;
  }

  /**
   * Completes once every submission before it was applied and released: a barrier for a node taking
   * over the log, which serves writes only after it applied everything it read.
   */
  public CompletableFuture<Long> appliedSequence() {
    return query(engine -> agent.lastSequence());
  }

  /**
   * Applies a {@code timer} event at {@code timestampNanos} on the engine thread, journaled by the
   * caller {@link Caller#CLOCK} like any client's event, unless the engine's time is already there
   * or later (or the journal failed): then nothing is applied and the future completes with null.
   */
  public CompletableFuture<EngineReply> tick(long timestampNanos) {
    final CompletableFuture<Object> reply = new CompletableFuture<>();
    offer(
        (slot, seq) -> {
          slot.timerNanos = timestampNanos;
          slot.reply = reply;
        },
        reply);
    return reply.thenApply(EngineReply.class::cast);
  }

  /** Runs a read on the engine thread; completes after every earlier answer was released. */
  public <T> CompletableFuture<T> query(Function<RiskEngine, T> read) {
    final CompletableFuture<Object> reply = new CompletableFuture<>();
    offer(
        (slot, seq) -> {
          slot.query = read;
          slot.reply = reply;
        },
        reply);
    @SuppressWarnings("unchecked")
    final CompletableFuture<T> typed = (CompletableFuture<T>) reply;
    return typed;
  }

  /**
   * Runs a read on the read replica, a copy of the engine on its own thread that follows the
   * durable journal (see {@link ReadReplica}): for reads heavy enough to delay order checks if they
   * ran on the engine thread, such as the risk report. It sees the state after a durable journal
   * record, possibly a few records behind the engine.
   */
  public <T> CompletableFuture<T> queryReplica(NamedRead<T> read) {
    if (!running) {
      return CompletableFuture.failedFuture(
          new RuntimeUnavailableException("the server is stopping"));
    }
    return replica.read(read);
  }

  /** Names of accounts and strategies as defined, for reports; read on the engine thread only. */
  public List<String> accountNames(RiskEngine engine) {
    requireEngine(engine);
    return List.copyOf(agent.accountNames());
  }

  /** Names of strategies as defined; read on the engine thread only (inside a query). */
  public List<String> strategyNames(RiskEngine engine) {
    requireEngine(engine);
    return List.copyOf(agent.strategyNames());
  }

  private void requireEngine(RiskEngine engine) {
    if (engine != agent.engine()) {
      throw new IllegalArgumentException("call inside a query of this runtime");
    }
  }

  /** Adds a subscriber of every output (JSON text), called on the publisher thread. */
  public void subscribe(Consumer<String> subscriber) {
    publisher.subscribe(subscriber);
  }

  /**
   * Adds a subscriber as above, with {@code onEnd} run if this runtime closes while it is still
   * subscribed: a node that starts over as a standby replaces its runtime, and a stream client must
   * then reconnect to hear the new one.
   */
  public void subscribe(Consumer<String> subscriber, Runnable onEnd) {
    publisher.subscribe(subscriber, onEnd);
  }

  /**
   * Adds a listener of the accepted events once durable, each with its journal sequence and its own
   * outputs (see {@link DurableRecord}), called on the publisher thread in journal order before the
   * outputs reach the stream: for the audit trail, which must see every output with the record that
   * produced it. A listener must not block (hand the records to a thread of its own); one that
   * throws is logged and kept.
   */
  public void onDurable(Consumer<List<DurableRecord>> listener) {
    publisher.onDurable(listener);
  }

  /** Removes a subscriber. */
  public void unsubscribe(Consumer<String> subscriber) {
    publisher.unsubscribe(subscriber);
  }

  /** Publishes a message to every subscriber in order with the outputs (publisher thread). */
  public void publish(String message) {
    pending.add(new Pending(0, null, List.of(message), null, List.of(), List.of()));
  }

  /** The journal this runtime appends to or follows. */
  public EventLog journal() {
    return journal;
  }

  /** Whether the journal failed and the runtime refuses everything (fail closed). */
  public boolean failed() {
    return agent.failed();
  }

  /** Puts a submission in the ring buffer, or refuses it at once (buffer full, or stopping). */
  private void offer(EventTranslator<Submission> translator, CompletableFuture<Object> reply) {
    if (!running || !ring.tryPublishEvent(translator)) {
      reply.completeExceptionally(
          new RuntimeUnavailableException(
              running ? "the inbound queue is full" : "the server is stopping"));
    }
  }

  /** Stops taking submissions, finishes the queued ones and stops both threads. */
  @Override
  public void close() {
    running = false;
    disruptor.shutdown();
    snapshotTaker.close();
    publisher.stop();
    replica.close();
    publisher.endSubscribers();
  }
}
