package io.riskgate.server.snapshot;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where snapshots are kept and how many. Which journal segments the retained snapshots make
 * unnecessary is the journal's retention ({@link io.riskgate.server.journal.JournalRetention}).
 *
 * @param directory where snapshot files live (created if missing)
 * @param retain how many of the newest snapshots to keep, at least 1
 */
public record SnapshotConfig(Path directory, int retain) {

  /** Default number of snapshots kept. */
  public static final int DEFAULT_RETAIN = 3;

  /** Validates every field. */
  public SnapshotConfig {
    Objects.requireNonNull(directory, "snapshot directory must be given");
    if (retain < 1) {
      throw new IllegalArgumentException("snapshots to retain must be at least 1, was " + retain);
    }
  }

  /** Keeps the newest {@value #DEFAULT_RETAIN} snapshots. */
  public static SnapshotConfig defaults(Path directory) {
    return new SnapshotConfig(directory, DEFAULT_RETAIN);
  }
}
