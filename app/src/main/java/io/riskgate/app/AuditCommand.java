package io.riskgate.app;

import io.riskgate.server.RiskgateServer;
import io.riskgate.server.audit.AuditRebuild;
import io.riskgate.server.audit.AuditStoreException;
import io.riskgate.server.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskgate audit}: the decision audit trail's maintenance. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "The decision audit trail (SQLite in the data directory, or PostgreSQL).",
    subcommands = {AuditCommand.Rebuild.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code riskgate audit rebuild}: the store rebuilt from the journal. */
  @Command(
      name = "rebuild",
      mixinStandardHelpOptions = true,
      description = {
        "Empties the configured audit store and rebuilds it from the journal: the configuration's"
            + " reference data and every journal record replayed through an engine, each"
            + " decision, alert, state change and limit change written as the live server writes"
            + " it. Stop the server first. With the journal on Kafka, the node's own store is"
            + " rebuilt from the topic partition (stop that node; the others may run on).",
        "Exit codes: 0 rebuilt, 1 the rebuild failed (the reason is printed), 2 a bad"
            + " configuration."
      })
  static final class Rebuild implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "The server's YAML configuration (its audit section and reference data).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (journal).")
    Path data;

    @Option(
        names = "--node-id",
        paramLabel = "ID",
        description =
            "With journal.kind: kafka, the node whose store is rebuilt (from the topic partition;"
                + " each node keeps its own trail).")
    String nodeId;

    @Override
    public Integer call() throws IOException {
      final PrintWriter out = spec.commandLine().getOut();
      final PrintWriter err = spec.commandLine().getErr();
      final ServerConfig serverConfig;
      try {
        final ServerConfig configured = RiskgateServer.configure(config, null, data);
        serverConfig = nodeId == null ? configured : configured.withNodeId(nodeId);
      } catch (IllegalArgumentException e) {
        // A ConfigException, or a --node-id that is not one of cluster.nodes.
        err.println(e.getMessage());
        return 2;
      }
      try {
        final AuditRebuild.Result r = AuditRebuild.rebuild(serverConfig, System::getenv);
        out.println(
            "rebuilt the audit trail ("
                + serverConfig.audit().describe(serverConfig.dataDirectory())
                + ") from "
                + r.records()
                + " journal records up to sequence "
                + r.lastSequence()
                + ": "
                + r.decisions()
                + " decisions, "
                + r.alerts()
                + " alerts, "
                + r.states()
                + " state changes, "
                + r.limits()
                + " limit changes");
        return 0;
      } catch (AuditStoreException | SQLException | IllegalStateException e) {
        err.println("riskgate audit rebuild: " + e.getMessage());
        return 1;
      }
    }
  }
}
