package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riskgate.server.RiskgateServer;
import io.riskgate.server.auth.TokenHash;
import io.riskgate.server.config.ConfigLoader;
import io.riskgate.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A real server on a free loopback port with a temporary data directory, a configuration with two
 * accounts, three strategies, one instrument and one token per role, and an HTTP client. The
 * server's clock is off ({@code engine: {timerMillis: 0}}): the tests stamp their events with fixed
 * times of their own, which the clock's wall-clock timers would overtake.
 */
final class TestServer implements AutoCloseable {
  static final String TRADER = "trader-token-S1";
  static final String TRADER_S2 = "trader-token-S2";
  static final String RISK = "risk-token";
  static final String VIEWER = "viewer-token";
  static final ObjectMapper JSON = new ObjectMapper();

  /** The configuration of the tests, in the YAML of {@link ConfigLoader}. */
  static String configYaml(Path data, int maxBodyBytes) {
    return """
        server: {host: 127.0.0.1, port: 0, maxBodyBytes: %d, streamIntervalMillis: 100}
        journal: {dir: "%s", fsync: every-batch, rollBytes: 1048576}
        engine: {timerMillis: 0}
        instruments:
          - {symbol: BTC-USD, venue: X, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto}
        accounts:
          - {account: A1, capital: 1000000, currency: USD}
          - {account: A2, capital: 500000, currency: USD}
        strategies:
          - {strategy: S1, account: A1, allocation: 500000}
          - {strategy: S2, account: A1, allocation: 500000}
          - {strategy: S3, account: A2, allocation: 500000}
        limits:
          - {scope: "account:A1", limits: {minLiquidity: null, maxPositionFraction: 0.5}}
          - {scope: "account:A2", limits: {minLiquidity: null}}
        tokens:
          - {name: desk1, role: trader, sha256: "%s", strategies: [S1]}
          - {name: desk2, role: trader, sha256: "%s", strategies: [S2, S3]}
          - {name: officer, role: risk, sha256: "%s"}
          - {name: screen, role: viewer, sha256: "%s"}
        """
        .formatted(
            maxBodyBytes,
            data.toString(),
            TokenHash.sha256Hex(TRADER),
            TokenHash.sha256Hex(TRADER_S2),
            TokenHash.sha256Hex(RISK),
            TokenHash.sha256Hex(VIEWER));
  }

  final Path data;
  final RiskgateServer server;
  final HttpClient client = HttpClient.newHttpClient();
  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  TestServer(Path data) throws IOException {
    this(data, 4096);
  }

  TestServer(Path data, int maxBodyBytes) throws IOException {
    this(data, maxBodyBytes, yaml -> yaml);
  }

  /** A server whose configuration text is the test configuration changed by {@code edit}. */
  TestServer(Path data, int maxBodyBytes, java.util.function.UnaryOperator<String> edit)
      throws IOException {
    this(data, maxBodyBytes, edit, config -> config);
  }

  /** As above, with the parsed configuration changed by {@code adjust} (a node id, say). */
  TestServer(
      Path data,
      int maxBodyBytes,
      java.util.function.UnaryOperator<String> edit,
      java.util.function.UnaryOperator<ServerConfig> adjust)
      throws IOException {
    this.data = data;
    final ServerConfig config =
        adjust.apply(ConfigLoader.parse(edit.apply(configYaml(data, maxBodyBytes)), "test"));
    this.server = RiskgateServer.start(config, new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpResponse<String> post(String path, String token, String body) {
    return send("POST", path, token, body, "application/json");
  }

  HttpResponse<String> put(String path, String token, String body) {
    return send("PUT", path, token, body, "application/json");
  }

  HttpResponse<String> get(String path, String token) {
    final HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return exchange(b.build());
  }

  HttpResponse<String> send(
      String method, String path, String token, String body, String contentType) {
    final HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", contentType);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return exchange(b.build());
  }

  HttpResponse<String> exchange(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** The state hash the server reports. */
  String stateHash() {
    final HttpResponse<String> r = get("/v1/report", VIEWER);
    assertEquals(200, r.statusCode(), r.body());
    return json(r).get("stateHash").asText();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
