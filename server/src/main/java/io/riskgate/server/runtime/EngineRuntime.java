package io.riskgate.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.config.SnapshotSettings;
import io.riskgate.server.journal.EventLog;
import io.riskgate.server.journal.JournalUnavailableException;
import io.riskgate.server.journal.RecordCursor;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.snapshot.Snapshot;
import io.riskgate.server.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  private static final Object STOP = new Object();
  private static final long NO_TIMER = Long.MIN_VALUE;

  /** One slot of the inbound ring buffer; reused, cleared after use. */
  private static final class Submission {
    Caller caller;
    List<JsonNode> nodes;
    List<Event> events;
    List<byte[]> entries;
    Function<RiskEngine, ?> query;
    SnapshotRequest snapshot;
    long timerNanos = NO_TIMER;
    long replicatedSequence;
    byte[] replicated;
    CompletableFuture<Object> reply;

    void clear() {
      replicatedSequence = 0;
      replicated = null;
      caller = null;
      nodes = null;
      events = null;
      entries = null;
      query = null;
      snapshot = null;
      timerNanos = NO_TIMER;
      reply = null;
    }
  }

  /** Why a snapshot is asked for. */
  private enum SnapshotRequest {
    /** On demand: always taken. */
    DEMAND,
    /** By the timer: only when events were journaled since the last one and none is in flight. */
    TIMER
  }

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

  /**
   * An answer waiting for its journal record to be durable, with the events applied for it (handed
   * to the read replica once durable).
   */
  private record Pending(
      long sequence,
      Object answer,
      List<String> outputs,
      CompletableFuture<Object> reply,
      List<Event> applied,
      List<DurableRecord> records) {}

  /** A read of the state with the account and strategy names in definition order. */
  public interface NamedRead<T> {
    T apply(RiskEngine engine, List<String> accounts, List<String> strategies);
  }

  private final EventLog journal;
  private final EngineAgent agent;
  private final ServerMetrics metrics;
  private final Disruptor<Submission> disruptor;
  private final RingBuffer<Submission> ring;
  private final LinkedBlockingQueue<Object> pending = new LinkedBlockingQueue<>();
  private final Thread publisher;
  private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
  private final java.util.Map<Consumer<String>, Runnable> endings =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Consumer<List<DurableRecord>>> recordListeners = new CopyOnWriteArrayList<>();
  private final SnapshotStore snapshots;
  private final SnapshotSettings snapshotSettings;
  private final List<String> configuration;
  private final Consumer<String> log;
  private final Recovery recovery;
  private final ExecutorService snapshotWriter;
  private final AtomicInteger snapshotsInFlight = new AtomicInteger();
  private final ReadReplica replica;

  /** The sequence the newest snapshot taken covers; engine thread only. */
  private long lastSnapshotSequence;

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
    this.metrics = metrics;
    this.snapshots = snapshots;
    this.snapshotSettings = snapshotSettings;
    this.configuration = configuration;
    this.log = log;
    this.recovery = recovery;
    this.lastSnapshotSequence = recovery.fromSnapshot() ? recovery.snapshotSequence() : 0;
    this.snapshotWriter =
        Executors.newSingleThreadExecutor(
            runnable -> {
              final Thread t = new Thread(runnable, "riskgate-snapshot");
              t.setDaemon(true);
              return t;
            });
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
    final EventHandler<Submission> handler = (slot, sequence, endOfBatch) -> onSubmission(slot);
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
    this.publisher = new Thread(this::runPublisher, "riskgate-publisher");
    this.publisher.setDaemon(true);
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
    final List<Long> sequences = snapshots.sequences();
    for (int i = sequences.size() - 1; i >= 0; i--) {
      final Optional<EngineAgent> restored =
          restore(snapshots, config, sequences.get(i), configuration, journal, metrics, log);
      if (restored.isPresent()) {
        final long replayed = replay(restored.get(), journal, sequences.get(i) + 1);
        return new EngineRuntime(
            journal,
            restored.get(),
            metrics,
            snapshots,
            snapshotSettings,
            configuration,
            log,
            new Recovery(sequences.get(i), replayed));
      }
    }
    if (journal.firstSequence() > 1) {
      throw new IllegalStateException(noFullReplay(journal));
    }
    final EngineAgent agent = new EngineAgent(config, journal, metrics);
    for (Event event : referenceData) {
      agent.applyRecovered(event);
    }
    final long replayed = replay(agent, journal, journal.firstSequence());
    return new EngineRuntime(
        journal,
        agent,
        metrics,
        snapshots,
        snapshotSettings,
        configuration,
        log,
        new Recovery(-1, replayed));
  }

  /** Why a start without a usable snapshot stops when the journal's first records are gone. */
  private static String noFullReplay(EventLog journal) {
    return "no usable snapshot (see the warnings above), and "
        + journal.describeMissingStart()
        + ", or start with the engine settings and reference data the snapshots were taken with";
  }

  /** The agent in the state of snapshot {@code sequence}, or empty (reported) if unusable. */
  private static Optional<EngineAgent> restore(
      SnapshotStore snapshots,
      EngineConfig config,
      long sequence,
      List<String> configuration,
      EventLog journal,
      ServerMetrics metrics,
      Consumer<String> log)
      throws IOException {
    final Optional<Snapshot> file = snapshots.read(sequence, w -> log.accept("warning: " + w));
    if (file.isEmpty()) {
      return Optional.empty();
    }
    final String name = file.get().file().toString();
    final String position = journal.positionOf(sequence);
    final Path positionFile = positionFile(file.get().file());
    if (position != null
        && sequence <= journal.durableSequence()
        && java.nio.file.Files.exists(positionFile)) {
      final String recorded = java.nio.file.Files.readString(positionFile).trim();
      if (!recorded.equals(position)) {
        log.accept(
            "warning: snapshot "
                + name
                + " was taken at "
                + recorded
                + " but that sequence is at "
                + position
                + " in the log now (another topic or a log written again); not used");
        return Optional.empty();
      }
    }
    if (sequence > journal.durableSequence()) {
      log.accept(
          "warning: snapshot "
              + name
              + " covers the journal up to sequence "
              + sequence
              + " but the journal ends at "
              + journal.durableSequence()
              + "; not used");
      return Optional.empty();
    }
    if (sequence + 1 < journal.firstSequence()) {
      log.accept(
          "warning: snapshot "
              + name
              + " covers the journal up to sequence "
              + sequence
              + " but the journal starts at "
              + journal.firstSequence()
              + "; not used");
      return Optional.empty();
    }
    try {
      final ServerSnapshot snapshot = ServerSnapshot.decode(file.get().state());
      final String difference = snapshot.differenceFrom(configuration);
      if (difference != null) {
        log.accept(
            "warning: snapshot "
                + name
                + " was taken with other engine settings or reference data than the"
                + " configuration has now ("
                + difference
                + "); not used");
        return Optional.empty();
      }
      return Optional.of(EngineAgent.restore(snapshot, config, sequence, journal, metrics));
    } catch (IllegalArgumentException e) {
      log.accept("warning: snapshot " + name + " cannot be read: " + e.getMessage() + "; not used");
      return Optional.empty();
    }
  }

  /** Replays the durable journal records from {@code from} on; how many. */
  private static long replay(EngineAgent agent, EventLog journal, long from) throws IOException {
    long replayed = 0;
    try (RecordCursor reader = journal.reader(from)) {
      while (reader.next()) {
        final long sequence = reader.sequence();
        try {
          final byte[] payload = reader.payload();
          final JournalEntry entry = JournalEntry.decode(payload);
          agent.applyRecovered(EventCodec.parse(entry.event()), sequence, entry.by(), payload);
          replayed++;
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(
              "journal record "
                  + sequence
                  + " cannot be replayed: "
                  + e.getMessage()
                  + " (did the configuration's reference data change since it was written?)",
              e);
        }
      }
    }
    return replayed;
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
    if (!running
        || !ring.tryPublishEvent(
            (slot, seq) -> {
              slot.snapshot = request;
              slot.reply = reply;
            })) {
      reply.completeExceptionally(
          new RuntimeUnavailableException(
              running ? "the inbound queue is full" : "the server is stopping"));
    }
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
    if (!running
        || !ring.tryPublishEvent(
            (slot, seq) -> {
              slot.caller = caller;
              slot.nodes = nodes;
              slot.events = events;
              slot.entries = entries;
              slot.reply = reply;
            })) {
      reply.completeExceptionally(
          new RuntimeUnavailableException(
              running ? "the inbound queue is full" : "the server is stopping"));
    }
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
    if (!running
        || !ring.tryPublishEvent(
            (slot, seq) -> {
              slot.timerNanos = timestampNanos;
              slot.reply = reply;
            })) {
      reply.completeExceptionally(
          new RuntimeUnavailableException(
              running ? "the inbound queue is full" : "the server is stopping"));
    }
    return reply.thenApply(EngineReply.class::cast);
  }

  /** Runs a read on the engine thread; completes after every earlier answer was released. */
  public <T> CompletableFuture<T> query(Function<RiskEngine, T> read) {
    final CompletableFuture<Object> reply = new CompletableFuture<>();
    if (!running
        || !ring.tryPublishEvent(
            (slot, seq) -> {
              slot.query = read;
              slot.reply = reply;
            })) {
      reply.completeExceptionally(
          new RuntimeUnavailableException(
              running ? "the inbound queue is full" : "the server is stopping"));
    }
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
    subscribers.add(subscriber);
  }

  /**
   * Adds a subscriber as above, with {@code onEnd} run if this runtime closes while it is still
   * subscribed: a node that starts over as a standby replaces its runtime, and a stream client must
   * then reconnect to hear the new one.
   */
  public void subscribe(Consumer<String> subscriber, Runnable onEnd) {
    endings.put(subscriber, onEnd);
    subscribers.add(subscriber);
  }

  /**
   * Adds a listener of the accepted events once durable, each with its journal sequence and its own
   * outputs (see {@link DurableRecord}), called on the publisher thread in journal order before the
   * outputs reach the stream: for the audit trail, which must see every output with the record that
   * produced it. A listener must not block (hand the records to a thread of its own); one that
   * throws is logged and kept.
   */
  public void onDurable(Consumer<List<DurableRecord>> listener) {
    recordListeners.add(listener);
  }

  /** Removes a subscriber. */
  public void unsubscribe(Consumer<String> subscriber) {
    subscribers.remove(subscriber);
    endings.remove(subscriber);
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

  private void onSubmission(Submission slot) {
    final CompletableFuture<Object> reply = slot.reply;
    try {
      if (slot.replicated != null) {
        applyReplicated(slot, reply);
        return;
      }
      if (slot.timerNanos != NO_TIMER && !clockTimer(slot)) {
        reply.complete(null);
        return;
      }
      if (slot.events != null && !journal.writable()) {
        reply.completeExceptionally(
            new RuntimeUnavailableException(journal.notWritableReason(), journal.leaderUrl()));
        return;
      }
      if (slot.snapshot != null) {
        if (slot.snapshot == SnapshotRequest.DEMAND
            || (agent.lastSequence() > lastSnapshotSequence && snapshotsInFlight.get() == 0)) {
          takeSnapshot(reply);
        } else {
          reply.complete(null);
        }
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
        snapshotIfDue();
      }
    } catch (RuntimeException e) {
      reply.completeExceptionally(e);
    } finally {
      slot.clear();
    }
  }

  private void snapshotIfDue() {
    if (snapshotSettings.everyEvents() > 0
        && agent.lastSequence() - lastSnapshotSequence >= snapshotSettings.everyEvents()
        && snapshotsInFlight.get() == 0
        && !agent.failed()) {
      takeSnapshot(new CompletableFuture<>());
    }
  }

  /** Applies a record of the leader's on the engine thread (see {@link #applyReplicated}). */
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
    snapshotIfDue();
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

  /**
   * Serializes the state on the engine thread, between two submissions, and hands the bytes to the
   * snapshot thread, which writes them once the journal is durable up to the sequence they cover.
   */
  private void takeSnapshot(CompletableFuture<Object> reply) {
    if (agent.failed()) {
      reply.completeExceptionally(
          new RuntimeUnavailableException(
              "the journal failed; no snapshot is taken until the server restarts"));
      return;
    }
    final long sequence = agent.lastSequence();
    final long start = System.nanoTime();
    final ServerSnapshot state;
    try {
      state = agent.snapshot(configuration);
      metrics.snapshotPause(System.nanoTime() - start);
    } catch (RuntimeException e) {
      log.accept("error: snapshot at sequence " + sequence + " failed: " + e.getMessage());
      reply.completeExceptionally(e);
      return;
    }
    lastSnapshotSequence = sequence;
    snapshotsInFlight.incrementAndGet();
    try {
      snapshotWriter.execute(() -> writeSnapshot(sequence, state, reply));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      snapshotsInFlight.decrementAndGet();
      reply.completeExceptionally(new RuntimeUnavailableException("the server is stopping"));
    }
  }

  private void writeSnapshot(long sequence, ServerSnapshot state, CompletableFuture<Object> reply) {
    try {
      final byte[] bytes = state.encode();
      if (sequence > 0) {
        while (!journal.awaitDurable(sequence, 100, TimeUnit.MILLISECONDS)) {
          if (!running && journal.durableSequence() < sequence) {
            throw new RuntimeUnavailableException(
                "the server stopped before sequence " + sequence + " was durable");
          }
        }
      }
      final Path file = snapshots.write(sequence, bytes);
      writePosition(file, sequence);
      releaseCoveredJournal();
      reply.complete(new SnapshotTaken(sequence, file));
    } catch (IOException e) {
      log.accept("error: snapshot at sequence " + sequence + " not written: " + e.getMessage());
      reply.completeExceptionally(
          new java.io.UncheckedIOException("the snapshot could not be written: " + e, e));
    } catch (JournalUnavailableException e) {
      reply.completeExceptionally(
          new RuntimeUnavailableException(
              "the journal failed before sequence " + sequence + " was durable"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply.completeExceptionally(new RuntimeUnavailableException("the server is stopping"));
    } catch (RuntimeException e) {
      reply.completeExceptionally(e);
    } finally {
      snapshotsInFlight.decrementAndGet();
    }
  }

  /** The file beside a snapshot that records where in the log it ends (the Kafka offset). */
  static Path positionFile(Path snapshot) {
    return snapshot.resolveSibling(snapshot.getFileName() + ".position");
  }

  /**
   * Writes the log position the snapshot covers beside it (journal on Kafka: topic, partition and
   * the offset of its last event), and removes those of snapshots no longer retained.
   */
  private void writePosition(Path file, long sequence) throws IOException {
    final String position = journal.positionOf(sequence);
    if (position == null) {
      return;
    }
    final Path target = positionFile(file);
    final Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    java.nio.file.Files.writeString(temp, position + "\n");
    java.nio.file.Files.move(
        temp,
        target,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (var files = java.nio.file.Files.list(file.getParent())) {
      for (Path p : files.toList()) {
        final String name = p.getFileName().toString();
        if (name.endsWith(".snap.position")
            && !java.nio.file.Files.exists(
                p.resolveSibling(name.substring(0, name.length() - ".position".length())))) {
          java.nio.file.Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * After a snapshot is written, lets the journal delete or archive (by {@code journal.retain}) the
   * segments that the oldest retained snapshot covers. The oldest, not the newest: when the newest
   * cannot be used at the next start, recovery falls back to an older one and needs the journal
   * after it. A failure is logged and leaves the segments for the next snapshot to release; the
   * snapshot itself stands.
   */
  private void releaseCoveredJournal() {
    if (!journal.releasesAfterSnapshots()) {
      return;
    }
    try {
      final List<Long> retained = snapshots.sequences();
      if (retained.isEmpty()) {
        return;
      }
      final String released = journal.releaseCoveredBy(retained.get(0));
      if (released != null) {
        log.accept(released);
      }
    } catch (IOException | RuntimeException e) {
      log.accept("warning: journal segments covered by the snapshots not released: " + e);
    }
  }

  /**
   * Releases answers in order until {@link #close} queues {@code STOP}. An interrupt ends no more
   * than the wait it cuts short: while idle it is ignored, and while waiting for the journal it
   * answers that caller 503 ({@link #awaitDurable}); the publisher goes on, so no later caller is
   * left without an answer.
   */
  private void runPublisher() {
    while (true) {
      final Object next;
      try {
        next = pending.take();
      } catch (InterruptedException e) {
        continue; // no caller was waiting: nothing to answer
      }
      if (next == STOP) {
        return;
      }
      final Pending p = (Pending) next;
      if (p.sequence() > 0 && !awaitDurable(p)) {
        continue;
      }
      replica.follow(p.applied(), p.sequence());
      if (!p.records().isEmpty()) {
        for (Consumer<List<DurableRecord>> listener : recordListeners) {
          try {
            listener.accept(p.records());
          } catch (RuntimeException e) {
            log.accept("error: a listener of durable records failed: " + e);
          }
        }
      }
      for (String output : p.outputs()) {
        deliver(output);
      }
      if (p.reply() != null) {
        if (p.answer() instanceof RuntimeException e) {
          p.reply().completeExceptionally(e);
        } else {
          p.reply().complete(p.answer());
        }
      }
    }
  }

  /**
   * Hands one output to every subscriber. A subscriber that throws (a stream whose client went
   * away, say) is logged, counted in {@code riskgate_stream_subscriber_failures_total} and removed:
   * it would fail again on every output, and the others must not wait for it.
   */
  private void deliver(String output) {
    for (Consumer<String> subscriber : subscribers) {
      try {
        subscriber.accept(output);
      } catch (RuntimeException e) {
        unsubscribe(subscriber);
        metrics.subscriberFailed();
        log.accept("warning: a stream subscriber failed on an output and was removed: " + e);
      }
    }
  }

  private boolean awaitDurable(Pending p) {
    try {
      while (!journal.awaitDurable(p.sequence(), 100, TimeUnit.MILLISECONDS)) {
        if (!running && journal.durableSequence() < p.sequence()) {
          fail(p, "the server stopped before the event was durable");
          return false;
        }
      }
      return true;
    } catch (JournalUnavailableException e) {
      fail(p, "the journal failed: " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      // The record stays in the journal and becomes durable; the caller may send the request
      // again, and a retry of the same request is answered as the first time.
      log.accept(
          "warning: the publisher was interrupted waiting for journal sequence "
              + p.sequence()
              + "; its caller is answered 503");
      fail(
          p,
          "interrupted while waiting for the journal to make the event durable; send the same"
              + " request again to get its answer");
      return false;
    }
  }

  /** Answers a pending caller 503 with {@code reason}. */
  private static void fail(Pending p, String reason) {
    if (p.reply() != null) {
      p.reply().completeExceptionally(new RuntimeUnavailableException(reason));
    }
  }

  /** Stops taking submissions, finishes the queued ones and stops both threads. */
  @Override
  public void close() {
    running = false;
    disruptor.shutdown();
    snapshotWriter.shutdown();
    try {
      if (!snapshotWriter.awaitTermination(30, TimeUnit.SECONDS)) {
        snapshotWriter.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pending.add(STOP);
    try {
      publisher.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Whatever the publisher did not release in time is answered 503, never left waiting.
    for (Object left; (left = pending.poll()) != null; ) {
      if (left instanceof Pending p) {
        fail(p, "the server stopped before the answer was released");
      }
    }
    replica.close();
    for (Consumer<String> subscriber : List.copyOf(endings.keySet())) {
      final Runnable end = endings.remove(subscriber);
      subscribers.remove(subscriber);
      if (end != null) {
        try {
          end.run();
        } catch (RuntimeException e) {
          log.accept("warning: a stream subscriber did not end cleanly: " + e);
        }
      }
    }
  }
}
