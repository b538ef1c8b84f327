package io.riskgate.server.cluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.journal.EventLog;
import java.util.TreeSet;

/**
 * The body of {@code GET /v1/cluster}: this node (id, role, the last sequence and the Kafka offset
 * it applied, its lag behind the partition's committed end) and every node of the group as this one
 * knows it (the leader is the node that wrote the last record read).
 */
public final class ClusterView {
  private ClusterView() {}

  /**
   * The view of a node whose journal is {@code log}, with {@code applied} its engine's sequence.
   */
  public static ObjectNode render(EventLog log, long applied) {
    final ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (!(log instanceof KafkaJournal k)) {
      out.put("journal", "file");
      final ObjectNode self = out.putObject("node");
      self.put("role", "leader");
      self.put("sequence", applied);
      out.putArray("nodes");
      return out;
    }
    final KafkaSettings s = k.settings();
    out.put("journal", "kafka");
    out.put("topic", s.topic());
    out.put("partition", s.partition());
    final String leader = k.writable() ? s.nodeId() : k.leaderNode();
    if (leader != null) {
      out.put("leader", leader);
      final String url = s.leaderUrls().get(leader);
      if (url != null) {
        out.put("leaderUrl", url);
      }
    } else {
      out.putNull("leader");
    }
    final long end = k.logEndOffset();
    final ObjectNode self = out.putObject("node");
    self.put("id", s.nodeId());
    self.put("role", k.role());
    self.put("state", k.state().label());
    self.put("sequence", applied);
    self.put("offset", k.endOffset());
    if (end >= 0) {
      self.put("logEndOffset", end);
      self.put("lag", Math.max(0, end - k.endOffset()));
    } else {
      self.putNull("logEndOffset");
      self.putNull("lag");
    }
    self.put("silenceMillis", k.silenceMillis());
    self.put("failovers", k.failovers());
    final var nodes = out.putArray("nodes");
    for (String id : new TreeSet<>(s.leaderUrls().keySet())) {
      final ObjectNode n = nodes.addObject();
      n.put("id", id);
      n.put("url", s.leaderUrls().get(id));
      n.put("role", id.equals(leader) ? "leader" : "standby");
      if (id.equals(s.nodeId())) {
        n.put("self", true);
      }
    }
    return out;
  }
}
