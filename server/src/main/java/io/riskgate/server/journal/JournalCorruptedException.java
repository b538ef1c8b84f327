package io.riskgate.server.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The journal holds damage before its tail, so it cannot be opened or read safely (fail closed).
 *
 * <p>Names the file and the byte offset of the first bad record so an operator can inspect it, and
 * says that opening with repair would cut the journal there.
 */
public final class JournalCorruptedException extends IOException {
  private final transient Path file;
  private final long offset;

  /** Damage in {@code file} at byte {@code offset}, described by {@code problem}. */
  public JournalCorruptedException(Path file, long offset, String problem) {
    super(
        "journal corrupted in "
            + file
            + " at byte offset "
            + offset
            + ": "
            + problem
            + " (opening with repair cuts the journal at this point)");
    this.file = file;
    this.offset = offset;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }

  /** Byte offset of the damage in {@link #file()}. */
  public long offset() {
    return offset;
  }
}
