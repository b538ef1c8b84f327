package io.riskgate.server.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real Kafka brokers on loopback for the tests: {@code n} KRaft processes (broker and controller
 * each) started as child JVMs from the test class path, in a directory of the test's.
 */
public final class LocalKafka implements AutoCloseable {
  private final List<KafkaBroker.Node> nodes;
  private final List<KafkaBroker> brokers = new ArrayList<>();

  private LocalKafka(List<KafkaBroker.Node> nodes) {
    this.nodes = nodes;
  }

  /** Starts {@code n} brokers forming one cluster; returns once every one answers. */
  public static LocalKafka start(int n, Path directory) throws IOException {
    final List<KafkaBroker.Node> nodes = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      nodes.add(new KafkaBroker.Node(i, freePort(), freePort()));
    }
    final LocalKafka kafka = new LocalKafka(List.copyOf(nodes));
    final String cluster = KafkaBroker.newClusterId();
    final String classpath = System.getProperty("java.class.path");
    try {
      // The controllers of a quorum wait for each other: start the processes together.
      final List<java.util.concurrent.CompletableFuture<KafkaBroker>> starting = new ArrayList<>();
      for (KafkaBroker.Node node : nodes) {
        starting.add(
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return KafkaBroker.start(
                        classpath, cluster, node, nodes, directory.resolve("broker-" + node.id()));
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                }));
      }
      for (var f : starting) {
        kafka.brokers.add(f.join());
      }
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    return kafka;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code host:port,...} of every broker. */
  public String bootstrapServers() {
    return KafkaBroker.bootstrap(nodes);
  }

  /** Broker {@code i} (0-based). */
  public KafkaBroker broker(int i) {
    return brokers.get(i);
  }

  @Override
  public void close() {
    for (KafkaBroker b : brokers) {
      b.kill();
    }
  }
}
