package io.riskgate.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.audit.AuditSettings;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.cluster.KafkaSettings;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.codec.ExactJson;
import io.riskgate.server.fix.FixSettings;
import io.riskgate.server.journal.FsyncPolicy;
import io.riskgate.server.journal.JournalConfig;
import io.riskgate.server.journal.JournalRetention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the server's YAML configuration and validates it whole: unknown keys, wrong types, values
 * out of range, reference data the engine refuses and malformed tokens are all collected and
 * reported together in one {@link ConfigException}. Without a file the embedded defaults apply
 * (127.0.0.1:8080, data in {@code ./data}, no reference data, generated tokens).
 *
 * <pre>
 * server:  {host: 127.0.0.1, port: 8080, maxBodyBytes: 65536, streamIntervalMillis: 1000}
 * journal: {dir: ./data, fsync: every-batch, rollBytes: 268435456, retain: all}
 *          (or retain: afterSnapshots, optionally with archiveDir: /mnt/cold/riskgate-journal)
 * journal: {kind: kafka, bootstrapServers: "127.0.0.1:9092", topic: riskgate-journal, partition: 0,
 *           replicationFactor: 3, minInsyncReplicas: 2, heartbeatMillis: 200, failoverMillis: 2000}
 *          (the journal on Kafka, shared by a leader group; dir is still where snapshots and tokens go)
 * cluster: {nodes: {n1: {leaderUrl: "http://10.0.0.1:8080"}, n2: {leaderUrl: "http://10.0.0.2:8080"}}}
 * snapshots: {everyEvents: 1000000, everySeconds: 600, retain: 3}
 * engine:  {tradingDayZone: UTC, tradingDayStart: "00:00", markMode: side, correlationScope: strategy,
 *           timerMillis: 1000, killOnStaleData: false}
 * audit:   {kind: sqlite, file: audit.sqlite}    # or {kind: postgresql, url, user, passwordEnv}, {kind: none}
 * instruments: [{symbol: BTC-USD, venue: X, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto},
 *               {symbol: AAPL, ..., session: "Mon-Fri 09:30-16:00 America/New_York"}]
 * accounts:    [{account: A1, capital: 1000000, currency: USD}]
 * strategies:  [{strategy: S1, account: A1, allocation: 100000}]
 * limits:      [{scope: "account:A1", limits: {maxLeverage: 3}}]
 * tokens:      [{name: desk1, role: trader, sha256: "...64 hex...", strategies: [S1]}]
 * fix:
 *   acceptor: {port: 9876, sessions: [{senderCompId: DESK1, targetCompId: RISKGATE, account: A1,
 *              strategy: S1, cancelOnDisconnect: true, maxMessagesPerSecond: 200}]}
 *   venue:    {host: 127.0.0.1, port: 9877, senderCompId: RISKGATE, targetCompId: VENUE,
 *              name: X, massCancel: true}
 *   dropCopy: {port: 9878, sessions: [{senderCompId: RISKGATE, targetCompId: COMPLIANCE}]}
 * </pre>
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      ExactJson.configure(YAMLMapper.builder())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final Map<String, Set<String>> SECTIONS =
      Map.of(
          "server", Set.of("host", "port", "maxBodyBytes", "streamIntervalMillis"),
          "journal",
              Set.of(
                  "dir",
                  "fsync",
                  "rollBytes",
                  "retain",
                  "archiveDir",
                  "kind",
                  "bootstrapServers",
                  "topic",
                  "partition",
                  "replicationFactor",
                  "minInsyncReplicas",
                  "heartbeatMillis",
                  "failoverMillis",
                  "transactionalId"),
          "cluster", Set.of("nodes"),
          "snapshots", Set.of("everyEvents", "everySeconds", "retain"),
          "audit", Set.of("kind", "file", "url", "user", "passwordEnv", "queueRecords"),
          "engine",
              Set.of(
                  "tradingDayZone",
                  "tradingDayStart",
                  "markMode",
                  "correlationScope",
                  "returnHistoryCapacity",
                  "defaultCorrelationLookback",
                  "defaultCorrelationMinObservations",
                  "priceSampleIntervalSeconds",
                  "liquidityLookbackDays",
                  "expectedOrdersPerDay",
                  "timerMillis",
                  "killOnStaleData"));

  private static final List<String> REFERENCE_SECTIONS =
      List.of("instruments", "accounts", "strategies", "limits");

  private static final Map<String, String> EVENT_TYPES =
      Map.of(
          "instruments", "instrument",
          "accounts", "account",
          "strategies", "strategy",
          "limits", "limits");

  private final ConfigReader in = new ConfigReader();

  private ConfigLoader() {}

  /** The embedded defaults with the given data directory. */
  public static ServerConfig defaults(Path dataDirectory) {
    return new ServerConfig(
        "127.0.0.1",
        ServerConfig.DEFAULT_PORT,
        ServerConfig.DEFAULT_MAX_BODY_BYTES,
        1000,
        dataDirectory,
        FsyncPolicy.EVERY_BATCH,
        JournalConfig.DEFAULT_MAX_SEGMENT_BYTES,
        EngineConfig.defaults(),
        List.of(),
        List.of(),
        SnapshotSettings.defaults(),
        ServerConfig.DEFAULT_TIMER_MILLIS,
        io.riskgate.server.audit.AuditSettings.sqlite(),
        JournalRetention.ALL,
        null,
        null);
  }

  /**
   * Reads and validates a configuration file.
   *
   * @throws ConfigException listing every problem found
   * @throws IOException if the file cannot be read
   */
  public static ServerConfig load(Path file) throws IOException {
    final String text = Files.readString(file);
    return parse(text, file.toString());
  }

  /** Parses and validates configuration text; {@code source} names it in messages. */
  public static ServerConfig parse(String yaml, String source) {
    final JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException(source, List.of("not valid YAML: " + e.getMessage()));
    }
    return new ConfigLoader().build(root == null ? YAML.createObjectNode() : root, source);
  }

  private ServerConfig build(JsonNode root, String source) {
    if (!root.isObject()) {
      throw new ConfigException(source, List.of("the file must be a YAML mapping of sections"));
    }
    final Set<String> known = new HashSet<>(SECTIONS.keySet());
    known.addAll(REFERENCE_SECTIONS);
    known.add("tokens");
    known.add("fix");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      final String name = it.next();
      if (!known.contains(name)) {
        in.problems.add(
            "unknown section \""
                + name
                + "\"; known: server, journal, cluster, snapshots, engine, audit, instruments,"
                + " accounts, strategies, limits, tokens, fix");
      }
    }
    final JsonNode server = section(root, "server");
    final JsonNode journal = section(root, "journal");
    final JsonNode engine = section(root, "engine");
    final String host = in.text(server, "server.host", "127.0.0.1");
    final int port = (int) in.integer(server, "server.port", ServerConfig.DEFAULT_PORT, 0, 65535);
    final int maxBody =
        (int)
            in.integer(
                server,
                "server.maxBodyBytes",
                ServerConfig.DEFAULT_MAX_BODY_BYTES,
                256,
                JournalConfig.DEFAULT_MAX_PAYLOAD_BYTES / 2);
    final long interval = in.integer(server, "server.streamIntervalMillis", 1000, 10, 3_600_000);
    final Path dir = Path.of(in.text(journal, "journal.dir", "data"));
    FsyncPolicy fsync = FsyncPolicy.EVERY_BATCH;
    final String fsyncName = in.text(journal, "journal.fsync", "every-batch");
    try {
      fsync = FsyncPolicy.fromConfigName(fsyncName);
    } catch (IllegalArgumentException e) {
      in.problems.add("journal.fsync: " + e.getMessage());
    }
    final long roll =
        in.integer(
            journal,
            "journal.rollBytes",
            JournalConfig.DEFAULT_MAX_SEGMENT_BYTES,
            64 * 1024,
            JournalConfig.MAX_SEGMENT_BYTES_LIMIT);
    final JournalRetention retention = retention(journal, dir.resolve("journal"));
    final JsonNode snapshotSection = section(root, "snapshots");
    final SnapshotSettings snapshots =
        new SnapshotSettings(
            in.integer(
                snapshotSection,
                "snapshots.everyEvents",
                SnapshotSettings.DEFAULT_EVERY_EVENTS,
                0,
                Long.MAX_VALUE),
            in.integer(
                snapshotSection,
                "snapshots.everySeconds",
                SnapshotSettings.DEFAULT_EVERY_SECONDS,
                0,
                31_536_000),
            (int)
                in.integer(
                    snapshotSection, "snapshots.retain", SnapshotSettings.DEFAULT_RETAIN, 1, 1000));
    final EngineConfig engineConfig = EngineSection.read(in, engine);
    final long timerMillis =
        in.integer(
            engine,
            "engine.timerMillis",
            ServerConfig.DEFAULT_TIMER_MILLIS,
            0,
            ServerConfig.MAX_TIMER_MILLIS);
    final List<Event> reference = reference(root, engineConfig);
    final List<TokenAuthenticator.Entry> tokens =
        TokensSection.read(in, root.get("tokens"), "tokens");
    final AuditSettings audit = audit(section(root, "audit"));
    if (roll < 2L * (maxBody + 1024) + 64) {
      in.problems.add(
          "journal.rollBytes ("
              + roll
              + ") must be at least twice server.maxBodyBytes plus 2112 ("
              + (2L * (maxBody + 1024) + 64)
              + ")");
    }
    final KafkaSettings kafka = KafkaSection.read(in, journal, section(root, "cluster"));
    final FixSettings fix = FixSection.read(in, root.get("fix"));
    if (!in.problems.isEmpty()) {
      throw new ConfigException(source, in.problems);
    }
    return new ServerConfig(
        host,
        port,
        maxBody,
        interval,
        dir,
        fsync,
        roll,
        engineConfig,
        reference,
        tokens,
        snapshots,
        timerMillis,
        audit,
        retention,
        kafka,
        fix);
  }

  /**
   * The reference sections (instruments, accounts, strategies, limits) as the events they stand
   * for, each also applied to a scratch engine so that a definition the engine refuses is a problem
   * of this file, named by its place, not an error at start-up.
   */
  private List<Event> reference(JsonNode root, EngineConfig engineConfig) {
    final List<Event> reference = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    for (String sectionName : REFERENCE_SECTIONS) {
      final JsonNode list = root.get(sectionName);
      if (list == null || list.isNull()) {
        continue;
      }
      if (!list.isArray()) {
        in.problems.add(sectionName + " must be a list");
        continue;
      }
      for (int i = 0; i < list.size(); i++) {
        final String label = sectionName + "[" + i + "]";
        final JsonNode item = list.get(i);
        if (!item.isObject()) {
          in.problems.add(label + " must be a mapping");
          continue;
        }
        if (item.has("type")) {
          in.problems.add(label + ": unknown key \"type\" (the section gives the type)");
          continue;
        }
        final ObjectNode event = ((ObjectNode) item).deepCopy();
        event.put("type", EVENT_TYPES.get(sectionName));
        if (sectionName.equals("limits") && !event.has("by")) {
          event.put("by", Caller.CONFIG.name());
        }
        try {
          reference.add(EventCodec.parse(event));
          labels.add(label);
        } catch (IllegalArgumentException e) {
          in.problems.add(label + ": " + e.getMessage());
        }
      }
    }
    if (engineConfig != null) {
      final RiskEngine scratch = new RiskEngine(engineConfig, OutputSink.NONE);
      for (int i = 0; i < reference.size(); i++) {
        try {
          scratch.apply(reference.get(i));
        } catch (IllegalArgumentException e) {
          in.problems.add(labels.get(i) + ": " + e.getMessage());
        }
      }
    }
    return reference;
  }

  /**
   * {@code journal.retain} ({@code all}, the default, or {@code afterSnapshots}) and {@code
   * journal.archiveDir} (only with {@code afterSnapshots}; not the journal directory itself).
   */
  private JournalRetention retention(JsonNode journal, Path journalDirectory) {
    JournalRetention.Mode mode = JournalRetention.Mode.ALL;
    final JsonNode retain = journal.get("retain");
    if (retain != null && !retain.isNull()) {
      try {
        if (!retain.isTextual()) {
          throw new IllegalArgumentException("must be all or afterSnapshots, got " + retain);
        }
        mode = JournalRetention.Mode.fromConfigName(retain.textValue());
      } catch (IllegalArgumentException e) {
        in.problems.add("journal.retain " + e.getMessage());
        return JournalRetention.ALL;
      }
    }
    final JsonNode archiveNode = journal.get("archiveDir");
    if (archiveNode == null || archiveNode.isNull()) {
      return mode == JournalRetention.Mode.ALL
          ? JournalRetention.ALL
          : JournalRetention.deleteAfterSnapshots();
    }
    final String archiveName = in.text(journal, "journal.archiveDir", null);
    if (archiveName == null) {
      return JournalRetention.ALL;
    }
    final Path archive = Path.of(archiveName);
    if (mode == JournalRetention.Mode.ALL) {
      in.problems.add(
          "journal.archiveDir is set but journal.retain is all: segments are archived only with"
              + " journal.retain: afterSnapshots");
      return JournalRetention.ALL;
    }
    if (ServerConfig.isSameDirectory(archive, journalDirectory)) {
      in.problems.add(
          "journal.archiveDir must not be the journal directory itself (" + journalDirectory + ")");
      return JournalRetention.ALL;
    }
    return JournalRetention.archiveAfterSnapshots(archive);
  }

  /**
   * The {@code audit} section: {@code kind} sqlite (the default, with an optional {@code file}),
   * postgresql ({@code url}, {@code user}, optional {@code passwordEnv}) or none.
   */
  private AuditSettings audit(JsonNode section) {
    final String kindName = in.text(section, "audit.kind", "sqlite");
    final AuditSettings.Kind kind;
    try {
      kind = AuditSettings.Kind.fromConfigName(kindName);
    } catch (IllegalArgumentException e) {
      in.problems.add("audit.kind: " + e.getMessage());
      return AuditSettings.sqlite();
    }
    final String file = in.optionalText(section, "audit.file");
    final String url = in.optionalText(section, "audit.url");
    final String user = in.optionalText(section, "audit.user");
    final String passwordEnv = in.optionalText(section, "audit.passwordEnv");
    final int queueRecords =
        (int)
            in.integer(
                section,
                "audit.queueRecords",
                AuditSettings.DEFAULT_QUEUE_RECORDS,
                1,
                Integer.MAX_VALUE);
    try {
      return new AuditSettings(
          kind, file == null ? null : Path.of(file), url, user, passwordEnv, queueRecords);
    } catch (IllegalArgumentException e) {
      in.problems.add("audit (kind " + kindName + "): " + e.getMessage());
      return AuditSettings.sqlite();
    }
  }

  /**
   * Reads a list of tokens ({@code name}, {@code role}, {@code sha256}, {@code strategies}) from a
   * YAML text, such as the data directory's generated {@code tokens.yaml}.
   */
  public static List<TokenAuthenticator.Entry> parseTokens(String yaml, String source) {
    final JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException(source, List.of("not valid YAML: " + e.getMessage()));
    }
    final ConfigReader in = new ConfigReader();
    if (root == null || !root.isObject() || root.size() != 1 || !root.has("tokens")) {
      throw new ConfigException(source, List.of("must hold exactly one section, tokens"));
    }
    final List<TokenAuthenticator.Entry> tokens =
        TokensSection.read(in, root.get("tokens"), "tokens");
    if (!in.problems.isEmpty()) {
      throw new ConfigException(source, in.problems);
    }
    return tokens;
  }

  private JsonNode section(JsonNode root, String name) {
    final JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return YAML.createObjectNode();
    }
    if (!node.isObject()) {
      in.problems.add(name + " must be a mapping");
      return YAML.createObjectNode();
    }
    in.unknownKeys(node, name, SECTIONS.get(name));
    return node;
  }
}
