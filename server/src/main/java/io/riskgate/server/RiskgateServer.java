package io.riskgate.server;

import io.javalin.Javalin;
import io.riskgate.server.audit.AuditStore;
import io.riskgate.server.audit.AuditWriter;
import io.riskgate.server.auth.GeneratedTokens;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.cluster.ClusterPeers;
import io.riskgate.server.cluster.KafkaJournal;
import io.riskgate.server.cluster.NodeLock;
import io.riskgate.server.config.ConfigLoader;
import io.riskgate.server.config.ServerConfig;
import io.riskgate.server.http.HttpApi;
import io.riskgate.server.http.RouteTable;
import io.riskgate.server.journal.EventLog;
import io.riskgate.server.journal.Journal;
import io.riskgate.server.journal.JournalConfig;
import io.riskgate.server.journal.StorageWarning;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.runtime.EngineClock;
import io.riskgate.server.runtime.EngineRuntime;
import io.riskgate.server.snapshot.SnapshotConfig;
import io.riskgate.server.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Riskgate server wired in one place. Start-up, in order: tokens (configured, or generated in
 * the data directory), the HTTP listener (live, not ready), the journal (a torn tail is cut with a
 * warning; damage elsewhere stops start-up), the snapshot store, recovery (the newest usable
 * snapshot and the journal records after it, or else reference data from the configuration and
 * every durable journal record; see {@link EngineRuntime}), then the engine, publisher and snapshot
 * threads, the server's clock ({@link EngineClock}, unless {@code engine.timerMillis} is 0), the
 * dashboard timer and the snapshot timer; only then is {@code /health/ready} 200.
 *
 * <p>Reference data from the configuration (instruments, accounts, strategies, limits) is applied
 * before the journal's replay on every start and is not journaled: the journal holds what clients
 * sent, the configuration file what the operator declares. With the same file, every start rebuilds
 * the same state; a file that removes something the journal relies on makes recovery stop with the
 * sequence of the first record that no longer applies. A snapshot records the configuration it was
 * built from and is used only while the configuration is the same; after a change, recovery replays
 * the whole journal once more.
 */
public final class RiskgateServer implements AutoCloseable {
  private final ServerConfig config;
  private final ServerMetrics metrics = new ServerMetrics();
  private final Javalin app;
  private volatile EventLog journal;
  private final ScheduledExecutorService dashboard;
  private volatile EngineClock clock;
  private volatile AuditStore auditStore;
  private final PrintStream log;
  private volatile boolean closing;
  private volatile EngineRuntime runtime;
  private volatile AuditWriter audit;
  private volatile io.riskgate.server.fix.FixGateway fix;

  /** The data directory's lock, held while a node with the journal on Kafka runs; else null. */
  private final NodeLock nodeLock;

  private final ClusterPeers peers = new ClusterPeers();

  // About 80 lines, kept whole: the start-up in its order, each step beside the undo of the steps
  // before it when it fails, so that what a failure stops can be read in one place.
  private RiskgateServer(
      ServerConfig config, List<TokenAuthenticator.Entry> tokens, PrintStream log)
      throws IOException {
    this.config = config;
    this.log = log;
    final HttpApi api =
        new HttpApi(
            new TokenAuthenticator(tokens),
            metrics,
            () -> runtime,
            config.maxBodyBytes(),
            () -> {
              final AuditWriter writer = audit;
              return writer == null ? null : writer.store();
            });
    this.app = api.create(config.host()).start(config.host(), config.port());
    try {
      this.nodeLock = config.kafka() != null ? NodeLock.acquire(config.dataDirectory()) : null;
    } catch (IOException | RuntimeException e) {
      app.stop();
      throw e;
    }
    try {
      this.journal = openJournal(config, metrics, log);
    } catch (IOException | RuntimeException e) {
      app.stop();
      releaseNodeLock();
      throw e;
    }
    for (StorageWarning warning : journal.recoveryWarnings()) {
      log.println("warning: " + warning);
    }
    AuditStore auditStore = null;
    try {
      auditStore = AuditStartup.open(config, journal);
      this.auditStore = auditStore;
      final SnapshotStore snapshots =
          SnapshotStore.open(
              new SnapshotConfig(config.snapshotDirectory(), config.snapshots().retain()));
      for (StorageWarning warning : snapshots.openWarnings()) {
        log.println("warning: " + warning);
      }
      this.runtime =
          EngineRuntime.recover(
              config.engine(),
              config.referenceData(),
              journal,
              snapshots,
              config.snapshots(),
              metrics,
              log::println);
      logRecovery(runtime.recovery());
      if (auditStore != null) {
        this.audit = AuditStartup.start(config, runtime, journal, auditStore, log);
        // Read from the current writer: a node that starts over as a standby starts a new one.
        metrics.auditWriter(
            () -> audit.queuedRecords(),
            () -> audit.droppedRecords(),
            () -> audit.writtenSequence());
      }
      ClusterFollow.follow(runtime, peers, this::startOverAsStandby);
    } catch (IOException | RuntimeException e) {
      if (runtime != null) {
        runtime.close();
      }
      if (auditStore != null) {
        auditStore.close();
      }
      app.stop();
      journal.close();
      releaseNodeLock();
      throw e;
    }
    this.clock = startClock(config, runtime, log);
    startFix();
    if (journal instanceof KafkaJournal) {
      metrics.cluster(() -> journal instanceof KafkaJournal k ? k : null);
    }
    this.dashboard = startTimers();
  }

  /** Starts the FIX gateway when the configuration has one; on failure, stops what started. */
  private void startFix() throws IOException {
    if (config.fix() != null) {
      try {
        this.fix =
            io.riskgate.server.fix.FixGateway.start(
                config.fix(),
                config.host(),
                config.fixDirectory(),
                config.fsyncPolicy() == io.riskgate.server.journal.FsyncPolicy.EVERY_BATCH,
                () -> runtime,
                log::println);
      } catch (IOException | RuntimeException e) {
        if (clock != null) {
          clock.close();
        }
        app.stop();
        runtime.close();
        if (audit != null) {
          audit.close();
        }
        journal.close();
        throw e;
      }
      log.println(
          "FIX gateway: clients on port "
              + config.fix().acceptorPort()
              + ", venue "
              + config.fix().venue().host()
              + ":"
              + config.fix().venue().port());
    }
  }

  /** The dashboard's timer thread, which also takes the periodic snapshots. */
  private ScheduledExecutorService startTimers() {
    final ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread t = new Thread(r, "riskgate-dashboard");
              t.setDaemon(true);
              return t;
            });
    timers.scheduleAtFixedRate(
        this::publishDashboard,
        config.streamIntervalMillis(),
        config.streamIntervalMillis(),
        TimeUnit.MILLISECONDS);
    final long snapshotSeconds = config.snapshots().everySeconds();
    if (snapshotSeconds > 0) {
      timers.scheduleAtFixedRate(
          () -> runtime.snapshotIfChanged(), snapshotSeconds, snapshotSeconds, TimeUnit.SECONDS);
    }
    return timers;
  }

  private void logRecovery(EngineRuntime.Recovery recovery) {
    log.println(
        recovery.fromSnapshot()
            ? "recovered from the snapshot at sequence "
                + recovery.snapshotSequence()
                + " and "
                + recovery.replayedRecords()
                + " journal records after it"
            : "recovered by replaying " + recovery.replayedRecords() + " journal records");
  }

  /** The journal in files, or on Kafka when the configuration says so. */
  private static EventLog openJournal(ServerConfig config, ServerMetrics metrics, PrintStream log)
      throws IOException {
    if (config.kafka() != null) {
      return KafkaJournal.open(config.kafka(), config.maxJournalPayloadBytes(), log::println);
    }
    return Journal.open(
        JournalConfig.defaults(config.journalDirectory())
            .withFsyncPolicy(config.fsyncPolicy())
            .withMaxPayloadBytes(config.maxJournalPayloadBytes())
            .withMaxSegmentBytes(config.maxSegmentBytes())
            .withRetention(config.journalRetention()),
        (durable, fsyncNanos) -> metrics.fsync(fsyncNanos));
  }

  private static EngineClock startClock(
      ServerConfig config, EngineRuntime runtime, PrintStream log) {
    return config.timerMillis() > 0
        ? EngineClock.start(runtime, config.timerMillis(), System::currentTimeMillis, log::println)
        : null;
  }

  /** Replaces the runtime of a fenced node by one recovered from its snapshots and the log. */
  private synchronized void startOverAsStandby() {
    if (closing) {
      return;
    }
    final EngineRuntime old = runtime;
    final EventLog oldJournal = journal;
    final EngineClock oldClock = clock;
    if (oldClock != null) {
      oldClock.close();
    }
    // The fenced runtime keeps answering 503 until the new one replaces it.
    while (!closing) {
      try {
        final EventLog fresh = openJournal(config, metrics, log);
        final SnapshotStore snapshots =
            SnapshotStore.open(
                new SnapshotConfig(config.snapshotDirectory(), config.snapshots().retain()));
        final EngineRuntime rt =
            EngineRuntime.recover(
                config.engine(),
                config.referenceData(),
                fresh,
                snapshots,
                config.snapshots(),
                metrics,
                log::println);
        final AuditWriter oldAudit = audit;
        if (oldAudit != null) {
          oldAudit.close();
          auditStore = AuditStartup.open(config, fresh);
          audit = AuditStartup.start(config, rt, fresh, auditStore, log);
        }
        journal = fresh;
        runtime = rt;
        clock = startClock(config, rt, log);
        ClusterFollow.follow(rt, peers, this::startOverAsStandby);
        log.println(
            "node "
                + config.kafka().nodeId()
                + " started over as a standby at sequence "
                + fresh.durableSequence());
        break;
      } catch (IOException | RuntimeException e) {
        log.println("error: node could not start over as a standby: " + e + "; retrying");
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
    old.close();
    if (oldJournal instanceof KafkaJournal k) {
      metrics.retireJournal(k);
    }
    try {
      oldJournal.close();
    } catch (IOException e) {
      log.println("warning: the fenced journal did not close: " + e.getMessage());
    }
  }

  /**
   * Starts a server: generates tokens on the first start when the configuration names none (printed
   * to {@code out}), binds, recovers and becomes ready.
   */
  public static RiskgateServer start(ServerConfig config, PrintStream out) throws IOException {
    final List<TokenAuthenticator.Entry> tokens =
        config.tokens().isEmpty()
            ? GeneratedTokens.loadOrCreate(config.dataDirectory(), out)
            : config.tokens();
    return new RiskgateServer(config, tokens, out);
  }

  private void publishDashboard() {
    final EngineRuntime rt = runtime;
    rt.queryReplica(io.riskgate.server.http.DashboardView::render).thenAccept(rt::publish);
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  /**
   * Every route the server serves, as {@code "METHOD /path"}: the event routes on Jetty's core API
   * and every route Javalin has registered; the WebSocket route as {@code "GET /path"} (its upgrade
   * request).
   */
  public java.util.Set<String> registeredRoutes() {
    final java.util.Set<String> routes = new java.util.TreeSet<>(RouteTable.eventRoutes());
    for (io.javalin.router.ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
      if (e.endpoint.method.isHttpMethod()) {
        routes.add(e.endpoint.method.name() + " " + e.endpoint.path);
      }
    }
    for (io.javalin.websocket.WsHandlerEntry e : app.unsafe.internalRouter.allWsHandlers()) {
      if (e.getType() == io.javalin.websocket.WsHandlerType.WEBSOCKET) {
        routes.add("GET " + e.getPath());
      }
    }
    return routes;
  }

  /** The configuration it runs with. */
  public ServerConfig config() {
    return config;
  }

  /** The running engine (for in-process tests and tools). */
  public EngineRuntime runtime() {
    return runtime;
  }

  /** Stops listening, finishes queued work, and closes the journal. */
  @Override
  public void close() throws IOException {
    closing = true;
    dashboard.shutdownNow();
    if (fix != null) {
      fix.close();
    }
    if (clock != null) {
      clock.close();
    }
    app.stop();
    runtime.close();
    if (audit != null) {
      audit.close();
    }
    journal.close();
    releaseNodeLock();
    peers.close();
  }

  private void releaseNodeLock() {
    if (nodeLock != null) {
      try {
        nodeLock.close();
      } catch (IOException e) {
        log.println("warning: the lock of the data directory did not close: " + e.getMessage());
      }
    }
  }

  /** The FIX gateway, or null when the configuration has no {@code fix} section. */
  public io.riskgate.server.fix.FixGateway fixGateway() {
    return fix;
  }

  /** The audit trail's writer, or null without a store (for in-process tests and tools). */
  public AuditWriter audit() {
    return audit;
  }

  /**
   * Runs a server until the process ends: {@code [--config FILE] [--port N] [--data DIR] [--node-id
   * ID]}. Prints {@code listening <port>} once ready.
   */
  public static void main(String[] args) throws Exception {
    Path configFile = null;
    Integer port = null;
    Path data = null;
    String nodeId = null;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--config" -> configFile = Path.of(args[i + 1]);
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--data" -> data = Path.of(args[i + 1]);
        case "--node-id" -> nodeId = args[i + 1];
        default ->
            throw new IllegalArgumentException(
                "unknown option " + args[i] + "; known: --config, --port, --data, --node-id");
      }
    }
    ServerConfig config = configure(configFile, port, data);
    if (nodeId != null) {
      config = config.withNodeId(nodeId);
    }
    final RiskgateServer server = start(config, System.out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (IOException e) {
                    System.err.println("error while stopping: " + e.getMessage());
                  }
                }));
    System.out.println("listening " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }

  /** The configuration of a file (or the defaults) with the command line's overrides. */
  public static ServerConfig configure(Path configFile, Integer port, Path data)
      throws IOException {
    ServerConfig config =
        configFile == null ? ConfigLoader.defaults(Path.of("data")) : ConfigLoader.load(configFile);
    if (port != null) {
      config = config.withPort(port);
    }
    if (data != null) {
      config = config.withDataDirectory(data);
    }
    return config;
  }
}
