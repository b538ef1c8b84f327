package io.riskgate.server.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (KRaft, broker and controller in one process) run as a child JVM from Kafka's
 * own jars ({@code org.apache.kafka:kafka_2.13} on the class path given), on loopback: for {@code
 * riskgate kafka-dev} and the tests. One process of a cluster of {@code voters.size()} nodes; a
 * cluster's processes share the cluster id and the voters.
 *
 * <p>{@link #start} writes {@code server.properties} in the broker's directory, formats its log
 * directory once ({@code kafka.tools.StorageTool format}), starts {@code kafka.Kafka} with its
 * output in {@code broker.log}, and returns once the broker port accepts connections.
 */
public final class KafkaBroker implements AutoCloseable {
  /** A node of the cluster: its id and its two loopback ports. */
  public record Node(int id, int port, int controllerPort) {}

  private final Node node;
  private final Path directory;
  private final List<String> command;
  private Process process;

  private KafkaBroker(Node node, Path directory, List<String> command) {
    this.node = node;
    this.directory = directory;
    this.command = command;
  }

  /**
   * Prepares (formats once) and starts one broker of the cluster {@code nodes}.
   *
   * @param classpath a class path with Kafka's broker jars
   * @param clusterId the cluster's id ({@link #newClusterId()}), the same for every node
   */
  public static KafkaBroker start(
      String classpath, String clusterId, Node self, List<Node> nodes, Path directory)
      throws IOException {
    Files.createDirectories(directory);
    final StringBuilder voters = new StringBuilder();
    for (Node n : nodes) {
      if (voters.length() > 0) {
        voters.append(',');
      }
      voters.append(n.id()).append("@127.0.0.1:").append(n.controllerPort());
    }
    final int replication = Math.min(3, nodes.size());
    final String properties =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=" + self.id(),
            "controller.quorum.voters=" + voters,
            "listeners=PLAINTEXT://127.0.0.1:"
                + self.port()
                + ",CONTROLLER://127.0.0.1:"
                + self.controllerPort(),
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + self.port(),
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + directory.resolve("logs").toAbsolutePath(),
            "offsets.topic.replication.factor=" + replication,
            "transaction.state.log.replication.factor=" + replication,
            "transaction.state.log.min.isr=" + Math.min(2, replication),
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "unclean.leader.election.enable=false",
            // A broker that died is fenced within a second and a half (the default is 9 s), so
            // that its partitions get a new leader before a standby gives up on the leader.
            "broker.session.timeout.ms=1500",
            "broker.heartbeat.interval.ms=300",
            // A follower that stopped fetching leaves the in-sync replicas after a second (the
            // default is 30 s, during which acks=all waits for it).
            "replica.lag.time.max.ms=1000",
            "",
            "");
    final Path config = directory.resolve("server.properties");
    Files.writeString(config, properties);
    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    if (!Files.exists(directory.resolve("logs").resolve("meta.properties"))) {
      final Process format =
          new ProcessBuilder(
                  java,
                  "-cp",
                  classpath,
                  "kafka.tools.StorageTool",
                  "format",
                  "-t",
                  clusterId,
                  "-c",
                  config.toString())
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("format.log").toFile())
              .start();
      try {
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
          format.destroyForcibly();
          throw new IOException(
              "formatting the Kafka log directory failed; see " + directory.resolve("format.log"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while formatting the Kafka log directory", e);
      }
    }
    final List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xms128m");
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(classpath);
    command.add("kafka.Kafka");
    command.add(config.toString());
    final KafkaBroker broker = new KafkaBroker(self, directory, command);
    broker.launch();
    return broker;
  }

  /**
   * A fresh cluster id: a random UUID in URL-safe base64. Never one that starts with '-', which
   * Kafka's storage tool would read as an option (its own {@code Uuid.randomUuid} avoids them too):
   * one id in 64 did, and its format failed.
   */
  public static String newClusterId() {
    while (true) {
      final UUID u = UUID.randomUUID();
      final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
      b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
      final String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
      if (id.charAt(0) != '-') {
        return id;
      }
    }
  }

  /** Starts the broker process (again, after {@link #kill}); returns once its port answers. */
  public void launch() throws IOException {
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(directory.resolve("broker.log").toFile()))
            .start();
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "the Kafka broker "
                + node.id()
                + " exited with "
                + process.exitValue()
                + "; see "
                + directory.resolve("broker.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", node.port()), 200);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while the Kafka broker started", ie);
        }
      }
    }
    process.destroyForcibly();
    throw new IOException("the Kafka broker " + node.id() + " did not start within 90 s");
  }

  /** {@code 127.0.0.1:port} of this broker. */
  public String address() {
    return "127.0.0.1:" + node.port();
  }

  /** The bootstrap servers of {@code nodes}. */
  public static String bootstrap(List<Node> nodes) {
    final StringBuilder b = new StringBuilder();
    for (Node n : nodes) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append("127.0.0.1:").append(n.port());
    }
    return b.toString();
  }

  /** The broker's process. */
  public Process process() {
    return process;
  }

  /** Kills the broker at once (SIGKILL). */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for the process to end (for {@code kafka-dev}). */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** Stops the broker: SIGTERM, then SIGKILL after 20 s. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }
}
