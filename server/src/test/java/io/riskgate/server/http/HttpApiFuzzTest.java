package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing of the HTTP API with Jazzer, against one real server on a loopback port
 * for the whole class ({@link TestServer}). Each input becomes one request: a route of {@link
 * RouteTable#ROUTES} (sometimes with a path suffix or a query), its method or another, the right
 * token for the route or another one or none, a content type, and a body that is either the input's
 * raw bytes or a valid event body for the route changed by edits the input chooses (values replaced
 * by wrong types, NaN, huge or tiny numbers; fields cut, repeated, added; types changed).
 *
 * <p>What must hold for every request: the status is 2xx or 4xx, never 5xx (nor 1xx or 3xx); every
 * 4xx is an {@code application/problem+json} document with its status and a non-empty detail; and a
 * refused request leaves the engine's state hash as it was. Two refusals change state by design and
 * are exempt from the last check: a duplicate order (409 with its decision: the rejection is
 * journaled and counted) and a batch refused after some of its events were applied ({@code
 * "applied" > 0}).
 *
 * <p>Without {@code JAZZER_FUZZ} (a normal build) the test replays the empty input and the files in
 * {@code src/test/resources/io/riskgate/server/http/HttpApiFuzzTestInputs}; the Maven profile
 * {@code fuzz} fuzzes it for a bounded time. An input's last bytes choose the request (route,
 * method, token, content type, path, body mode), its first bytes are the raw body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiFuzzTest {
  private static final String[] OTHER_METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH"};

  private static final String[] CONTENT_TYPES = {
    "application/json",
    "application/json",
    "application/json",
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    null,
    HttpApi.PROBLEM_JSON
  };

  private static final String ORDER =
      "{\"ts\":\"2026-11-24T10:00:01Z\",\"orderId\":\"o{id}\",\"account\":\"A1\",\"strategy\":"
          + "\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\",\"quantity\":\"0.5\",\"price\":\"43001\"}";

  /** A valid body per route; {@code {id}} is replaced by a number the input chooses. */
  private static final Map<String, String> BODIES =
      Map.ofEntries(
          Map.entry("/v1/orders/check", ORDER),
          Map.entry(
              "/v1/size",
              "{\"ts\":\"2026-11-24T10:00:01Z\",\"requestId\":\"r{id}\",\"account\":\"A1\","
                  + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\",\"sizer\":"
                  + "\"dynamic\",\"signal\":0.5}"),
          Map.entry(
              "/v1/fills",
              "{\"ts\":\"2026-11-24T10:00:02Z\",\"fillId\":\"f{id}\",\"orderId\":\"o{id}\","
                  + "\"quantity\":\"0.1\",\"price\":\"43001\"}"),
          Map.entry("/v1/cancels", "{\"ts\":\"2026-11-24T10:00:03Z\",\"orderId\":\"o{id}\"}"),
          Map.entry(
              "/v1/prices",
              "{\"ts\":\"2026-11-24T10:00:00Z\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\","
                  + "\"ask\":\"43001\"}"),
          Map.entry(
              "/v1/events",
              "[{\"type\":\"timer\",\"ts\":\"2026-11-24T10:00:04Z\"},{\"type\":\"bar\",\"ts\":"
                  + "\"2026-11-24T10:00:04Z\",\"symbol\":\"BTC-USD\",\"open\":1,\"high\":2,"
                  + "\"low\":0.5,\"close\":1.5,\"volume\":10}]"),
          Map.entry(
              "/v1/limits", "{\"scope\":\"strategy:S1\",\"limits\":{\"maxOrderQuantity\":5}}"),
          Map.entry("/v1/trading-state", "{\"scope\":\"account:A2\",\"state\":\"REDUCING\"}"),
          Map.entry("/v1/kill", "{\"scope\":\"strategy:S3\"}"),
          Map.entry("/v1/rearm", "{\"scope\":\"strategy:S3\"}"),
          Map.entry("/v1/breakers/reset", "{\"scope\":\"strategy:S1\"}"),
          Map.entry("/v1/snapshots", ""));

  /** Events of every other type for {@code /v1/events}. */
  private static final String[] EVENTS = {
    "{\"type\":\"instrument\",\"symbol\":\"E{id}\",\"venue\":\"X\",\"currency\":\"USD\","
        + "\"tickSize\":\"0.01\",\"lotSize\":\"0.001\",\"assetClass\":\"crypto\"}",
    "{\"type\":\"account\",\"account\":\"B{id}\",\"capital\":\"1000\",\"currency\":\"USD\"}",
    "{\"type\":\"strategy\",\"strategy\":\"T{id}\",\"account\":\"A2\",\"allocation\":1000}",
    "{\"type\":\"transfer\",\"ts\":\"2026-11-24T10:00:05Z\",\"account\":\"A2\",\"amount\":\"10\"}",
    "{\"type\":\"venueStatus\",\"ts\":\"2026-11-24T10:00:05Z\",\"venue\":\"X\",\"connected\":true,"
        + "\"latencyMs\":3}",
    "{\"type\":\"price\",\"ts\":\"2026-11-24T10:00:05Z\",\"symbol\":\"BTC-USD\",\"last\":43002}",
    "{\"type\":\"order\",\"ts\":\"2026-11-24T10:00:05Z\",\"orderId\":\"e{id}\",\"account\":\"A1\","
        + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"sell\",\"quantity\":1}",
    "{\"type\":\"limits\",\"scope\":\"firm\",\"limits\":{\"maxOpenOrders\":50}}",
    "{\"type\":\"tradingState\",\"scope\":\"strategy:S2\",\"state\":\"ACTIVE\"}",
    "{\"type\":\"reportRequest\",\"ts\":\"2026-11-24T10:00:05Z\"}"
  };

  /** Values that replace a field's value in an edit: the seeded fuzz test's, and a few more. */
  private static final String[] VALUES =
      java.util.stream.Stream.concat(
              java.util.Arrays.stream(HttpFuzzTest.VALUES),
              java.util.stream.Stream.of(
                  "\"92233720368.54775807\"",
                  "\"2026-02-30T10:00:00Z\"",
                  "\"firm\"",
                  "\"strategy:S9\"",
                  "\"BTC-USD\""))
          .toArray(String[]::new);

  private static final String[] TYPES = {
    "order",
    "fill",
    "cancel",
    "price",
    "bar",
    "timer",
    "limits",
    "kill",
    "rearm",
    "tradingState",
    "breakerReset",
    "sizeRequest",
    "instrument",
    "account",
    "strategy",
    "transfer",
    "venueStatus",
    "reportRequest",
    "decision",
    "nope"
  };

  private static final Pattern VALUE = Pattern.compile(":(\"[^\"]*\"|[-0-9.eE+]+|true|false|null)");

  /** Every this many inputs the server is restarted on its journal (see {@link #stop}). */
  private static final int RESTART_EVERY = 2_000;

  private Path data;
  private TestServer server;
  private String stateHash;
  private int inputs;

  @BeforeAll
  void start(@TempDir Path data) throws IOException {
    this.data = data;
    server = new TestServer(data);
    stateHash = server.stateHash();
  }

  /**
   * The first promise, checked on whatever the fuzzer sent: a server started on the journal the
   * live one wrote reaches the live state hash.
   */
  @AfterAll
  void stop() throws IOException {
    requireReplayEqualsLive();
    server.close();
  }

  private void requireReplayEqualsLive() throws IOException {
    final String live = server.stateHash();
    server.close();
    server = new TestServer(data);
    assertEquals(live, server.stateHash(), "after " + inputs + " inputs, a replay of the journal");
    stateHash = server.stateHash();
  }

  @FuzzTest(maxDuration = "60s")
  @DictionaryEntries({
    "\"type\":",
    "\"orderId\":",
    "\"quantity\":",
    "\"price\":",
    "\"limits\":{",
    "\"scope\":\"firm\"",
    "\"strategy\":\"S2\"",
    "2147483647",
    "9223372036854775807",
    "92233720368",
    "99889692.41357375",
    "e+",
    "E-"
  })
  void requestsAreAnsweredWithoutServerErrorsAndRefusalsChangeNothing(FuzzedDataProvider data) {
    // Jazzer's network sanitizer reports every connection not allowed here as request forgery;
    // loopback only, on any port (a restarted server binds a new one).
    final SilentCloseable loopback =
        BugDetectors.allowNetworkConnections(
            (host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
    try {
      exchange(data);
      if (++inputs % RESTART_EVERY == 0) {
        requireReplayEqualsLive();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      loopback.close();
    }
  }

  private void exchange(FuzzedDataProvider data) {
    final Route route = data.pickValue(RouteTable.ROUTES);
    final int methodChoice = data.consumeInt(0, 9);
    final String method = methodChoice < 5 ? route.method() : OTHER_METHODS[methodChoice - 5];
    final String token = token(route, data.consumeInt(0, 10));
    final String contentType = data.pickValue(CONTENT_TYPES);
    final String path = path(route, data);
    final byte[] body =
        data.consumeInt(0, 3) < 2
            ? data.consumeRemainingAsBytes()
            : edited(template(route, data), data).getBytes(StandardCharsets.UTF_8);

    final HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    final HttpResponse<String> response = server.exchange(request.build());

    final int status = response.statusCode();
    final String what =
        method
            + " "
            + path
            + " token "
            + token
            + " type "
            + contentType
            + " body "
            + shown(new String(body, StandardCharsets.UTF_8))
            + " -> "
            + status
            + " "
            + shown(response.body());
    assertTrue(status >= 200 && status < 300 || status >= 400 && status < 500, what);
    final String before = stateHash;
    stateHash = server.stateHash();
    if (status >= 400) {
      assertEquals(
          HttpApi.PROBLEM_JSON,
          response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim(),
          what);
      final JsonNode problem = TestServer.json(response);
      assertEquals(status, problem.path("status").asInt(), what);
      assertFalse(problem.path("detail").asText("").isBlank(), what);
      final boolean duplicateOrder = status == 409 && problem.has("decision");
      final boolean partlyApplied = problem.path("applied").asInt(0) > 0;
      if (!duplicateOrder && !partlyApplied) {
        assertEquals(before, stateHash, "state hash changed by a refused request: " + what);
      }
    }
  }

  private static String token(Route route, int choice) {
    switch (choice) {
      case 5:
        return TestServer.TRADER;
      case 6:
        return TestServer.TRADER_S2;
      case 7:
        return TestServer.RISK;
      case 8:
        return TestServer.VIEWER;
      case 9:
        return null;
      case 10:
        return "junk";
      default:
        return switch (route.access()) {
          case TRADE, FEED -> TestServer.TRADER;
          case RISK, PER_EVENT -> TestServer.RISK;
          case READ -> TestServer.VIEWER;
          case PUBLIC -> null;
        };
    }
  }

  private static String path(Route route, FuzzedDataProvider data) {
    switch (data.consumeInt(0, 7)) {
      case 6:
        return route.path() + "/x";
      case 7:
        return route.path()
            + "?scope="
            + URLEncoder.encode(data.consumeAsciiString(24), StandardCharsets.UTF_8);
      default:
        return route.path();
    }
  }

  private static String template(Route route, FuzzedDataProvider data) {
    String body = BODIES.getOrDefault(route.path(), "");
    if (route.path().equals("/v1/events") && data.consumeBoolean()) {
      body = data.pickValue(EVENTS);
    }
    return body.replace("{id}", Integer.toString(data.consumeInt(0, 999)));
  }

  /** Applies up to three edits the input chooses to a valid body. */
  private static String edited(String body, FuzzedDataProvider data) {
    String s = body;
    final int edits = data.consumeInt(0, 3);
    for (int k = 0; k < edits && !s.isEmpty(); k++) {
      switch (data.consumeInt(0, 8)) {
        case 0 -> {
          final int at = data.consumeInt(0, s.length() - 1);
          s = s.substring(0, at) + s.substring(Math.min(s.length(), at + data.consumeInt(1, 8)));
        }
        case 1 -> {
          final int at = data.consumeInt(0, s.length());
          s = s.substring(0, at) + data.consumeString(4) + s.substring(at);
        }
        case 2 -> s = replaceValue(s, data.pickValue(VALUES), data);
        case 3 -> s = replaceValue(s, "\"" + data.consumeAsciiString(16) + "\"", data);
        case 4 -> s = s.replaceFirst("\\{", "{\"extra" + data.consumeInt(0, 9) + "\":1,");
        case 5 -> s = s.replaceFirst("\\{\"(\\w+)\":([^,}]+),", "{\"$1\":$2,\"$1\":$2,");
        case 6 -> s = s.replaceFirst("\"\\w+\":(\"[^\"]*\"|[^,}\\]]+),", "");
        case 7 -> s = s.replaceFirst("\\{", "{\"type\":\"" + data.pickValue(TYPES) + "\",");
        default -> s = data.consumeBoolean() ? "[" + s + "]" : s.replace("10:00", "25:61");
      }
    }
    return s;
  }

  private static String replaceValue(String s, String value, FuzzedDataProvider data) {
    final Matcher m = VALUE.matcher(s);
    final List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(1), m.end(1)});
    }
    if (spans.isEmpty()) {
      return s;
    }
    final int[] span = spans.get(data.consumeInt(0, spans.size() - 1));
    return s.substring(0, span[0]) + value + s.substring(span[1]);
  }

  private static String shown(String text) {
    return text.length() <= 400 ? text : text.substring(0, 400) + "... (" + text.length() + ")";
  }
}
