package io.riskgate.server.cluster;

import io.riskgate.server.journal.EventLog;
import io.riskgate.server.journal.JournalUnavailableException;
import io.riskgate.server.journal.RecordCursor;
import io.riskgate.server.journal.StorageWarning;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * The journal on one partition of a Kafka topic, shared by the nodes of a leader group.
 *
 * <p>Each record's value is the journal payload; headers say what it is: {@code rg-kind} {@code e}
 * for an event with its sequence in {@code rg-seq} (8 bytes, big-endian), {@code h} for the
 * leader's heartbeat; {@code rg-node} names the node that wrote it. A heartbeat's value is the
 * leader's status, a small JSON object {@code {"node":"n1","url":"http://...","sequence":42}} (its
 * id, its URL from {@code cluster.nodes}, the last sequence it made durable); it is no event, never
 * applied, and changes no state (a reader skips it; heartbeats of older versions are empty and
 * equally skipped). Sequences count events from 1 without gaps, whatever offsets Kafka gives them
 * (transaction markers and heartbeats take offsets too); the journal keeps each event's offset, so
 * a reader starts where a snapshot ends.
 *
 * <p>Every node opens the journal as a standby: it reads the partition from its start ({@code
 * read_committed}), checks that the sequences follow each other, and the runtime replays it. Then
 * {@link #follow} hands each new event record to the runtime as it is committed. A standby that
 * reads nothing from the leader (no event, no heartbeat) for {@link KafkaSettings#failoverMillis()}
 * (plus a quarter of it per place in the take-over order) takes over: it opens the producer with
 * the group's shared {@code transactional.id}, whose {@code initTransactions} fences every earlier
 * producer of that id (its open transaction is aborted, its next write fails), reads to the end of
 * the log, waits until the runtime applied all of it, and only then takes writes.
 *
 * <p>The leader's writer thread is a group commit: it takes everything appended since its last
 * batch, sends it in one transaction (idempotent producer, {@code acks=all}) with a heartbeat when
 * one is due, and commits; an event's answer is released only once its transaction committed, so
 * every acknowledged event is on the in-sync replicas. A commit that fails ends the journal for
 * good (fail closed); when it failed because a newer leader fenced this one, the journal says so
 * ({@link #fenced()}) and the server starts over as a standby.
 */
public final class KafkaJournal implements EventLog {
  static final Duration POLL = Duration.ofMillis(50);

  /** This node's part in the group. */
  public enum Role {
    STANDBY,
    TAKING_OVER,
    LEADER,
    /**
     * Was leader until a commit failed (another node took over, or the brokers failed it): no more
     * writes; the server starts over as a standby.
     */
    FENCED,
    FAILED,
    CLOSED;

    /** The name in {@code Riskgate-Role} and {@code /v1/cluster}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * The leader's status as its last heartbeat read by this node carried it.
   *
   * @param node the leader's id
   * @param url the leader's URL from its configuration, or null when it names none
   * @param sequence the last sequence the leader had made durable when it wrote the heartbeat
   * @param offset the heartbeat's offset in the partition
   * @param heardNanos when this node read it ({@link System#nanoTime()})
   */
  public record LeaderStatus(String node, String url, long sequence, long offset, long heardNanos) {
    /** Milliseconds since this node read the heartbeat. */
    public long ageMillis() {
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - heardNanos);
    }
  }

  /** What the runtime does with the log as a standby. */
  public interface Follower {
    /** Applies the committed event record {@code sequence} (in order, each once). */
    CompletableFuture<?> apply(long sequence, byte[] payload);

    /** Completes once everything handed to {@link #apply} is applied. */
    CompletableFuture<?> barrier();
  }

  private final KafkaSettings settings;
  private final TopicPartition partition;
  private final int maxPayloadBytes;
  private final Consumer<String> log;

  /** Offsets of the event records by sequence (index 0 unused); guarded by itself. */
  private long[] offsets = new long[1024];

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<byte[]> queued = new ArrayList<>();
  private long nextSequence;
  private volatile long appendedSequence;
  private volatile long durableSequence;
  private volatile long endOffset;
  private volatile Role role = Role.STANDBY;
  private volatile Throwable failure;
  private volatile String leaderNode;

  /** What the leader's last heartbeat read said (null before one with a status). */
  private volatile LeaderStatus heard;

  private volatile long lastHeardNanos = System.nanoTime();
  private volatile boolean closed;
  private final AtomicLong failovers = new AtomicLong();
  private volatile Runnable onFenced = () -> {};
  private volatile Runnable onLeader = () -> {};
  private volatile java.util.function.BooleanSupplier deferTakeOver = () -> false;
  private volatile long leaderSinceNanos;

  /** Position after the last record read by the scan at open; where following starts. */
  private long scannedTo;

  private Thread thread;

  /** The consumer that asks the brokers for the partition's end (kept: one request per ask). */
  private KafkaConsumer<byte[], byte[]> endOffsetConsumer;

  private final Object endOffsets = new Object();
  private volatile Thread writer;
  private KafkaProducer<byte[], byte[]> producer;

  private KafkaJournal(KafkaSettings settings, int maxPayloadBytes, Consumer<String> log) {
    this.settings = settings;
    this.partition = new TopicPartition(settings.topic(), settings.partition());
    this.maxPayloadBytes = maxPayloadBytes;
    this.log = log;
  }

  /**
   * Opens the journal: creates the topic when missing (or adds partitions up to this group's), then
   * reads the partition from its start to its end and checks the sequences.
   *
   * @throws IOException when the brokers cannot be reached or the log's sequences do not follow
   *     each other (fail closed)
   */
  public static KafkaJournal open(KafkaSettings settings, int maxPayloadBytes, Consumer<String> log)
      throws IOException {
    final KafkaJournal journal = new KafkaJournal(settings, maxPayloadBytes, log);
    KafkaClients.ensureTopic(settings, log);
    journal.scan();
    return journal;
  }

  /** Reads the whole partition once: indexes the events and checks their sequences. */
  private void scan() throws IOException {
    try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(settings)) {
      c.seekToBeginning(List.of(partition));
      final long end = c.endOffsets(List.of(partition)).get(partition);
      while (c.position(partition) < end) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
          index(r);
        }
      }
      scannedTo = c.position(partition);
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e);
    } catch (KafkaException e) {
      throw new IOException(
          "the Kafka journal " + partition + " cannot be read: " + e.getMessage(), e);
    }
    nextSequence = durableSequence + 1;
    appendedSequence = durableSequence;
  }

  /**
   * Takes note of one committed record: an event's offset (after checking its sequence follows the
   * last) or the leader's heartbeat. True for an event.
   */
  private boolean index(ConsumerRecord<byte[], byte[]> r) {
    endOffset = r.offset() + 1;
    final String node = KafkaRecords.node(r);
    if (node != null) {
      leaderNode = node;
    }
    lastHeardNanos = System.nanoTime();
    if (!KafkaRecords.isEvent(r)) {
      if (KafkaRecords.isHeartbeat(r)) {
        final LeaderStatus status = KafkaRecords.status(r);
        if (status != null) {
          heard = status;
        }
      }
      return false;
    }
    final long sequence = KafkaRecords.sequence(r);
    if (sequence < 0) {
      throw new IllegalStateException(
          "the Kafka journal " + partition + " has an event without a sequence at " + r.offset());
    }
    if (sequence != durableSequence + 1) {
      throw new IllegalStateException(
          "the Kafka journal "
              + partition
              + " is not a Riskgate journal of one leader group: the event at offset "
              + r.offset()
              + " has sequence "
              + sequence
              + " where "
              + (durableSequence + 1)
              + " follows; failing closed");
    }
    putOffset(sequence, r.offset());
    durableSequence = sequence;
    return true;
  }

  private void putOffset(long sequence, long offset) {
    synchronized (this) {
      if (sequence >= offsets.length) {
        offsets = Arrays.copyOf(offsets, (int) Math.max(sequence + 1, offsets.length * 2L));
      }
      offsets[(int) sequence] = offset;
    }
  }

  /** The Kafka offset of the event record {@code sequence}, or -1 if not durable here. */
  public long offsetOf(long sequence) {
    if (sequence < 1 || sequence > durableSequence) {
      return -1;
    }
    synchronized (this) {
      return offsets[(int) sequence];
    }
  }

  @Override
  public String positionOf(long sequence) {
    final long offset = sequence == 0 ? -1 : offsetOf(sequence);
    return "kafka topic="
        + settings.topic()
        + " partition="
        + settings.partition()
        + " sequence="
        + sequence
        + " offset="
        + offset;
  }

  // ------------------------------------------------------------------ standby

  /**
   * Follows the log from where the scan ended, handing each event to {@code follower}, and takes
   * over when the leader falls silent. Call once, after the runtime replayed {@link #reader}.
   *
   * @param onLeader run once this node took over and serves writes
   * @param onFenced run (on the writer thread) when a newer leader fenced this one
   */
  public void follow(Follower follower, Runnable onLeader, Runnable onFenced) {
    this.onLeader = onLeader;
    this.onFenced = onFenced;
    lastHeardNanos = System.nanoTime();
    thread = new Thread(() -> runFollower(follower), "riskgate-kafka-follower");
    thread.setDaemon(true);
    thread.start();
  }

  private void runFollower(Follower follower) {
    try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(settings)) {
      c.seek(partition, scannedTo);
      final long patience =
          TimeUnit.MILLISECONDS.toNanos(
              settings.failoverMillis() + settings.rank() * settings.failoverMillis() / 4);
      final long deferAtMost = TimeUnit.MILLISECONDS.toNanos(3 * settings.failoverMillis());
      final long recheck = TimeUnit.MILLISECONDS.toNanos(settings.heartbeatMillis());
      long deferredUntil = System.nanoTime();
      while (!closed && role == Role.STANDBY) {
        deliver(c.poll(POLL), follower);
        endOffset = c.position(partition);
        final long silence = System.nanoTime() - lastHeardNanos;
        if (silence > patience && System.nanoTime() - deferredUntil >= 0) {
          if (behind(c)) {
            // Committed records this node has not read yet: the leader writes, this node is
            // slow (a cold start on a busy machine, say). Not a silence.
            lastHeardNanos = System.nanoTime();
            continue;
          }
          if (silence < patience + deferAtMost && deferTakeOver.getAsBoolean()) {
            // A node before this one in the take-over order is taking over (or just did): its
            // first heartbeat is on the way; fencing it now would only make a second fail-over.
            deferredUntil = System.nanoTime() + recheck;
            continue;
          }
          if (takeOver(c, follower)) {
            return;
          }
          lastHeardNanos = System.nanoTime();
        }
      }
    } catch (RuntimeException e) {
      if (!closed) {
        fail(e);
      }
    }
  }

  /**
   * Whether the partition's committed end (its last stable offset, {@code read_committed}) is past
   * what {@code c} read; false when the brokers do not say within a second.
   */
  private boolean behind(KafkaConsumer<byte[], byte[]> c) {
    try {
      final Long end = c.endOffsets(List.of(partition), Duration.ofSeconds(1)).get(partition);
      return end != null && end > c.position(partition);
    } catch (KafkaException e) {
      return false;
    }
  }

  private void deliver(Iterable<ConsumerRecord<byte[], byte[]>> records, Follower follower) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (index(r)) {
        follower.apply(durableSequence, r.value());
      }
    }
  }

  /**
   * Opens the producer with the shared transactional id (fencing the old leader), reads to the end
   * of the log, waits until the runtime applied it, then becomes leader. False (back to standby)
   * when another node fenced this one first or the brokers did not answer.
   */
  private boolean takeOver(KafkaConsumer<byte[], byte[]> c, Follower follower) {
    role = Role.TAKING_OVER;
    final long start = System.nanoTime();
    log.accept(
        "no record from the leader"
            + (leaderNode != null ? " (" + leaderNode + ")" : "")
            + " for "
            + settings.failoverMillis()
            + " ms: node "
            + settings.nodeId()
            + " takes over "
            + partition);
    KafkaProducer<byte[], byte[]> p = null;
    try {
      p = KafkaClients.producer(settings, maxPayloadBytes);
      p.initTransactions();
      // Now no earlier producer of the id can commit: read what they committed, to the end.
      while (true) {
        final long end = c.endOffsets(List.of(partition)).get(partition);
        if (c.position(partition) >= end) {
          break;
        }
        deliver(c.poll(POLL), follower);
      }
      follower.barrier().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      log.accept("warning: node " + settings.nodeId() + " could not take over: " + e);
      if (p != null) {
        p.close(Duration.ZERO);
      }
      role = Role.STANDBY;
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (p != null) {
        p.close(Duration.ZERO);
      }
      return false;
    }
    lock.lock();
    try {
      producer = p;
      nextSequence = durableSequence + 1;
      appendedSequence = durableSequence;
      leaderNode = settings.nodeId();
      leaderSinceNanos = System.nanoTime();
      role = Role.LEADER;
    } finally {
      lock.unlock();
    }
    failovers.incrementAndGet();
    final Thread w = new Thread(this::runWriter, "riskgate-kafka-writer");
    w.setDaemon(true);
    writer = w;
    w.start();
    log.accept(
        "node "
            + settings.nodeId()
            + " is the leader of "
            + partition
            + " from sequence "
            + nextSequence
            + " (fencing the old leader and reading to the end took "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
            + " ms)");
    onLeader.run();
    return true;
  }

  // ------------------------------------------------------------------ leader

  @Override
  public long append(byte[] payload) {
    if (payload.length < 1 || payload.length > maxPayloadBytes) {
      throw new IllegalArgumentException(
          "journal payload must be 1 to " + maxPayloadBytes + " bytes, was " + payload.length);
    }
    lock.lock();
    try {
      if (role != Role.LEADER) {
        throw new JournalUnavailableException(notWritableReason(), failure);
      }
      final long sequence = nextSequence++;
      queued.add(payload);
      appendedSequence = sequence;
      changed.signalAll();
      return sequence;
    } finally {
      lock.unlock();
    }
  }

  /** The group commit: one transaction per batch, a heartbeat in it when one is due. */
  private void runWriter() {
    final long heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(settings.heartbeatMillis());
    long lastHeartbeat = System.nanoTime() - heartbeatNanos;
    final List<byte[]> batch = new ArrayList<>();
    final List<Future<RecordMetadata>> sent = new ArrayList<>();
    while (true) {
      long first;
      lock.lock();
      try {
        while (queued.isEmpty()
            && role == Role.LEADER
            && System.nanoTime() - lastHeartbeat < heartbeatNanos) {
          changed.awaitNanos(heartbeatNanos - (System.nanoTime() - lastHeartbeat));
        }
        if (role != Role.LEADER) {
          return;
        }
        batch.addAll(queued);
        queued.clear();
        first = nextSequence - batch.size();
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      if (!commit(batch, first, sent, lastHeartbeat, heartbeatNanos)) {
        return;
      }
      if (System.nanoTime() - lastHeartbeat >= heartbeatNanos) {
        lastHeartbeat = System.nanoTime();
      }
      if (!batch.isEmpty()) {
        lock.lock();
        try {
          durableSequence = first + batch.size() - 1;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
      batch.clear();
      sent.clear();
    }
  }

  /**
   * Sends the batch (and a heartbeat when one is due) in one transaction and commits it. A commit
   * the brokers refuse for a passing reason (a broker or the coordinator moved) is aborted and the
   * same batch sent again, a few times: the aborted records are never read ({@code read_committed})
   * and none of them was acknowledged. Fenced by a newer leader, or failing again, or unable to
   * abort: this node can no longer tell which of its events the log holds, so it steps down
   * (answers them 503 and starts over as a standby from the log; a retry of the same request then
   * gets the answer the log has). False then.
   */
  private boolean commit(
      List<byte[]> batch,
      long first,
      List<Future<RecordMetadata>> sent,
      long lastHeartbeat,
      long heartbeatNanos) {
    for (int attempt = 1; ; attempt++) {
      sent.clear();
      try {
        producer.beginTransaction();
        for (int i = 0; i < batch.size(); i++) {
          sent.add(
              producer.send(
                  KafkaRecords.record(settings, KafkaRecords.EVENT, first + i, batch.get(i))));
        }
        Future<RecordMetadata> heartbeat = null;
        if (System.nanoTime() - lastHeartbeat >= heartbeatNanos) {
          heartbeat =
              producer.send(
                  KafkaRecords.record(
                      settings,
                      KafkaRecords.HEARTBEAT,
                      0,
                      KafkaRecords.status(settings, durableSequence)));
        }
        producer.commitTransaction();
        long last = -1;
        for (int i = 0; i < sent.size(); i++) {
          last = sent.get(i).get().offset();
          putOffset(first + i, last);
        }
        if (heartbeat != null) {
          last = Math.max(last, heartbeat.get().offset());
        }
        if (last >= 0) {
          endOffset = last + 2; // the transaction's commit marker follows its last record
        }
        return true;
      } catch (ExecutionException | InterruptedException | RuntimeException e) {
        final Throwable cause =
            e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ProducerFencedException
            || cause instanceof InvalidProducerEpochException
            || e instanceof InterruptedException
            || attempt >= 3
            || role != Role.LEADER) {
          stepDown(e);
          return false;
        }
        log.accept(
            "warning: the commit of sequences "
                + first
                + " to "
                + (first + batch.size() - 1)
                + " failed ("
                + cause
                + "); aborted and sent again");
        try {
          producer.abortTransaction();
        } catch (RuntimeException abort) {
          stepDown(e);
          return false;
        }
      }
    }
  }

  private void stepDown(Exception e) {
    final Throwable cause =
        e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    final boolean fenced =
        cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException;
    log.accept(
        "node "
            + settings.nodeId()
            + (fenced
                ? " was fenced: another node took over " + partition
                : " could not commit to " + partition)
            + " ("
            + cause
            + "); it writes nothing more and starts over as a standby");
    end(Role.FENCED, cause);
    onFenced.run();
  }

  private void fail(Throwable e) {
    log.accept("error: the Kafka journal " + partition + " failed: " + e + "; failing closed");
    end(Role.FAILED, e);
  }

  private void end(Role to, Throwable e) {
    lock.lock();
    try {
      failure = e;
      role = to;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    final KafkaProducer<byte[], byte[]> p = producer;
    if (p != null) {
      p.close(Duration.ZERO);
    }
  }

  @Override
  public boolean awaitDurable(long sequence, long timeout, TimeUnit unit)
      throws InterruptedException {
    if (durableSequence >= sequence) {
      return true;
    }
    long remaining = unit.toNanos(timeout);
    lock.lock();
    try {
      while (durableSequence < sequence) {
        if (failure != null || role == Role.CLOSED) {
          throw new JournalUnavailableException(
              "the Kafka journal "
                  + (role == Role.FENCED
                      ? "is no longer led by this node, which starts over as a standby"
                      : "failed")
                  + "; sequence "
                  + sequence
                  + " is not durable",
              failure);
        }
        if (remaining <= 0) {
          return false;
        }
        remaining = changed.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ reading

  @Override
  public RecordCursor reader(long fromSequence) throws IOException {
    if (fromSequence < 1) {
      throw new IllegalArgumentException("fromSequence must be at least 1, was " + fromSequence);
    }
    final long last = durableSequence;
    final KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(settings);
    if (fromSequence <= last) {
      c.seek(partition, offsetOf(fromSequence));
    } else {
      c.seekToEnd(List.of(partition));
    }
    return new KafkaRecordCursor(c, partition, fromSequence, last);
  }

  // ------------------------------------------------------------------ state

  @Override
  public long durableSequence() {
    return durableSequence;
  }

  @Override
  public long firstSequence() {
    return 1;
  }

  @Override
  public List<StorageWarning> recoveryWarnings() {
    return List.of();
  }

  @Override
  public boolean releasesAfterSnapshots() {
    return false;
  }

  @Override
  public String releaseCoveredBy(long sequence) {
    return null;
  }

  @Override
  public String describeMissingStart() {
    return "the Kafka journal " + partition + " no longer starts at its first record";
  }

  @Override
  public boolean writable() {
    return role == Role.LEADER;
  }

  @Override
  public String notWritableReason() {
    return switch (role) {
      case LEADER -> null;
      case FAILED -> "the Kafka journal failed; no event is accepted until the server restarts";
      case CLOSED -> "the server is stopping";
      case FENCED ->
          "node "
              + settings.nodeId()
              + " is no longer the leader (another node took over, or its last commit failed);"
              + " it takes no writes and starts over as a standby: send them to the leader";
      default -> {
        final String url = leaderUrl();
        yield "node "
            + settings.nodeId()
            + " is a "
            + role.label()
            + "; it takes no writes"
            + (url != null
                ? ": send them to the leader at " + url
                : leaderNode != null ? ": the leader is node " + leaderNode : "");
      }
    };
  }

  @Override
  public String leaderUrl() {
    final String node = leaderNode;
    if (role == Role.LEADER || node == null || node.equals(settings.nodeId())) {
      return null;
    }
    return settings.leaderUrls().get(node);
  }

  @Override
  public String role() {
    return role == Role.LEADER ? "leader" : "standby";
  }

  /** The detailed role. */
  public Role state() {
    return role;
  }

  /** Whether a newer leader fenced this node. */
  public boolean fenced() {
    return role == Role.FENCED;
  }

  /** The status of the leader's last heartbeat this node read, or null (none read, or leader). */
  public LeaderStatus heardLeader() {
    return role == Role.LEADER ? null : heard;
  }

  /** The node that wrote the last record read or written, or null before any. */
  public String leaderNode() {
    return leaderNode;
  }

  /** Offset after the last record this node read or wrote (end of its view of the log). */
  public long endOffset() {
    return endOffset;
  }

  /**
   * Has a standby whose leader fell silent wait while {@code peerAhead} says that a node before it
   * in the take-over order is taking over or has just taken over (for at most three times {@link
   * KafkaSettings#failoverMillis()} past its patience, so a node stuck in a take-over does not hold
   * the group). Called on the follower thread; it should answer within a heartbeat.
   */
  public void deferTakeOverWhile(java.util.function.BooleanSupplier peerAhead) {
    this.deferTakeOver = peerAhead;
  }

  /** Milliseconds since this node took over, or -1 when it does not lead. */
  public long leaderForMillis() {
    return role == Role.LEADER
        ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - leaderSinceNanos)
        : -1;
  }

  /** How often this node took over. */
  public long failovers() {
    return failovers.get();
  }

  /** Milliseconds since this node last read a record of the leader (0 when leader). */
  public long silenceMillis() {
    return role == Role.LEADER
        ? 0
        : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeardNanos);
  }

  /**
   * The partition's committed end offset, asked of the brokers (for the lag), or -1 when they do
   * not answer within a second.
   */
  public long logEndOffset() {
    synchronized (endOffsets) {
      if (closed) {
        return -1;
      }
      try {
        if (endOffsetConsumer == null) {
          endOffsetConsumer = KafkaClients.consumer(settings);
        }
        return endOffsetConsumer
            .endOffsets(List.of(partition), Duration.ofSeconds(1))
            .get(partition);
      } catch (KafkaException e) {
        if (endOffsetConsumer != null) {
          endOffsetConsumer.close();
          endOffsetConsumer = null;
        }
        return -1;
      }
    }
  }

  /** The settings it runs with. */
  public KafkaSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    closed = true;
    lock.lock();
    try {
      if (role != Role.FENCED && role != Role.FAILED) {
        role = Role.CLOSED;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    final Thread w = writer;
    for (Thread t : new Thread[] {thread, w}) {
      if (t == null || t == Thread.currentThread()) {
        continue;
      }
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (endOffsets) {
      if (endOffsetConsumer != null) {
        endOffsetConsumer.close();
        endOffsetConsumer = null;
      }
    }
    final KafkaProducer<byte[], byte[]> p = producer;
    if (p != null) {
      try {
        p.close(Duration.ofSeconds(5));
      } catch (KafkaException e) {
        log.accept("warning: the Kafka producer did not close cleanly: " + e.getMessage());
      }
    }
  }
}
