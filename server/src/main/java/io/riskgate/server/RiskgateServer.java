package io.riskgate.server;

import io.javalin.Javalin;
import io.riskgate.server.audit.AuditReplay;
import io.riskgate.server.audit.AuditSettings;
import io.riskgate.server.audit.AuditStore;
import io.riskgate.server.audit.AuditStoreException;
import io.riskgate.server.audit.AuditWriter;
import io.riskgate.server.auth.GeneratedTokens;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.cluster.ClusterPeers;
import io.riskgate.server.cluster.ClusterView;
import io.riskgate.server.cluster.KafkaJournal;
import io.riskgate.server.cluster.NodeLock;
import io.riskgate.server.config.ConfigLoader;
import io.riskgate.server.config.ServerConfig;
import io.riskgate.server.http.HttpApi;
import io.riskgate.server.http.RouteTable;
import io.riskgate.server.journal.EventLog;
import io.riskgate.server.journal.Journal;
import io.riskgate.server.journal.JournalConfig;
import io.riskgate.server.journal.RecordCursor;
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
      auditStore = openAudit(config, journal);
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
      final EngineRuntime.Recovery recovery = runtime.recovery();
      log.println(
          recovery.fromSnapshot()
              ? "recovered from the snapshot at sequence "
                  + recovery.snapshotSequence()
                  + " and "
                  + recovery.replayedRecords()
                  + " journal records after it"
              : "recovered by replaying " + recovery.replayedRecords() + " journal records");
      if (auditStore != null) {
        this.audit = startAudit(config, runtime, journal, auditStore, log);
        // Read from the current writer: a node that starts over as a standby starts a new one.
        metrics.auditWriter(
            () -> audit.queuedRecords(),
            () -> audit.droppedRecords(),
            () -> audit.writtenSequence());
      }
      follow(runtime);
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
    if (journal instanceof KafkaJournal) {
      metrics.cluster(() -> journal instanceof KafkaJournal k ? k : null);
    }
    this.dashboard =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread t = new Thread(r, "riskgate-dashboard");
              t.setDaemon(true);
              return t;
            });
    dashboard.scheduleAtFixedRate(
        this::publishDashboard,
        config.streamIntervalMillis(),
        config.streamIntervalMillis(),
        TimeUnit.MILLISECONDS);
    final long snapshotSeconds = config.snapshots().everySeconds();
    if (snapshotSeconds > 0) {
      dashboard.scheduleAtFixedRate(
          () -> runtime.snapshotIfChanged(), snapshotSeconds, snapshotSeconds, TimeUnit.SECONDS);
    }
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

  /**
   * On Kafka, starts following the log: the runtime applies each record the leader commits, and
   * takes writes once this node took over. A node that a newer leader fenced starts over as a
   * standby: its engine may hold events that were never committed, so it is rebuilt from the
   * snapshots and the log, like a restart.
   */
  private void follow(EngineRuntime rt) {
    if (!(rt.journal() instanceof KafkaJournal kafka)) {
      return;
    }
    kafka.deferTakeOverWhile(() -> aPeerAheadTakesOver(kafka.settings()));
    kafka.follow(
        new KafkaJournal.Follower() {
          @Override
          public java.util.concurrent.CompletableFuture<?> apply(long sequence, byte[] payload) {
            return rt.applyReplicated(sequence, payload);
          }

          @Override
          public java.util.concurrent.CompletableFuture<?> barrier() {
            return rt.appliedSequence();
          }
        },
        () -> {},
        () -> {
          final Thread restart = new Thread(this::startOverAsStandby, "riskgate-step-down");
          restart.setDaemon(true);
          restart.start();
        });
  }

  /**
   * Whether a node before this one in the take-over order says (over HTTP, within a heartbeat) that
   * it is taking over or has just taken over: asked by a standby whose leader fell silent before it
   * takes over, so that two standbys do not fence each other in turn. A node that does not answer
   * counts as not taking over.
   */
  private boolean aPeerAheadTakesOver(io.riskgate.server.cluster.KafkaSettings s) {
    final List<String> order = List.copyOf(new java.util.TreeSet<>(s.leaderUrls().keySet()));
    final int rank = s.rank();
    if (rank == 0) {
      return false;
    }
    try {
      return peers
          .statuses(
              s,
              id -> order.indexOf(id) < rank,
              java.time.Duration.ofMillis(Math.max(100, s.heartbeatMillis())),
              true)
          .get(2 * Math.max(100, s.heartbeatMillis()) + 200, TimeUnit.MILLISECONDS)
          .values()
          .stream()
          .anyMatch(status -> ClusterView.takingOver(status, s.failoverMillis()));
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
          auditStore = openAudit(config, fresh);
          audit = startAudit(config, rt, fresh, auditStore, log);
        }
        journal = fresh;
        runtime = rt;
        clock = startClock(config, rt, log);
        follow(rt);
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
   * Opens the configured audit store (null for none), refusing one that holds records past the
   * journal's end: it belongs to another journal, and its rows would hide the new ones.
   */
  private static AuditStore openAudit(ServerConfig config, EventLog journal) {
    if (config.audit().kind() == AuditSettings.Kind.NONE) {
      return null;
    }
    final AuditStore store;
    try {
      store = AuditStore.open(config.audit(), config.dataDirectory(), System::getenv);
    } catch (AuditStoreException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    try {
      final long stored = store.lastSequence();
      if (stored > journal.durableSequence()) {
        store.close();
        throw new IllegalStateException(
            "the audit store ("
                + store.description()
                + ") holds records up to journal sequence "
                + stored
                + " but the journal ends at "
                + journal.durableSequence()
                + ": it belongs to another journal; configure an empty store or run riskgate"
                + " audit rebuild");
      }
    } catch (java.sql.SQLException e) {
      store.close();
      throw new IllegalStateException(
          "the audit store (" + store.description() + ") cannot be read: " + e.getMessage(), e);
    }
    return store;
  }

  /**
   * Starts the audit writer: it hears of every durable record from now on, and first completes the
   * store from the journal up to where it is durable now (covering whatever was published before
   * the listener was added, or not written before the last stop).
   */
  private static AuditWriter startAudit(
      ServerConfig config,
      EngineRuntime runtime,
      EventLog journal,
      AuditStore store,
      PrintStream log) {
    final java.util.concurrent.atomic.AtomicReference<AuditWriter> writer =
        new java.util.concurrent.atomic.AtomicReference<>();
    final java.util.List<java.util.List<io.riskgate.server.runtime.DurableRecord>> early =
        new java.util.ArrayList<>();
    runtime.onDurable(
        records -> {
          final AuditWriter w = writer.get();
          if (w != null) {
            w.accept(records);
          } else {
            synchronized (early) {
              final AuditWriter again = writer.get();
              if (again != null) {
                again.accept(records);
              } else {
                early.add(records);
              }
            }
          }
        });
    final long target = journal.durableSequence();
    final AuditWriter started =
        AuditWriter.start(
            store,
            (from, to, sink) -> {
              final boolean atStart = to == Long.MAX_VALUE;
              final long until = atStart ? target : to;
              if (from >= until) {
                return;
              }
              try (RecordCursor reader = journal.reader(1)) {
                AuditReplay.replay(
                    config.engine(), config.referenceData(), reader, from, until, 1000, sink);
              }
              if (atStart) {
                log.println("audit trail completed from the journal up to sequence " + target);
              }
            },
            log::println);
    synchronized (early) {
      early.forEach(started::accept);
      writer.set(started);
    }
    return started;
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
