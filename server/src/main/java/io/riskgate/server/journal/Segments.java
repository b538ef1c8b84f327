package io.riskgate.server.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * File-system helpers for segment files: listing in sequence order, archiving and fsyncing a
 * directory.
 */
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

  /**
   * Moves a completed segment file into {@code archive} under its own name, durably: renamed when
   * the archive is on the same file system, else copied, the copy fsynced and renamed into place,
   * and only then the original deleted; so a crash at any point leaves the segment whole in at
   * least one of the two places. A file of that name already in the archive is accepted only when
   * it holds the same bytes (the copy of an earlier attempt cut short before the original was
   * deleted); the journal directory's entry change is for the caller to make durable.
   *
   * @throws IOException when the archive holds a different file of that name, or the move fails;
   *     the original is then still in the journal directory
   */
  static void archive(Path file, Path archive) throws IOException {
    Files.createDirectories(archive);
    final Path target = archive.resolve(file.getFileName().toString());
    if (Files.exists(target)) {
      if (Files.mismatch(file, target) != -1) {
        throw new IOException(
            "the archive already holds a different "
                + target
                + "; "
                + file.getFileName()
                + " stays in the journal");
      }
      Files.delete(file);
      return;
    }
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      copyThenDelete(file, target);
    }
    syncDirectory(archive);
  }

  /** The archive on another file system: copy, fsync, rename into place, then delete. */
  static void copyThenDelete(Path file, Path target) throws IOException {
    final Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel copy = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      copy.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(target.getParent());
    Files.delete(file);
  }

  /** Makes the directory entry changes (creations, renames, deletions) in it durable. */
  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
