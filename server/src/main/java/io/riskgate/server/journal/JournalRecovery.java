package io.riskgate.server.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every segment of a journal directory when it opens: cuts a torn tail, refuses damage
 * before the tail unless repair is requested, and finds where appending continues.
 */
final class JournalRecovery {

  /**
   * What opening found.
   *
   * @param segments the segments kept, in order
   * @param nextSequence the sequence the next append gets
   * @param tailEnd byte length of the valid part of the last segment (0 when it needs a header);
   *     any bytes after it are the zeros of its preallocated region
   * @param warnings what was fixed on the way
   */
  record Result(
      List<Segments.Segment> segments,
      long nextSequence,
      long tailEnd,
      List<StorageWarning> warnings) {}

  private final boolean repair;
  private final List<StorageWarning> warnings = new ArrayList<>();

  private JournalRecovery(boolean repair) {
    this.repair = repair;
  }

  static Result recover(Path directory, boolean repair) throws IOException {
    return new JournalRecovery(repair).run(directory);
  }

  private Result run(Path directory) throws IOException {
    final List<Segments.Segment> all = Segments.list(directory);
    final List<Segments.Segment> kept = new ArrayList<>();
    long expected = all.isEmpty() ? 1 : all.get(0).firstSequence();
    long tailEnd = 0;
    for (int i = 0; i < all.size(); i++) {
      final Segments.Segment segment = all.get(i);
      if (segment.firstSequence() != expected) {
        final String problem =
            "sequence gap: the segments before end at sequence "
                + (expected - 1)
                + " but this segment starts at "
                + segment.firstSequence();
        cutWholeSegments(all.subList(i, all.size()), problem);
        break;
      }
      final List<Segments.Segment> later = all.subList(i + 1, all.size());
      final Check check = checkSegment(segment, later.isEmpty(), expected, later);
      kept.add(segment);
      tailEnd = check.validEnd();
      expected = check.nextSequence();
      if (check.cut()) {
        break;
      }
    }
    return new Result(kept, expected, tailEnd, List.copyOf(warnings));
  }

  /**
   * Outcome of checking one segment.
   *
   * @param validEnd byte length of its valid part (0 when it has no header); only zeros follow
   * @param nextSequence the sequence after its last valid record
   * @param cut whether repair cut it and set every later segment aside
   */
  private record Check(long validEnd, long nextSequence, boolean cut) {}

  private Check checkSegment(
      Segments.Segment segment, boolean last, long firstSequence, List<Segments.Segment> later)
      throws IOException {
    final Path file = segment.file();
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      final long size = channel.size();
      if (size == 0) {
        warnings.add(
            new StorageWarning(
                StorageWarning.Kind.EMPTY_SEGMENT,
                file,
                0,
                "zero-length segment file treated as empty"));
        return new Check(0, firstSequence, false);
      }
      final String headerProblem =
          size < RecordDescriptor.FILE_HEADER_LENGTH
              ? "segment header cut short (" + size + " bytes)"
              : RecordDescriptor.checkFileHeader(readHeader(channel), firstSequence);
      if (headerProblem != null) {
        if (last && !SegmentScanner.anyValidRecordAfter(channel, size, 0, firstSequence - 1)) {
          channel.truncate(0);
          channel.force(true);
          warnings.add(
              new StorageWarning(
                  StorageWarning.Kind.TORN_TAIL_TRUNCATED,
                  file,
                  0,
                  headerProblem + "; the segment holds no valid record, truncated to zero length"));
          return new Check(0, firstSequence, false);
        }
        cut(channel, file, 0, size, headerProblem, later);
        return new Check(0, firstSequence, true);
      }
      final SegmentScanner scanner =
          new SegmentScanner(channel, size, RecordDescriptor.FILE_HEADER_LENGTH);
      long expected = firstSequence;
      SegmentScanner.Status status;
      while ((status = scanner.next(expected)) == SegmentScanner.Status.RECORD) {
        expected++;
      }
      if (status == SegmentScanner.Status.END) {
        return new Check(scanner.offset(), expected, false);
      }
      final long at = scanner.offset();
      final String problem = scanner.describe(status, expected);
      if (last && isTornTail(status, channel, size, at, expected - 1)) {
        channel.truncate(at);
        channel.force(true);
        warnings.add(
            new StorageWarning(
                StorageWarning.Kind.TORN_TAIL_TRUNCATED,
                file,
                at,
                problem
                    + " in the last record; truncated "
                    + (size - at)
                    + " bytes after sequence "
                    + (expected - 1)));
        return new Check(at, expected, false);
      }
      cut(channel, file, at, size, problem, later);
      return new Check(at, expected, true);
    }
  }

  private static boolean isTornTail(
      SegmentScanner.Status status, FileChannel channel, long size, long at, long lastGood)
      throws IOException {
    switch (status) {
      case TRUNCATED_HEADER:
      case TRUNCATED_PAYLOAD:
        return true;
      case BAD_LENGTH:
      case BAD_CHECKSUM:
        return !SegmentScanner.anyValidRecordAfter(channel, size, at, lastGood);
      default:
        return false;
    }
  }

  /**
   * Damage at {@code at} in {@code file}: throws, or with repair keeps the bytes from {@code at} in
   * a side file, truncates there and sets every later segment aside.
   */
  private void cut(
      FileChannel channel,
      Path file,
      long at,
      long size,
      String problem,
      List<Segments.Segment> later)
      throws IOException {
    if (!repair) {
      throw new JournalCorruptedException(file, at, problem);
    }
    Path side = file.resolveSibling(file.getFileName() + ".cut-at-" + at);
    for (int copy = 1; Files.exists(side); copy++) {
      side = file.resolveSibling(file.getFileName() + ".cut-at-" + at + "." + copy);
    }
    try (FileChannel out =
        FileChannel.open(side, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long done = 0;
      while (done < size - at) {
        done += channel.transferTo(at + done, size - at - done, out);
      }
      out.force(true);
    }
    channel.truncate(at);
    channel.force(true);
    warnings.add(
        new StorageWarning(
            StorageWarning.Kind.REPAIRED_CUT,
            file,
            at,
            problem
                + "; repair cut the journal here, "
                + (size - at)
                + " bytes kept in "
                + side.getFileName()));
    cutWholeSegments(later, "after the repaired cut in " + file.getFileName());
    Segments.syncDirectory(file.getParent());
  }

  /** Sets whole segments aside (renamed with a {@code .cut} suffix) or throws without repair. */
  private void cutWholeSegments(List<Segments.Segment> segments, String problem)
      throws IOException {
    if (segments.isEmpty()) {
      return;
    }
    if (!repair) {
      throw new JournalCorruptedException(segments.get(0).file(), 0, problem);
    }
    for (Segments.Segment segment : segments) {
      final Path file = segment.file();
      final Path side = file.resolveSibling(file.getFileName() + ".cut");
      Files.move(file, side, StandardCopyOption.ATOMIC_MOVE);
      warnings.add(
          new StorageWarning(
              StorageWarning.Kind.REPAIRED_CUT,
              file,
              0,
              problem + "; repair set the whole segment aside as " + side.getFileName()));
    }
    Segments.syncDirectory(segments.get(0).file().getParent());
  }

  private static ByteBuffer readHeader(FileChannel channel) throws IOException {
    final ByteBuffer header =
        ByteBuffer.allocate(RecordDescriptor.FILE_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    while (header.hasRemaining()) {
      if (channel.read(header, header.position()) < 0) {
        break;
      }
    }
    return header;
  }
}
