package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.cluster.KafkaJournal;
import io.riskgate.server.cluster.LocalKafka;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on a real Kafka broker: every acknowledged event is in the topic, and a restart (from
 * the snapshot plus the topic after it, and from the topic alone) gives the same state hash.
 */
class KafkaJournalRestartTest {
  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
  @TempDir static Path brokers;
  private static LocalKafka kafka;

  @TempDir Path data;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = LocalKafka.start(1, brokers);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** The test configuration with the journal on the broker, topic {@code topic}. */
  static UnaryOperator<String> onKafka(String bootstrap, String topic, String extra) {
    return yaml ->
        yaml.replaceFirst(
                "journal: \\{dir: \"([^\"]*)\", fsync: every-batch, rollBytes: 1048576\\}",
                "journal: {dir: \"$1\", kind: kafka, bootstrapServers: \""
                    + bootstrap
                    + "\", topic: "
                    + topic
                    + ", heartbeatMillis: 50, failoverMillis: 400"
                    + extra
                    + "}")
            + "snapshots: {everyEvents: 0, everySeconds: 0, retain: 3}\naudit: {kind: none}\n";
  }

  /** Waits until the server took over its partition (the first node of an empty group does). */
  static void awaitLeader(TestServer server) throws InterruptedException {
    final long deadline = System.nanoTime() + 30_000_000_000L;
    while (!server.server.runtime().journal().writable()) {
      assertTrue(System.nanoTime() < deadline, "no leader within 30 s: " + server.log);
      Thread.sleep(20);
    }
  }

  static void sendLoad(TestServer server, int from, int steps) {
    for (int step = from; step < from + steps; step++) {
      final String ts = START.plusSeconds(step).toString();
      final long mid = 43_000 + (step * 37L) % 200;
      final String price =
          "{\"type\":\"price\",\"ts\":\"%s\",\"symbol\":\"BTC-USD\",\"bid\":\"%d\",\"ask\":\"%d\"}"
              .formatted(ts, mid, mid + 1);
      final String order =
          ("{\"type\":\"order\",\"ts\":\"%s\",\"orderId\":\"o%d\",\"account\":\"A1\","
                  + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"%s\","
                  + "\"quantity\":\"0.%03d\",\"price\":\"%d\"}")
              .formatted(ts, step, step % 3 == 0 ? "sell" : "buy", 1 + step % 50, mid);
      final HttpResponse<String> r =
          server.post("/v1/events", TestServer.TRADER, "[" + price + "," + order + "]");
      assertEquals(200, r.statusCode(), r.body());
      if (step % 2 == 1) {
        final String fill =
            ("{\"ts\":\"%s\",\"fillId\":\"f%d\",\"orderId\":\"o%d\",\"quantity\":\"0.001\","
                    + "\"price\":\"%d\"}")
                .formatted(ts, step, step - 1, mid);
        final HttpResponse<String> f = server.post("/v1/fills", TestServer.TRADER, fill);
        assertTrue(f.statusCode() < 500, f.body());
      }
    }
  }

  @Test
  void acknowledgedEventsSurviveARestartWithAndWithoutASnapshot() throws Exception {
    final UnaryOperator<String> edit = onKafka(kafka.bootstrapServers(), "restart", "");
    final String hash;
    final long sequence;
    try (TestServer server = new TestServer(data, 4096, edit)) {
      awaitLeader(server);
      assertEquals(
          "leader",
          server.get("/health/ready", null).headers().firstValue("Riskgate-Role").orElse(null));
      sendLoad(server, 0, 40);
      final HttpResponse<String> snap = server.post("/v1/snapshots", TestServer.RISK, "");
      assertEquals(200, snap.statusCode(), snap.body());
      final String file = TestServer.json(snap).get("file").asText();
      final long covered = TestServer.json(snap).get("sequence").asLong();
      final String position =
          java.nio.file.Files.readString(data.resolve("snapshots").resolve(file + ".position"));
      final KafkaJournal journal = (KafkaJournal) server.server.runtime().journal();
      assertEquals(
          "kafka topic=restart partition=0 sequence="
              + covered
              + " offset="
              + journal.offsetOf(covered)
              + "\n",
          position,
          "the snapshot records the Kafka offset it covers");
      sendLoad(server, 40, 30);
      hash = server.stateHash();
      sequence = server.server.runtime().journal().durableSequence();
      final KafkaJournal k = (KafkaJournal) server.server.runtime().journal();
      assertTrue(k.offsetOf(sequence) >= sequence - 1, "offsets are indexed");
      final JsonNode cluster = TestServer.json(server.get("/v1/cluster", TestServer.VIEWER));
      assertEquals("kafka", cluster.get("journal").asText());
      assertEquals("leader", cluster.get("node").get("role").asText());
      assertEquals(sequence, cluster.get("node").get("sequence").asLong());
    }
    assertTrue(sequence >= 70 * 2, "every step journaled its events, got " + sequence);
    final String after;
    try (TestServer again = new TestServer(data, 4096, edit)) {
      assertTrue(again.server.runtime().recovery().fromSnapshot(), again.log.toString());
      assertEquals(sequence, again.server.runtime().journal().durableSequence());
      assertEquals(hash, again.stateHash());
      awaitLeader(again);
      sendLoad(again, 70, 5);
      after = again.stateHash();
      assertTrue(!after.equals(hash), "the events after the restart changed the state");
    }
    // Without the snapshot: the whole topic replayed.
    deleteSnapshots();
    try (TestServer replayed = new TestServer(data, 4096, edit)) {
      assertEquals(false, replayed.server.runtime().recovery().fromSnapshot());
      assertTrue(replayed.server.runtime().journal().durableSequence() > sequence);
      assertEquals(after, replayed.stateHash(), "live == a full replay of the topic");
    }
  }

  private void deleteSnapshots() throws java.io.IOException {
    try (var files = java.nio.file.Files.list(data.resolve("snapshots"))) {
      for (Path f : files.toList()) {
        java.nio.file.Files.delete(f);
      }
    }
  }
}
