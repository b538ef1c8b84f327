package io.riskgate.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.server.audit.AuditSettings;
import io.riskgate.server.cluster.KafkaSettings;
import org.junit.jupiter.api.Test;

/** {@code journal.kind: kafka} and {@code cluster.nodes}: read, defaulted and checked. */
class KafkaJournalConfigTest {
  private static final String KAFKA =
      """
      journal: {dir: /tmp/x, kind: kafka, bootstrapServers: "127.0.0.1:9092", topic: t1,
                partition: 2, replicationFactor: 3, minInsyncReplicas: 2}
      cluster: {nodes: {n1: {leaderUrl: "http://a:8080"}, n2: {leaderUrl: "http://b:8080"}}}
      """;

  @Test
  void theFileJournalStaysTheDefault() {
    assertNull(ConfigLoader.parse("journal: {dir: /tmp/x}\n", "t").kafka());
    assertNull(ConfigLoader.defaults(java.nio.file.Path.of("data")).kafka());
  }

  @Test
  void readsTheKafkaJournalAndTheNodes() {
    final ServerConfig config = ConfigLoader.parse(KAFKA, "t");
    final KafkaSettings k = config.kafka();
    assertEquals("127.0.0.1:9092", k.bootstrapServers());
    assertEquals("t1", k.topic());
    assertEquals(2, k.partition());
    assertEquals(3, k.replicationFactor());
    assertEquals(2, k.minInsyncReplicas());
    assertEquals(200, k.heartbeatMillis());
    assertEquals(2000, k.failoverMillis());
    assertEquals("riskgate-t1-2", k.transactionalId(), "one transactional id per partition");
    assertEquals("n1", k.nodeId());
    assertEquals("http://b:8080", k.leaderUrls().get("n2"));
    // Each node keeps its own audit trail of the records it applies, as with the file journal.
    assertEquals(AuditSettings.Kind.SQLITE, config.audit().kind());
    final ServerConfig n2 = config.withNodeId("n2");
    assertEquals("n2", n2.kafka().nodeId());
    assertEquals(1, n2.kafka().rank());
    final IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> config.withNodeId("n9"));
    assertTrue(unknown.getMessage().contains("n9"), unknown.getMessage());
  }

  @Test
  void refusesWhatCannotWork() {
    final ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    """
                    journal: {kind: kafka, replicationFactor: 1, minInsyncReplicas: 2,
                              heartbeatMillis: 200, failoverMillis: 300}
                    audit: {kind: sqlite}
                    """,
                    "t"));
    assertTrue(e.getMessage().contains("journal.bootstrapServers is missing"), e.getMessage());
    assertTrue(!e.getMessage().contains("audit"), "the audit trail is kept on Kafka too");
    final ConfigException kind =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.parse("journal: {kind: zookeeper}\n", "t"));
    assertTrue(kind.getMessage().contains("journal.kind must be file or kafka"), kind.getMessage());
    final ConfigException stray =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("journal: {topic: t}\n", "t"));
    assertTrue(stray.getMessage().contains("journal.kind is file"), stray.getMessage());
    final ConfigException timing =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "journal: {kind: kafka, bootstrapServers: \"h:1\", failoverMillis: 300}\n",
                    "t"));
    assertTrue(timing.getMessage().contains("three heartbeats"), timing.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ConfigLoader.parse("journal: {dir: /tmp/x}\n", "t").withNodeId("n2"));
  }
}
