package io.riskgate.server.audit;

import io.riskgate.server.cluster.KafkaJournal;
import io.riskgate.server.cluster.NodeLock;
import io.riskgate.server.config.ServerConfig;
import io.riskgate.server.journal.JournalReader;
import io.riskgate.server.journal.RecordCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * Rebuilds the audit trail from the journal ({@code riskgate audit rebuild}): empties the
 * configured store, replays the journal through an engine from the configuration's reference data
 * ({@link AuditReplay}) and writes the rows of every record, so the store holds exactly what the
 * live server would have written. The server must be stopped: the journal's lock says whether it
 * runs. With the journal on Kafka, the store is this node's (each node keeps its own trail of the
 * records it applies) and is rebuilt from the topic partition; the node's data directory lock
 * ({@link NodeLock}) says whether it runs.
 */
public final class AuditRebuild {
  /**
   * What a rebuild wrote.
   *
   * @param records journal records replayed
   * @param lastSequence the last journal sequence (0 for an empty journal)
   */
  public record Result(
      long records, long lastSequence, long decisions, long alerts, long states, long limits) {}

  private AuditRebuild() {}

  /**
   * Rebuilds the store of {@code config}.
   *
   * @param env where the PostgreSQL password is read from ({@code System::getenv})
   * @throws IllegalStateException when the server runs, there is no journal or no store, or a
   *     record cannot be replayed
   */
  public static Result rebuild(ServerConfig config, UnaryOperator<String> env)
      throws IOException, AuditStoreException, SQLException {
    if (config.audit().kind() == AuditSettings.Kind.NONE) {
      throw new IllegalStateException("audit: {kind: none} configures no store to rebuild");
    }
    if (config.kafka() != null) {
      return rebuildFromKafka(config, env);
    }
    final Path journal = config.journalDirectory();
    if (!Files.isDirectory(journal)) {
      throw new IllegalStateException("there is no journal in " + journal);
    }
    try (FileChannel lock =
        FileChannel.open(
            journal.resolve("journal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      final FileLock held;
      try {
        held = lock.tryLock();
      } catch (OverlappingFileLockException e) {
        throw new IllegalStateException("the journal in " + journal + " is open in this process");
      }
      if (held == null) {
        throw new IllegalStateException(
            "the journal in " + journal + " is in use by a running server; stop it first");
      }
      try (AuditStore store = AuditStore.open(config.audit(), config.dataDirectory(), env);
          JournalReader reader = JournalReader.open(journal, 1)) {
        return write(config, store, reader);
      } finally {
        held.release();
      }
    }
  }

  /**
   * With the journal on Kafka: this node's store from the topic partition's records. The node must
   * be stopped (the lock of its data directory, {@link NodeLock}, says whether it runs); the other
   * nodes of the group may run on: the log's committed records do not change.
   */
  private static Result rebuildFromKafka(ServerConfig config, UnaryOperator<String> env)
      throws IOException, AuditStoreException, SQLException {
    final NodeLock lock = NodeLock.acquire(config.dataDirectory());
    try (lock;
        KafkaJournal journal =
            KafkaJournal.open(config.kafka(), config.maxJournalPayloadBytes(), line -> {});
        AuditStore store = AuditStore.open(config.audit(), config.dataDirectory(), env);
        RecordCursor reader = journal.reader(1)) {
      return write(config, store, reader);
    }
  }

  /** Empties {@code store} and writes the rows of every record {@code reader} replays. */
  private static Result write(ServerConfig config, AuditStore store, RecordCursor reader)
      throws IOException, SQLException {
    store.clear();
    final long[] counts = new long[5];
    final long last;
    try {
      last =
          AuditReplay.replay(
              config.engine(),
              config.referenceData(),
              reader,
              0,
              1000,
              records -> {
                final AuditRows.Batch batch = AuditRows.of(records);
                try {
                  store.write(batch);
                } catch (SQLException e) {
                  throw new UncheckedSqlException(e);
                }
                counts[0] += records.size();
                counts[1] += batch.decisions().size();
                counts[2] += batch.alerts().size();
                counts[3] += batch.states().size();
                counts[4] += batch.limits().size();
              });
    } catch (UncheckedSqlException e) {
      throw e.sql;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Result(counts[0], last, counts[1], counts[2], counts[3], counts[4]);
  }

  /** Carries a write's failure out of the replay's callback. */
  private static final class UncheckedSqlException extends RuntimeException {
    final SQLException sql;

    UncheckedSqlException(SQLException sql) {
      super(sql);
      this.sql = sql;
    }
  }
}
