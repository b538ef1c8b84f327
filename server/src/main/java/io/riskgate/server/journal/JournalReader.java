package io.riskgate.server.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Iterates the records of a journal from a given sequence, across segment files in order.
 *
 * <p>Strict: any damage met on the way throws {@link JournalCorruptedException} naming the file and
 * offset, since the only repairs happen when a {@link Journal} is opened. Usage: {@code while
 * (reader.next()) { use(reader.sequence(), reader.payload()); }}
 */
public final class JournalReader implements RecordCursor {
  private final List<Segments.Segment> segments;
  private final long fromSequence;
  private final long lastSequence;
  private int segmentIndex = -1;
  private FileChannel channel;
  private SegmentScanner scanner;
  private long expected;

  private JournalReader(List<Segments.Segment> segments, long fromSequence, long lastSequence)
      throws IOException {
    this.segments = segments;
    this.fromSequence = fromSequence;
    this.lastSequence = lastSequence;
    if (segments.isEmpty()) {
      return;
    }
    final long first = segments.get(0).firstSequence();
    if (fromSequence < first && fromSequence <= lastSequence) {
      throw new IllegalArgumentException(
          "the journal starts at sequence "
              + first
              + "; records before it were removed, cannot read from "
              + fromSequence);
    }
    int index = 0;
    while (index + 1 < segments.size() && segments.get(index + 1).firstSequence() <= fromSequence) {
      index++;
    }
    openSegment(index);
  }

  /**
   * A reader of the journal in {@code directory} from {@code fromSequence} to its last record. Use
   * it on a journal no {@link Journal} has open; an open journal has {@link Journal#reader}.
   */
  public static JournalReader open(Path directory, long fromSequence) throws IOException {
    if (fromSequence < 1) {
      throw new IllegalArgumentException("fromSequence must be at least 1, was " + fromSequence);
    }
    return new JournalReader(Segments.list(directory), fromSequence, Long.MAX_VALUE);
  }

  static JournalReader open(List<Segments.Segment> segments, long fromSequence, long lastSequence)
      throws IOException {
    if (fromSequence < 1) {
      throw new IllegalArgumentException("fromSequence must be at least 1, was " + fromSequence);
    }
    return new JournalReader(segments, fromSequence, lastSequence);
  }

  /** Moves to the next record; false at the end. */
  @Override
  public boolean next() throws IOException {
    while (scanner != null && expected <= lastSequence) {
      final SegmentScanner.Status status = scanner.next(expected);
      if (status == SegmentScanner.Status.RECORD) {
        expected++;
        if (scanner.sequence() >= fromSequence) {
          return true;
        }
        continue;
      }
      final Path file = segments.get(segmentIndex).file();
      if (status != SegmentScanner.Status.END) {
        throw new JournalCorruptedException(
            file, scanner.offset(), scanner.describe(status, expected));
      }
      if (segmentIndex + 1 >= segments.size()) {
        closeSegment();
        return false;
      }
      final Segments.Segment following = segments.get(segmentIndex + 1);
      if (following.firstSequence() != expected) {
        throw new JournalCorruptedException(
            following.file(),
            0,
            "sequence gap: the segments before end at sequence "
                + (expected - 1)
                + " but this segment starts at "
                + following.firstSequence());
      }
      openSegment(segmentIndex + 1);
    }
    return false;
  }

  /** Sequence of the current record. */
  @Override
  public long sequence() {
    return scanner.sequence();
  }

  /** Length of the current record's payload in bytes. */
  public int payloadLength() {
    return scanner.payloadLength();
  }

  /** A copy of the current record's payload. */
  @Override
  public byte[] payload() {
    final byte[] copy = new byte[scanner.payloadLength()];
    copyPayload(copy, 0);
    return copy;
  }

  /** Copies the current record's payload into {@code target} at {@code offset}. */
  public void copyPayload(byte[] target, int offset) {
    System.arraycopy(
        scanner.array(), scanner.payloadArrayOffset(), target, offset, scanner.payloadLength());
  }

  @Override
  public void close() throws IOException {
    closeSegment();
  }

  private void openSegment(int index) throws IOException {
    closeSegment();
    final Segments.Segment segment = segments.get(index);
    segmentIndex = index;
    channel = FileChannel.open(segment.file(), StandardOpenOption.READ);
    final long size = channel.size();
    expected = segment.firstSequence();
    if (size == 0) {
      scanner = new SegmentScanner(channel, 0, 0);
      return;
    }
    if (size < RecordDescriptor.FILE_HEADER_LENGTH) {
      throw new JournalCorruptedException(
          segment.file(), 0, "segment header cut short (" + size + " bytes)");
    }
    final ByteBuffer header =
        ByteBuffer.allocate(RecordDescriptor.FILE_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    while (header.hasRemaining()) {
      if (channel.read(header, header.position()) < 0) {
        throw new JournalCorruptedException(segment.file(), 0, "segment shrank while being read");
      }
    }
    final String problem = RecordDescriptor.checkFileHeader(header, segment.firstSequence());
    if (problem != null) {
      throw new JournalCorruptedException(segment.file(), 0, problem);
    }
    scanner = new SegmentScanner(channel, size, RecordDescriptor.FILE_HEADER_LENGTH);
  }

  private void closeSegment() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
      scanner = null;
    }
  }
}
