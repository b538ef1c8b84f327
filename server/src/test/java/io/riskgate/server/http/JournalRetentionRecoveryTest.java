package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.server.journal.RecordDescriptor;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal.retain: afterSnapshots} through the real server: after each snapshot the journal
 * segments the oldest retained snapshot covers are deleted (or archived), a restart recovers the
 * live state hash from the newest snapshot, a corrupt newest snapshot falls back to the older
 * retained one (which is why the oldest bounds the release), and a start that can use no snapshot
 * stops instead of replaying a journal that lost its beginning. {@code all} keeps every segment.
 */
class JournalRetentionRecoveryTest {
  private static final long SEED = 20261202L;
  private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

  @TempDir Path data;

  /** Small segments (64 KiB, a few hundred records each), on-demand snapshots, two retained. */
  private static UnaryOperator<String> retain(String journalSettings) {
    return yaml ->
        yaml.replace("rollBytes: 1048576}", "rollBytes: 65536" + journalSettings + "}")
            + "snapshots: {everyEvents: 0, everySeconds: 0, retain: 2}\n";
  }

  private static final UnaryOperator<String> DELETE = retain(", retain: afterSnapshots");

  private TestServer start(UnaryOperator<String> edit) throws IOException {
    return new TestServer(data, 4096, edit);
  }

  /** Sends {@code steps} seeded steps: a price and an order, and now and then a fill. */
  private static void send(TestServer server, Random random, int from, int steps) {
    for (int step = from; step < from + steps; step++) {
      final String ts = START.plusSeconds(step).toString();
      final long mid = 43_000 + random.nextInt(200) - 100;
      final String body =
          ("[{\"type\":\"price\",\"ts\":\"%s\",\"symbol\":\"BTC-USD\",\"bid\":\"%d\",\"ask\":\"%d\"},"
                  + "{\"type\":\"order\",\"ts\":\"%s\",\"orderId\":\"o%d\",\"account\":\"A1\","
                  + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"%s\","
                  + "\"quantity\":\"0.%03d\",\"price\":\"%d\"}]")
              .formatted(
                  ts,
                  mid,
                  mid + 1,
                  ts,
                  step,
                  random.nextBoolean() ? "buy" : "sell",
                  1 + random.nextInt(50),
                  mid);
      final HttpResponse<String> r = server.post("/v1/events", TestServer.TRADER, body);
      assertEquals(200, r.statusCode(), r.body());
      if (step > from && random.nextInt(3) > 0) {
        final String fill =
            ("{\"ts\":\"%s\",\"fillId\":\"f%d\",\"orderId\":\"o%d\",\"quantity\":\"0.001\","
                    + "\"price\":\"%d\"}")
                .formatted(ts, step, step - 1, mid);
        assertTrue(server.post("/v1/fills", TestServer.TRADER, fill).statusCode() < 500);
      }
    }
  }

  private static long snapshotNow(TestServer server) {
    final HttpResponse<String> r = server.post("/v1/snapshots", TestServer.RISK, "");
    assertEquals(200, r.statusCode(), r.body());
    return TestServer.json(r).get("sequence").asLong();
  }

  private Path journalDir() {
    return data.resolve("journal");
  }

  /** The first sequences of the segment files in {@code directory}, ascending. */
  private static List<Long> segmentStarts(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(f -> RecordDescriptor.firstSequenceOf(f.getFileName().toString()))
          .filter(first -> first > 0)
          .sorted()
          .toList();
    }
  }

  /**
   * Asserts that the journal holds exactly what {@code oldest} does not cover: its first segment
   * reaches past {@code oldest}, so no segment whose records are all covered is left.
   */
  private void assertReleasedUpTo(long oldest) throws IOException {
    final List<Long> starts = segmentStarts(journalDir());
    assertTrue(starts.get(0) > 1, "segments were released: " + starts);
    assertTrue(starts.get(0) <= oldest + 1, "nothing after " + oldest + " released: " + starts);
    assertTrue(
        starts.size() == 1 || starts.get(1) - 1 > oldest,
        "every segment covered by " + oldest + " released: " + starts);
  }

  @Test
  void coveredSegmentsAreDeletedAndARestartRecoversTheLiveHash() throws Exception {
    final Random random = new Random(SEED);
    System.out.println("JournalRetentionRecoveryTest seed " + SEED);
    final String live;
    final long newest;
    try (TestServer server = start(DELETE)) {
      send(server, random, 0, 300);
      final long first = snapshotNow(server);
      assertReleasedUpTo(first);
      assertTrue(
          server
              .log
              .toString()
              .contains(
                  " journal segments covered by the snapshot at sequence " + first + ", deleted"),
          server.log.toString());
      send(server, random, 300, 300);
      final long second = snapshotNow(server);
      assertReleasedUpTo(first);
      send(server, random, 600, 300);
      newest = snapshotNow(server);
      assertReleasedUpTo(second);
      send(server, random, 900, 50);
      live = server.stateHash();
    }
    try (TestServer server = start(DELETE)) {
      assertEquals(newest, server.server.runtime().recovery().snapshotSequence());
      assertEquals(live, server.stateHash());
    }
  }

  @Test
  void aCorruptNewestSnapshotFallsBackToTheOlderRetainedOneOverAPrunedJournal() throws Exception {
    final Random random = new Random(SEED + 1);
    final String live;
    final long older;
    final long newest;
    try (TestServer server = start(DELETE)) {
      send(server, random, 0, 300);
      snapshotNow(server);
      send(server, random, 300, 300);
      older = snapshotNow(server);
      send(server, random, 600, 300);
      newest = snapshotNow(server);
      send(server, random, 900, 50);
      live = server.stateHash();
    }
    assertReleasedUpTo(older);
    final Path newestFile =
        data.resolve("snapshots")
            .resolve(io.riskgate.server.snapshot.SnapshotStore.fileName(newest));
    final byte[] bytes = Files.readAllBytes(newestFile);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(newestFile, bytes);
    try (TestServer server = start(DELETE)) {
      assertEquals(older, server.server.runtime().recovery().snapshotSequence());
      assertEquals(live, server.stateHash());
      assertTrue(
          server.log.toString().contains("snapshot checksum mismatch"), server.log.toString());
    }
  }

  @Test
  void archivedSegmentsMovedBackMakeAFullReplayPossibleAgain() throws Exception {
    final Path archive = data.resolve("archive");
    final UnaryOperator<String> archiving =
        retain(", retain: afterSnapshots, archiveDir: \"" + archive + "\"");
    final Random random = new Random(SEED + 2);
    final String live;
    try (TestServer server = start(archiving)) {
      send(server, random, 0, 400);
      snapshotNow(server);
      send(server, random, 400, 400);
      final long second = snapshotNow(server);
      assertReleasedUpTo(snapshotSequences().get(0));
      assertTrue(second > snapshotSequences().get(0));
      send(server, random, 800, 20);
      live = server.stateHash();
      assertTrue(server.log.toString().contains(", archived in " + archive), server.log.toString());
    }
    final List<Long> archived = segmentStarts(archive);
    final List<Long> kept = segmentStarts(journalDir());
    assertEquals(1, archived.get(0), "the archive starts with the first segment: " + archived);
    assertTrue(
        archived.get(archived.size() - 1) < kept.get(0),
        "what left the journal is in the archive: " + archived + " then " + kept);

    final Path aside = data.resolve("snapshots-aside");
    Files.move(data.resolve("snapshots"), aside);
    final IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> start(archiving).close());
    assertTrue(e.getMessage().startsWith("no usable snapshot"), e.getMessage());
    assertTrue(
        e.getMessage().contains("starts at sequence " + kept.get(0) + ": its earlier segments"),
        e.getMessage());
    assertTrue(e.getMessage().contains("archived in " + archive), e.getMessage());

    try (Stream<Path> files = Files.list(archive)) {
      for (Path file : files.toList()) {
        Files.move(file, journalDir().resolve(file.getFileName()));
      }
    }
    try (TestServer server = start(archiving)) {
      assertFalse(server.server.runtime().recovery().fromSnapshot());
      assertEquals(live, server.stateHash(), "the full replay reaches the live state");
    }
  }

  @Test
  void withoutAUsableSnapshotAPrunedJournalStopsTheStartWithTheReason() throws Exception {
    final Random random = new Random(SEED + 3);
    try (TestServer server = start(DELETE)) {
      send(server, random, 0, 400);
      snapshotNow(server);
    }
    final long firstKept = segmentStarts(journalDir()).get(0);
    assertTrue(firstKept > 1);
    final UnaryOperator<String> changed =
        yaml -> DELETE.apply(yaml).replace("maxPositionFraction: 0.5", "maxPositionFraction: 0.4");
    final IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> start(changed).close());
    assertEquals(
        "no usable snapshot (see the warnings above), and the journal in "
            + journalDir()
            + " starts at sequence "
            + firstKept
            + ": its earlier segments were released once snapshots covered them (journal.retain:"
            + " afterSnapshots) or removed by hand, so a full replay cannot rebuild the state."
            + " Move the earlier segment files back into the journal directory, or start with the"
            + " engine settings and reference data the snapshots were taken with",
        e.getMessage());
    try (TestServer server = start(DELETE)) {
      assertTrue(server.server.runtime().recovery().fromSnapshot(), "the original still starts");
    }
  }

  @Test
  void retainAllKeepsEverySegment() throws Exception {
    final UnaryOperator<String> all = retain("");
    final Random random = new Random(SEED + 4);
    try (TestServer server = start(all)) {
      send(server, random, 0, 300);
      snapshotNow(server);
      send(server, random, 300, 300);
      snapshotNow(server);
      send(server, random, 600, 300);
      snapshotNow(server);
    }
    final List<Long> starts = segmentStarts(journalDir());
    assertTrue(starts.size() > 3, "several segments: " + starts);
    assertEquals(1, starts.get(0), "the journal still starts at its first record");
    assertEquals(2, snapshotSequences().size());
  }

  private List<Long> snapshotSequences() throws IOException {
    return io.riskgate.server.snapshot.SnapshotStore.open(
            io.riskgate.server.snapshot.SnapshotConfig.defaults(data.resolve("snapshots")))
        .sequences();
  }
}
