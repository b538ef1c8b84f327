package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.audit.AuditRebuild;
import io.riskgate.server.audit.AuditSettings;
import io.riskgate.server.audit.AuditStore;
import io.riskgate.server.config.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader and a standby on a real broker, each with its own audit trail: {@code GET /v1/cluster}
 * on either node shows both nodes' role, sequence, offset and lag; a standby's stream carries the
 * decisions of the records it applies, the same as the leader's; every node's audit trail holds the
 * same rows, equal to a rebuild from the Kafka journal (one started behind the log is completed
 * from it), and goes on on the node that takes over.
 */
class KafkaClusterTest extends KafkaGroupTest {
  @TempDir Path data1;
  @TempDir Path data2;

  /** Node {@code id} of a group of n1 and n2, with an audit trail in its data directory. */
  private static TestServer node(Path data, String id, int port, int p1, int p2) throws Exception {
    return node(
        data,
        "cluster",
        0,
        id,
        port,
        p1,
        p2,
        yaml -> yaml.replace("audit: {kind: none}", "audit: {kind: sqlite}"));
  }

  private static void awaitApplied(TestServer node, long target) throws Exception {
    awaitApplied(node, target, true);
  }

  /** The decisions among the outputs a stream subscriber received, in order. */
  private static List<String> decisions(List<String> outputs) {
    synchronized (outputs) {
      return outputs.stream().filter(o -> o.contains("\"type\":\"decision\"")).toList();
    }
  }

  private static JsonNode byId(JsonNode nodes, String id) {
    for (JsonNode n : nodes) {
      if (n.get("id").asText().equals(id)) {
        return n;
      }
    }
    throw new AssertionError("no node " + id + " in " + nodes);
  }

  @Test
  void everyNodeShowsTheGroupStreamsTheFlowAndKeepsTheSameAuditTrail() throws Exception {
    final int p1 = freePort();
    final int p2 = freePort();
    final TestServer n1 = node(data1, "n1", p1, p1, p2);
    TestServer n2 = null;
    try {
      KafkaJournalRestartTest.awaitLeader(n1);
      KafkaJournalRestartTest.sendLoad(n1, 0, 10);
      // n2 starts behind: its (empty) audit trail is completed from the Kafka journal.
      n2 = node(data2, "n2", p2, p1, p2);
      awaitApplied(n2, n1.server.runtime().journal().durableSequence());
      final List<String> onLeader = new ArrayList<>();
      final List<String> onStandby = new ArrayList<>();
      n1.server
          .runtime()
          .subscribe(
              o -> {
                synchronized (onLeader) {
                  onLeader.add(o);
                }
              });
      n2.server
          .runtime()
          .subscribe(
              o -> {
                synchronized (onStandby) {
                  onStandby.add(o);
                }
              });
      KafkaJournalRestartTest.sendLoad(n1, 10, 20);
      final long target = n1.server.runtime().journal().durableSequence();
      awaitApplied(n1, target);
      awaitApplied(n2, target);

      // The standby's stream carries the decisions of what it applied, as the leader's does.
      final List<String> leaderDecisions = decisions(onLeader);
      assertEquals(20, leaderDecisions.size(), onLeader.toString());
      final long deadline = System.nanoTime() + 10_000_000_000L;
      while (decisions(onStandby).size() < leaderDecisions.size() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(leaderDecisions, decisions(onStandby), "the standby streams the same decisions");

      // Each node shows the whole group: role, sequence, offset, lag.
      for (TestServer asked : List.of(n1, n2)) {
        final HttpResponse<String> r = asked.get("/v1/cluster", TestServer.VIEWER);
        assertEquals(200, r.statusCode(), r.body());
        final JsonNode view = TestServer.json(r);
        assertEquals("n1", view.get("leader").asText(), view.toString());
        assertEquals(2, view.get("nodes").size(), view.toString());
        final JsonNode a = byId(view.get("nodes"), "n1");
        final JsonNode b = byId(view.get("nodes"), "n2");
        assertEquals("leader", a.get("role").asText(), view.toString());
        assertEquals("standby", b.get("role").asText(), view.toString());
        for (JsonNode n : List.of(a, b)) {
          assertTrue(n.get("reachable").asBoolean(), view.toString());
          assertEquals(target, n.get("sequence").asLong(), view.toString());
          assertTrue(n.get("offset").asLong() > target, "offsets count heartbeats and markers");
          assertTrue(n.get("lag").asLong() >= 0 && n.get("lag").asLong() <= 4, view.toString());
        }
        assertEquals("http://127.0.0.1:" + p1, a.get("url").asText());
        assertEquals(asked == n1, a.path("self").asBoolean(), view.toString());
        assertEquals(asked == n2, b.path("self").asBoolean(), view.toString());
      }
      // A standby knows the leader's status from its heartbeats too.
      final JsonNode standbyNode =
          TestServer.json(n2.get("/v1/cluster/node", null)).get("heartbeat");
      assertEquals("n1", standbyNode.get("node").asText(), standbyNode.toString());
      assertTrue(standbyNode.get("sequence").asLong() <= target, standbyNode.toString());
      // The node's own status is public and readable from any origin (a dashboard elsewhere).
      final HttpResponse<String> self = n1.get("/v1/cluster/node", null);
      assertEquals(200, self.statusCode(), self.body());
      assertEquals("*", self.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
      assertEquals("leader", TestServer.json(self).get("role").asText());
      assertEquals("n1", TestServer.json(self).get("id").asText());

      // The same audit trail on both nodes; a risk officer finds a decision on either.
      final List<String> live = n1.server.audit().store().dump();
      assertTrue(AuditTrailCount.decisions(live) >= 30, "decisions recorded: " + live.size());
      assertEquals(live, n2.server.audit().store().dump(), "the standby's trail == the leader's");
      final HttpResponse<String> found = n2.get("/v1/decisions?orderId=o25", TestServer.VIEWER);
      assertEquals(200, found.statusCode(), found.body());
      assertEquals(
          "o25",
          TestServer.json(found).get("decisions").get(0).get("orderId").asText(),
          found.body());

      // The leader stops: n2 takes over and its trail goes on with what it leads.
      n1.close();
      KafkaJournalRestartTest.awaitLeader(n2);
      KafkaJournalRestartTest.sendLoad(n2, 30, 5);
      final long after = n2.server.runtime().journal().durableSequence();
      assertTrue(after > target);
      awaitApplied(n2, after);
      final List<String> led = n2.server.audit().store().dump();
      final ServerConfig config = n2.server.config();
      n2.close();
      n2 = null;

      // A rebuild from the Kafka journal gives the same rows, beside the store and in place.
      final ServerConfig other = config.withAudit(AuditSettings.sqlite(Path.of("rebuilt.sqlite")));
      final AuditRebuild.Result result = AuditRebuild.rebuild(other, System::getenv);
      assertEquals(after, result.lastSequence());
      try (AuditStore rebuilt =
          AuditStore.open(other.audit(), other.dataDirectory(), System::getenv)) {
        assertEquals(led, rebuilt.dump(), "the rebuild from Kafka differs from the live trail");
      }
      AuditRebuild.rebuild(config, System::getenv);
      try (AuditStore again =
          AuditStore.open(config.audit(), config.dataDirectory(), System::getenv)) {
        assertEquals(led, again.dump(), "a rebuild in place");
      }
      assertFalse(led.equals(live), "the new leader's records were added");
    } finally {
      n1.close();
      if (n2 != null) {
        n2.close();
      }
    }
  }

  /** Counts rows of the audit's decision table in a dump. */
  private static final class AuditTrailCount {
    static long decisions(List<String> dump) {
      return dump.stream().filter(l -> l.startsWith("audit_decision:")).count();
    }
  }
}
