package io.riskgate.server.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment files kept filled with zeros ahead of the last record: the zeros are the clean end of the
 * log on reopening, damage in front of them is handled as without them, and a crash that leaves any
 * prefix of the written bytes recovers every whole record in that prefix.
 */
class JournalPreallocationTest {
  private static final long AHEAD = 16 * 1024;

  @TempDir Path root;

  private static JournalConfig preallocated(Path directory) {
    return JournalFiles.config(directory).withPreallocateBytes(AHEAD);
  }

  @Test
  void newSegmentIsFilledWithZerosAheadOfItsRecords() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(preallocated(dir), 10);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    final List<Long> boundaries = JournalFiles.boundaries(segment);
    final long end = boundaries.get(boundaries.size() - 1);
    assertEquals(11, boundaries.size());
    final long size = Files.size(segment);
    assertTrue(size - end >= AHEAD / 2 && size - end <= 2 * AHEAD, "size " + size + " end " + end);
    final byte[] bytes = Files.readAllBytes(segment);
    for (long i = end; i < size; i++) {
      assertEquals(0, bytes[(int) i], "byte " + i);
    }
  }

  @Test
  void reopenedPreallocatedSegmentResumesAfterItsLastRecordWithoutWarning() throws Exception {
    final Path dir = root.resolve("j");
    final JournalConfig config = preallocated(dir);
    JournalFiles.writeRecords(config, 10);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    final long end = JournalFiles.boundaries(segment).get(10);
    final long size = Files.size(segment);
    try (Journal journal = Journal.open(config)) {
      assertTrue(journal.recoveryWarnings().isEmpty(), journal.recoveryWarnings().toString());
      assertEquals(10, journal.durableSequence());
      journal.awaitDurable(journal.append(JournalFiles.payloadOf(11)));
    }
    assertEquals(end, JournalFiles.recordOffsets(segment).get(10));
    assertEquals(size, Files.size(segment), "the zeros ahead were enough; the file kept its size");
    try (Journal journal = Journal.open(config.withPreallocateBytes(0))) {
      assertTrue(journal.recoveryWarnings().isEmpty(), journal.recoveryWarnings().toString());
      assertEquals(11, journal.durableSequence());
      journal.awaitDurable(journal.append(JournalFiles.payloadOf(12)));
    }
    assertReadsBack(dir, 12);
  }

  @Test
  void zeroRegionGrowsAheadOfTheRecordsAndStaysWithinTheSegmentLimit() throws Exception {
    final Path dir = root.resolve("j");
    final long limit = 256 * 1024;
    final JournalConfig config = preallocated(dir).withMaxSegmentBytes(limit);
    try (Journal journal = Journal.open(config)) {
      final Path segment = JournalFiles.segmentFiles(dir).get(0);
      final byte[] payload = new byte[1000];
      for (int i = 0; i < 250; i++) {
        payload[0] = (byte) (i + 1);
        journal.awaitDurable(journal.append(payload));
        final long size = Files.size(segment);
        final long end = RecordDescriptor.FILE_HEADER_LENGTH + (i + 1L) * (16 + 1000);
        assertTrue(size <= limit, "record " + i + ": size " + size);
        assertTrue(
            size == limit || (size - end >= 0 && size - end <= 2 * AHEAD),
            "record " + i + ": size " + size + ", end " + end);
      }
      assertEquals(limit, Files.size(segment));
    }
  }

  @Test
  void tornRecordFollowedByZerosIsTruncatedWithAWarning() throws Exception {
    final Path pristine = root.resolve("pristine");
    JournalFiles.writeRecords(preallocated(pristine), 5);
    final Path segment = JournalFiles.segmentFiles(pristine).get(0);
    final List<Long> boundaries = JournalFiles.boundaries(segment);
    final long lastStart = boundaries.get(4);
    final long end = boundaries.get(5);
    for (long kept = lastStart + 1; kept < end; kept++) {
      final Path dir = root.resolve("kept-" + kept);
      JournalFiles.copyDirectory(pristine, dir);
      final Path file = dir.resolve(segment.getFileName());
      JournalFiles.zero(file, kept, end);
      assertTornTailAt(dir, file, lastStart, "kept to " + kept);
    }
    final Path dir = root.resolve("length-lost");
    JournalFiles.copyDirectory(pristine, dir);
    final Path file = dir.resolve(segment.getFileName());
    JournalFiles.zero(file, lastStart, lastStart + 4);
    assertTornTailAt(dir, file, lastStart, "length field zero, rest written");
  }

  @Test
  void zeroedRecordFollowedByValidRecordsIsCorruption() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(preallocated(dir), 10);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    final List<Long> boundaries = JournalFiles.boundaries(segment);
    JournalFiles.zero(segment, boundaries.get(2), boundaries.get(3));
    final JournalCorruptedException e =
        assertThrows(JournalCorruptedException.class, () -> Journal.open(preallocated(dir)));
    assertEquals(segment, e.file());
    assertEquals(boundaries.get(2), e.offset());
  }

  @Test
  void rolledSegmentsAreCutToTheirRecordsAndOnlyTheLastKeepsZeros() throws Exception {
    final Path dir = root.resolve("j");
    final long limit = 4 * 1024;
    final JournalConfig config =
        preallocated(dir).withMaxPayloadBytes(200).withMaxSegmentBytes(limit);
    final Random random = new Random(11);
    System.out.println("JournalPreallocationTest roll-over seed 11");
    final List<byte[]> written = new ArrayList<>();
    try (Journal journal = Journal.open(config)) {
      for (int i = 0; i < 400; i++) {
        final byte[] payload = new byte[1 + random.nextInt(200)];
        random.nextBytes(payload);
        written.add(payload);
        final long sequence = journal.append(payload);
        if (i % 29 == 0) {
          journal.awaitDurable(sequence);
        }
      }
    }
    final List<Path> segments = JournalFiles.segmentFiles(dir);
    assertTrue(segments.size() > 10, "expected many segments, got " + segments.size());
    long expectedFirst = 1;
    for (int s = 0; s < segments.size(); s++) {
      final Path segment = segments.get(s);
      final List<Long> boundaries = JournalFiles.boundaries(segment);
      final long end = boundaries.get(boundaries.size() - 1);
      final long size = Files.size(segment);
      assertTrue(size <= limit, segment + " is " + size + " bytes");
      if (s < segments.size() - 1) {
        assertEquals(end, size, segment + " rolled over but kept zeros");
      } else {
        assertEquals(limit, size, "the last segment is preallocated to the limit");
      }
      assertEquals(
          RecordDescriptor.segmentFileName(expectedFirst), segment.getFileName().toString());
      expectedFirst += boundaries.size() - 1;
    }
    assertEquals(401, expectedFirst);
    final List<Long> sequences = new ArrayList<>();
    final List<byte[]> read = JournalFiles.readAll(dir, 1, sequences);
    assertEquals(400, read.size());
    for (int i = 0; i < 400; i++) {
      assertArrayEquals(written.get(i), read.get(i), "record " + (i + 1));
    }
    try (Journal journal = Journal.open(config)) {
      assertTrue(journal.recoveryWarnings().isEmpty(), journal.recoveryWarnings().toString());
      for (int i = 0; i < 100; i++) {
        journal.append(JournalFiles.payloadOf(401 + i));
      }
      journal.awaitDurable(500);
    }
    final List<Long> after = new ArrayList<>();
    final List<byte[]> readAfter = JournalFiles.readAll(dir, 1, after);
    assertEquals(500, after.size());
    assertEquals(500, after.get(499));
    assertArrayEquals(JournalFiles.payloadOf(500), readAfter.get(499));
  }

  /**
   * A crash leaves some prefix of what was written: the bytes after it are the zeros written ahead
   * (the file keeps its size) or gone (the file was cut there). Every whole record of the prefix
   * must come back, a partial one is a torn tail, and appending continues right after.
   */
  @Test
  void crashThatKeepsAnyPrefixRecoversEveryWholeRecordInIt() throws Exception {
    final long seed = 6L;
    System.out.println("JournalPreallocationTest crash cut seed " + seed);
    final Random random = new Random(seed);
    final Path pristine = root.resolve("pristine");
    final JournalConfig pristineConfig = preallocated(pristine);
    try (Journal journal = Journal.open(pristineConfig)) {
      for (int i = 1; i <= 60; i++) {
        journal.append(("event-" + i + "-" + "x".repeat(random.nextInt(120))).getBytes());
      }
      journal.awaitDurable(60);
    }
    final Path segment = JournalFiles.segmentFiles(pristine).get(0);
    final List<Long> boundaries = JournalFiles.boundaries(segment);
    final long end = boundaries.get(boundaries.size() - 1);
    final long size = Files.size(segment);
    final List<byte[]> original = JournalFiles.readAll(pristine, 1, new ArrayList<>());
    final TreeSet<Long> cuts = new TreeSet<>(boundaries);
    for (long at = boundaries.get(57); at <= end + 20; at++) {
      cuts.add(at);
    }
    while (cuts.size() < 200) {
      cuts.add(RecordDescriptor.FILE_HEADER_LENGTH + (long) random.nextInt((int) (size - 24)));
    }
    int run = 0;
    for (long cut : cuts) {
      int whole = 0;
      while (whole + 1 < boundaries.size() && boundaries.get(whole + 1) <= cut) {
        whole++;
      }
      final boolean atBoundary = cut >= end || boundaries.contains(cut);
      for (boolean keepSize : new boolean[] {true, false}) {
        final Path dir = root.resolve("cut-" + run++);
        JournalFiles.copyDirectory(pristine, dir);
        final Path file = dir.resolve(segment.getFileName());
        if (keepSize) {
          JournalFiles.zero(file, cut, size);
        } else {
          JournalFiles.truncate(file, cut);
        }
        final String where = "cut at " + cut + (keepSize ? " (zeros kept)" : " (file cut)");
        try (Journal journal = Journal.open(preallocated(dir))) {
          final List<StorageWarning> warnings = journal.recoveryWarnings();
          if (atBoundary) {
            assertTrue(warnings.isEmpty(), where + ": " + warnings);
          } else {
            assertEquals(1, warnings.size(), where + ": " + warnings);
            assertEquals(StorageWarning.Kind.TORN_TAIL_TRUNCATED, warnings.get(0).kind(), where);
            assertEquals(boundaries.get(whole), warnings.get(0).offset(), where);
          }
          assertEquals(whole, journal.durableSequence(), where);
          journal.awaitDurable(journal.append(JournalFiles.payloadOf(whole + 1)));
        }
        try (Journal journal = Journal.open(preallocated(dir))) {
          assertTrue(journal.recoveryWarnings().isEmpty(), where + ", reopened");
          assertEquals(whole + 1, journal.durableSequence(), where);
        }
        final List<Long> sequences = new ArrayList<>();
        final List<byte[]> read = JournalFiles.readAll(dir, 1, sequences);
        assertEquals(whole + 1, read.size(), where);
        for (int i = 0; i < whole; i++) {
          assertArrayEquals(original.get(i), read.get(i), where + ", record " + (i + 1));
        }
        assertArrayEquals(JournalFiles.payloadOf(whole + 1), read.get(whole), where);
        JournalFiles.deleteDirectory(dir);
      }
    }
  }

  private static void assertTornTailAt(Path dir, Path file, long lastStart, String what)
      throws Exception {
    try (Journal journal = Journal.open(preallocated(dir))) {
      final List<StorageWarning> warnings = journal.recoveryWarnings();
      assertEquals(1, warnings.size(), what + ": " + warnings);
      assertEquals(StorageWarning.Kind.TORN_TAIL_TRUNCATED, warnings.get(0).kind(), what);
      assertEquals(file, warnings.get(0).file(), what);
      assertEquals(lastStart, warnings.get(0).offset(), what);
      assertEquals(4, journal.durableSequence(), what);
      journal.awaitDurable(journal.append(JournalFiles.payloadOf(5)));
    }
    try (Journal journal = Journal.open(preallocated(dir))) {
      assertTrue(journal.recoveryWarnings().isEmpty(), what + ", reopened");
    }
    assertReadsBack(dir, 5);
  }

  private static void assertReadsBack(Path dir, int count) throws Exception {
    final List<Long> sequences = new ArrayList<>();
    final List<byte[]> read = JournalFiles.readAll(dir, 1, sequences);
    assertEquals(count, read.size());
    for (int i = 0; i < count; i++) {
      assertEquals(i + 1, sequences.get(i));
      assertArrayEquals(JournalFiles.payloadOf(i + 1), read.get(i));
    }
  }
}
