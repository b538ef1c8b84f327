package io.riskgate.server.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of journal segment files and of the records inside them.
 *
 * <p>Named after what it does: it describes records, the way a record descriptor in a ring buffer
 * does; it holds no state. All integers are little-endian.
 *
 * <p>A segment file starts with a header:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Magic 'R' 'G' 'J' 'L'                     |
 *  +---------------------------------------------------------------+
 *  |                        Format version                         |
 *  +---------------------------------------------------------------+
 *  |                 First sequence of the segment                 |
 *  |                           (64 bits)                           |
 *  +---------------------------------------------------------------+
 *  |               CRC32C of the 16 bytes above                    |
 *  +---------------------------------------------------------------+
 *  |                       Reserved (zero)                         |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Records follow the header back to back, without padding:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Payload length (bytes)                     |
 *  +---------------------------------------------------------------+
 *  |  CRC32C of payload length, sequence and payload (not itself)  |
 *  +---------------------------------------------------------------+
 *  |                           Sequence                            |
 *  |                           (64 bits)                           |
 *  +---------------------------------------------------------------+
 *  |                            Payload                           ...
 * ...                                                              |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The payload length is at least 1 and at most {@link #MAX_PAYLOAD_LENGTH}, so a run of zero
 * bytes never reads as a record. The segment being appended to keeps a region of written zeros
 * ahead of its last record ({@link JournalConfig#preallocateBytes()}), so that appending overwrites
 * blocks the file already has and an fsync need not commit a new file size:
 *
 * <pre>
 *  +--------+----------+----------+-----+----------+--------------------------------+
 *  | header | record 1 | record 2 | ... | record n | zeros (preallocated)           |
 *  +--------+----------+----------+-----+----------+--------------------------------+
 *  0        24                                     end of the log                   file size
 * </pre>
 *
 * <p>The log ends at the first record boundary from which only zero bytes are left to the end of
 * the file, or at the end of the file; the next record is written there. A boundary followed by
 * zeros and then anything else is a damaged record there (a torn tail when nothing valid follows),
 * not an end. A segment that rolled over is cut to the end of its last record, so only the last
 * segment has a zero region. Sequences start at the segment's first sequence and increase by one
 * from record to record and from the last record of a segment to the first of the next one. A
 * segment file is named {@code journal-NNNNNNNNNNNNNNNNNNNN.log} by its first sequence in 20
 * decimal digits, so names sort in sequence order.
 */
public final class RecordDescriptor {
  /**
   * The segment header's magic number, the ASCII bytes {@code RGJL} read as a little-endian int.
   */
  public static final int MAGIC = 'R' | ('G' << 8) | ('J' << 16) | ('L' << 24);

  /** The version of this layout. */
  public static final int VERSION = 1;

  /** Length of the segment file header in bytes. */
  public static final int FILE_HEADER_LENGTH = 24;

  /** Length of a record header (length, checksum, sequence) in bytes. */
  public static final int HEADER_LENGTH = 16;

  /** The largest payload the format admits: 16 MiB. */
  public static final int MAX_PAYLOAD_LENGTH = 16 * 1024 * 1024;

  static final int MAGIC_OFFSET = 0;
  static final int VERSION_OFFSET = 4;
  static final int FIRST_SEQUENCE_OFFSET = 8;
  static final int FILE_CHECKSUM_OFFSET = 16;

  private static final String PREFIX = "journal-";
  private static final String SUFFIX = ".log";
  private static final int DIGITS = 20;

  private RecordDescriptor() {}

  /** Offset of the payload length field from the start of a record. */
  public static int lengthOffset(int recordOffset) {
    return recordOffset;
  }

  /** Offset of the checksum field from the start of a record. */
  public static int checksumOffset(int recordOffset) {
    return recordOffset + 4;
  }

  /** Offset of the sequence field from the start of a record. */
  public static int sequenceOffset(int recordOffset) {
    return recordOffset + 8;
  }

  /** Offset of the payload from the start of a record. */
  public static int payloadOffset(int recordOffset) {
    return recordOffset + HEADER_LENGTH;
  }

  /** Whole length of a record carrying {@code payloadLength} bytes. */
  public static int recordLength(int payloadLength) {
    return HEADER_LENGTH + payloadLength;
  }

  /** The file name of the segment whose first record has {@code firstSequence}. */
  public static String segmentFileName(long firstSequence) {
    if (firstSequence < 1) {
      throw new IllegalArgumentException("first sequence must be at least 1, was " + firstSequence);
    }
    final String digits = Long.toString(firstSequence);
    return PREFIX + "0".repeat(DIGITS - digits.length()) + digits + SUFFIX;
  }

  /** The first sequence encoded in a segment file name, or -1 if the name is not a segment's. */
  public static long firstSequenceOf(String fileName) {
    if (fileName.length() != PREFIX.length() + DIGITS + SUFFIX.length()
        || !fileName.startsWith(PREFIX)
        || !fileName.endsWith(SUFFIX)) {
      return -1;
    }
    long value = 0;
    for (int i = PREFIX.length(); i < PREFIX.length() + DIGITS; i++) {
      final char c = fileName.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value >= 1 ? value : -1;
  }

  /** A segment file header for {@code firstSequence}, ready to write. */
  static ByteBuffer fileHeader(long firstSequence) {
    final ByteBuffer header =
        ByteBuffer.allocate(FILE_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(MAGIC_OFFSET, MAGIC);
    header.putInt(VERSION_OFFSET, VERSION);
    header.putLong(FIRST_SEQUENCE_OFFSET, firstSequence);
    final CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, FILE_CHECKSUM_OFFSET);
    header.putInt(FILE_CHECKSUM_OFFSET, (int) crc.getValue());
    return header;
  }

  /**
   * Checks a segment header read into {@code header} (24 bytes from position 0, little-endian).
   *
   * @return null when valid, otherwise what is wrong with it
   */
  static String checkFileHeader(ByteBuffer header, long expectedFirstSequence) {
    if (header.getInt(MAGIC_OFFSET) != MAGIC) {
      return "not a journal segment (bad magic number)";
    }
    final CRC32C crc = new CRC32C();
    final byte[] bytes = new byte[FILE_CHECKSUM_OFFSET];
    header.get(0, bytes);
    crc.update(bytes);
    if ((int) crc.getValue() != header.getInt(FILE_CHECKSUM_OFFSET)) {
      return "segment header checksum mismatch";
    }
    if (header.getInt(VERSION_OFFSET) != VERSION) {
      return "unsupported journal format version " + header.getInt(VERSION_OFFSET);
    }
    final long firstSequence = header.getLong(FIRST_SEQUENCE_OFFSET);
    if (firstSequence != expectedFirstSequence) {
      return "segment header says first sequence "
          + firstSequence
          + " but the file name says "
          + expectedFirstSequence;
    }
    return null;
  }

  /**
   * Computes a record's checksum over the bytes of {@code array} holding a complete record at
   * {@code recordOffset}: the length field, then sequence and payload, skipping the checksum field.
   */
  static int checksum(CRC32C crc, byte[] array, int recordOffset, int payloadLength) {
    crc.reset();
    crc.update(array, lengthOffset(recordOffset), 4);
    crc.update(array, sequenceOffset(recordOffset), 8 + payloadLength);
    return (int) crc.getValue();
  }
}
