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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JournalRoundTripTest {
  @TempDir Path dir;

  @Test
  void randomRecordsReadBackExactlyAfterReopen() throws Exception {
    final long seed = 20261124L;
    System.out.println("JournalRoundTripTest seed " + seed);
    final Random random = new Random(seed);
    final List<byte[]> written = new ArrayList<>();
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      for (int i = 0; i < 5_000; i++) {
        final byte[] payload = new byte[1 + random.nextInt(600)];
        random.nextBytes(payload);
        written.add(payload);
        assertEquals(i + 1, journal.append(payload));
      }
      journal.awaitDurable(written.size());
      assertEquals(written.size(), journal.durableSequence());
    }
    final List<Long> sequences = new ArrayList<>();
    final List<byte[]> read = JournalFiles.readAll(dir, 1, sequences);
    assertEquals(written.size(), read.size());
    for (int i = 0; i < written.size(); i++) {
      assertEquals(i + 1, sequences.get(i));
      assertArrayEquals(written.get(i), read.get(i), "payload of sequence " + (i + 1));
    }
    final List<Long> fromMiddle = new ArrayList<>();
    final List<byte[]> tail = JournalFiles.readAll(dir, 2_500, fromMiddle);
    assertEquals(2_501, tail.size());
    assertEquals(2_500, fromMiddle.get(0));
    assertArrayEquals(written.get(2_499), tail.get(0));
  }

  @Test
  void appendsContinueAtTheNextSequenceAfterReopen() throws Exception {
    JournalFiles.writeRecords(JournalFiles.config(dir), 10);
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      assertTrue(journal.recoveryWarnings().isEmpty(), journal.recoveryWarnings().toString());
      assertEquals(10, journal.durableSequence());
      assertEquals(11, journal.append(JournalFiles.payloadOf(11)));
      journal.awaitDurable(11);
    }
    final List<Long> sequences = new ArrayList<>();
    final List<byte[]> read = JournalFiles.readAll(dir, 1, sequences);
    assertEquals(11, read.size());
    for (int i = 0; i < 11; i++) {
      assertArrayEquals(JournalFiles.payloadOf(i + 1), read.get(i));
    }
  }

  @Test
  void rollsOverAtTheSizeLimitAndReadsAcrossSegments() throws Exception {
    final long limit = 1_024;
    final JournalConfig config =
        JournalFiles.config(dir).withMaxPayloadBytes(200).withMaxSegmentBytes(limit);
    final Random random = new Random(7);
    final List<byte[]> written = new ArrayList<>();
    try (Journal journal = Journal.open(config)) {
      for (int i = 0; i < 300; i++) {
        final byte[] payload = new byte[1 + random.nextInt(200)];
        random.nextBytes(payload);
        written.add(payload);
        journal.append(payload);
        if (i % 37 == 0) {
          journal.awaitDurable(i + 1);
        }
      }
    }
    final List<Path> segments = JournalFiles.segmentFiles(dir);
    assertTrue(segments.size() > 10, "expected many segments, got " + segments.size());
    long expectedFirst = 1;
    for (Path segment : segments) {
      assertTrue(Files.size(segment) <= limit, segment + " is " + Files.size(segment) + " bytes");
      assertEquals(
          RecordDescriptor.segmentFileName(expectedFirst), segment.getFileName().toString());
      expectedFirst += JournalFiles.recordOffsets(segment).size();
    }
    assertEquals(301, expectedFirst);

    final List<Long> sequences = new ArrayList<>();
    final List<byte[]> read = JournalFiles.readAll(dir, 1, sequences);
    assertEquals(300, read.size());
    for (int i = 0; i < 300; i++) {
      assertArrayEquals(written.get(i), read.get(i));
    }
    final long inThirdSegment =
        RecordDescriptor.firstSequenceOf(segments.get(2).getFileName().toString()) + 1;
    final List<Long> fromThird = new ArrayList<>();
    JournalFiles.readAll(dir, inThirdSegment, fromThird);
    assertEquals(inThirdSegment, fromThird.get(0));
    assertEquals(300, fromThird.get(fromThird.size() - 1));

    try (Journal journal = Journal.open(config)) {
      assertEquals(301, journal.append(new byte[] {1}));
      journal.awaitDurable(301);
      try (JournalReader reader = journal.reader(299)) {
        assertTrue(reader.next());
        assertEquals(299, reader.sequence());
        assertTrue(reader.next());
        assertTrue(reader.next());
        assertEquals(301, reader.sequence());
        assertFalse(reader.next());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(FsyncPolicy.class)
  void bothFsyncPoliciesMakeRecordsDurableAndReadable(FsyncPolicy policy) throws Exception {
    final AtomicLong lastDurable = new AtomicLong();
    final AtomicLong fsyncNanos = new AtomicLong();
    final JournalConfig config = JournalFiles.config(dir).withFsyncPolicy(policy);
    try (Journal journal =
        Journal.open(
            config,
            (sequence, nanos) -> {
              lastDurable.set(sequence);
              fsyncNanos.addAndGet(nanos);
            })) {
      for (int i = 1; i <= 100; i++) {
        journal.append(JournalFiles.payloadOf(i));
      }
      assertTrue(journal.awaitDurable(100, 10, TimeUnit.SECONDS));
    }
    assertEquals(100, lastDurable.get());
    if (policy == FsyncPolicy.EVERY_BATCH) {
      assertTrue(fsyncNanos.get() > 0, "every-batch must fsync");
    } else {
      assertEquals(0, fsyncNanos.get(), "os must not fsync records");
    }
    final List<Long> sequences = new ArrayList<>();
    assertEquals(100, JournalFiles.readAll(dir, 1, sequences).size());
  }

  @Test
  void refusesEmptyOrOversizedPayloadsAndChangesNothing() throws Exception {
    try (Journal journal = Journal.open(JournalFiles.config(dir).withMaxPayloadBytes(16))) {
      final IllegalArgumentException empty =
          assertThrows(IllegalArgumentException.class, () -> journal.append(new byte[0]));
      assertEquals("journal payload must be 1 to 16 bytes, was 0", empty.getMessage());
      final IllegalArgumentException large =
          assertThrows(IllegalArgumentException.class, () -> journal.append(new byte[17]));
      assertEquals("journal payload must be 1 to 16 bytes, was 17", large.getMessage());
      assertEquals(0, journal.appendedSequence());
      assertEquals(1, journal.append(new byte[16]));
      final IllegalArgumentException notAppended =
          assertThrows(IllegalArgumentException.class, () -> journal.awaitDurable(2));
      assertEquals("sequence 2 was not appended; the last is 1", notAppended.getMessage());
    }
  }

  @Test
  void appendAfterCloseIsRefused() throws Exception {
    final Journal journal = Journal.open(JournalFiles.config(dir));
    journal.append(new byte[] {1});
    journal.close();
    final JournalUnavailableException e =
        assertThrows(JournalUnavailableException.class, () -> journal.append(new byte[] {2}));
    assertEquals("journal is closed", e.getMessage());
    assertEquals(1, journal.durableSequence());
  }

  @Test
  void failedWriterRefusesEveryFurtherAppend() throws Exception {
    final Journal journal =
        Journal.open(
            JournalFiles.config(dir),
            (sequence, nanos) -> {
              throw new IllegalStateException("listener broke at " + sequence);
            });
    final long first = journal.append(new byte[] {1});
    journal.awaitDurable(first);
    JournalUnavailableException refused = null;
    for (int attempt = 0; attempt < 1_000 && refused == null; attempt++) {
      try {
        journal.append(new byte[] {2});
        Thread.sleep(1);
      } catch (JournalUnavailableException e) {
        refused = e;
      }
    }
    assertTrue(refused != null, "appends must be refused once the writer failed");
    assertEquals("journal writer failed; nothing can be appended", refused.getMessage());
    assertEquals("listener broke at 1", refused.getCause().getMessage());
    final IOException closing = assertThrows(IOException.class, journal::close);
    assertEquals("journal writer had failed", closing.getMessage());
  }

  @Test
  void secondOpenOfTheSameDirectoryIsRefused() throws Exception {
    try (Journal journal = Journal.open(JournalFiles.config(dir))) {
      final IOException e =
          assertThrows(IOException.class, () -> Journal.open(JournalFiles.config(dir)));
      assertEquals(
          "journal directory " + dir + " is already open by another journal", e.getMessage());
      assertEquals(1, journal.append(new byte[] {1}));
    }
  }

  @Test
  void deletesOnlySegmentsWhoseRecordsAreAllCovered() throws Exception {
    final JournalConfig config =
        JournalFiles.config(dir)
            .withMaxPayloadBytes(8)
            .withMaxSegmentBytes(24 + 3 * (16 + 8))
            .withRetention(JournalRetention.deleteAfterSnapshots());
    try (Journal journal = Journal.open(config)) {
      for (int i = 1; i <= 10; i++) {
        journal.append(new byte[] {(byte) i, 0, 0, 0, 0, 0, 0, 0});
      }
      journal.awaitDurable(10);
      assertEquals(4, JournalFiles.segmentFiles(dir).size(), "segments of 3, 3, 3 and 1 records");
      assertEquals(0, journal.releaseSegmentsCoveredBy(2).size());
      assertEquals(1, journal.releaseSegmentsCoveredBy(5).size());
      assertEquals(4, journal.firstSequence());
      assertEquals(2, journal.releaseSegmentsCoveredBy(10).size());
      assertEquals(10, journal.firstSequence());
      assertThrows(IllegalArgumentException.class, () -> journal.reader(9));
      assertEquals(11, journal.append(new byte[] {1}));
    }
    try (Journal journal = Journal.open(config)) {
      assertEquals(10, journal.firstSequence());
      assertEquals(11, journal.durableSequence());
    }
  }

  @Test
  void fsyncPolicyNamesParse() {
    assertEquals(FsyncPolicy.EVERY_BATCH, FsyncPolicy.fromConfigName("every-batch"));
    assertEquals(FsyncPolicy.OS, FsyncPolicy.fromConfigName(" OS "));
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FsyncPolicy.fromConfigName("never"));
    assertEquals("unknown fsync policy 'never': expected every-batch or os", e.getMessage());
  }

  @Test
  void configurationRejectsImpossibleSizes() {
    final IllegalArgumentException segment =
        assertThrows(
            IllegalArgumentException.class,
            () -> JournalConfig.defaults(dir).withMaxPayloadBytes(100).withMaxSegmentBytes(100));
    assertTrue(segment.getMessage().startsWith("maxSegmentBytes must be between 140"));
    assertThrows(
        IllegalArgumentException.class, () -> JournalConfig.defaults(dir).withMaxPayloadBytes(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> JournalConfig.defaults(dir).withMaxPayloadBytes(1024).withBufferBytes(1024));
    final IllegalArgumentException preallocate =
        assertThrows(
            IllegalArgumentException.class,
            () -> JournalConfig.defaults(dir).withPreallocateBytes(-1));
    assertEquals(
        "preallocateBytes must be between 0 (off) and 1073741824, was -1",
        preallocate.getMessage());
  }

  @Test
  void segmentNamesSortBySequence() {
    assertEquals("journal-00000000000000000001.log", RecordDescriptor.segmentFileName(1));
    assertEquals(1234567L, RecordDescriptor.firstSequenceOf("journal-00000000000001234567.log"));
    assertEquals(-1, RecordDescriptor.firstSequenceOf("journal-00000000000000000001.log.cut"));
    assertEquals(-1, RecordDescriptor.firstSequenceOf("journal-0000000000000000000x.log"));
    assertEquals(-1, RecordDescriptor.firstSequenceOf("journal-99999999999999999999.log"));
  }
}
