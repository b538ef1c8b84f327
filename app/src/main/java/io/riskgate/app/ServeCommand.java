package io.riskgate.app;

import io.riskgate.server.RiskgateServer;
import io.riskgate.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code riskgate serve}: runs the Riskgate server (HTTP and WebSocket API, journal, recovery)
 * until the process is stopped.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Riskgate server: HTTP/JSON API under /v1, WebSocket stream at /v1/stream,"
          + " /health/live, /health/ready, /metrics and /openapi.json, with every accepted event"
          + " journaled before it is acknowledged.",
      "Without --config: 127.0.0.1:8080, data in ./data, and on the first start one token per"
          + " role printed as 'token <role> <token>' (only their hashes are kept)."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path config;

  @Option(names = "--port", paramLabel = "N", description = "TCP port (0 = any free port).")
  Integer port;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (journal, tokens).")
  Path data;

  @Option(
      names = "--node-id",
      paramLabel = "ID",
      description =
          "This node's id in its leader group (journal.kind: kafka; one of cluster.nodes)."
              + " Every node starts as a standby; one takes over when no leader writes.")
  String nodeId;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ServerConfig serverConfig;
    try {
      serverConfig = RiskgateServer.configure(config, port, data);
      if (nodeId != null) {
        serverConfig = serverConfig.withNodeId(nodeId);
      }
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    final RiskgateServer server = RiskgateServer.start(serverConfig, System.out);
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (IOException e) {
                    System.err.println("error while stopping: " + e.getMessage());
                  } finally {
                    stopped.countDown();
                  }
                }));
    System.out.println(
        "riskgate listening on http://" + serverConfig.host() + ":" + server.port() + " (ready)");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
