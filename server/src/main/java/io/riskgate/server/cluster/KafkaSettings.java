package io.riskgate.server.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The journal on Kafka: where the topic is, how it is replicated, and the nodes of the leader group
 * that share it.
 *
 * <pre>
 * journal: {kind: kafka, bootstrapServers: "127.0.0.1:9092", topic: riskgate-journal, partition: 0,
 *           replicationFactor: 3, minInsyncReplicas: 2, heartbeatMillis: 200, failoverMillis: 2000}
 * cluster: {nodes: {n1: {leaderUrl: "http://10.0.0.1:8080"}, n2: {leaderUrl: "http://10.0.0.2:8080"}}}
 * </pre>
 *
 * @param bootstrapServers the brokers to connect to, {@code host:port[,host:port...]}
 * @param topic the journal's topic; created when missing, with {@code partition + 1} partitions
 * @param partition the topic partition this leader group writes (one per group)
 * @param replicationFactor the topic's replication factor when it is created
 * @param minInsyncReplicas the topic's {@code min.insync.replicas} when it is created
 * @param heartbeatMillis how often the leader writes a heartbeat record
 * @param failoverMillis how long a standby waits without a record from the leader before it takes
 *     over
 * @param transactionalId the producer's {@code transactional.id}, shared by every node of the group
 *     so that a new leader fences the old one
 * @param nodeId this node's id ({@code --node-id})
 * @param leaderUrls each node's URL by id, in the order standbys take over (the first standby waits
 *     least)
 */
public record KafkaSettings(
    String bootstrapServers,
    String topic,
    int partition,
    short replicationFactor,
    int minInsyncReplicas,
    long heartbeatMillis,
    long failoverMillis,
    String transactionalId,
    String nodeId,
    Map<String, String> leaderUrls) {

  public static final long DEFAULT_HEARTBEAT_MILLIS = 200;
  public static final long DEFAULT_FAILOVER_MILLIS = 2000;
  public static final String DEFAULT_TOPIC = "riskgate-journal";
  public static final String DEFAULT_NODE_ID = "n1";

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(nodeId, "nodeId");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("journal.bootstrapServers must name at least one broker");
    }
    if (partition < 0) {
      throw new IllegalArgumentException("journal.partition must be 0 or more, got " + partition);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "journal.replicationFactor must be at least 1, got " + replicationFactor);
    }
    if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          "journal.minInsyncReplicas must be in [1, replicationFactor = "
              + replicationFactor
              + "], got "
              + minInsyncReplicas);
    }
    if (heartbeatMillis < 10) {
      throw new IllegalArgumentException(
          "journal.heartbeatMillis must be at least 10, got " + heartbeatMillis);
    }
    if (failoverMillis < 3 * heartbeatMillis) {
      throw new IllegalArgumentException(
          "journal.failoverMillis must be at least three heartbeats ("
              + 3 * heartbeatMillis
              + " ms), got "
              + failoverMillis);
    }
    if (transactionalId == null || transactionalId.isBlank()) {
      transactionalId = "riskgate-" + topic + "-" + partition;
    }
    leaderUrls = Map.copyOf(leaderUrls == null ? Map.of() : leaderUrls);
    if (!leaderUrls.isEmpty() && !leaderUrls.containsKey(nodeId)) {
      throw new IllegalArgumentException(
          "node id \""
              + nodeId
              + "\" is not one of cluster.nodes "
              + List.copyOf(new java.util.TreeSet<>(leaderUrls.keySet())));
    }
  }

  /** Settings for one broker and one node, with every default. */
  public static KafkaSettings of(String bootstrapServers, String topic) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        0,
        (short) 1,
        1,
        DEFAULT_HEARTBEAT_MILLIS,
        DEFAULT_FAILOVER_MILLIS,
        null,
        DEFAULT_NODE_ID,
        Map.of());
  }

  /** These settings for node {@code id}. */
  public KafkaSettings withNodeId(String id) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        partition,
        replicationFactor,
        minInsyncReplicas,
        heartbeatMillis,
        failoverMillis,
        transactionalId,
        id,
        leaderUrls);
  }

  /** These settings with other replication. */
  public KafkaSettings withReplication(int factor, int minInsync) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        partition,
        (short) factor,
        minInsync,
        heartbeatMillis,
        failoverMillis,
        transactionalId,
        nodeId,
        leaderUrls);
  }

  /** These settings with other heartbeat and fail-over periods. */
  public KafkaSettings withTiming(long heartbeat, long failover) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        partition,
        replicationFactor,
        minInsyncReplicas,
        heartbeat,
        failover,
        transactionalId,
        nodeId,
        leaderUrls);
  }

  /** These settings on another partition (another leader group), with its own transactional id. */
  public KafkaSettings withPartition(int p) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        p,
        replicationFactor,
        minInsyncReplicas,
        heartbeatMillis,
        failoverMillis,
        null,
        nodeId,
        leaderUrls);
  }

  /** These settings with the nodes' URLs (in take-over order). */
  public KafkaSettings withLeaderUrls(Map<String, String> urls) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        partition,
        replicationFactor,
        minInsyncReplicas,
        heartbeatMillis,
        failoverMillis,
        transactionalId,
        nodeId,
        new LinkedHashMap<>(urls));
  }

  /**
   * This node's place in the take-over order: 0 for the first node named in {@code cluster.nodes}
   * (or when none are named). Map.copyOf loses the order, so the ids are ordered by name.
   */
  public int rank() {
    return Math.max(0, List.copyOf(new java.util.TreeSet<>(leaderUrls.keySet())).indexOf(nodeId));
  }
}
