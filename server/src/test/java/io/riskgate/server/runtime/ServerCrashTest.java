package io.riskgate.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.TokenHash;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.config.ConfigLoader;
import io.riskgate.server.config.ServerConfig;
import io.riskgate.server.journal.Journal;
import io.riskgate.server.journal.JournalConfig;
import io.riskgate.server.journal.JournalReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child server process under a load of order checks and fills is killed with SIGKILL at random
 * moments. After each kill: every acknowledged order and fill is in the journal, no order or fill
 * is in it twice, and the restarted server's state hash equals a clean replay of the journal (the
 * acknowledged events plus any that became durable without their answer reaching the client).
 * Snapshots are taken every 50 journaled events under the load, so restarts recover from a snapshot
 * and the journal after it, which must give the same hash. Three kills by default; the Maven
 * profile {@code crash} runs twenty ({@code -Driskgate.crash.kills}).
 */
class ServerCrashTest {
  private static final long SEED = 424242L;
  private static final String TRADER = "crash-trader";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void acknowledgedEventsSurviveSigkillAndRecoveryEqualsACleanReplay() throws Exception {
    final int kills = Integer.getInteger("riskgate.crash.kills", 3);
    System.out.println("ServerCrashTest seed " + SEED + ", kills " + kills);
    final Random random = new Random(SEED);
    final Path data = work.resolve("data");
    final Path configFile = work.resolve("riskgate.yaml");
    Files.writeString(
        configFile,
        """
        server: {port: 0}
        journal: {dir: "%s", fsync: every-batch}
        snapshots: {everyEvents: 50, everySeconds: 0, retain: 2}
        engine: {timerMillis: 0}
        instruments:
          - {symbol: BTC-USD, venue: X, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto}
        accounts: [{account: A1, capital: 1000000, currency: USD}]
        strategies: [{strategy: S1, account: A1, allocation: 1000000}]
        limits: [{scope: "account:A1", limits: {minLiquidity: null, maxPositionFraction: 0.9}}]
        tokens: [{name: loadgen, role: trader, sha256: "%s", strategies: ["*"]}]
        """
            .formatted(data, TokenHash.sha256Hex(TRADER)));
    final ServerConfig config = ConfigLoader.load(configFile);
    final Set<String> ackedOrders = ConcurrentHashMap.newKeySet();
    final Set<String> ackedFills = ConcurrentHashMap.newKeySet();
    Child child = Child.start(configFile, work.resolve("child-0.log"));
    try {
      for (int kill = 0; kill < kills; kill++) {
        final String ts =
            "2026-11-24T10:" + String.format(java.util.Locale.ROOT, "%02d", kill % 60) + ":00Z";
        child.post(
            "/v1/prices",
            "{\"ts\":\"" + ts + "\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\",\"ask\":\"43001\"}");
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          final String prefix = "k" + kill + "t" + t + "-";
          final Child target = child;
          final Thread thread =
              new Thread(() -> load(target, prefix, ts, running, ackedOrders, ackedFills));
          thread.start();
          clients.add(thread);
        }
        Thread.sleep(300 + random.nextInt(900));
        child.process.destroyForcibly();
        child.process.waitFor(10, TimeUnit.SECONDS);
        running.set(false);
        for (Thread thread : clients) {
          thread.join(10_000);
        }
        final long expectedHash = verifyJournal(config, ackedOrders, ackedFills);
        child = Child.start(configFile, work.resolve("child-" + (kill + 1) + ".log"));
        final JsonNode report = JSON.readTree(child.get("/v1/report"));
        assertEquals(
            Long.toHexString(expectedHash),
            report.get("stateHash").asText(),
            "state after restart " + (kill + 1) + " equals a clean replay of the journal");
      }
      System.out.println(
          "ServerCrashTest acknowledged "
              + ackedOrders.size()
              + " orders, "
              + ackedFills.size()
              + " fills");
      assertTrue(ackedOrders.size() > 10 * kills, "load ran: " + ackedOrders.size() + " orders");
      assertTrue(ackedFills.size() > 5 * kills, "load ran: " + ackedFills.size() + " fills");
      int fromSnapshot = 0;
      for (int k = 1; k <= kills; k++) {
        if (Files.readString(work.resolve("child-" + k + ".log.out"))
            .contains("recovered from the snapshot at sequence")) {
          fromSnapshot++;
        }
      }
      assertTrue(fromSnapshot > 0, "snapshots taken under load were used by a restart");
    } finally {
      child.process.destroyForcibly();
      child.process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void load(
      Child child,
      String prefix,
      String ts,
      AtomicBoolean running,
      Set<String> ackedOrders,
      Set<String> ackedFills) {
    int n = 0;
    while (running.get()) {
      final String orderId = prefix + n;
      final String side = n % 2 == 0 ? "buy" : "sell";
      n++;
      try {
        final HttpResponse<String> decision =
            child.send(
                "/v1/orders/check",
                "{\"ts\":\""
                    + ts
                    + "\",\"orderId\":\""
                    + orderId
                    + "\",\"account\":\"A1\","
                    + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\""
                    + side
                    + "\",\"quantity\":\"0.01\",\"price\":\"43001\"}");
        if (decision.statusCode() != 200) {
          continue;
        }
        ackedOrders.add(orderId);
        if (!decision.body().contains("\"approved\":true")) {
          continue;
        }
        final HttpResponse<String> fill =
            child.send(
                "/v1/fills",
                "{\"ts\":\""
                    + ts
                    + "\",\"fillId\":\"F"
                    + orderId
                    + "\",\"orderId\":\""
                    + orderId
                    + "\",\"quantity\":\"0.01\",\"price\":\"43001\"}");
        if (fill.statusCode() == 200) {
          ackedFills.add("F" + orderId);
        }
      } catch (IOException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Checks the journal against the acknowledgements; returns the hash of its clean replay. */
  private static long verifyJournal(
      ServerConfig config, Set<String> ackedOrders, Set<String> ackedFills) throws IOException {
    final RiskEngine engine = new RiskEngine(config.engine(), OutputSink.NONE);
    for (Event event : config.referenceData()) {
      engine.apply(event);
    }
    final Set<String> orders = new HashSet<>();
    final Set<String> fills = new HashSet<>();
    try (Journal journal =
            Journal.open(
                JournalConfig.defaults(config.journalDirectory())
                    .withMaxPayloadBytes(config.maxJournalPayloadBytes()));
        JournalReader reader = journal.reader(journal.firstSequence())) {
      while (reader.next()) {
        final JournalEntry entry = JournalEntry.decode(reader.payload());
        final Event event = EventCodec.parse(entry.event());
        if (event instanceof Event.Order o) {
          assertTrue(orders.add(o.orderId()), "order " + o.orderId() + " journaled twice");
        } else if (event instanceof Event.Fill f) {
          assertTrue(fills.add(f.fillId()), "fill " + f.fillId() + " journaled twice");
        }
        engine.apply(event);
      }
    }
    for (String id : ackedOrders) {
      assertTrue(orders.contains(id), "acknowledged order " + id + " is missing");
    }
    for (String id : ackedFills) {
      assertTrue(fills.contains(id), "acknowledged fill " + id + " is missing");
    }
    return engine.stateHash();
  }

  /** A server in a child JVM on the test's class path. */
  private record Child(Process process, int port, HttpClient client) {
    static Child start(Path configFile, Path log) throws IOException {
      final Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.riskgate.server.RiskgateServer",
                  "--config",
                  configFile.toString())
              .redirectError(log.toFile())
              .start();
      final BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      final Path startLog = log.resolveSibling(log.getFileName() + ".out");
      String line;
      while ((line = out.readLine()) != null) {
        Files.writeString(
            startLog,
            line + "\n",
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
        if (line.startsWith("listening ")) {
          final int port = Integer.parseInt(line.substring("listening ".length()).trim());
          return new Child(
              process, port, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        }
      }
      throw new IOException(
          "the child server ended before listening; its log: " + Files.readString(log));
    }

    HttpResponse<String> send(String path, String body) throws IOException, InterruptedException {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", "Bearer " + TRADER)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    void post(String path, String body) throws IOException, InterruptedException {
      final HttpResponse<String> r = send(path, body);
      assertEquals(200, r.statusCode(), r.body());
    }

    String get(String path) throws IOException, InterruptedException {
      final HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Authorization", "Bearer " + TRADER)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return r.body();
    }
  }
}
