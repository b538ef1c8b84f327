package io.riskgate.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.MarkMode;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.audit.AuditSettings;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.auth.TokenHash;
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
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
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

  private final List<String> problems = new ArrayList<>();

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
        problems.add(
            "unknown section \""
                + name
                + "\"; known: server, journal, cluster, snapshots, engine, audit, instruments,"
                + " accounts, strategies, limits, tokens, fix");
      }
    }
    final JsonNode server = section(root, "server");
    final JsonNode journal = section(root, "journal");
    final JsonNode engine = section(root, "engine");
    final String host = text(server, "server.host", "127.0.0.1");
    final int port = (int) integer(server, "server.port", ServerConfig.DEFAULT_PORT, 0, 65535);
    final int maxBody =
        (int)
            integer(
                server,
                "server.maxBodyBytes",
                ServerConfig.DEFAULT_MAX_BODY_BYTES,
                256,
                JournalConfig.DEFAULT_MAX_PAYLOAD_BYTES / 2);
    final long interval = integer(server, "server.streamIntervalMillis", 1000, 10, 3_600_000);
    final Path dir = Path.of(text(journal, "journal.dir", "data"));
    FsyncPolicy fsync = FsyncPolicy.EVERY_BATCH;
    final String fsyncName = text(journal, "journal.fsync", "every-batch");
    try {
      fsync = FsyncPolicy.fromConfigName(fsyncName);
    } catch (IllegalArgumentException e) {
      problems.add("journal.fsync: " + e.getMessage());
    }
    final long roll =
        integer(
            journal,
            "journal.rollBytes",
            JournalConfig.DEFAULT_MAX_SEGMENT_BYTES,
            64 * 1024,
            JournalConfig.MAX_SEGMENT_BYTES_LIMIT);
    final JournalRetention retention = retention(journal, dir.resolve("journal"));
    final JsonNode snapshotSection = section(root, "snapshots");
    final SnapshotSettings snapshots =
        new SnapshotSettings(
            integer(
                snapshotSection,
                "snapshots.everyEvents",
                SnapshotSettings.DEFAULT_EVERY_EVENTS,
                0,
                Long.MAX_VALUE),
            integer(
                snapshotSection,
                "snapshots.everySeconds",
                SnapshotSettings.DEFAULT_EVERY_SECONDS,
                0,
                31_536_000),
            (int)
                integer(
                    snapshotSection, "snapshots.retain", SnapshotSettings.DEFAULT_RETAIN, 1, 1000));
    final EngineConfig engineConfig = engine(engine);
    final long timerMillis =
        integer(
            engine,
            "engine.timerMillis",
            ServerConfig.DEFAULT_TIMER_MILLIS,
            0,
            ServerConfig.MAX_TIMER_MILLIS);
    final List<Event> reference = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    for (String sectionName : REFERENCE_SECTIONS) {
      final JsonNode list = root.get(sectionName);
      if (list == null || list.isNull()) {
        continue;
      }
      if (!list.isArray()) {
        problems.add(sectionName + " must be a list");
        continue;
      }
      for (int i = 0; i < list.size(); i++) {
        final String label = sectionName + "[" + i + "]";
        final JsonNode item = list.get(i);
        if (!item.isObject()) {
          problems.add(label + " must be a mapping");
          continue;
        }
        if (item.has("type")) {
          problems.add(label + ": unknown key \"type\" (the section gives the type)");
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
          problems.add(label + ": " + e.getMessage());
        }
      }
    }
    if (engineConfig != null) {
      final RiskEngine scratch = new RiskEngine(engineConfig, OutputSink.NONE);
      for (int i = 0; i < reference.size(); i++) {
        try {
          scratch.apply(reference.get(i));
        } catch (IllegalArgumentException e) {
          problems.add(labels.get(i) + ": " + e.getMessage());
        }
      }
    }
    final List<TokenAuthenticator.Entry> tokens = tokens(root.get("tokens"), "tokens");
    final AuditSettings audit = audit(section(root, "audit"));
    if (roll < 2L * (maxBody + 1024) + 64) {
      problems.add(
          "journal.rollBytes ("
              + roll
              + ") must be at least twice server.maxBodyBytes plus 2112 ("
              + (2L * (maxBody + 1024) + 64)
              + ")");
    }
    final KafkaSettings kafka = kafka(journal, section(root, "cluster"));
    final FixSettings fix = fix(root.get("fix"));
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
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
   * The journal on Kafka ({@code journal.kind: kafka}), or null for the journal in files ({@code
   * journal.kind: file}, the default); {@code cluster.nodes} names each node's URL.
   */
  private KafkaSettings kafka(JsonNode journal, JsonNode cluster) {
    final String kind = text(journal, "journal.kind", "file");
    if (kind.equals("file")) {
      for (String key :
          List.of(
              "bootstrapServers",
              "topic",
              "partition",
              "replicationFactor",
              "minInsyncReplicas",
              "heartbeatMillis",
              "failoverMillis",
              "transactionalId")) {
        if (journal.has(key)) {
          problems.add("journal." + key + " is set but journal.kind is file; use kind: kafka");
        }
      }
      if (cluster.has("nodes")) {
        problems.add("cluster.nodes is set but journal.kind is file; use kind: kafka");
      }
      return null;
    }
    if (!kind.equals("kafka")) {
      problems.add("journal.kind must be file or kafka, got \"" + kind + "\"");
      return null;
    }
    final String servers = text(journal, "journal.bootstrapServers", null);
    final String topic = text(journal, "journal.topic", KafkaSettings.DEFAULT_TOPIC);
    final long partition = integer(journal, "journal.partition", 0, 0, 10_000);
    final long factor = integer(journal, "journal.replicationFactor", 1, 1, 32);
    final long minInsync = integer(journal, "journal.minInsyncReplicas", 1, 1, 32);
    final long heartbeat =
        integer(
            journal, "journal.heartbeatMillis", KafkaSettings.DEFAULT_HEARTBEAT_MILLIS, 10, 60_000);
    final long failover =
        integer(
            journal,
            "journal.failoverMillis",
            KafkaSettings.DEFAULT_FAILOVER_MILLIS,
            30,
            3_600_000);
    final String transactionalId = text(journal, "journal.transactionalId", "");
    final Map<String, String> urls = new java.util.LinkedHashMap<>();
    final JsonNode nodes = cluster.get("nodes");
    if (nodes != null && !nodes.isNull()) {
      if (!nodes.isObject()) {
        problems.add("cluster.nodes must be a mapping of node id to {leaderUrl: ...}");
      } else {
        for (Map.Entry<String, JsonNode> node : nodes.properties()) {
          final String path = "cluster.nodes." + node.getKey();
          if (!node.getValue().isObject()) {
            problems.add(path + " must be a mapping {leaderUrl: ...}");
            continue;
          }
          unknownKeys(node.getValue(), path, Set.of("leaderUrl"));
          final String url = text(node.getValue(), path + ".leaderUrl", null);
          if (url != null) {
            urls.put(node.getKey(), url);
          }
        }
      }
    }
    if (servers == null) {
      return null;
    }
    try {
      return new KafkaSettings(
          servers,
          topic,
          (int) partition,
          (short) factor,
          (int) minInsync,
          heartbeat,
          failover,
          transactionalId.isEmpty() ? null : transactionalId,
          urls.isEmpty() ? KafkaSettings.DEFAULT_NODE_ID : urls.keySet().iterator().next(),
          urls);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return null;
    }
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
        problems.add("journal.retain " + e.getMessage());
        return JournalRetention.ALL;
      }
    }
    final JsonNode archiveNode = journal.get("archiveDir");
    if (archiveNode == null || archiveNode.isNull()) {
      return mode == JournalRetention.Mode.ALL
          ? JournalRetention.ALL
          : JournalRetention.deleteAfterSnapshots();
    }
    final String archiveName = text(journal, "journal.archiveDir", null);
    if (archiveName == null) {
      return JournalRetention.ALL;
    }
    final Path archive = Path.of(archiveName);
    if (mode == JournalRetention.Mode.ALL) {
      problems.add(
          "journal.archiveDir is set but journal.retain is all: segments are archived only with"
              + " journal.retain: afterSnapshots");
      return JournalRetention.ALL;
    }
    if (ServerConfig.isSameDirectory(archive, journalDirectory)) {
      problems.add(
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
    final String kindName = text(section, "audit.kind", "sqlite");
    final AuditSettings.Kind kind;
    try {
      kind = AuditSettings.Kind.fromConfigName(kindName);
    } catch (IllegalArgumentException e) {
      problems.add("audit.kind: " + e.getMessage());
      return AuditSettings.sqlite();
    }
    final String file = optionalText(section, "audit.file");
    final String url = optionalText(section, "audit.url");
    final String user = optionalText(section, "audit.user");
    final String passwordEnv = optionalText(section, "audit.passwordEnv");
    final int queueRecords =
        (int)
            integer(
                section,
                "audit.queueRecords",
                AuditSettings.DEFAULT_QUEUE_RECORDS,
                1,
                Integer.MAX_VALUE);
    try {
      return new AuditSettings(
          kind, file == null ? null : Path.of(file), url, user, passwordEnv, queueRecords);
    } catch (IllegalArgumentException e) {
      problems.add("audit (kind " + kindName + "): " + e.getMessage());
      return AuditSettings.sqlite();
    }
  }

  private String optionalText(JsonNode node, String path) {
    return node.has(path.substring(path.lastIndexOf('.') + 1)) ? text(node, path, "") : null;
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
    final ConfigLoader loader = new ConfigLoader();
    if (root == null || !root.isObject() || root.size() != 1 || !root.has("tokens")) {
      throw new ConfigException(source, List.of("must hold exactly one section, tokens"));
    }
    final List<TokenAuthenticator.Entry> tokens = loader.tokens(root.get("tokens"), "tokens");
    if (!loader.problems.isEmpty()) {
      throw new ConfigException(source, loader.problems);
    }
    return tokens;
  }

  private List<TokenAuthenticator.Entry> tokens(JsonNode list, String path) {
    final List<TokenAuthenticator.Entry> tokens = new ArrayList<>();
    if (list == null || list.isNull()) {
      return tokens;
    }
    if (!list.isArray()) {
      problems.add(path + " must be a list");
      return tokens;
    }
    final Set<String> names = new HashSet<>();
    final Set<String> hashes = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      final String label = path + "[" + i + "]";
      final JsonNode item = list.get(i);
      if (!item.isObject()) {
        problems.add(label + " must be a mapping");
        continue;
      }
      unknownKeys(item, label, Set.of("name", "role", "sha256", "strategies"));
      final String name = text(item, label + ".name", null);
      final String roleName = text(item, label + ".role", null);
      final String hash = text(item, label + ".sha256", null);
      Role role = null;
      if (roleName != null) {
        try {
          role = Role.fromConfigName(roleName);
        } catch (IllegalArgumentException e) {
          problems.add(label + ".role: " + e.getMessage());
        }
      }
      if (hash != null && !TokenHash.isSha256Hex(hash)) {
        problems.add(label + ".sha256 must be the token's SHA-256 as 64 hex digits");
      } else if (hash != null && !hashes.add(hash.toLowerCase(Locale.ROOT))) {
        problems.add(label + ".sha256 repeats the hash of an earlier token");
      }
      if (name != null && !names.add(name)) {
        problems.add(label + ".name \"" + name + "\" is used by an earlier token");
      }
      if (name != null && (name.equals(Caller.CONFIG.name()) || name.equals(Caller.CLOCK.name()))) {
        problems.add(
            label
                + ".name \""
                + name
                + "\" is the server's own name for events from the configuration or its clock");
      }
      final Set<String> strategies = new HashSet<>();
      boolean all = false;
      final JsonNode bound = item.get("strategies");
      if (bound != null && !bound.isNull()) {
        if (!bound.isArray()) {
          problems.add(label + ".strategies must be a list of strategy names, or [\"*\"]");
        } else {
          for (JsonNode s : bound) {
            if (!s.isTextual() || s.textValue().isBlank()) {
              problems.add(label + ".strategies must hold strategy names");
            } else if (s.textValue().equals("*")) {
              all = true;
            } else {
              strategies.add(s.textValue());
            }
          }
        }
      }
      if (role == Role.TRADER && !all && strategies.isEmpty()) {
        problems.add(label + ": a trader token needs strategies (names, or \"*\" for every one)");
      }
      if (role != null && role != Role.TRADER && (all || !strategies.isEmpty())) {
        problems.add(label + ".strategies applies to trader tokens only");
      }
      if (name != null && role != null && hash != null && TokenHash.isSha256Hex(hash)) {
        tokens.add(TokenAuthenticator.Entry.of(new Caller(name, role, strategies, all), hash));
      }
    }
    return tokens;
  }

  private EngineConfig engine(JsonNode engine) {
    final EngineConfig d = EngineConfig.defaults();
    ZoneId zone = d.tradingDayZone();
    final String zoneName = text(engine, "engine.tradingDayZone", zone.getId());
    try {
      zone = ZoneId.of(zoneName);
    } catch (RuntimeException e) {
      problems.add("engine.tradingDayZone: unknown time zone \"" + zoneName + "\"");
    }
    LocalTime start = d.tradingDayStart();
    final String startText = text(engine, "engine.tradingDayStart", start.toString());
    try {
      start = LocalTime.parse(startText);
    } catch (RuntimeException e) {
      problems.add(
          "engine.tradingDayStart must be a time such as \"17:00\", got \"" + startText + "\"");
    }
    MarkMode mark = d.markMode();
    final String markName = text(engine, "engine.markMode", mark.name().toLowerCase(Locale.ROOT));
    try {
      mark = MarkMode.valueOf(markName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add("engine.markMode must be side, mid or last, got \"" + markName + "\"");
    }
    EngineConfig.CorrelationScope scope = d.correlationScope();
    final String scopeName =
        text(engine, "engine.correlationScope", scope.name().toLowerCase(Locale.ROOT));
    try {
      scope = EngineConfig.CorrelationScope.valueOf(scopeName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(
          "engine.correlationScope must be strategy or account, got \"" + scopeName + "\"");
    }
    final int history =
        (int)
            integer(engine, "engine.returnHistoryCapacity", d.returnHistoryCapacity(), 2, 100_000);
    final int lookback =
        (int)
            integer(
                engine,
                "engine.defaultCorrelationLookback",
                d.defaultCorrelationLookback(),
                2,
                100_000);
    final int minObs =
        (int)
            integer(
                engine,
                "engine.defaultCorrelationMinObservations",
                d.defaultCorrelationMinObservations(),
                2,
                100_000);
    final long sampleSeconds =
        integer(
            engine,
            "engine.priceSampleIntervalSeconds",
            d.priceSampleIntervalNanos() / 1_000_000_000L,
            1,
            86_400);
    final int days =
        (int) integer(engine, "engine.liquidityLookbackDays", d.liquidityLookbackDays(), 1, 10_000);
    final int orders =
        (int) integer(engine, "engine.expectedOrdersPerDay", d.expectedOrdersPerDay(), 1, 1 << 26);
    final Map<String, Object> values = new java.util.HashMap<>();
    values.put("tradingDayZone", zone);
    values.put("tradingDayStart", start);
    values.put("markMode", mark);
    values.put("correlationScope", scope);
    values.put("returnHistoryCapacity", history);
    values.put("defaultCorrelationLookback", lookback);
    values.put("defaultCorrelationMinObservations", minObs);
    values.put("priceSampleIntervalNanos", sampleSeconds * 1_000_000_000L);
    values.put("liquidityLookbackDays", days);
    values.put("expectedOrdersPerDay", orders);
    final boolean killOnStaleData =
        bool(engine, "engine.killOnStaleData", d.safeguards().killSwitch().killOnStaleData());
    try {
      final EngineConfig config = withComponents(d, values);
      return config.withSafeguards(
          config
              .safeguards()
              .withKillSwitch(
                  config.safeguards().killSwitch().withKillOnStaleData(killOnStaleData)));
    } catch (IllegalArgumentException e) {
      problems.add("engine: " + e.getMessage());
      return null;
    }
  }

  /**
   * A copy of {@code base} with the named record components replaced. Going through the record's
   * components keeps every engine setting this file does not name at its default, including
   * settings the engine gains later.
   */
  static EngineConfig withComponents(EngineConfig base, Map<String, Object> values) {
    final java.lang.reflect.RecordComponent[] components = EngineConfig.class.getRecordComponents();
    final Object[] args = new Object[components.length];
    final Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        args[i] =
            values.containsKey(components[i].getName())
                ? values.get(components[i].getName())
                : components[i].getAccessor().invoke(base);
      }
      return EngineConfig.class.getDeclaredConstructor(types).newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalStateException("engine settings could not be built", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("engine settings could not be built", e);
    }
  }

  /**
   * The FIX gateway ({@code fix:}), or null when the section is absent. Every problem names its
   * field, such as {@code fix.acceptor.sessions[0].account is missing}.
   */
  private FixSettings fix(JsonNode fix) {
    if (fix == null || fix.isNull()) {
      return null;
    }
    if (!fix.isObject()) {
      problems.add("fix must be a mapping with acceptor, venue and optionally dropCopy");
      return null;
    }
    final int before = problems.size();
    unknownKeys(fix, "fix", Set.of("acceptor", "venue", "dropCopy", "messageLog"));
    final boolean messageLog = bool(fix, "fix.messageLog", false);
    final JsonNode acceptor = mapping(fix, "fix.acceptor", true);
    final JsonNode venue = mapping(fix, "fix.venue", true);
    final JsonNode dropCopy = mapping(fix, "fix.dropCopy", false);
    final List<FixSettings.ClientSession> clients = new ArrayList<>();
    long acceptorPort = 0;
    if (acceptor != null) {
      unknownKeys(acceptor, "fix.acceptor", Set.of("port", "sessions"));
      acceptorPort = integer(acceptor, "fix.acceptor.port", -1, 0, 65535);
      if (acceptorPort < 0) {
        problems.add("fix.acceptor.port is missing");
      }
      final JsonNode sessions = list(acceptor, "fix.acceptor.sessions");
      for (int i = 0; sessions != null && i < sessions.size(); i++) {
        final String label = "fix.acceptor.sessions[" + i + "]";
        final JsonNode s = sessions.get(i);
        if (!s.isObject()) {
          problems.add(label + " must be a mapping");
          continue;
        }
        unknownKeys(
            s,
            label,
            Set.of(
                "senderCompId",
                "targetCompId",
                "account",
                "strategy",
                "cancelOnDisconnect",
                "maxMessagesPerSecond"));
        final String sender = text(s, label + ".senderCompId", null);
        final String target = text(s, label + ".targetCompId", null);
        final String account = text(s, label + ".account", null);
        final String strategy = text(s, label + ".strategy", null);
        final boolean cod = bool(s, label + ".cancelOnDisconnect", true);
        final long rate = integer(s, label + ".maxMessagesPerSecond", 100, 1, 1_000_000);
        if (sender != null && target != null && account != null && strategy != null) {
          try {
            clients.add(
                new FixSettings.ClientSession(sender, target, account, strategy, cod, (int) rate));
          } catch (IllegalArgumentException e) {
            problems.add(label + ": " + e.getMessage());
          }
        }
      }
    }
    FixSettings.VenueSession venueSession = null;
    if (venue != null) {
      unknownKeys(
          venue,
          "fix.venue",
          Set.of("host", "port", "senderCompId", "targetCompId", "name", "massCancel"));
      final String host = text(venue, "fix.venue.host", "127.0.0.1");
      final long port = integer(venue, "fix.venue.port", -1, 1, 65535);
      if (port < 0) {
        problems.add("fix.venue.port is missing");
      }
      final String sender = text(venue, "fix.venue.senderCompId", null);
      final String target = text(venue, "fix.venue.targetCompId", null);
      final String name = text(venue, "fix.venue.name", target == null ? "VENUE" : target);
      final boolean massCancel = bool(venue, "fix.venue.massCancel", true);
      if (port > 0 && sender != null && target != null) {
        try {
          venueSession =
              new FixSettings.VenueSession(host, (int) port, sender, target, name, massCancel);
        } catch (IllegalArgumentException e) {
          problems.add("fix.venue: " + e.getMessage());
        }
      }
    }
    final List<FixSettings.DropCopySession> copies = new ArrayList<>();
    long dropCopyPort = -1;
    if (dropCopy != null) {
      unknownKeys(dropCopy, "fix.dropCopy", Set.of("port", "sessions"));
      dropCopyPort = integer(dropCopy, "fix.dropCopy.port", -1, 0, 65535);
      if (dropCopyPort < 0) {
        problems.add("fix.dropCopy.port is missing");
      }
      final JsonNode sessions = list(dropCopy, "fix.dropCopy.sessions");
      for (int i = 0; sessions != null && i < sessions.size(); i++) {
        final String label = "fix.dropCopy.sessions[" + i + "]";
        final JsonNode s = sessions.get(i);
        if (!s.isObject()) {
          problems.add(label + " must be a mapping");
          continue;
        }
        unknownKeys(s, label, Set.of("senderCompId", "targetCompId"));
        final String sender = text(s, label + ".senderCompId", null);
        final String target = text(s, label + ".targetCompId", null);
        if (sender != null && target != null) {
          try {
            copies.add(new FixSettings.DropCopySession(sender, target));
          } catch (IllegalArgumentException e) {
            problems.add(label + ": " + e.getMessage());
          }
        }
      }
    }
    if (problems.size() > before || venueSession == null) {
      return null;
    }
    try {
      return new FixSettings(
          (int) acceptorPort, clients, venueSession, (int) dropCopyPort, copies, messageLog);
    } catch (IllegalArgumentException e) {
      problems.add("fix." + e.getMessage());
      return null;
    }
  }

  private JsonNode mapping(JsonNode parent, String path, boolean required) {
    final JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(path + " is missing");
      }
      return null;
    }
    if (!node.isObject()) {
      problems.add(path + " must be a mapping");
      return null;
    }
    return node;
  }

  private JsonNode list(JsonNode parent, String path) {
    final JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
    if (node == null || node.isNull()) {
      problems.add(path + " is missing");
      return null;
    }
    if (!node.isArray()) {
      problems.add(path + " must be a list");
      return null;
    }
    return node;
  }

  private JsonNode section(JsonNode root, String name) {
    final JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return YAML.createObjectNode();
    }
    if (!node.isObject()) {
      problems.add(name + " must be a mapping");
      return YAML.createObjectNode();
    }
    unknownKeys(node, name, SECTIONS.get(name));
    return node;
  }

  private void unknownKeys(JsonNode node, String path, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      final String key = it.next();
      if (!allowed.contains(key)) {
        problems.add(
            path + ": unknown key \"" + key + "\"; known: " + String.join(", ", sorted(allowed)));
      }
    }
  }

  private static List<String> sorted(Set<String> names) {
    final List<String> list = new ArrayList<>(names);
    list.sort(null);
    return list;
  }

  private String text(JsonNode node, String path, String fallback) {
    final JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || value.isNull()) {
      if (fallback == null) {
        problems.add(path + " is missing");
      }
      return fallback;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      problems.add(path + " must be a non-empty string");
      return fallback;
    }
    return value.textValue();
  }

  private boolean bool(JsonNode node, String path, boolean fallback) {
    final JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      problems.add(path + " must be true or false, got " + value);
      return fallback;
    }
    return value.booleanValue();
  }

  private long integer(JsonNode node, String path, long fallback, long min, long max) {
    final JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      problems.add(path + " must be a whole number, got " + value);
      return fallback;
    }
    final long v = value.longValue();
    if (v < min || v > max) {
      problems.add(path + " must be in [" + min + ", " + max + "], got " + v);
      return fallback;
    }
    return v;
  }
}
