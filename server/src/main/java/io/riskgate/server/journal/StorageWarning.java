package io.riskgate.server.journal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something the journal or the snapshot store fixed or skipped on its own, reported for the log.
 *
 * <p>Named a warning because nothing acknowledged was lost by it, unless {@link Kind#REPAIRED_CUT}
 * says so: that one follows an explicit repair request.
 *
 * @param kind what happened
 * @param file the file concerned
 * @param offset byte offset in that file where it happened (0 when it concerns the whole file)
 * @param message one readable sentence
 */
public record StorageWarning(Kind kind, Path file, long offset, String message) {

  /** What happened. */
  public enum Kind {
    /** An incomplete or damaged last record at the end of the journal was truncated away. */
    TORN_TAIL_TRUNCATED,
    /** A zero-length segment file was found and treated as empty. */
    EMPTY_SEGMENT,
    /** Corruption before the tail was cut away because repair was requested. */
    REPAIRED_CUT,
    /** A snapshot failed its checksum or was malformed and was skipped. */
    CORRUPT_SNAPSHOT_SKIPPED,
    /** A temporary file left by an interrupted write was removed. */
    STALE_TEMP_FILE_REMOVED
  }

  /** Validates the fields. */
  public StorageWarning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
  }

  @Override
  public String toString() {
    return kind + " " + file + " at byte " + offset + ": " + message;
  }
}
