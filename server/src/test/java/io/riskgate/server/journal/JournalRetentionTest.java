package io.riskgate.server.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releasing segments that snapshots cover: kept under {@code all}, deleted or archived under {@code
 * afterSnapshots}, only whole segments at or before the covered sequence, never the one being
 * appended to; archived files are the segments byte for byte, so moving them back restores the
 * journal from its first record.
 */
class JournalRetentionTest {
  @TempDir Path dir;

  /** Segments of three records of 8 bytes each: 1..3, 4..6, 7..9, 10. */
  private JournalConfig config(JournalRetention retention) {
    return JournalFiles.config(dir.resolve("journal"))
        .withMaxPayloadBytes(8)
        .withMaxSegmentBytes(24 + 3 * (16 + 8))
        .withRetention(retention);
  }

  private static void appendTen(Journal journal) throws InterruptedException {
    for (int i = 1; i <= 10; i++) {
      journal.append(new byte[] {(byte) i, 0, 0, 0, 0, 0, 0, 0});
    }
    journal.awaitDurable(10);
  }

  private static List<Long> sequences(Path directory, long from) throws IOException {
    final List<Long> sequences = new ArrayList<>();
    JournalFiles.readAll(directory, from, sequences);
    return sequences;
  }

  @Test
  void retainAllKeepsEverySegment() throws Exception {
    try (Journal journal = Journal.open(config(JournalRetention.ALL))) {
      appendTen(journal);
      assertEquals(List.of(), journal.releaseSegmentsCoveredBy(10));
      assertEquals(1, journal.firstSequence());
    }
    assertEquals(4, JournalFiles.segmentFiles(dir.resolve("journal")).size());
    assertEquals(1, sequences(dir.resolve("journal"), 1).get(0));
  }

  @Test
  void onlySegmentsWhoseEveryRecordIsCoveredAreDeleted() throws Exception {
    final Path journalDir = dir.resolve("journal");
    try (Journal journal = Journal.open(config(JournalRetention.deleteAfterSnapshots()))) {
      appendTen(journal);
      final List<Path> before = JournalFiles.segmentFiles(journalDir);
      assertEquals(List.of(), journal.releaseSegmentsCoveredBy(2), "1..3 holds 3, not covered");
      assertEquals(List.of(before.get(0)), journal.releaseSegmentsCoveredBy(5), "not 4..6");
      assertEquals(4, journal.firstSequence());
      assertEquals(List.of(before.get(1)), journal.releaseSegmentsCoveredBy(6));
      assertEquals(7, journal.firstSequence());
      assertEquals(before.subList(2, 4), JournalFiles.segmentFiles(journalDir));
    }
  }

  @Test
  void theSegmentBeingAppendedToIsNeverReleased() throws Exception {
    final Path journalDir = dir.resolve("journal");
    try (Journal journal = Journal.open(config(JournalRetention.deleteAfterSnapshots()))) {
      appendTen(journal);
      assertEquals(3, journal.releaseSegmentsCoveredBy(Long.MAX_VALUE).size());
      assertEquals(10, journal.firstSequence());
      assertEquals(11, journal.append(new byte[] {11}));
      journal.awaitDurable(11);
    }
    try (Journal journal = Journal.open(config(JournalRetention.deleteAfterSnapshots()))) {
      assertEquals(10, journal.firstSequence());
      assertEquals(11, journal.durableSequence());
    }
    assertEquals(List.of(10L, 11L), sequences(journalDir, 10));
  }

  @Test
  void archivedSegmentsKeepTheirNamesAndBytesAndCanBeMovedBack() throws Exception {
    final Path journalDir = dir.resolve("journal");
    final Path archive = dir.resolve("archive");
    final List<byte[]> original = new ArrayList<>();
    try (Journal journal = Journal.open(config(JournalRetention.archiveAfterSnapshots(archive)))) {
      appendTen(journal);
      for (Path segment : JournalFiles.segmentFiles(journalDir)) {
        original.add(Files.readAllBytes(segment));
      }
      final List<Path> released = journal.releaseSegmentsCoveredBy(9);
      assertEquals(3, released.size(), "1..3, 4..6 and 7..9; 10 is being appended to");
    }
    final List<Path> archived = JournalFiles.segmentFiles(archive);
    assertEquals(3, archived.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(original.get(i), Files.readAllBytes(archived.get(i)));
      assertFalse(Files.exists(journalDir.resolve(archived.get(i).getFileName())));
    }
    assertEquals(List.of(10L), sequences(journalDir, 10));
    for (Path file : archived) {
      Files.move(file, journalDir.resolve(file.getFileName()));
    }
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), sequences(journalDir, 1));
  }

  @Test
  void aDifferentFileOfTheSameNameInTheArchiveStopsTheReleaseThere() throws Exception {
    final Path journalDir = dir.resolve("journal");
    final Path archive = dir.resolve("archive");
    try (Journal journal = Journal.open(config(JournalRetention.archiveAfterSnapshots(archive)))) {
      appendTen(journal);
      final List<Path> segments = JournalFiles.segmentFiles(journalDir);
      Files.createDirectories(archive);
      Files.write(archive.resolve(segments.get(1).getFileName()), new byte[] {1, 2, 3});
      final IOException e =
          assertThrows(IOException.class, () -> journal.releaseSegmentsCoveredBy(9));
      assertTrue(
          e.getMessage().startsWith("the archive already holds a different "), e.getMessage());
      assertTrue(
          e.getMessage().endsWith(segments.get(1).getFileName() + " stays in the journal"),
          e.getMessage());
      assertEquals(4, journal.firstSequence(), "the first segment went, the second stayed");
      assertTrue(Files.exists(segments.get(1)));
      assertTrue(Files.exists(segments.get(2)));
      assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L, 10L), sequences(journalDir, 4));
    }
  }

  @Test
  void anIdenticalCopyLeftByAnInterruptedArchivingIsTakenAsDone() throws Exception {
    final Path journalDir = dir.resolve("journal");
    final Path archive = dir.resolve("archive");
    try (Journal journal = Journal.open(config(JournalRetention.archiveAfterSnapshots(archive)))) {
      appendTen(journal);
      final Path first = JournalFiles.segmentFiles(journalDir).get(0);
      Files.createDirectories(archive);
      Files.copy(first, archive.resolve(first.getFileName()));
      assertEquals(List.of(first), journal.releaseSegmentsCoveredBy(3));
      assertFalse(Files.exists(first));
      assertEquals(1, JournalFiles.segmentFiles(archive).size());
    }
  }

  @Test
  void archivingToAnotherFileSystemCopiesFsyncsAndThenDeletes() throws Exception {
    final Path journalDir = dir.resolve("journal");
    try (Journal journal = Journal.open(config(JournalRetention.ALL))) {
      appendTen(journal);
    }
    final Path first = JournalFiles.segmentFiles(journalDir).get(0);
    final byte[] bytes = Files.readAllBytes(first);
    final Path archive = Files.createDirectories(dir.resolve("archive"));
    final Path target = archive.resolve(first.getFileName());
    Files.write(target.resolveSibling(target.getFileName() + ".tmp"), new byte[] {9});
    Segments.copyThenDelete(first, target);
    assertArrayEquals(bytes, Files.readAllBytes(target));
    assertFalse(Files.exists(first));
    assertFalse(Files.exists(target.resolveSibling(target.getFileName() + ".tmp")));
  }

  @Test
  void anArchiveDirectoryNeedsRetainAfterSnapshots() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new JournalRetention(JournalRetention.Mode.ALL, dir));
    assertTrue(e.getMessage().endsWith("segments are archived only with retain: afterSnapshots"));
    assertEquals(
        JournalRetention.Mode.AFTER_SNAPSHOTS,
        JournalRetention.Mode.fromConfigName("afterSnapshots"));
    assertEquals(
        "must be all or afterSnapshots, got \"aftersnapshots\"",
        assertThrows(
                IllegalArgumentException.class,
                () -> JournalRetention.Mode.fromConfigName("aftersnapshots"))
            .getMessage());
  }
}
