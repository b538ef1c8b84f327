package io.riskgate.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riskgate.core.event.Event;
import io.riskgate.server.RiskgateServer;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.auth.TokenHash;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.codec.ExactJson;
import io.riskgate.server.config.ConfigLoader;
import io.riskgate.server.config.ServerConfig;
import io.riskgate.server.runtime.EngineReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The example replay files ({@code examples/*.jsonl}) fed through a real server, and its audit
 * trail read back: one server per example, with no reference data of its own (each file defines its
 * accounts, strategies and instruments), its clock off (the files' times are in the past), and the
 * audit store of the test's choosing.
 */
final class AuditScenario implements AutoCloseable {
  static final String VIEWER = "audit-viewer-token";
  static final String TRADER_S9 = "audit-trader-s9-token";
  static final Path EXAMPLES = Path.of("..", "examples");
  static final ObjectMapper JSON = new ObjectMapper();

  /** Every example event file, in name order. */
  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      final List<Path> list =
          files
              .filter(f -> f.toString().endsWith(".jsonl"))
              .filter(f -> !f.toString().endsWith(".expected.jsonl"))
              .sorted()
              .toList();
      assertTrue(!list.isEmpty(), "no examples in " + EXAMPLES.toAbsolutePath());
      return list;
    }
  }

  /** The configuration with {@code audit} (YAML of the audit section). */
  static ServerConfig config(Path data, String audit) {
    return ConfigLoader.parse(
        """
        server: {host: 127.0.0.1, port: 0}
        journal: {dir: "%s"}
        engine: {timerMillis: 0}
        audit: %s
        tokens:
          - {name: screen, role: viewer, sha256: "%s"}
          - {name: desk9, role: trader, sha256: "%s", strategies: [S9]}
        """
            .formatted(data, audit, TokenHash.sha256Hex(VIEWER), TokenHash.sha256Hex(TRADER_S9)),
        "audit test");
  }

  final ServerConfig config;
  final RiskgateServer server;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();

  AuditScenario(ServerConfig config) throws IOException {
    this.config = config;
    this.server = RiskgateServer.start(config, new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  /**
   * Submits every event of {@code file} as the caller {@code replay}, one at a time, as a client
   * would; answers the last journal sequence applied.
   */
  long feed(Path file) throws Exception {
    final Caller caller = new Caller("replay", Role.RISK, Set.of(), false);
    long last = 0;
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      final JsonNode node = ExactJson.MAPPER.readTree(line);
      final Event event = EventCodec.parse(node);
      final EngineReply reply =
          server.runtime().submit(caller, List.of(node), List.of(event)).get(10, TimeUnit.SECONDS);
      if (reply.applied() > 0) {
        last = reply.lastSequence();
      }
    }
    return last;
  }

  /** Submits one event (JSON text) as the caller {@code replay}; answers its journal sequence. */
  long submit(String json) throws Exception {
    final JsonNode node = ExactJson.MAPPER.readTree(json);
    final EngineReply reply =
        server
            .runtime()
            .submit(
                new Caller("replay", Role.RISK, Set.of(), false),
                List.of(node),
                List.of(EventCodec.parse(node)))
            .get(10, TimeUnit.SECONDS);
    assertEquals(1, reply.applied(), json + ": " + reply);
    return reply.lastSequence();
  }

  /** {@code GET path?query} as JSON; asserts 200. */
  JsonNode getJson(String token, String path) throws Exception {
    final HttpResponse<String> r = getPath(token, path);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  HttpResponse<String> getPath(String token, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until the audit trail holds the journal up to {@code sequence}. */
  void awaitAudit(long sequence) throws InterruptedException {
    assertTrue(
        server.audit().awaitWritten(sequence, 20, TimeUnit.SECONDS),
        "the audit trail did not reach sequence "
            + sequence
            + " (at "
            + server.audit().writtenSequence()
            + "); log:\n"
            + log);
  }

  /** {@code GET /v1/decisions} with the query, as JSON; asserts 200 unless told. */
  JsonNode decisions(String token, String query) throws Exception {
    final HttpResponse<String> r = get(token, query);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  HttpResponse<String> get(String token, String query) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + server.port()
                        + "/v1/decisions"
                        + (query.isEmpty() ? "" : "?" + query)))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every decision of the order id, through the API (all pages). */
  List<JsonNode> decisionsOf(String orderId) throws Exception {
    final List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      final JsonNode page =
          decisions(
              VIEWER,
              "orderId="
                  + URLEncoder.encode(orderId, StandardCharsets.UTF_8)
                  + "&limit=2"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      page.get("decisions").forEach(all::add);
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return all;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
