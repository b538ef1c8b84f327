package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.server.cluster.LocalKafka;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of a leader group share: one real broker for the test class, and nodes n1 and n2
 * of a group on a partition of a topic, each a server in this JVM with its data directory.
 */
abstract class KafkaGroupTest {
  @TempDir static Path brokers;
  static LocalKafka kafka;

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

  static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Node {@code id} of the group of n1 (HTTP on {@code p1}) and n2 (on {@code p2}) journaling to
   * {@code partition} of {@code topic}, listening on {@code port}; {@code edit} changes the rest of
   * its configuration.
   */
  static TestServer node(
      Path data,
      String topic,
      int partition,
      String id,
      int port,
      int p1,
      int p2,
      UnaryOperator<String> edit)
      throws Exception {
    final UnaryOperator<String> yaml =
        text ->
            edit.apply(
                    KafkaJournalRestartTest.onKafka(
                            kafka.bootstrapServers(),
                            topic,
                            partition == 0 ? "" : ", partition: " + partition)
                        .apply(text)
                        .replace("port: 0,", "port: " + port + ","))
                + "cluster: {nodes: {n1: {leaderUrl: \"http://127.0.0.1:"
                + p1
                + "\"}, n2: {leaderUrl: \"http://127.0.0.1:"
                + p2
                + "\"}}}\n";
    return new TestServer(data, 4096, yaml, config -> config.withNodeId(id));
  }

  /**
   * Waits until {@code node} applied (and, with {@code audit}, wrote to its trail) {@code target}.
   */
  static void awaitApplied(TestServer node, long target, boolean audit) throws Exception {
    final long deadline = System.nanoTime() + 30_000_000_000L;
    while (node.server.runtime().appliedSequence().get() < target
        || audit && node.server.audit().writtenSequence() < target) {
      assertTrue(System.nanoTime() < deadline, "not caught up with " + target + ": " + node.log);
      Thread.sleep(10);
    }
  }
}
