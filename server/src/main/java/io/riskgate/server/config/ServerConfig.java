package io.riskgate.server.config;

import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.event.Event;
import io.riskgate.server.audit.AuditSettings;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.cluster.KafkaSettings;
import io.riskgate.server.fix.FixSettings;
import io.riskgate.server.journal.FsyncPolicy;
import io.riskgate.server.journal.JournalRetention;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the server needs to start, read from one YAML file (or the embedded defaults) and
 * validated whole by {@link ConfigLoader}.
 *
 * @param host address to bind; 127.0.0.1 by default
 * @param port TCP port; 0 picks a free one
 * @param maxBodyBytes request bodies above this are refused with 413
 * @param streamIntervalMillis period of the dashboard figures on the WebSocket stream
 * @param dataDirectory where the journal, snapshots and generated token hashes live
 * @param fsyncPolicy when the journal counts a record durable
 * @param maxSegmentBytes journal files roll over at this size
 * @param engine the engine's settings
 * @param referenceData instruments, accounts, strategies and limits from the file, in that order:
 *     applied to the engine before the journal is replayed, on every start
 * @param tokens configured tokens; empty when the server is to generate its own in the data
 *     directory
 * @param snapshots when snapshots of the engine's state are written and how many are kept
 * @param timerMillis period of the server's own clock, which journals a {@code timer} event when
 *     time passed without one (see {@link io.riskgate.server.runtime.EngineClock}); 0 = no clock,
 *     time moves only with the clients' events
 * @param audit where the decision audit trail is kept (SQLite in the data directory by default)
 * @param journalRetention which journal segments may go once snapshots cover them; an archive
 *     directory must not be the journal's own
 * @param kafka the journal on Kafka ({@code journal.kind: kafka}) with this node's id, or null for
 *     the journal in files (the default)
 * @param fix the FIX 4.4 gateway ({@code fix:}), or null for none (the default)
 */
public record ServerConfig(
    String host,
    int port,
    int maxBodyBytes,
    long streamIntervalMillis,
    Path dataDirectory,
    FsyncPolicy fsyncPolicy,
    long maxSegmentBytes,
    EngineConfig engine,
    List<Event> referenceData,
    List<TokenAuthenticator.Entry> tokens,
    SnapshotSettings snapshots,
    long timerMillis,
    AuditSettings audit,
    JournalRetention journalRetention,
    KafkaSettings kafka,
    FixSettings fix) {

  /** The journal's directory in the data directory. */
  private static final String JOURNAL_DIRECTORY = "journal";

  /** Default TCP port. */
  public static final int DEFAULT_PORT = 8080;

  /** Default limit of a request body: 64 KiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  /** Default period of the server's clock: a second. */
  public static final long DEFAULT_TIMER_MILLIS = 1000;

  /** Longest period of the server's clock: an hour. */
  public static final long MAX_TIMER_MILLIS = 3_600_000;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(journalRetention, "journalRetention");
    referenceData = List.copyOf(referenceData);
    tokens = List.copyOf(tokens);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    if (maxBodyBytes < 256) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 256, got " + maxBodyBytes);
    }
    if (maxSegmentBytes < 2L * (maxBodyBytes + 1024) + 64) {
      throw new IllegalArgumentException(
          "rollBytes must be at least twice maxBodyBytes plus 2112, got " + maxSegmentBytes);
    }
    if (streamIntervalMillis < 10) {
      throw new IllegalArgumentException(
          "streamIntervalMillis must be at least 10, got " + streamIntervalMillis);
    }
    if (timerMillis < 0 || timerMillis > MAX_TIMER_MILLIS) {
      throw new IllegalArgumentException(
          "timerMillis must be in [0, "
              + MAX_TIMER_MILLIS
              + "] (0 = no clock), got "
              + timerMillis);
    }
    if (journalRetention.archiveDirectory() != null
        && isSameDirectory(
            journalRetention.archiveDirectory(), dataDirectory.resolve(JOURNAL_DIRECTORY))) {
      throw new IllegalArgumentException(
          "journal.archiveDir must not be the journal directory itself ("
              + dataDirectory.resolve(JOURNAL_DIRECTORY)
              + ")");
    }
  }

  /** Whether two paths name the same directory once made absolute and normalized. */
  static boolean isSameDirectory(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  /**
   * A configuration with the default audit trail (SQLite in the data directory) and the whole
   * journal kept.
   */
  public ServerConfig(
      String host,
      int port,
      int maxBodyBytes,
      long streamIntervalMillis,
      Path dataDirectory,
      FsyncPolicy fsyncPolicy,
      long maxSegmentBytes,
      EngineConfig engine,
      List<Event> referenceData,
      List<TokenAuthenticator.Entry> tokens,
      SnapshotSettings snapshots,
      long timerMillis) {
    this(
        host,
        port,
        maxBodyBytes,
        streamIntervalMillis,
        dataDirectory,
        fsyncPolicy,
        maxSegmentBytes,
        engine,
        referenceData,
        tokens,
        snapshots,
        timerMillis,
        AuditSettings.sqlite(),
        JournalRetention.ALL,
        null,
        null);
  }

  /** A configuration with the journal in files. */
  public ServerConfig(
      String host,
      int port,
      int maxBodyBytes,
      long streamIntervalMillis,
      Path dataDirectory,
      FsyncPolicy fsyncPolicy,
      long maxSegmentBytes,
      EngineConfig engine,
      List<Event> referenceData,
      List<TokenAuthenticator.Entry> tokens,
      SnapshotSettings snapshots,
      long timerMillis,
      AuditSettings audit,
      JournalRetention journalRetention) {
    this(
        host,
        port,
        maxBodyBytes,
        streamIntervalMillis,
        dataDirectory,
        fsyncPolicy,
        maxSegmentBytes,
        engine,
        referenceData,
        tokens,
        snapshots,
        timerMillis,
        audit,
        journalRetention,
        null,
        null);
  }

  /** This configuration with the journal on Kafka (null: in files). */
  public ServerConfig withKafka(KafkaSettings settings) {
    return with(f -> f.kafka = settings);
  }

  /**
   * This configuration as node {@code id} of its leader group.
   *
   * @throws IllegalArgumentException when the journal is not on Kafka, or the id is not one of
   *     {@code cluster.nodes}
   */
  public ServerConfig withNodeId(String id) {
    if (kafka == null) {
      throw new IllegalArgumentException(
          "--node-id needs the journal on Kafka (journal.kind: kafka in the configuration)");
    }
    return withKafka(kafka.withNodeId(id));
  }

  /**
   * The largest journal record: one event of a body at the limit, re-serialized compactly, with the
   * caller's name.
   */
  public int maxJournalPayloadBytes() {
    return maxBodyBytes + 1024;
  }

  /** The journal's directory inside the data directory. */
  public Path journalDirectory() {
    return dataDirectory.resolve(JOURNAL_DIRECTORY);
  }

  /** The snapshots' directory inside the data directory. */
  public Path snapshotDirectory() {
    return dataDirectory.resolve("snapshots");
  }

  /** This configuration with other snapshot settings. */
  public ServerConfig withSnapshots(SnapshotSettings settings) {
    return with(f -> f.snapshots = settings);
  }

  /** This configuration with another period of the server's clock (0 = none). */
  public ServerConfig withTimerMillis(long millis) {
    return with(f -> f.timerMillis = millis);
  }

  /** This configuration with another audit store. */
  public ServerConfig withAudit(AuditSettings settings) {
    return with(f -> f.audit = settings);
  }

  /** This configuration on another port. */
  public ServerConfig withPort(int newPort) {
    return with(f -> f.port = newPort);
  }

  /** This configuration with another data directory. */
  public ServerConfig withDataDirectory(Path directory) {
    return with(f -> f.dataDirectory = directory);
  }

  /** This configuration with the FIX gateway's settings (null: no gateway). */
  public ServerConfig withFix(FixSettings settings) {
    return with(f -> f.fix = settings);
  }

  /** The FIX gateway's session stores and logs inside the data directory. */
  public Path fixDirectory() {
    return dataDirectory.resolve("fix");
  }

  /** A copy of this configuration with {@code change} made to its fields (and checked again). */
  private ServerConfig with(java.util.function.Consumer<Fields> change) {
    final Fields f = new Fields(this);
    change.accept(f);
    return f.build();
  }

  /** The fields of a configuration, to change some of them. */
  private static final class Fields {
    String host;
    int port;
    int maxBodyBytes;
    long streamIntervalMillis;
    Path dataDirectory;
    FsyncPolicy fsyncPolicy;
    long maxSegmentBytes;
    EngineConfig engine;
    List<Event> referenceData;
    List<TokenAuthenticator.Entry> tokens;
    SnapshotSettings snapshots;
    long timerMillis;
    AuditSettings audit;
    JournalRetention journalRetention;
    KafkaSettings kafka;
    FixSettings fix;

    Fields(ServerConfig c) {
      host = c.host;
      port = c.port;
      maxBodyBytes = c.maxBodyBytes;
      streamIntervalMillis = c.streamIntervalMillis;
      dataDirectory = c.dataDirectory;
      fsyncPolicy = c.fsyncPolicy;
      maxSegmentBytes = c.maxSegmentBytes;
      engine = c.engine;
      referenceData = c.referenceData;
      tokens = c.tokens;
      snapshots = c.snapshots;
      timerMillis = c.timerMillis;
      audit = c.audit;
      journalRetention = c.journalRetention;
      kafka = c.kafka;
      fix = c.fix;
    }

    ServerConfig build() {
      return new ServerConfig(
          host,
          port,
          maxBodyBytes,
          streamIntervalMillis,
          dataDirectory,
          fsyncPolicy,
          maxSegmentBytes,
          engine,
          referenceData,
          tokens,
          snapshots,
          timerMillis,
          audit,
          journalRetention,
          kafka,
          fix);
    }
  }
}
