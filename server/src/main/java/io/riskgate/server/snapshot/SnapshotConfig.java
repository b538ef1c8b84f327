package io.riskgate.server.snapshot;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where snapshots are kept, how many, and whether journal files they cover are deleted.
 *
 * @param directory where snapshot files live (created if missing)
 * @param retain how many of the newest snapshots to keep, at least 1
 * @param pruneCoveredJournal whether writing a snapshot deletes the journal segments whose records
 *     are all covered by the oldest retained valid snapshot; off by default
 */
public record SnapshotConfig(Path directory, int retain, boolean pruneCoveredJournal) {

  /** Default number of snapshots kept. */
  public static final int DEFAULT_RETAIN = 3;

  /** Validates every field. */
  public SnapshotConfig {
    Objects.requireNonNull(directory, "snapshot directory must be given");
    if (retain < 1) {
      throw new IllegalArgumentException("snapshots to retain must be at least 1, was " + retain);
    }
  }

  /** Keeps the newest {@value #DEFAULT_RETAIN} snapshots and never prunes the journal. */
  public static SnapshotConfig defaults(Path directory) {
    return new SnapshotConfig(directory, DEFAULT_RETAIN, false);
  }
}
