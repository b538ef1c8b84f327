package io.riskgate.server.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRecoveryTest {
  @TempDir Path root;

  @Test
  void tornLastRecordIsTruncatedWithAWarningAtEveryCutLength() throws Exception {
    final Path pristine = root.resolve("pristine");
    JournalFiles.writeRecords(JournalFiles.config(pristine), 5);
    final Path segment = JournalFiles.segmentFiles(pristine).get(0);
    final long size = Files.size(segment);
    final long lastStart = JournalFiles.recordOffsets(segment).get(4);
    for (long cut = lastStart + 1; cut < size; cut++) {
      final Path dir = root.resolve("cut-" + cut);
      JournalFiles.copyDirectory(pristine, dir);
      final Path file = dir.resolve(segment.getFileName());
      JournalFiles.truncate(file, cut);
      try (Journal journal = Journal.open(JournalFiles.config(dir))) {
        final List<StorageWarning> warnings = journal.recoveryWarnings();
        assertEquals(1, warnings.size(), "cut at " + cut + ": " + warnings);
        assertEquals(StorageWarning.Kind.TORN_TAIL_TRUNCATED, warnings.get(0).kind());
        assertEquals(file, warnings.get(0).file());
        assertEquals(lastStart, warnings.get(0).offset(), "cut at " + cut);
        assertEquals(lastStart, Files.size(file), "cut at " + cut);
        assertEquals(4, journal.durableSequence());
        assertEquals(5, journal.append(JournalFiles.payloadOf(5)));
        journal.awaitDurable(5);
      }
      final List<Long> sequences = new ArrayList<>();
      final List<byte[]> read = JournalFiles.readAll(dir, 1, sequences);
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences, "cut at " + cut);
      assertArrayEquals(JournalFiles.payloadOf(5), read.get(4));
    }
  }

  @Test
  void cutAtARecordBoundaryIsNotATornTail() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 5);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    JournalFiles.truncate(segment, JournalFiles.recordOffsets(segment).get(4));
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      assertTrue(journal.recoveryWarnings().isEmpty());
      assertEquals(4, journal.durableSequence());
    }
  }

  @Test
  void checksumFailureInTheLastRecordIsATornTail() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 5);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    final long lastStart = JournalFiles.recordOffsets(segment).get(4);
    JournalFiles.flipByte(segment, lastStart + RecordDescriptor.HEADER_LENGTH + 2);
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      assertEquals(1, journal.recoveryWarnings().size());
      final StorageWarning warning = journal.recoveryWarnings().get(0);
      assertEquals(StorageWarning.Kind.TORN_TAIL_TRUNCATED, warning.kind());
      assertEquals(lastStart, warning.offset());
      assertTrue(warning.message().startsWith("record checksum mismatch in the last record"));
      assertEquals(4, journal.durableSequence());
    }
  }

  @Test
  void zeroFilledTailIsTheCleanEndOfTheLog() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 3);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    final long end = Files.size(segment);
    Files.write(segment, new byte[4096], java.nio.file.StandardOpenOption.APPEND);
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      assertTrue(journal.recoveryWarnings().isEmpty(), journal.recoveryWarnings().toString());
      assertEquals(3, journal.durableSequence());
      journal.awaitDurable(journal.append(JournalFiles.payloadOf(4)));
    }
    assertEquals(end + 4096, Files.size(segment));
    assertEquals(end, JournalFiles.recordOffsets(segment).get(3));
    final List<Long> sequences = new ArrayList<>();
    JournalFiles.readAll(dir, 1, sequences);
    assertEquals(List.of(1L, 2L, 3L, 4L), sequences);
  }

  @Test
  void zerosShorterThanARecordHeaderAreTheCleanEndOfTheLog() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 3);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    Files.write(
        segment,
        new byte[RecordDescriptor.HEADER_LENGTH - 1],
        java.nio.file.StandardOpenOption.APPEND);
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      assertTrue(journal.recoveryWarnings().isEmpty(), journal.recoveryWarnings().toString());
      assertEquals(3, journal.durableSequence());
    }
  }

  @Test
  void flippedByteInTheMiddleStopsOpeningNamingFileAndOffset() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 10);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    final long third = JournalFiles.recordOffsets(segment).get(2);
    JournalFiles.flipByte(segment, third + RecordDescriptor.HEADER_LENGTH + 3);
    final byte[] before = Files.readAllBytes(segment);

    final JournalCorruptedException e =
        assertThrows(JournalCorruptedException.class, () -> Journal.open(JournalFiles.config(dir)));
    assertEquals(segment, e.file());
    assertEquals(third, e.offset());
    assertEquals(
        "journal corrupted in "
            + segment
            + " at byte offset "
            + third
            + ": record checksum mismatch (opening with repair cuts the journal at this point)",
        e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(segment), "a refused open changes nothing");
    final JournalCorruptedException strict =
        assertThrows(
            JournalCorruptedException.class, () -> JournalFiles.readAll(dir, 1, new ArrayList<>()));
    assertEquals(third, strict.offset());
  }

  @Test
  void damagedLengthFieldInTheMiddleStopsOpening() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 10);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    final long fourth = JournalFiles.recordOffsets(segment).get(3);
    JournalFiles.flipByte(segment, fourth + 3);
    final JournalCorruptedException e =
        assertThrows(JournalCorruptedException.class, () -> Journal.open(JournalFiles.config(dir)));
    assertEquals(fourth, e.offset());
    assertTrue(e.getMessage().contains("record length field out of range"), e.getMessage());
  }

  @Test
  void repairCutsAtTheDamageAndKeepsTheCutBytes() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 10);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    final long third = JournalFiles.recordOffsets(segment).get(2);
    JournalFiles.flipByte(segment, third + RecordDescriptor.HEADER_LENGTH + 3);
    final byte[] damaged = Files.readAllBytes(segment);

    try (Journal journal = Journal.open(JournalFiles.config(dir).withRepair(true))) {
      final List<StorageWarning> warnings = journal.recoveryWarnings();
      assertEquals(1, warnings.size(), warnings.toString());
      assertEquals(StorageWarning.Kind.REPAIRED_CUT, warnings.get(0).kind());
      assertEquals(third, warnings.get(0).offset());
      assertEquals(2, journal.durableSequence());
      assertEquals(3, journal.append(JournalFiles.payloadOf(3)));
      journal.awaitDurable(3);
    }
    final Path side = dir.resolve(segment.getFileName() + ".cut-at-" + third);
    assertArrayEquals(
        Arrays.copyOfRange(damaged, (int) third, damaged.length), Files.readAllBytes(side));
    final List<Long> sequences = new ArrayList<>();
    JournalFiles.readAll(dir, 1, sequences);
    assertEquals(List.of(1L, 2L, 3L), sequences);
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      assertTrue(journal.recoveryWarnings().isEmpty(), "the side file is not a segment");
    }
  }

  @Test
  void secondRepairAtTheSameOffsetKeepsTheFirstSideFile() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 10);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    final long third = JournalFiles.recordOffsets(segment).get(2);
    JournalFiles.flipByte(segment, third + RecordDescriptor.HEADER_LENGTH);
    try (Journal journal = Journal.open(JournalFiles.config(dir).withRepair(true))) {
      for (int i = 3; i <= 6; i++) {
        journal.append(JournalFiles.payloadOf(i));
      }
      journal.awaitDurable(6);
    }
    final Path firstSide = dir.resolve(segment.getFileName() + ".cut-at-" + third);
    final byte[] firstCut = Files.readAllBytes(firstSide);
    JournalFiles.flipByte(segment, third + RecordDescriptor.HEADER_LENGTH);
    try (Journal journal = Journal.open(JournalFiles.config(dir).withRepair(true))) {
      assertEquals(2, journal.durableSequence());
      assertTrue(journal.recoveryWarnings().get(0).message().endsWith(".cut-at-" + third + ".1"));
    }
    assertArrayEquals(firstCut, Files.readAllBytes(firstSide));
    assertTrue(Files.exists(dir.resolve(segment.getFileName() + ".cut-at-" + third + ".1")));
  }

  @Test
  void damageInAnEarlierSegmentFailsAndRepairSetsLaterSegmentsAside() throws Exception {
    final Path dir = root.resolve("j");
    final JournalConfig config =
        JournalFiles.config(dir).withMaxPayloadBytes(100).withMaxSegmentBytes(300);
    JournalFiles.writeRecords(config, 40);
    final List<Path> segments = JournalFiles.segmentFiles(dir);
    assertTrue(segments.size() >= 3, segments.toString());
    final Path second = segments.get(1);
    final long last =
        JournalFiles.recordOffsets(second).get(JournalFiles.recordOffsets(second).size() - 1);
    JournalFiles.flipByte(second, last + RecordDescriptor.HEADER_LENGTH);

    final JournalCorruptedException e =
        assertThrows(JournalCorruptedException.class, () -> Journal.open(config));
    assertEquals(second, e.file());
    assertEquals(last, e.offset());

    final long firstOfSecond = RecordDescriptor.firstSequenceOf(second.getFileName().toString());
    final int keptInSecond = JournalFiles.recordOffsets(second).size() - 1;
    try (Journal journal = Journal.open(config.withRepair(true))) {
      final List<StorageWarning> warnings = journal.recoveryWarnings();
      assertEquals(segments.size() - 1, warnings.size(), warnings.toString());
      assertTrue(warnings.stream().allMatch(w -> w.kind() == StorageWarning.Kind.REPAIRED_CUT));
      assertEquals(firstOfSecond + keptInSecond - 1, journal.durableSequence());
    }
    for (Path later : segments.subList(2, segments.size())) {
      assertFalse(Files.exists(later));
      assertTrue(Files.exists(later.resolveSibling(later.getFileName() + ".cut")));
    }
  }

  @Test
  void zeroLengthOnlySegmentIsTreatedAsEmpty() throws Exception {
    final Path dir = root.resolve("j");
    Files.createDirectories(dir);
    final Path empty = dir.resolve(RecordDescriptor.segmentFileName(1));
    Files.createFile(empty);
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      assertEquals(1, journal.recoveryWarnings().size());
      assertEquals(StorageWarning.Kind.EMPTY_SEGMENT, journal.recoveryWarnings().get(0).kind());
      assertEquals(empty, journal.recoveryWarnings().get(0).file());
      assertEquals(0, journal.durableSequence());
      assertEquals(1, journal.append(JournalFiles.payloadOf(1)));
      journal.awaitDurable(1);
    }
    final List<Long> sequences = new ArrayList<>();
    JournalFiles.readAll(dir, 1, sequences);
    assertEquals(List.of(1L), sequences);
  }

  @Test
  void zeroLengthLastSegmentAfterAFullOneIsTreatedAsEmpty() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 5);
    final Path empty = dir.resolve(RecordDescriptor.segmentFileName(6));
    Files.createFile(empty);
    final List<Long> before = new ArrayList<>();
    JournalFiles.readAll(dir, 1, before);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), before, "a strict reader passes an empty segment");
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      assertEquals(StorageWarning.Kind.EMPTY_SEGMENT, journal.recoveryWarnings().get(0).kind());
      assertEquals(6, journal.append(JournalFiles.payloadOf(6)));
      journal.awaitDurable(6);
    }
    assertEquals(
        RecordDescriptor.FILE_HEADER_LENGTH + RecordDescriptor.recordLength(7), Files.size(empty));
    final List<Long> sequences = new ArrayList<>();
    JournalFiles.readAll(dir, 1, sequences);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), sequences);
  }

  @Test
  void tornSegmentHeaderOfTheLastSegmentIsTruncated() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 5);
    final Path second = dir.resolve(RecordDescriptor.segmentFileName(6));
    Files.write(second, Arrays.copyOf(RecordDescriptor.fileHeader(6).array(), 10));
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      assertEquals(
          StorageWarning.Kind.TORN_TAIL_TRUNCATED, journal.recoveryWarnings().get(0).kind());
      assertEquals(6, journal.append(JournalFiles.payloadOf(6)));
      journal.awaitDurable(6);
    }
    final List<Long> sequences = new ArrayList<>();
    JournalFiles.readAll(dir, 1, sequences);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), sequences);
  }

  @Test
  void sequenceGapBetweenSegmentsIsCorruption() throws Exception {
    final Path dir = root.resolve("j");
    final JournalConfig config =
        JournalFiles.config(dir).withMaxPayloadBytes(100).withMaxSegmentBytes(300);
    JournalFiles.writeRecords(config, 40);
    final List<Path> segments = JournalFiles.segmentFiles(dir);
    Files.delete(segments.get(1));
    final JournalCorruptedException e =
        assertThrows(JournalCorruptedException.class, () -> Journal.open(config));
    assertEquals(segments.get(2), e.file());
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("sequence gap"), e.getMessage());
    final JournalCorruptedException strict =
        assertThrows(
            JournalCorruptedException.class, () -> JournalFiles.readAll(dir, 1, new ArrayList<>()));
    assertEquals(segments.get(2), strict.file());
  }

  @Test
  void recordWithAValidChecksumButWrongSequenceIsCorruption() throws Exception {
    final Path dir = root.resolve("j");
    JournalFiles.writeRecords(JournalFiles.config(dir), 3);
    final Path segment = JournalFiles.segmentFiles(dir).get(0);
    final byte[] bytes = Files.readAllBytes(segment);
    final java.nio.ByteBuffer buffer =
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    final int last = (int) (long) JournalFiles.recordOffsets(segment).get(2);
    buffer.putLong(RecordDescriptor.sequenceOffset(last), 7);
    final int length = buffer.getInt(last);
    buffer.putInt(
        RecordDescriptor.checksumOffset(last),
        RecordDescriptor.checksum(new java.util.zip.CRC32C(), bytes, last, length));
    Files.write(segment, bytes);
    final JournalCorruptedException e =
        assertThrows(JournalCorruptedException.class, () -> Journal.open(JournalFiles.config(dir)));
    assertEquals(last, e.offset());
    assertTrue(e.getMessage().contains("expected 3, found 7"), e.getMessage());
  }
}
