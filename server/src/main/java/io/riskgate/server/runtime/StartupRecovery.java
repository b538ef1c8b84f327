package io.riskgate.server.runtime;

import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.event.Event;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.journal.EventLog;
import io.riskgate.server.journal.RecordCursor;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.snapshot.Snapshot;
import io.riskgate.server.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Start-up recovery (see {@link EngineRuntime#recover}): restores the engine from a snapshot when
 * it is usable, and replays the durable journal records on top.
 */
final class StartupRecovery {
  private StartupRecovery() {}

  /** The engine rebuilt at start-up, and how. */
  record Recovered(EngineAgent agent, EngineRuntime.Recovery recovery) {}

  /**
   * The engine from the newest usable snapshot and the journal records after it, or else from the
   * reference data and all the journal's durable records (see {@link EngineRuntime#recover}).
   */
  static Recovered recover(
      EngineConfig config,
      List<Event> referenceData,
      EventLog journal,
      SnapshotStore snapshots,
      ServerMetrics metrics,
      Consumer<String> log,
      List<String> configuration)
      throws IOException {
    final List<Long> sequences = snapshots.sequences();
    for (int i = sequences.size() - 1; i >= 0; i--) {
      final Optional<EngineAgent> restored =
          restore(snapshots, config, sequences.get(i), configuration, journal, metrics, log);
      if (restored.isPresent()) {
        final long replayed = replay(restored.get(), journal, sequences.get(i) + 1);
        return new Recovered(
            restored.get(), new EngineRuntime.Recovery(sequences.get(i), replayed));
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
    return new Recovered(agent, new EngineRuntime.Recovery(-1, replayed));
  }

  /** Why a start without a usable snapshot stops when the journal's first records are gone. */
  static String noFullReplay(EventLog journal) {
    return "no usable snapshot (see the warnings above), and "
        + journal.describeMissingStart()
        + ", or start with the engine settings and reference data the snapshots were taken with";
  }

  /**
   * The agent in the state of snapshot {@code sequence}, or empty (reported) if unusable.
   *
   * <p>Longer than most: each check that passes a snapshot over reports its own reason, and the
   * checks are kept in the order they run.
   */
  static Optional<EngineAgent> restore(
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
    final Path positionFile = SnapshotTaker.positionFile(file.get().file());
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
  static long replay(EngineAgent agent, EventLog journal, long from) throws IOException {
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
}
