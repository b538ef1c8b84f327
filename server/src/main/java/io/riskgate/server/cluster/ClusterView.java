package io.riskgate.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.journal.EventLog;
import java.util.Map;
import java.util.TreeSet;

/**
 * The bodies of {@code GET /v1/cluster/node} (one node's own status: id, URL, role, the last
 * sequence and the Kafka offset it applied, its lag behind the partition's committed end, and the
 * leader as it knows it) and {@code GET /v1/cluster} (that status for every node of the group).
 *
 * <p>How a node learns the others' status: each node answers {@code /v1/cluster/node} about itself,
 * and {@code /v1/cluster} asks every other node in {@code cluster.nodes} for it over HTTP ({@link
 * ClusterPeers}, half a second each, all at once). Standbys write nothing to the journal's topic (a
 * record of theirs would count as the leader's voice and hold off a take-over, and would take
 * offsets in the log), so HTTP is their channel. The leader's heartbeat records carry its own
 * status too (id, URL, last durable sequence), so a node that cannot reach the leader over HTTP
 * still shows what its heartbeats said and how long ago; a node that answers neither way is shown
 * {@code "reachable": false}.
 */
public final class ClusterView {
  private ClusterView() {}

  /** The status of the node whose journal is {@code log}, with {@code applied} its sequence. */
  public static ObjectNode node(EventLog log, long applied) {
    final ObjectNode self = JsonNodeFactory.instance.objectNode();
    if (!(log instanceof KafkaJournal k)) {
      self.put("journal", "file");
      self.put("role", "leader");
      self.put("sequence", applied);
      return self;
    }
    final KafkaSettings s = k.settings();
    self.put("journal", "kafka");
    self.put("id", s.nodeId());
    final String url = s.leaderUrls().get(s.nodeId());
    if (url != null) {
      self.put("url", url);
    }
    self.put("role", k.role());
    self.put("state", k.state().label());
    self.put("sequence", applied);
    // The partition's end first, then this node's offset, read once: the lag is never counted
    // against an offset older than the end it is compared with.
    final long end = k.logEndOffset();
    final long offset = k.endOffset();
    self.put("offset", offset);
    if (end >= 0) {
      self.put("logEndOffset", end);
      self.put("lag", Math.max(0, end - offset));
    } else {
      self.putNull("logEndOffset");
      self.putNull("lag");
    }
    self.put("silenceMillis", k.silenceMillis());
    self.put("failovers", k.failovers());
    if (k.writable()) {
      self.put("leaderForMillis", k.leaderForMillis());
    }
    final String leader = leader(k);
    if (leader != null) {
      self.put("leader", leader);
      final String leaderUrl = s.leaderUrls().get(leader);
      if (leaderUrl != null) {
        self.put("leaderUrl", leaderUrl);
      }
    } else {
      self.putNull("leader");
    }
    final KafkaJournal.LeaderStatus heard = k.heardLeader();
    if (heard != null) {
      final ObjectNode h = self.putObject("heartbeat");
      h.put("node", heard.node());
      h.put("sequence", heard.sequence());
      h.put("offset", heard.offset());
      h.put("ageMillis", heard.ageMillis());
    }
    return self;
  }

  /**
   * The part of {@link #node} that needs neither the engine nor the brokers, answered at once
   * ({@code /v1/cluster/node?brief}): id, role, state, how long it has led. What a standby about to
   * take over asks the nodes before it in the take-over order, within a heartbeat.
   */
  public static ObjectNode brief(EventLog log) {
    final ObjectNode self = JsonNodeFactory.instance.objectNode();
    if (!(log instanceof KafkaJournal k)) {
      self.put("journal", "file");
      self.put("role", "leader");
      return self;
    }
    self.put("journal", "kafka");
    self.put("id", k.settings().nodeId());
    self.put("role", k.role());
    self.put("state", k.state().label());
    if (k.writable()) {
      self.put("leaderForMillis", k.leaderForMillis());
    }
    return self;
  }

  /**
   * Whether a peer's status (from {@link #node} or {@link #brief}) says it is taking over, or took
   * over less than {@code failoverMillis} ago (its first heartbeat may not be read yet): a standby
   * of later rank then waits instead of fencing it.
   */
  public static boolean takingOver(JsonNode status, long failoverMillis) {
    final String state = status.path("state").asText("");
    return state.equals(KafkaJournal.Role.TAKING_OVER.label())
        || (state.equals(KafkaJournal.Role.LEADER.label())
            && status.path("leaderForMillis").asLong(Long.MAX_VALUE) < failoverMillis);
  }

  /** The leader as {@code k} knows it: itself when it leads, else the writer of its last read. */
  private static String leader(KafkaJournal k) {
    return k.writable() ? k.settings().nodeId() : k.leaderNode();
  }

  /**
   * The view of the group from the node whose journal is {@code log}: its own status ({@code self},
   * from {@link #node}) and, for each node of {@code cluster.nodes}, the status it answered in
   * {@code peers} (absent or null: it did not answer).
   */
  public static ObjectNode render(EventLog log, ObjectNode self, Map<String, JsonNode> peers) {
    final ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (!(log instanceof KafkaJournal k)) {
      out.put("journal", "file");
      out.set("node", self);
      out.putArray("nodes");
      return out;
    }
    final KafkaSettings s = k.settings();
    out.put("journal", "kafka");
    out.put("topic", s.topic());
    out.put("partition", s.partition());
    out.set("leader", self.get("leader"));
    if (self.has("leaderUrl")) {
      out.set("leaderUrl", self.get("leaderUrl"));
    }
    out.set("node", self);
    final String leader = self.path("leader").asText(null);
    final KafkaJournal.LeaderStatus heard = k.heardLeader();
    final var nodes = out.putArray("nodes");
    for (String id : new TreeSet<>(s.leaderUrls().keySet())) {
      final String url = s.leaderUrls().get(id);
      final ObjectNode n;
      if (id.equals(s.nodeId())) {
        n = self.deepCopy();
        n.remove("journal");
        n.put("self", true);
        n.put("reachable", true);
      } else {
        final JsonNode answered = peers.get(id);
        if (answered != null && answered.isObject() && id.equals(answered.path("id").asText())) {
          n = ((ObjectNode) answered).deepCopy();
          n.remove("journal");
          n.put("reachable", true);
        } else {
          n = JsonNodeFactory.instance.objectNode();
          n.put("id", id);
          n.put("url", url);
          n.put("reachable", false);
          if (id.equals(leader) && heard != null && id.equals(heard.node())) {
            // Its heartbeats still arrive: it leads, though its HTTP port does not answer here.
            n.put("role", "leader");
            n.put("sequence", heard.sequence());
            n.put("offset", heard.offset());
            n.put("heartbeatAgeMillis", heard.ageMillis());
          } else {
            n.put("role", "unknown");
          }
        }
      }
      if (!n.has("url") && url != null) {
        n.put("url", url);
      }
      nodes.add(n);
    }
    return out;
  }
}
