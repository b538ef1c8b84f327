package io.riskgate.server.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Reads the records of one segment file front to back and says, record by record, whether each one
 * is whole and valid. Shared by recovery and by {@link JournalReader}.
 *
 * <p>The segment ends where the file ends or where only zero bytes are left up to the end of the
 * file (the preallocated region not yet written, see {@link RecordDescriptor}); {@link #offset()}
 * then says where the next record goes.
 */
final class SegmentScanner {

  /** Outcome of {@link #next}. */
  enum Status {
    RECORD("valid record"),
    END("end of segment"),
    TRUNCATED_HEADER("record header cut short by the end of the file"),
    TRUNCATED_PAYLOAD("record payload cut short by the end of the file"),
    BAD_LENGTH("record length field out of range"),
    BAD_CHECKSUM("record checksum mismatch"),
    BAD_SEQUENCE("record sequence out of order");

    final String description;

    Status(String description) {
      this.description = description;
    }
  }

  private static final int INITIAL_BUFFER = 1 << 20;
  private static final int ZERO_CHECK_CHUNK = 1 << 20;

  private final FileChannel channel;
  private final long fileSize;
  private final CRC32C crc = new CRC32C();
  private ByteBuffer buffer;

  /** File offset of {@code buffer}'s byte 0. */
  private long bufferFileOffset;

  /** File offset of the next record to read. */
  private long offset;

  private long sequence;
  private int payloadLength;
  private int payloadArrayOffset;
  private long foundSequence;

  SegmentScanner(FileChannel channel, long fileSize, long startOffset) {
    this.channel = channel;
    this.fileSize = fileSize;
    this.offset = startOffset;
    this.bufferFileOffset = startOffset;
    this.buffer = ByteBuffer.allocate(INITIAL_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    this.buffer.limit(0);
  }

  /** File offset of the next record to read; after a failed {@link #next}, of the bad record. */
  long offset() {
    return offset;
  }

  long sequence() {
    return sequence;
  }

  int payloadLength() {
    return payloadLength;
  }

  byte[] array() {
    return buffer.array();
  }

  int payloadArrayOffset() {
    return payloadArrayOffset;
  }

  /** Reads the record at {@link #offset()}, which should carry {@code expectedSequence}. */
  Status next(long expectedSequence) throws IOException {
    final long remaining = fileSize - offset;
    if (remaining == 0) {
      return Status.END;
    }
    if (remaining < RecordDescriptor.HEADER_LENGTH) {
      return onlyZerosFrom(offset) ? Status.END : Status.TRUNCATED_HEADER;
    }
    ensure(RecordDescriptor.HEADER_LENGTH);
    final int at = (int) (offset - bufferFileOffset);
    final int length = buffer.getInt(RecordDescriptor.lengthOffset(at));
    if (length == 0 && onlyZerosFrom(offset)) {
      return Status.END;
    }
    if (length < 1 || length > RecordDescriptor.MAX_PAYLOAD_LENGTH) {
      return Status.BAD_LENGTH;
    }
    if (RecordDescriptor.recordLength(length) > remaining) {
      return Status.TRUNCATED_PAYLOAD;
    }
    ensure(RecordDescriptor.recordLength(length));
    final int start = (int) (offset - bufferFileOffset);
    final int stored = buffer.getInt(RecordDescriptor.checksumOffset(start));
    if (RecordDescriptor.checksum(crc, buffer.array(), start, length) != stored) {
      return Status.BAD_CHECKSUM;
    }
    final long recordSequence = buffer.getLong(RecordDescriptor.sequenceOffset(start));
    if (recordSequence != expectedSequence) {
      foundSequence = recordSequence;
      return Status.BAD_SEQUENCE;
    }
    sequence = recordSequence;
    payloadLength = length;
    payloadArrayOffset = RecordDescriptor.payloadOffset(start);
    offset += RecordDescriptor.recordLength(length);
    return Status.RECORD;
  }

  /** Readable explanation of a failed status for {@code expectedSequence}. */
  String describe(Status status, long expectedSequence) {
    if (status == Status.BAD_SEQUENCE) {
      return status.description + ": expected " + expectedSequence + ", found " + foundSequence;
    }
    return status.description;
  }

  /** Whether every byte from {@code from} to the end of the file is zero. */
  private boolean onlyZerosFrom(long from) throws IOException {
    final ByteBuffer chunk = ByteBuffer.allocate(ZERO_CHECK_CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    long at = from;
    while (at < fileSize) {
      chunk.clear();
      chunk.limit((int) Math.min(chunk.capacity(), fileSize - at));
      while (chunk.hasRemaining()) {
        if (channel.read(chunk, at + chunk.position()) < 0) {
          throw new IOException("segment file shrank while being read at byte " + at);
        }
      }
      final int filled = chunk.position();
      int i = 0;
      for (; i + Long.BYTES <= filled; i += Long.BYTES) {
        if (chunk.getLong(i) != 0) {
          return false;
        }
      }
      for (; i < filled; i++) {
        if (chunk.get(i) != 0) {
          return false;
        }
      }
      at += filled;
    }
    return true;
  }

  /** Makes {@code count} bytes from {@link #offset} available in the buffer. */
  private void ensure(int count) throws IOException {
    final int at = (int) (offset - bufferFileOffset);
    if (at + count <= buffer.limit()) {
      return;
    }
    if (count > buffer.capacity()) {
      final ByteBuffer larger =
          ByteBuffer.allocate(Integer.highestOneBit(count - 1) << 1).order(ByteOrder.LITTLE_ENDIAN);
      buffer.position(at);
      larger.put(buffer);
      larger.flip();
      buffer = larger;
    } else {
      buffer.position(at);
      buffer.compact();
      buffer.flip();
    }
    bufferFileOffset = offset;
    readMore(count);
  }

  private void readMore(int count) throws IOException {
    buffer.position(buffer.limit());
    buffer.limit(buffer.capacity());
    while (buffer.position() < count) {
      final int read = channel.read(buffer, bufferFileOffset + buffer.position());
      if (read < 0) {
        throw new IOException("segment file shrank while being read at byte " + offset);
      }
    }
    buffer.flip();
  }

  /**
   * Whether any valid record with a sequence above {@code afterSequence} starts after {@code
   * fromOffset} in the file: the test that tells a torn tail (nothing valid follows) from damage in
   * the middle (something valid follows).
   */
  static boolean anyValidRecordAfter(
      FileChannel channel, long fileSize, long fromOffset, long afterSequence) throws IOException {
    final long maxSequence =
        afterSequence + (fileSize - fromOffset) / (RecordDescriptor.HEADER_LENGTH + 1) + 1;
    final int chunk = 1 << 20;
    final ByteBuffer window =
        ByteBuffer.allocate(chunk + RecordDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    final CRC32C crc = new CRC32C();
    for (long base = fromOffset + 1;
        base + RecordDescriptor.HEADER_LENGTH < fileSize;
        base += chunk) {
      window.clear();
      final long want = Math.min(window.capacity(), fileSize - base);
      window.limit((int) want);
      while (window.hasRemaining()) {
        if (channel.read(window, base + window.position()) < 0) {
          break;
        }
      }
      final int filled = window.position();
      for (int at = 0; at + RecordDescriptor.HEADER_LENGTH <= filled && at < chunk; at++) {
        final int length = window.getInt(RecordDescriptor.lengthOffset(at));
        if (length < 1
            || length > RecordDescriptor.MAX_PAYLOAD_LENGTH
            || base + at + RecordDescriptor.recordLength(length) > fileSize) {
          continue;
        }
        final long recordSequence = window.getLong(RecordDescriptor.sequenceOffset(at));
        if (recordSequence <= afterSequence || recordSequence > maxSequence) {
          continue;
        }
        if (checksumMatches(channel, base + at, length, window.getInt(at + 4), crc)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean checksumMatches(
      FileChannel channel, long recordOffset, int length, int stored, CRC32C crc)
      throws IOException {
    final ByteBuffer record =
        ByteBuffer.allocate(RecordDescriptor.recordLength(length)).order(ByteOrder.LITTLE_ENDIAN);
    while (record.hasRemaining()) {
      if (channel.read(record, recordOffset + record.position()) < 0) {
        return false;
      }
    }
    return RecordDescriptor.checksum(crc, record.array(), 0, length) == stored;
  }
}
