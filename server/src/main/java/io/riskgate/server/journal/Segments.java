package io.riskgate.server.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** File-system helpers for segment files: listing in sequence order and fsyncing a directory. */
final class Segments {

  /** A segment file and the first sequence its name declares. */
  record Segment(Path file, long firstSequence) {}

  private Segments() {}

  /** The segment files of {@code directory} in sequence order; other files are ignored. */
  static List<Segment> list(Path directory) throws IOException {
    final List<Segment> segments = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path file : stream) {
        final long first = RecordDescriptor.firstSequenceOf(file.getFileName().toString());
        if (first > 0 && Files.isRegularFile(file)) {
          segments.add(new Segment(file, first));
        }
      }
    }
    segments.sort(Comparator.comparingLong(Segment::firstSequence));
    return segments;
  }

  /** Makes the directory entry changes (creations, renames, deletions) in it durable. */
  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
