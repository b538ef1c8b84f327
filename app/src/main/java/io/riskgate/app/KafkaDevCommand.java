package io.riskgate.app;

import io.riskgate.server.cluster.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code riskgate kafka-dev}: a single-node Kafka broker (KRaft, Kafka's own jars, shipped in the
 * riskgate jar) on loopback, for trying the journal on Kafka ({@code journal.kind: kafka}) and
 * fail-over on one machine. Not for production: one broker has no replica to fail over to.
 */
@Command(
    name = "kafka-dev",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a single-node Kafka broker on 127.0.0.1 for development (KRaft; the controller"
          + " listens on PORT+1), until the process is stopped. Its data stays in DIR, so a"
          + " restart keeps the topics.",
      "Then: journal: {kind: kafka, bootstrapServers: \"127.0.0.1:PORT\"} in the configuration"
          + " of riskgate serve."
    })
final class KafkaDevCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "9092",
      description = "Broker port (default ${DEFAULT-VALUE}); the controller takes N+1.")
  int port;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "kafka-dev",
      description = "The broker's directory: properties, logs, data (default ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (port < 1 || port > 65534) {
      spec.commandLine().getErr().println("--port must be in [1, 65534], got " + port);
      return 2;
    }
    Files.createDirectories(dir);
    final Path idFile = dir.resolve("cluster.id");
    final String clusterId;
    if (Files.exists(idFile)) {
      clusterId = Files.readString(idFile).trim();
    } else {
      clusterId = KafkaBroker.newClusterId();
      Files.writeString(idFile, clusterId + "\n");
    }
    final KafkaBroker.Node node = new KafkaBroker.Node(1, port, port + 1);
    spec.commandLine()
        .getOut()
        .println("starting a Kafka broker in " + dir.toAbsolutePath() + "...");
    spec.commandLine().getOut().flush();
    final KafkaBroker broker =
        KafkaBroker.start(
            System.getProperty("java.class.path"), clusterId, node, List.of(node), dir);
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    spec.commandLine()
        .getOut()
        .println(
            "kafka listening on "
                + broker.address()
                + " (log: "
                + dir.resolve("broker.log")
                + "); stop with Ctrl-C");
    spec.commandLine().getOut().flush();
    final int exit = broker.waitFor();
    return exit == 0 || exit == 143 ? 0 : 1;
  }
}
