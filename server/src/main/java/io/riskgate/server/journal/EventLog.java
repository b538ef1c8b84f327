package io.riskgate.server.journal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the runtime needs of a journal: records numbered by a sequence that increases by one from 1,
 * appended by the engine thread and durable some time later. Two kinds hold them: the {@link
 * Journal} (segment files on a local disk, the embedded default) and the journal on Kafka ({@link
 * io.riskgate.server.cluster.KafkaJournal}), which may also be read by nodes that do not write it.
 */
public interface EventLog extends AutoCloseable {
  /**
   * Appends one record; returns its sequence.
   *
   * @throws IllegalArgumentException if the payload is empty or too long
   * @throws JournalUnavailableException if the log is closed, failed, or this node may not write
   */
  long append(byte[] payload);

  /**
   * Waits at most {@code timeout} until the record {@code sequence} is durable.
   *
   * @return true if it is durable, false if the time ran out first
   * @throws JournalUnavailableException if the log failed before the record became durable
   */
  boolean awaitDurable(long sequence, long timeout, TimeUnit unit) throws InterruptedException;

  /** The highest sequence known durable (0 when there is none). */
  long durableSequence();

  /** The first sequence the log still holds. */
  long firstSequence();

  /** A cursor over the durable records from {@code fromSequence} on. */
  RecordCursor reader(long fromSequence) throws IOException;

  /** What opening fixed on its own or found worth saying; for the log. */
  List<StorageWarning> recoveryWarnings();

  /** Whether records covered by the oldest retained snapshot may be released. */
  boolean releasesAfterSnapshots();

  /**
   * Releases what the snapshot at {@code sequence} covers, if the log's retention says so; a line
   * for the log, or null when nothing was released.
   */
  String releaseCoveredBy(long sequence) throws IOException;

  /** Why a full replay is impossible when the log starts after its first record; for errors. */
  String describeMissingStart();

  /**
   * Whether this node may append now; a node that only follows the log (a standby) may not, and
   * {@link #notWritableReason()} says why and where to write instead.
   */
  default boolean writable() {
    return true;
  }

  /** Why {@link #writable()} is false (names the leader when known), or null. */
  default String notWritableReason() {
    return null;
  }

  /** The leader's URL when this node may not write and the leader is known, else null. */
  default String leaderUrl() {
    return null;
  }

  /**
   * Where record {@code sequence} is in the storage that holds the log, as a line a snapshot keeps
   * beside it (a Kafka topic, partition and offset), or null when the sequence says it all.
   */
  default String positionOf(long sequence) {
    return null;
  }

  /**
   * This node's role in a cluster sharing the log ({@code leader} or {@code standby}), or null for
   * a log only this node uses.
   */
  default String role() {
    return null;
  }

  @Override
  void close() throws IOException;
}
