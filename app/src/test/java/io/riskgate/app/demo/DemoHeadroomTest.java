package io.riskgate.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headroom the dashboard draws ({@code headroom} of {@code /v1/report}) is the engine's: in the
 * demo, for the firm, the account, every instrument scope and every strategy holding a position,
 * the limit equals the position limits of {@code /v1/limits} applied to the scope's equity, and the
 * room of an order on either side equals the position headroom the sizer caps a size request to.
 */
class DemoHeadroomTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void dashboardHeadroomEqualsTheEnginesForEveryScopeOfTheDemo() throws Exception {
    try (DemoDriver demo = DemoDriver.start(data, 0, new PrintWriter(new StringWriter()))) {
      // Position limits at every kind of scope besides the account's default fraction, absolute
      // ones included (the dashboard's former copy of the rule ignored them and the firm).
      setLimit(demo, "firm", "maxPositionNotional", "400000");
      setLimit(demo, "strategy:momentum", "maxPositionFraction", "0.5");
      setLimit(demo, "strategy:ma-cross", "maxPositionNotional", "60000");
      setLimit(demo, "instrument:BTC-USD", "maxPositionNotional", "100000");
      JsonNode report = null;
      Set<String> kinds = Set.of();
      int strategies = 0;
      for (int step = 0;
          step < 400
              && (strategies < 2
                  || !kinds.containsAll(Set.of("firm", "account", "instrument", "strategy")));
          step++) {
        demo.step();
        report = get(demo, "/v1/report");
        kinds = kindsOf(report.path("headroom"));
        strategies = strategyRows(report.path("headroom"));
      }
      assertTrue(strategies >= 2, "two strategies hold positions: " + report.path("headroom"));
      assertTrue(
          kinds.containsAll(Set.of("firm", "account", "instrument", "strategy")),
          "headroom rows of every scope kind: " + report.path("headroom"));
      final JsonNode headroom = report.path("headroom");
      int limited = 0;
      for (JsonNode row : headroom) {
        final String scope = row.path("scope").asText();
        final String owner =
            scope.startsWith("instrument:") ? "account:" + row.path("account").asText() : scope;
        final BigDecimal expected =
            allowance(
                get(demo, "/v1/limits?scope=" + enc(scope)).path(scope), equity(report, owner));
        if (expected == null) {
          assertTrue(row.path("limit").isNull(), "no position limit at " + row);
          continue;
        }
        limited++;
        assertEquals(expected.doubleValue(), row.path("limit").asDouble(), 1e-6, row.toString());
        assertEquals(
            row.path("limit").asDouble() - row.path("used").asDouble(),
            row.path("headroom").asDouble(),
            1e-6,
            row.toString());
      }
      assertTrue(limited >= 4, "position limits at four scopes at least: " + headroom);

      int compared = 0;
      for (JsonNode row : headroom) {
        final String scope = row.path("scope").asText();
        if (!scope.startsWith("strategy:")) {
          continue;
        }
        final String strategy = scope.substring("strategy:".length());
        final String symbol = row.path("instrument").asText();
        for (String side : new String[] {"buy", "sell"}) {
          final Double sizerRoom = sizerPositionRoom(demo, report, strategy, symbol, side);
          if (sizerRoom == null) {
            continue; // blocked before the headroom caps (a breaker, no size): nothing to compare
          }
          final String field = side.equals("buy") ? "buyRoom" : "sellRoom";
          double tightest = Double.POSITIVE_INFINITY;
          for (JsonNode other : headroom) {
            final String s = other.path("scope").asText();
            final boolean applies =
                other.path("instrument").asText().equals(symbol)
                    && (s.equals(scope)
                        || s.equals("firm")
                        || s.equals("account:DEMO")
                        || (s.equals("instrument:" + symbol)
                            && other.path("account").asText().equals("DEMO")));
            if (applies && !other.path(field).isNull()) {
              tightest = Math.min(tightest, other.path(field).asDouble());
            }
          }
          assertEquals(tightest, sizerRoom, 0.0, strategy + " " + symbol + " " + side);
          compared++;
        }
      }
      assertTrue(compared >= 2, "the sizer capped sizes to the position headroom: " + compared);
    }
  }

  /** The smaller of maxPositionNotional and maxPositionFraction × max(0, equity), or null. */
  private static BigDecimal allowance(JsonNode limits, BigDecimal equity) {
    BigDecimal money = null;
    if (limits.has("maxPositionNotional")) {
      money = new BigDecimal(limits.path("maxPositionNotional").asText());
    }
    if (limits.has("maxPositionFraction")) {
      final BigDecimal share =
          new BigDecimal(limits.path("maxPositionFraction").asText())
              .multiply(equity.max(BigDecimal.ZERO))
              .setScale(8, RoundingMode.HALF_EVEN);
      money = money == null ? share : money.min(share);
    }
    return money;
  }

  private static BigDecimal equity(JsonNode report, String scope) {
    for (JsonNode ledger : report.path("ledgers")) {
      if (ledger.path("scope").asText().equals(scope)) {
        return new BigDecimal(ledger.path("equity").asText());
      }
    }
    throw new AssertionError("no ledger " + scope + " in " + report.path("ledgers"));
  }

  private static int strategyRows(JsonNode headroom) {
    int rows = 0;
    for (JsonNode row : headroom) {
      rows += row.path("scope").asText().startsWith("strategy:") ? 1 : 0;
    }
    return rows;
  }

  private void setLimit(DemoDriver demo, String scope, String limit, String value)
      throws IOException, InterruptedException {
    final ObjectNode body = JSON.createObjectNode();
    body.put("scope", scope);
    body.putObject("limits").put(limit, new BigDecimal(value));
    send(demo, "PUT", "/v1/limits", body.toString());
  }

  private static Set<String> kindsOf(JsonNode headroom) {
    final Set<String> kinds = new HashSet<>();
    for (JsonNode row : headroom) {
      final String scope = row.path("scope").asText();
      kinds.add(scope.contains(":") ? scope.substring(0, scope.indexOf(':')) : scope);
    }
    return kinds;
  }

  /** The headroomPosition factor of a size request at the report's time, or null without one. */
  private Double sizerPositionRoom(
      DemoDriver demo, JsonNode report, String strategy, String symbol, String side)
      throws IOException, InterruptedException {
    final ObjectNode request = JSON.createObjectNode();
    request.put("ts", report.path("ts").asText());
    request.put("requestId", "headroom-" + strategy + "-" + symbol + "-" + side);
    request.put("account", "DEMO");
    request.put("strategy", strategy);
    request.put("symbol", symbol);
    request.put("side", side);
    request.put("sizer", "dynamic");
    request.put("signal", 1);
    final JsonNode answer = send(demo, "POST", "/v1/size", request.toString());
    for (JsonNode factor : answer.path("factors")) {
      if (factor.path("factor").asText().equals("headroomPosition")) {
        return factor.path("value").asDouble();
      }
    }
    return null;
  }

  private JsonNode get(DemoDriver demo, String path) throws IOException, InterruptedException {
    return send(demo, "GET", path, null);
  }

  private JsonNode send(DemoDriver demo, String method, String path, String body)
      throws IOException, InterruptedException {
    final HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port() + path))
            .header(
                "Authorization",
                "Bearer " + (method.equals("POST") ? demo.tokens().trader() : demo.tokens().risk()))
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    final HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(2, response.statusCode() / 100, path + ": " + response.body());
    return JSON.readTree(response.body());
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
