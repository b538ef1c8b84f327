package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.runtime.EngineRuntime;
import io.riskgate.server.snapshot.SnapshotConfig;
import io.riskgate.server.snapshot.SnapshotStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
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
 * Snapshots through the real server: taken on demand and on a schedule, and recovery from the
 * newest usable one plus the journal after it gives the state hash of a full replay of the same
 * journal.
 */
class SnapshotRecoveryTest {
  private static final long SEED = 20261124L;
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

  /** Only on-demand snapshots. */
  private static final UnaryOperator<String> ON_DEMAND =
      yaml -> yaml + "snapshots: {everyEvents: 0, everySeconds: 0, retain: 3}\n";

  @TempDir Path data;

  /** Events of a seeded load: price ticks, orders of S1 and fills of earlier orders. */
  private static final class Load {
    private final Random random;
    private int step;

    Load(long seed) {
      System.out.println("SnapshotRecoveryTest seed " + seed);
      this.random = new Random(seed);
    }

    /** Sends {@code steps} steps; every answer is 2xx or 4xx, never 5xx. */
    void send(TestServer server, int steps) {
      for (int i = 0; i < steps; i++, step++) {
        final String ts = START.plusSeconds(step).toString();
        final long mid = 43_000 + random.nextInt(200) - 100;
        final String price =
            "{\"type\":\"price\",\"ts\":\"%s\",\"symbol\":\"BTC-USD\",\"bid\":\"%d\",\"ask\":\"%d\"}"
                .formatted(ts, mid, mid + 1);
        final String order =
            ("{\"type\":\"order\",\"ts\":\"%s\",\"orderId\":\"o%d\",\"account\":\"A1\","
                    + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"%s\","
                    + "\"quantity\":\"0.%03d\",\"price\":\"%d\"}")
                .formatted(
                    ts, step, random.nextBoolean() ? "buy" : "sell", 1 + random.nextInt(50), mid);
        final HttpResponse<String> events =
            server.post("/v1/events", TestServer.TRADER, "[" + price + "," + order + "]");
        assertEquals(200, events.statusCode(), events.body());
        if (step > 0 && random.nextInt(3) > 0) {
          final String fill =
              ("{\"ts\":\"%s\",\"fillId\":\"f%d\",\"orderId\":\"o%d\",\"quantity\":\"0.001\","
                      + "\"price\":\"%d\"}")
                  .formatted(ts, step, step - 1 - random.nextInt(Math.min(step, 5)), mid);
          final int status = server.post("/v1/fills", TestServer.TRADER, fill).statusCode();
          assertTrue(status < 500, "fill answered " + status);
        }
      }
    }
  }

  private TestServer start(UnaryOperator<String> edit) throws IOException {
    return new TestServer(data, 4096, edit);
  }

  private static JsonNode snapshotNow(TestServer server) {
    final HttpResponse<String> r = server.post("/v1/snapshots", TestServer.RISK, "");
    assertEquals(200, r.statusCode(), r.body());
    return TestServer.json(r);
  }

  private Path snapshotDir() {
    return data.resolve("snapshots");
  }

  private List<Path> snapshotFiles() throws IOException {
    try (Stream<Path> files = Files.list(snapshotDir())) {
      return files.filter(f -> f.toString().endsWith(".snap")).sorted().toList();
    }
  }

  /** The hash a full replay of the journal gives: the same data with the snapshots moved away. */
  private String fullReplayHash(UnaryOperator<String> edit) throws IOException {
    final Path aside = data.resolve("snapshots-aside");
    Files.move(snapshotDir(), aside);
    try (TestServer replayed = start(edit)) {
      assertFalse(replayed.server.runtime().recovery().fromSnapshot());
      return replayed.stateHash();
    } finally {
      try (Stream<Path> files = Files.list(snapshotDir())) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(snapshotDir());
      Files.move(aside, snapshotDir());
    }
  }

  @Test
  void snapshotPlusTailReplayGivesTheHashOfAFullReplay() throws Exception {
    final Load load = new Load(SEED);
    final long covered;
    final String before;
    try (TestServer server = start(ON_DEMAND)) {
      load.send(server, 150);
      final JsonNode taken = snapshotNow(server);
      covered = taken.get("sequence").asLong();
      assertTrue(covered >= 300, "the snapshot covers the journal so far: " + taken);
      assertEquals(SnapshotStore.fileName(covered), taken.get("file").asText());
      load.send(server, 150);
      before = server.stateHash();
    }
    try (TestServer server = start(ON_DEMAND)) {
      final EngineRuntime.Recovery recovery = server.server.runtime().recovery();
      assertEquals(covered, recovery.snapshotSequence());
      assertTrue(recovery.replayedRecords() >= 300, recovery.toString());
      assertEquals(before, server.stateHash());
      load.send(server, 20);
      assertTrue(server.log.toString().contains("recovered from the snapshot at sequence"));
    }
    final String afterMore;
    try (TestServer server = start(ON_DEMAND)) {
      afterMore = server.stateHash();
    }
    assertEquals(afterMore, fullReplayHash(ON_DEMAND));
  }

  @Test
  void aCorruptNewestSnapshotFallsBackToThePreviousOne() throws Exception {
    final Load load = new Load(SEED + 1);
    final long first;
    final String before;
    try (TestServer server = start(ON_DEMAND)) {
      load.send(server, 60);
      first = snapshotNow(server).get("sequence").asLong();
      load.send(server, 60);
      final long second = snapshotNow(server).get("sequence").asLong();
      assertTrue(second > first);
      load.send(server, 30);
      before = server.stateHash();
    }
    final Path newest = snapshotDir().resolve(SnapshotStore.fileName(snapshotSequences().get(1)));
    final byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(newest, bytes);
    try (TestServer server = start(ON_DEMAND)) {
      assertEquals(first, server.server.runtime().recovery().snapshotSequence());
      assertEquals(before, server.stateHash());
      assertTrue(
          server.log.toString().contains("snapshot checksum mismatch"), server.log.toString());
    }
    assertEquals(before, fullReplayHash(ON_DEMAND));
  }

  private List<Long> snapshotSequences() throws IOException {
    return SnapshotStore.open(SnapshotConfig.defaults(snapshotDir())).sequences();
  }

  @Test
  void garbageWithAValidStoreChecksumFallsBackToAFullReplay() throws Exception {
    final Load load = new Load(SEED + 2);
    final String before;
    try (TestServer server = start(ON_DEMAND)) {
      load.send(server, 80);
      before = server.stateHash();
    }
    final byte[] garbage = new byte[4096];
    new Random(SEED).nextBytes(garbage);
    SnapshotStore.open(SnapshotConfig.defaults(snapshotDir())).write(100, garbage);
    try (TestServer server = start(ON_DEMAND)) {
      assertFalse(server.server.runtime().recovery().fromSnapshot());
      assertEquals(before, server.stateHash());
      assertTrue(
          server.log.toString().contains("not a Riskgate server snapshot"), server.log.toString());
    }
  }

  @Test
  void aSnapshotOfAnotherEngineVersionFallsBackToAFullReplay() throws Exception {
    fallsBackToAFullReplayWithEngineFormat(99, "snapshot format version 99, this engine reads");
  }

  @Test
  void aSnapshotOfTheJavaSerializationFormatFallsBackToAFullReplay() throws Exception {
    fallsBackToAFullReplayWithEngineFormat(
        4,
        "snapshot format version 4, this engine reads 5 (formats before 5 were Java serialization");
  }

  private void fallsBackToAFullReplayWithEngineFormat(int version, String reason) throws Exception {
    final Load load = new Load(SEED + 3);
    final String before;
    final long covered;
    try (TestServer server = start(ON_DEMAND)) {
      load.send(server, 80);
      covered = snapshotNow(server).get("sequence").asLong();
      load.send(server, 10);
      before = server.stateHash();
    }
    final Path file = snapshotDir().resolve(SnapshotStore.fileName(covered));
    final byte[] fileBytes = Files.readAllBytes(file);
    final byte[] state =
        java.util.Arrays.copyOfRange(fileBytes, SnapshotStore.HEADER_LENGTH, fileBytes.length);
    // The engine's own header starts with the ASCII magic "RISKGATE", then its format version.
    final int at = indexOf(state, "RISKGATE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertTrue(at > 0, "the engine's snapshot is inside the server's");
    ByteBuffer.wrap(state).putInt(at + 8, version);
    SnapshotStore.open(SnapshotConfig.defaults(snapshotDir())).write(covered, state);
    try (TestServer server = start(ON_DEMAND)) {
      assertFalse(server.server.runtime().recovery().fromSnapshot());
      assertEquals(before, server.stateHash());
      assertTrue(server.log.toString().contains(reason), server.log.toString());
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (haystack[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void changedReferenceDataIsNotAppliedOnTopOfASnapshotButReplayedInFull() throws Exception {
    final Load load = new Load(SEED + 4);
    try (TestServer server = start(ON_DEMAND)) {
      load.send(server, 50);
      snapshotNow(server);
    }
    final UnaryOperator<String> changed =
        ON_DEMAND.andThen(
                yaml -> yaml.replace("maxPositionFraction: 0.5", "maxPositionFraction: 0.4"))
            ::apply;
    final String recovered;
    try (TestServer server = start(changed)) {
      assertFalse(server.server.runtime().recovery().fromSnapshot());
      assertTrue(
          server.log.toString().contains("was taken with other engine settings or reference data"),
          server.log.toString());
      assertTrue(server.log.toString().contains("maxPositionFraction=0.4"), server.log.toString());
      recovered = server.stateHash();
    }
    assertEquals(recovered, fullReplayHash(changed));
    try (TestServer server = start(ON_DEMAND)) {
      assertTrue(
          server.server.runtime().recovery().fromSnapshot(),
          "the snapshot fits the original configuration again");
    }
  }

  @Test
  void scheduledSnapshotsAreTakenUnderLoadAndRestartUsesTheNewest() throws Exception {
    final UnaryOperator<String> everyFiveHundred =
        yaml -> yaml + "snapshots: {everyEvents: 500, everySeconds: 0, retain: 2}\n";
    final Load load = new Load(SEED + 5);
    final String before;
    try (TestServer server = start(everyFiveHundred)) {
      load.send(server, 1_200);
      before = server.stateHash();
    }
    final List<Long> sequences = snapshotSequences();
    assertEquals(2, sequences.size(), "the newest two are kept: " + sequences);
    try (TestServer server = start(everyFiveHundred)) {
      final EngineRuntime.Recovery recovery = server.server.runtime().recovery();
      assertEquals(sequences.get(1), recovery.snapshotSequence());
      assertTrue(recovery.replayedRecords() < 500 + 3, recovery.toString());
      assertEquals(before, server.stateHash());
    }
    assertEquals(before, fullReplayHash(everyFiveHundred));
  }

  @Test
  void theTimerTakesASnapshotOnlyWhenEventsArrived() throws Exception {
    final UnaryOperator<String> everySecond =
        yaml -> yaml + "snapshots: {everyEvents: 0, everySeconds: 1, retain: 3}\n";
    try (TestServer server = start(everySecond)) {
      Thread.sleep(1_500);
      assertEquals(List.of(), snapshotFiles(), "nothing journaled, nothing written");
      new Load(SEED + 6).send(server, 5);
      final long deadline = System.nanoTime() + 10_000_000_000L;
      while (snapshotFiles().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(1, snapshotFiles().size());
      Thread.sleep(1_500);
      assertEquals(1, snapshotFiles().size(), "no new events, no new snapshot");
    }
  }

  @Test
  void onlyTheRiskOfficerTakesSnapshotsAndTheBodyMustBeEmpty() throws Exception {
    try (TestServer server = start(ON_DEMAND)) {
      assertEquals(401, server.post("/v1/snapshots", null, "").statusCode());
      assertEquals(403, server.post("/v1/snapshots", TestServer.TRADER, "").statusCode());
      assertEquals(403, server.post("/v1/snapshots", TestServer.VIEWER, "").statusCode());
      final HttpResponse<String> withBody =
          server.post("/v1/snapshots", TestServer.RISK, "{\"sequence\":5}");
      assertEquals(400, withBody.statusCode(), withBody.body());
      assertTrue(withBody.body().contains("takes no body"), withBody.body());
      assertEquals(
          0,
          TestServer.json(server.post("/v1/snapshots", TestServer.RISK, "{}"))
              .get("sequence")
              .asLong());
    }
  }
}
