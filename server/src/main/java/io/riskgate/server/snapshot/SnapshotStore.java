package io.riskgate.server.snapshot;

import io.riskgate.server.journal.StorageWarning;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Keeps snapshots of engine state on disk, each written atomically, checksummed and stamped with
 * the journal sequence it covers.
 *
 * <p>A snapshot is written to a temporary file, fsynced, renamed into place and the directory
 * fsynced, so a crash leaves either the old set or the new one. {@link #latestValid} returns the
 * newest snapshot whose checksum verifies, skipping damaged ones with a warning. A file holds:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Magic 'R' 'G' 'S' 'N'                     |
 *  +---------------------------------------------------------------+
 *  |                        Format version                         |
 *  +---------------------------------------------------------------+
 *  |               Journal sequence covered (64 bits)              |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      State length (bytes)                     |
 *  +---------------------------------------------------------------+
 *  |     CRC32C of the 20 bytes above and of the state bytes       |
 *  +---------------------------------------------------------------+
 *  |                             State                            ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Integers are little-endian; files are named {@code snapshot-NNNNNNNNNNNNNNNNNNNN.snap} by the
 * sequence in 20 digits.
 */
public final class SnapshotStore {
  /** The ASCII bytes {@code RGSN} read as a little-endian int. */
  public static final int MAGIC = 'R' | ('G' << 8) | ('S' << 16) | ('N' << 24);

  /** The version of the file layout. */
  public static final int VERSION = 1;

  /** Length of the file header in bytes. */
  public static final int HEADER_LENGTH = 24;

  private static final int SEQUENCE_OFFSET = 8;
  private static final int LENGTH_OFFSET = 16;
  private static final int CHECKSUM_OFFSET = 20;
  private static final String PREFIX = "snapshot-";
  private static final String SUFFIX = ".snap";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final int DIGITS = 20;

  private final SnapshotConfig config;
  private final List<StorageWarning> openWarnings;

  private SnapshotStore(SnapshotConfig config, List<StorageWarning> warnings) {
    this.config = config;
    this.openWarnings = List.copyOf(warnings);
  }

  /** Opens the store of {@code config}; removes temporary files left by an interrupted write. */
  public static SnapshotStore open(SnapshotConfig config) throws IOException {
    Objects.requireNonNull(config, "config");
    Files.createDirectories(config.directory());
    final List<StorageWarning> warnings = new ArrayList<>();
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(config.directory(), PREFIX + "*" + SUFFIX + TEMP_SUFFIX)) {
      for (Path stale : stream) {
        Files.delete(stale);
        warnings.add(
            new StorageWarning(
                StorageWarning.Kind.STALE_TEMP_FILE_REMOVED,
                stale,
                0,
                "temporary snapshot file of an interrupted write removed"));
      }
    }
    return new SnapshotStore(config, warnings);
  }

  /** What opening cleaned up, for the log. */
  public List<StorageWarning> openWarnings() {
    return openWarnings;
  }

  /** The file name of the snapshot covering {@code sequence}. */
  public static String fileName(long sequence) {
    if (sequence < 0) {
      throw new IllegalArgumentException("snapshot sequence must not be negative, was " + sequence);
    }
    final String digits = Long.toString(sequence);
    return PREFIX + "0".repeat(DIGITS - digits.length()) + digits + SUFFIX;
  }

  /**
   * Writes a snapshot of {@code state} covering the journal up to and including {@code sequence},
   * atomically; then keeps only the newest {@link SnapshotConfig#retain()} snapshots.
   *
   * @return the snapshot file
   */
  public Path write(long sequence, byte[] state) throws IOException {
    Objects.requireNonNull(state, "state");
    final Path target = config.directory().resolve(fileName(sequence));
    final Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
    final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0, MAGIC);
    header.putInt(4, VERSION);
    header.putLong(SEQUENCE_OFFSET, sequence);
    header.putInt(LENGTH_OFFSET, state.length);
    header.putInt(CHECKSUM_OFFSET, checksum(header.array(), state, 0, state.length));
    try (FileChannel out =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      final ByteBuffer body = ByteBuffer.wrap(state);
      while (header.hasRemaining() || body.hasRemaining()) {
        out.write(new ByteBuffer[] {header, body});
      }
      out.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(config.directory());
    retain();
    return target;
  }

  /**
   * The newest snapshot whose checksum verifies, or empty if there is none; each damaged snapshot
   * skipped on the way is reported to {@code onSkipped}.
   */
  public Optional<Snapshot> latestValid(Consumer<StorageWarning> onSkipped) throws IOException {
    final List<Long> sequences = sequences();
    for (int i = sequences.size() - 1; i >= 0; i--) {
      final Path file = config.directory().resolve(fileName(sequences.get(i)));
      final Verified verified = read(file, sequences.get(i));
      if (verified.snapshot() != null) {
        return Optional.of(verified.snapshot());
      }
      onSkipped.accept(
          new StorageWarning(
              StorageWarning.Kind.CORRUPT_SNAPSHOT_SKIPPED, file, 0, verified.problem()));
    }
    return Optional.empty();
  }

  /**
   * The snapshot covering {@code sequence} if its file is present and verifies; a damaged one is
   * reported to {@code onSkipped} and gives empty, as does a missing one.
   */
  public Optional<Snapshot> read(long sequence, Consumer<StorageWarning> onSkipped)
      throws IOException {
    final Path file = config.directory().resolve(fileName(sequence));
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    final Verified verified = read(file, sequence);
    if (verified.snapshot() == null) {
      onSkipped.accept(
          new StorageWarning(
              StorageWarning.Kind.CORRUPT_SNAPSHOT_SKIPPED, file, 0, verified.problem()));
    }
    return Optional.ofNullable(verified.snapshot());
  }

  /** The sequences of the snapshot files present, ascending (valid or not). */
  public List<Long> sequences() throws IOException {
    final List<Long> sequences = new ArrayList<>();
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(config.directory(), PREFIX + "*" + SUFFIX)) {
      for (Path file : stream) {
        final long sequence = sequenceOf(file.getFileName().toString());
        if (sequence >= 0) {
          sequences.add(sequence);
        }
      }
    }
    sequences.sort(null);
    return sequences;
  }

  private record Verified(Snapshot snapshot, String problem) {}

  private static Verified read(Path file, long expectedSequence) throws IOException {
    final byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < HEADER_LENGTH) {
      return new Verified(null, "snapshot header cut short (" + bytes.length + " bytes)");
    }
    final ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (header.getInt(0) != MAGIC) {
      return new Verified(null, "not a snapshot file (bad magic number)");
    }
    final int length = header.getInt(LENGTH_OFFSET);
    if (length < 0 || length != bytes.length - HEADER_LENGTH) {
      return new Verified(
          null,
          "snapshot length field says "
              + length
              + " bytes but the file holds "
              + (bytes.length - HEADER_LENGTH));
    }
    if (checksum(bytes, bytes, HEADER_LENGTH, length) != header.getInt(CHECKSUM_OFFSET)) {
      return new Verified(null, "snapshot checksum mismatch");
    }
    if (header.getInt(4) != VERSION) {
      return new Verified(null, "unsupported snapshot format version " + header.getInt(4));
    }
    final long sequence = header.getLong(SEQUENCE_OFFSET);
    if (sequence != expectedSequence) {
      return new Verified(
          null,
          "snapshot says sequence " + sequence + " but its file name says " + expectedSequence);
    }
    final byte[] state = new byte[length];
    System.arraycopy(bytes, HEADER_LENGTH, state, 0, length);
    return new Verified(new Snapshot(sequence, state, file), null);
  }

  private void retain() throws IOException {
    final List<Long> sequences = sequences();
    boolean deleted = false;
    for (int i = 0; i < sequences.size() - config.retain(); i++) {
      Files.deleteIfExists(config.directory().resolve(fileName(sequences.get(i))));
      deleted = true;
    }
    if (deleted) {
      syncDirectory(config.directory());
    }
  }

  private static int checksum(byte[] header, byte[] state, int stateOffset, int stateLength) {
    final CRC32C crc = new CRC32C();
    crc.update(header, 0, CHECKSUM_OFFSET);
    crc.update(state, stateOffset, stateLength);
    return (int) crc.getValue();
  }

  private static long sequenceOf(String name) {
    if (name.length() != PREFIX.length() + DIGITS + SUFFIX.length()
        || !name.startsWith(PREFIX)
        || !name.endsWith(SUFFIX)) {
      return -1;
    }
    final String digits = name.substring(PREFIX.length(), PREFIX.length() + DIGITS);
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
