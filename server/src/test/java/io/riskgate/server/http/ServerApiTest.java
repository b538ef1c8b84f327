package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerApiTest {
  private static final String PRICE =
      "{\"ts\":\"2026-11-24T10:00:00Z\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\",\"ask\":\"43001\"}";

  @TempDir Path data;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(data);
    assertEquals(200, server.post("/v1/prices", TestServer.TRADER, PRICE).statusCode());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static String order(String id, String strategy, String side, String quantity) {
    return "{\"ts\":\"2026-11-24T10:00:01Z\",\"orderId\":\""
        + id
        + "\",\"account\":\"A1\",\"strategy\":\""
        + strategy
        + "\",\"symbol\":\"BTC-USD\",\"side\":\""
        + side
        + "\",\"quantity\":\""
        + quantity
        + "\",\"price\":\"43001\"}";
  }

  private static String fill(String fillId, String orderId, String quantity) {
    return "{\"ts\":\"2026-11-24T10:00:02Z\",\"fillId\":\""
        + fillId
        + "\",\"orderId\":\""
        + orderId
        + "\",\"quantity\":\""
        + quantity
        + "\",\"price\":\"43001\"}";
  }

  private static void assertProblem(HttpResponse<String> r, int status, String detailPart) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(
        HttpApi.PROBLEM_JSON, r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    final JsonNode p = TestServer.json(r);
    assertEquals(status, p.get("status").asInt());
    assertTrue(p.get("title").isTextual());
    assertTrue(
        p.get("detail").asText().contains(detailPart),
        "detail \"" + p.get("detail").asText() + "\" should contain \"" + detailPart + "\"");
  }

  @Test
  void checkAnswersTheDecisionWithEveryCheck() {
    final HttpResponse<String> r =
        server.post("/v1/orders/check", TestServer.TRADER, order("o1", "S1", "buy", "1"));
    assertEquals(200, r.statusCode(), r.body());
    final JsonNode d = TestServer.json(r);
    assertEquals("decision", d.get("type").asText());
    assertEquals("o1", d.get("orderId").asText());
    assertTrue(d.get("approved").asBoolean(), r.body());
    assertTrue(d.get("checks").size() > 3);
  }

  @Test
  void fillUpdatesPositionsExposuresAndReport() {
    server.post("/v1/orders/check", TestServer.TRADER, order("o1", "S1", "buy", "2"));
    final HttpResponse<String> f =
        server.post("/v1/fills", TestServer.TRADER, fill("f1", "o1", "2"));
    assertEquals(200, f.statusCode(), f.body());
    assertEquals(1, TestServer.json(f).get("applied").asInt());
    assertTrue(TestServer.json(f).get("sequence").asLong() > 0);
    final JsonNode positions = TestServer.json(server.get("/v1/positions", TestServer.VIEWER));
    assertEquals("2", positions.get("positions").get(0).get("quantity").asText());
    final JsonNode exposures = TestServer.json(server.get("/v1/exposures", TestServer.VIEWER));
    assertEquals("2", exposures.get("instruments").get("BTC-USD").get("netQuantity").asText());
    final JsonNode report = TestServer.json(server.get("/v1/report", TestServer.RISK));
    assertEquals("firm", report.get("ledgers").get(0).get("scope").asText());
    assertEquals(6, report.get("ledgers").size());
  }

  @Test
  void repeatedFillIdIsAcknowledgedAndIgnored() {
    server.post("/v1/orders/check", TestServer.TRADER, order("o1", "S1", "buy", "3"));
    assertEquals(
        200, server.post("/v1/fills", TestServer.TRADER, fill("f1", "o1", "1")).statusCode());
    final String hash = server.stateHash();
    final HttpResponse<String> again =
        server.post("/v1/fills", TestServer.TRADER, fill("f1", "o1", "1"));
    assertEquals(200, again.statusCode(), again.body());
    final JsonNode positions = TestServer.json(server.get("/v1/positions", TestServer.VIEWER));
    assertEquals("1", positions.get("positions").get(0).get("quantity").asText());
    assertNotEquals("", hash);
  }

  @Test
  void sizeAnswersTheSizeOutput() {
    final HttpResponse<String> r =
        server.post(
            "/v1/size",
            TestServer.TRADER,
            "{\"ts\":\"2026-11-24T10:00:01Z\",\"requestId\":\"r1\",\"account\":\"A1\","
                + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\","
                + "\"sizer\":\"dynamic\",\"signal\":0.5}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("size", TestServer.json(r).get("type").asText());
    assertEquals("r1", TestServer.json(r).get("requestId").asText());
  }

  @Test
  void cancelReleasesTheOrderAndASecondCancelConflicts() {
    server.post("/v1/orders/check", TestServer.TRADER, order("o1", "S1", "buy", "1"));
    final String cancel = "{\"ts\":\"2026-11-24T10:00:03Z\",\"orderId\":\"o1\"}";
    assertEquals(200, server.post("/v1/cancels", TestServer.TRADER, cancel).statusCode());
    assertEquals(
        "true",
        server
            .post("/v1/cancels", TestServer.TRADER, cancel)
            .headers()
            .firstValue("Idempotent-Replay")
            .orElse(""),
        "the same cancel again is a retry");
    assertProblem(
        server.post("/v1/cancels", TestServer.TRADER, cancel.replace(":03Z", ":04Z")),
        409,
        "not open");
  }

  @Test
  void aDefinitionThatExistsIsAConflictAndAnUnknownAccountIsInvalid() {
    assertProblem(
        server.post(
            "/v1/events",
            TestServer.RISK,
            "{\"type\":\"account\",\"account\":\"A1\",\"capital\":1,\"currency\":\"USD\"}"),
        409,
        "already defined");
    assertProblem(
        server.post(
            "/v1/events",
            TestServer.RISK,
            "{\"type\":\"strategy\",\"strategy\":\"S1\",\"account\":\"A1\",\"allocation\":1}"),
        409,
        "already defined");
    assertProblem(
        server.post(
            "/v1/events",
            TestServer.RISK,
            "{\"type\":\"strategy\",\"strategy\":\"S9\",\"account\":\"NOPE\","
                + "\"allocation\":1}"),
        400,
        "unknown account");
  }

  @Test
  void duplicateOrderIdIsAConflictWithItsDecision() {
    server.post("/v1/orders/check", TestServer.TRADER, order("o1", "S1", "buy", "1"));
    final HttpResponse<String> r =
        server.post("/v1/orders/check", TestServer.TRADER, order("o1", "S1", "buy", "2"));
    assertProblem(r, 409, "orderId");
    assertEquals("DUPLICATE_ORDER", TestServer.json(r).get("decision").get("rejectedBy").asText());
  }

  @Test
  void limitsAreReadAndSetByTheRiskOfficer() {
    final HttpResponse<String> put =
        server.put(
            "/v1/limits",
            TestServer.RISK,
            "{\"scope\":\"strategy:S1\",\"limits\":{\"maxOrderQuantity\":5}}");
    assertEquals(200, put.statusCode(), put.body());
    final JsonNode one =
        TestServer.json(server.get("/v1/limits?scope=strategy:S1", TestServer.VIEWER));
    assertEquals("5", one.get("strategy:S1").get("maxOrderQuantity").asText());
    final JsonNode all = TestServer.json(server.get("/v1/limits", TestServer.VIEWER));
    assertTrue(all.has("firm") && all.has("account:A2") && all.has("strategy:S3"), all.toString());
    final HttpResponse<String> r =
        server.post("/v1/orders/check", TestServer.TRADER, order("o9", "S1", "buy", "6"));
    assertEquals("ORDER_QUANTITY_LIMIT", TestServer.json(r).get("rejectedBy").asText());
    assertProblem(server.get("/v1/limits?scope=strategy:NOPE", TestServer.VIEWER), 404, "NOPE");
  }

  @Test
  void tradingStateKillAndRearmAreRecordedWithTheCaller() {
    final HttpResponse<String> halt =
        server.post(
            "/v1/trading-state",
            TestServer.RISK,
            "{\"scope\":\"strategy:S1\",\"state\":\"HALTED\"}");
    assertEquals(200, halt.statusCode(), halt.body());
    final JsonNode state = TestServer.json(halt).get("outputs").get(0);
    assertEquals("HALTED", state.get("to").asText());
    assertTrue(state.get("reason").asText().contains("officer"), state.toString());
    final HttpResponse<String> rejected =
        server.post("/v1/orders/check", TestServer.TRADER, order("o2", "S1", "buy", "1"));
    assertEquals("TRADING_HALTED", TestServer.json(rejected).get("rejectedBy").asText());
    final HttpResponse<String> kill =
        server.post("/v1/kill", TestServer.RISK, "{\"scope\":\"account:A2\"}");
    assertEquals(200, kill.statusCode(), kill.body());
    assertEquals("KILLED", TestServer.json(kill).get("outputs").get(0).get("to").asText());
    final HttpResponse<String> rearm =
        server.post("/v1/rearm", TestServer.RISK, "{\"scope\":\"account:A2\"}");
    assertEquals("ARMED", TestServer.json(rearm).get("outputs").get(0).get("to").asText());
    final HttpResponse<String> reset =
        server.post("/v1/breakers/reset", TestServer.RISK, "{\"scope\":\"strategy:S1\"}");
    assertEquals(200, reset.statusCode(), reset.body());
    assertEquals(1, TestServer.json(reset).get("applied").asInt());
    assertProblem(
        server.post("/v1/breakers/reset", TestServer.TRADER, "{\"scope\":\"strategy:S1\"}"),
        403,
        "risk");
    assertProblem(
        server.post("/v1/kill", TestServer.RISK, "{\"scope\":\"account:A2\",\"by\":\"someone\"}"),
        400,
        "by");
  }

  @Test
  void eventsArrayStopsAtTheFirstRefusedEventAndNamesItsIndex() {
    final String batch =
        "[{\"type\":\"timer\",\"ts\":\"2026-11-24T10:00:05Z\"},"
            + "{\"type\":\"price\",\"ts\":\"2026-11-24T10:00:06Z\",\"symbol\":\"BTC-USD\",\"last\":\"43010\"},"
            + "{\"type\":\"price\",\"ts\":\"2026-11-24T10:00:04Z\",\"symbol\":\"BTC-USD\",\"last\":\"43020\"},"
            + "{\"type\":\"timer\",\"ts\":\"2026-11-24T10:00:07Z\"}]";
    final HttpResponse<String> r = server.post("/v1/events", TestServer.RISK, batch);
    assertProblem(r, 400, "price");
    assertEquals(2, TestServer.json(r).get("index").asInt());
    assertEquals(2, TestServer.json(r).get("applied").asInt());
    final HttpResponse<String> ok =
        server.post(
            "/v1/events", TestServer.RISK, "{\"type\":\"timer\",\"ts\":\"2026-11-24T10:00:08Z\"}");
    assertEquals(200, ok.statusCode(), ok.body());
  }

  @Test
  void everyErrorClassIsAProblemDocument() {
    final String o = order("o1", "S1", "buy", "1");
    assertProblem(server.post("/v1/orders/check", null, o), 401, "Authorization");
    assertProblem(server.post("/v1/orders/check", "not-a-token", o), 401, "not valid");
    assertProblem(server.post("/v1/orders/check", TestServer.VIEWER, o), 403, "trader");
    assertProblem(server.post("/v1/orders/check", TestServer.TRADER_S2, o), 403, "S1");
    assertProblem(server.post("/v1/kill", TestServer.TRADER, "{\"scope\":\"firm\"}"), 403, "risk");
    assertProblem(
        server.post("/v1/events", TestServer.RISK, o.replace("{", "{\"type\":\"order\",")),
        403,
        "order");
    server.post("/v1/orders/check", TestServer.TRADER, o);
    assertProblem(server.post("/v1/fills", TestServer.TRADER_S2, fill("f1", "o1", "1")), 403, "S1");
    assertProblem(
        server.post("/v1/fills", TestServer.TRADER, fill("f1", "nope", "1")), 404, "nope");
    assertProblem(
        server.post("/v1/prices", TestServer.TRADER, PRICE.replace("BTC-USD", "ETH-USD")),
        404,
        "ETH-USD");
    assertProblem(server.get("/v1/nothing-here", TestServer.VIEWER), 404, "/v1/nothing-here");
    assertProblem(
        server.post("/v1/orders/check", TestServer.TRADER, o.replace("{", "{\"colour\":\"red\",")),
        400,
        "colour");
    assertProblem(
        server.post("/v1/orders/check", TestServer.TRADER, "{\"ts\":"), 400, "malformed JSON");
    assertProblem(
        server.post(
            "/v1/orders/check",
            TestServer.TRADER,
            o.replace("\"quantity\":\"1\"", "\"quantity\":\"x\"")),
        400,
        "quantity");
    assertProblem(
        server.send("POST", "/v1/orders/check", TestServer.TRADER, o, "text/plain"),
        415,
        "application/json");
    final String big =
        "{\"type\":\"timer\",\"ts\":\"2026-11-24T10:00:05Z\",\"pad\":\"" + "x".repeat(5000) + "\"}";
    assertProblem(server.post("/v1/events", TestServer.RISK, big), 413, "4096");
  }

  /** A body sent in chunks, without a declared length, is read whole or refused past the limit. */
  @Test
  void chunkedBodiesAreReadWholeOrRefusedPastTheLimit() {
    final HttpResponse<String> fine =
        server.exchange(chunked("/v1/orders/check", order("c1", "S1", "buy", "1")));
    assertEquals(200, fine.statusCode(), fine.body());
    assertEquals("c1", TestServer.json(fine).get("orderId").asText());
    final String big =
        "{\"type\":\"timer\",\"ts\":\"2026-11-24T10:00:05Z\",\"pad\":\"" + "x".repeat(5000) + "\"}";
    assertProblem(server.exchange(chunked("/v1/orders/check", big)), 413, "4096");
    final HttpResponse<String> after =
        server.exchange(chunked("/v1/orders/check", order("c2", "S1", "buy", "1")));
    assertEquals(200, after.statusCode(), after.body());
  }

  private HttpRequest chunked(String path, String body) {
    final byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(server.uri(path))
        .POST(
            HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TestServer.TRADER)
        .build();
  }

  @Test
  void healthMetricsAndOpenApiAreServed() {
    assertEquals(200, server.get("/health/live", null).statusCode());
    assertEquals(200, server.get("/health/ready", null).statusCode());
    server.post("/v1/orders/check", TestServer.TRADER, order("o1", "S1", "buy", "1"));
    server.post("/v1/orders/check", TestServer.TRADER, order("o1", "S1", "buy", "2"));
    final String metrics = server.get("/metrics", null).body();
    assertTrue(metrics.contains("riskgate_events_total"), metrics);
    assertTrue(metrics.contains("riskgate_check_latency_seconds_bucket"), metrics);
    assertTrue(metrics.contains("riskgate_journal_fsync_latency_seconds"), metrics);
    assertTrue(metrics.contains("riskgate_queue_depth"), metrics);
    assertTrue(
        metrics.contains("riskgate_rejections_total{code=\"DUPLICATE_ORDER\"} 1.0"), metrics);
    assertEquals(
        "3.1.0", TestServer.json(server.get("/openapi.json", null)).get("openapi").asText());
  }

  @Test
  void streamCarriesDecisionsStateChangesAndDashboards() throws Exception {
    final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final WebSocket ws =
        server
            .client
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + TestServer.VIEWER)
            .buildAsync(
                server.uri("/v1/stream").resolve("/v1/stream").toString().startsWith("http")
                    ? java.net.URI.create("ws://127.0.0.1:" + server.server.port() + "/v1/stream")
                    : null,
                new WebSocket.Listener() {
                  private final StringBuilder text = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      messages.add(text.toString());
                      text.setLength(0);
                    }
                    w.request(1);
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    server.post("/v1/orders/check", TestServer.TRADER, order("o1", "S1", "buy", "1"));
    server.post("/v1/kill", TestServer.RISK, "{\"scope\":\"strategy:S2\"}");
    boolean decision = false;
    boolean state = false;
    boolean dashboard = false;
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(decision && state && dashboard) && System.nanoTime() < deadline) {
      final String m = messages.poll(100, TimeUnit.MILLISECONDS);
      if (m == null) {
        continue;
      }
      final JsonNode node = TestServer.JSON.readTree(m);
      switch (node.get("type").asText()) {
        case "decision" -> decision |= node.get("orderId").asText().equals("o1");
        case "state" -> state |= node.get("to").asText().equals("KILLED");
        case "dashboard" -> dashboard |= node.get("ledgers").size() == 6;
        default -> {}
      }
    }
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    assertTrue(decision, "decision on the stream");
    assertTrue(state, "state change on the stream");
    assertTrue(dashboard, "dashboard figures on the stream");
  }

  @Test
  void streamRefusesAConnectionWithoutAToken() {
    final var attempt =
        server
            .client
            .newWebSocketBuilder()
            .buildAsync(
                java.net.URI.create("ws://127.0.0.1:" + server.server.port() + "/v1/stream"),
                new WebSocket.Listener() {});
    final Exception e =
        org.junit.jupiter.api.Assertions.assertThrows(
            Exception.class, () -> attempt.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof java.net.http.WebSocketHandshakeException, e.toString());
    assertEquals(
        401, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
  }

  @Test
  void restartRecoversTheSameStateFromTheJournal() throws Exception {
    server.post("/v1/orders/check", TestServer.TRADER, order("o1", "S1", "buy", "2"));
    server.post("/v1/fills", TestServer.TRADER, fill("f1", "o1", "1"));
    server.post("/v1/orders/check", TestServer.TRADER, order("o2", "S1", "sell", "1"));
    server.put(
        "/v1/limits", TestServer.RISK, "{\"scope\":\"firm\",\"limits\":{\"maxOpenOrders\":7}}");
    server.post("/v1/fills", TestServer.TRADER, fill("f2", "nope", "1"));
    final String before = server.stateHash();
    final String positions = server.get("/v1/positions", TestServer.VIEWER).body();
    server.close();
    server = new TestServer(data);
    assertEquals(before, server.stateHash());
    assertEquals(positions, server.get("/v1/positions", TestServer.VIEWER).body());
    assertFalse(server.log.toString().contains("token"), "no token printed with configured tokens");
    final HttpResponse<String> again =
        server.post(
            "/v1/orders/check",
            TestServer.TRADER,
            order("o1", "S1", "buy", "1").replace("10:00:01", "10:00:09"));
    assertEquals(409, again.statusCode(), "order ids used before the restart stay used");
  }
}
