package io.riskgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.cluster.KafkaSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The journal on Kafka: the Kafka keys of {@code journal} and the {@code cluster} section. */
final class KafkaSection {
  private KafkaSection() {}

  /**
   * The journal on Kafka ({@code journal.kind: kafka}), or null for the journal in files ({@code
   * journal.kind: file}, the default); {@code cluster.nodes} names each node's URL.
   */
  static KafkaSettings read(ConfigReader in, JsonNode journal, JsonNode cluster) {
    final String kind = in.text(journal, "journal.kind", "file");
    if (kind.equals("file")) {
      for (String key :
          List.of(
              "bootstrapServers",
              "topic",
              "partition",
              "replicationFactor",
              "minInsyncReplicas",
              "heartbeatMillis",
              "failoverMillis",
              "transactionalId")) {
        if (journal.has(key)) {
          in.problems.add("journal." + key + " is set but journal.kind is file; use kind: kafka");
        }
      }
      if (cluster.has("nodes")) {
        in.problems.add("cluster.nodes is set but journal.kind is file; use kind: kafka");
      }
      return null;
    }
    if (!kind.equals("kafka")) {
      in.problems.add("journal.kind must be file or kafka, got \"" + kind + "\"");
      return null;
    }
    final String servers = in.text(journal, "journal.bootstrapServers", null);
    final String topic = in.text(journal, "journal.topic", KafkaSettings.DEFAULT_TOPIC);
    final long partition = in.integer(journal, "journal.partition", 0, 0, 10_000);
    final long factor = in.integer(journal, "journal.replicationFactor", 1, 1, 32);
    final long minInsync = in.integer(journal, "journal.minInsyncReplicas", 1, 1, 32);
    final long heartbeat =
        in.integer(
            journal, "journal.heartbeatMillis", KafkaSettings.DEFAULT_HEARTBEAT_MILLIS, 10, 60_000);
    final long failover =
        in.integer(
            journal,
            "journal.failoverMillis",
            KafkaSettings.DEFAULT_FAILOVER_MILLIS,
            30,
            3_600_000);
    final String transactionalId = in.text(journal, "journal.transactionalId", "");
    final Map<String, String> urls = new java.util.LinkedHashMap<>();
    final JsonNode nodes = cluster.get("nodes");
    if (nodes != null && !nodes.isNull()) {
      if (!nodes.isObject()) {
        in.problems.add("cluster.nodes must be a mapping of node id to {leaderUrl: ...}");
      } else {
        for (Map.Entry<String, JsonNode> node : nodes.properties()) {
          final String path = "cluster.nodes." + node.getKey();
          if (!node.getValue().isObject()) {
            in.problems.add(path + " must be a mapping {leaderUrl: ...}");
            continue;
          }
          in.unknownKeys(node.getValue(), path, Set.of("leaderUrl"));
          final String url = in.text(node.getValue(), path + ".leaderUrl", null);
          if (url != null) {
            urls.put(node.getKey(), url);
          }
        }
      }
    }
    if (servers == null) {
      return null;
    }
    try {
      return new KafkaSettings(
          servers,
          topic,
          (int) partition,
          (short) factor,
          (int) minInsync,
          heartbeat,
          failover,
          transactionalId.isEmpty() ? null : transactionalId,
          urls.isEmpty() ? KafkaSettings.DEFAULT_NODE_ID : urls.keySet().iterator().next(),
          urls);
    } catch (IllegalArgumentException e) {
      in.problems.add(e.getMessage());
      return null;
    }
  }
}
