package io.riskgate.server.runtime;

import io.riskgate.server.config.SnapshotSettings;
import io.riskgate.server.journal.EventLog;
import io.riskgate.server.journal.JournalUnavailableException;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Snapshot taking and retention (see {@link EngineRuntime}): the state is serialized on the engine
 * thread, the file written on the snapshot thread once the journal is durable up to it, and the
 * journal segments the oldest retained snapshot covers are then released.
 */
final class SnapshotTaker {
  private final EngineAgent agent;
  private final EventLog journal;
  private final SnapshotStore snapshots;
  private final SnapshotSettings snapshotSettings;
  private final List<String> configuration;
  private final ServerMetrics metrics;
  private final Consumer<String> log;
  private final BooleanSupplier running;
  private final ExecutorService snapshotWriter;
  private final AtomicInteger snapshotsInFlight = new AtomicInteger();

  /** The sequence the newest snapshot taken covers; engine thread only. */
  private long lastSnapshotSequence;

  SnapshotTaker(
      EngineAgent agent,
      EventLog journal,
      SnapshotStore snapshots,
      SnapshotSettings snapshotSettings,
      List<String> configuration,
      ServerMetrics metrics,
      Consumer<String> log,
      BooleanSupplier running,
      long lastSnapshotSequence) {
    this.agent = agent;
    this.journal = journal;
    this.snapshots = snapshots;
    this.snapshotSettings = snapshotSettings;
    this.configuration = configuration;
    this.metrics = metrics;
    this.log = log;
    this.running = running;
    this.lastSnapshotSequence = lastSnapshotSequence;
    this.snapshotWriter =
        Executors.newSingleThreadExecutor(
            runnable -> {
              final Thread t = new Thread(runnable, "riskgate-snapshot");
              t.setDaemon(true);
              return t;
            });
  }

  /** Answers a snapshot request of the ring buffer, on the engine thread. */
  void onRequest(SnapshotRequest request, CompletableFuture<Object> reply) {
    if (request == SnapshotRequest.DEMAND
        || (agent.lastSequence() > lastSnapshotSequence && snapshotsInFlight.get() == 0)) {
      takeSnapshot(reply);
    } else {
      reply.complete(null);
    }
  }

  void snapshotIfDue() {
    if (snapshotSettings.everyEvents() > 0
        && agent.lastSequence() - lastSnapshotSequence >= snapshotSettings.everyEvents()
        && snapshotsInFlight.get() == 0
        && !agent.failed()) {
      takeSnapshot(new CompletableFuture<>());
    }
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
          if (!running.getAsBoolean() && journal.durableSequence() < sequence) {
            throw new RuntimeUnavailableException(
                "the server stopped before sequence " + sequence + " was durable");
          }
        }
      }
      final Path file = snapshots.write(sequence, bytes);
      writePosition(file, sequence);
      releaseCoveredJournal();
      reply.complete(new EngineRuntime.SnapshotTaken(sequence, file));
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

  /** Stops the snapshot thread once the snapshots handed to it are written (30 s at most). */
  void close() {
    snapshotWriter.shutdown();
    try {
      if (!snapshotWriter.awaitTermination(30, TimeUnit.SECONDS)) {
        snapshotWriter.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
