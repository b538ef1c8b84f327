package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of one leader group on a real broker, in this JVM: the standby applies every record of
 * the leader (state hash equal at the same sequence), serves reads with {@code Riskgate-Role:
 * standby} and answers writes 503 naming the leader's URL; when the leader stops, the standby takes
 * over with the whole state and takes writes; two groups on two partitions of one topic run side by
 * side.
 */
class KafkaStandbyTest extends KafkaGroupTest {
  @TempDir Path data1;
  @TempDir Path data2;

  private static TestServer node(
      Path data, String topic, int partition, String id, int port, int p1, int p2)
      throws Exception {
    return node(data, topic, partition, id, port, p1, p2, UnaryOperator.identity());
  }

  /** Waits until {@code standby} applied everything the leader made durable. */
  private static void awaitCaughtUp(TestServer leader, TestServer standby) throws Exception {
    awaitApplied(standby, leader.server.runtime().journal().durableSequence(), false);
  }

  @Test
  void theStandbyFollowsServesReadsRefusesWritesAndTakesOver() throws Exception {
    final int p1 = freePort();
    final int p2 = freePort();
    final TestServer n1 = node(data1, "standby", 0, "n1", p1, p1, p2);
    TestServer n2 = null;
    try {
      KafkaJournalRestartTest.awaitLeader(n1);
      KafkaJournalRestartTest.sendLoad(n1, 0, 20);
      n2 = node(data2, "standby", 0, "n2", p2, p1, p2);
      assertEquals("standby", n2.server.runtime().journal().role());
      KafkaJournalRestartTest.sendLoad(n1, 20, 20);
      awaitCaughtUp(n1, n2);
      assertEquals(n1.stateHash(), n2.stateHash(), "standby == leader at the same sequence");

      final HttpResponse<String> read = n2.get("/v1/positions", TestServer.VIEWER);
      assertEquals(200, read.statusCode(), read.body());
      assertEquals("standby", read.headers().firstValue("Riskgate-Role").orElse(null));
      assertEquals(
          "leader",
          n1.get("/v1/positions", TestServer.VIEWER)
              .headers()
              .firstValue("Riskgate-Role")
              .orElse(null));
      final HttpResponse<String> write =
          n2.post(
              "/v1/prices",
              TestServer.RISK,
              "{\"ts\":\"2026-12-03T11:00:00Z\",\"symbol\":\"BTC-USD\",\"bid\":\"1\",\"ask\":\"2\"}");
      assertEquals(503, write.statusCode(), write.body());
      final JsonNode problem = TestServer.json(write);
      assertEquals("http://127.0.0.1:" + p1, problem.get("leaderUrl").asText(), write.body());
      assertTrue(problem.get("detail").asText().contains("standby"), write.body());
      final JsonNode cluster = TestServer.json(n2.get("/v1/cluster", TestServer.VIEWER));
      assertEquals("standby", cluster.get("node").get("role").asText());
      assertEquals("n1", cluster.get("leader").asText());
      // Heartbeats go on while the view is taken: a transaction or two in flight at most.
      assertTrue(cluster.get("node").get("lag").asLong() <= 4, cluster.toString());
      assertTrue(n2.get("/metrics", null).body().contains("riskgate_cluster_leader 0.0"));

      final String hash = n1.stateHash();
      final long sequence = n1.server.runtime().journal().durableSequence();
      n1.close();
      final long stopped = System.nanoTime();
      KafkaJournalRestartTest.awaitLeader(n2);
      final long tookMillis = (System.nanoTime() - stopped) / 1_000_000;
      System.out.println("KafkaStandbyTest: n2 took over " + tookMillis + " ms after n1 stopped");
      assertEquals(sequence, n2.server.runtime().appliedSequence().get());
      assertEquals(hash, n2.stateHash(), "nothing acknowledged by n1 is missing on n2");
      assertTrue(n2.get("/metrics", null).body().contains("riskgate_cluster_failovers_total 1.0"));
      // The same request sent again to the new leader gets the original answer.
      final HttpResponse<String> again =
          n2.post(
              "/v1/fills",
              TestServer.TRADER,
              ("{\"ts\":\"%s\",\"fillId\":\"f39\",\"orderId\":\"o38\",\"quantity\":\"0.001\","
                      + "\"price\":\"%d\"}")
                  .formatted(
                      java.time.Instant.parse("2026-12-03T10:00:00Z").plusSeconds(39),
                      43_000 + (39 * 37L) % 200));
      assertTrue(again.statusCode() < 500, again.body());
      assertEquals("true", again.headers().firstValue("Idempotent-Replay").orElse(null));
      KafkaJournalRestartTest.sendLoad(n2, 40, 10);
      assertTrue(n2.server.runtime().journal().durableSequence() > sequence);
    } finally {
      n1.close();
      if (n2 != null) {
        n2.close();
      }
    }
  }

  @Test
  void twoGroupsOnTwoPartitionsRunSideBySide() throws Exception {
    final int a = freePort();
    final int b = freePort();
    try (TestServer g0 = node(data1, "groups", 0, "n1", a, a, a + 1);
        TestServer g1 = node(data2, "groups", 1, "n1", b, b, b + 1)) {
      KafkaJournalRestartTest.awaitLeader(g0);
      KafkaJournalRestartTest.awaitLeader(g1);
      KafkaJournalRestartTest.sendLoad(g0, 0, 10);
      KafkaJournalRestartTest.sendLoad(g1, 0, 4);
      assertTrue(g0.server.runtime().journal().durableSequence() >= 20);
      assertTrue(g1.server.runtime().journal().durableSequence() >= 8);
      assertTrue(
          g0.server.runtime().journal().durableSequence()
              > g1.server.runtime().journal().durableSequence(),
          "each group numbers its own partition's events");
      assertTrue(!g0.stateHash().equals(g1.stateHash()));
      final JsonNode c1 = TestServer.json(g1.get("/v1/cluster", TestServer.VIEWER));
      assertEquals(1, c1.get("partition").asInt());
    }
  }
}
