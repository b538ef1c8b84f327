package io.riskgate.server.snapshot;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A verified snapshot read back from disk: engine state as bytes, and the last journal sequence
 * that state includes. Recovery loads it, then replays the journal from {@code sequence + 1}.
 *
 * @param sequence the last journal sequence applied to the state (0 for a state before any)
 * @param state the state as bytes (the server snapshot, see runtime.ServerSnapshot)
 * @param file where it was read from
 */
public record Snapshot(long sequence, byte[] state, Path file) {
  /** Validates the fields. */
  public Snapshot {
    if (sequence < 0) {
      throw new IllegalArgumentException("snapshot sequence must not be negative, was " + sequence);
    }
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(file, "file");
  }
}
