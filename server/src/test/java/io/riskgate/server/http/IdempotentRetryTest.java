package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends an order, fill, cancel or size request again (after a timeout, say) gets the
 * original answer with {@code Idempotent-Replay: true}, and the request is journaled once; the same
 * id with other content is a conflict. The memory survives a restart and follows the engine's day.
 */
class IdempotentRetryTest {
  private static final UnaryOperator<String> ON_DEMAND =
      yaml -> yaml + "snapshots: {everyEvents: 0, everySeconds: 0, retain: 3}\n";

  private static final String ORDER =
      "{\"ts\":\"2026-11-24T23:59:51Z\",\"orderId\":\"o1\",\"account\":\"A1\",\"strategy\":\"S1\","
          + "\"symbol\":\"BTC-USD\",\"side\":\"buy\",\"quantity\":\"2\",\"price\":\"43001\"}";
  private static final String FILL =
      "{\"ts\":\"2026-11-24T23:59:52Z\",\"fillId\":\"f1\",\"orderId\":\"o1\",\"quantity\":\"1\","
          + "\"price\":\"43001\"}";
  private static final String SIZE =
      "{\"ts\":\"2026-11-24T23:59:53Z\",\"requestId\":\"r1\",\"account\":\"A1\","
          + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\","
          + "\"sizer\":\"dynamic\",\"signal\":0.5}";
  private static final String CANCEL = "{\"ts\":\"2026-11-24T23:59:54Z\",\"orderId\":\"o2\"}";
  private static final String ORDER_2 =
      ORDER.replace("o1", "o2").replace("23:59:51", "23:59:53").replace("\"2\"", "\"1\"");

  @TempDir Path data;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(data, 4096, ON_DEMAND);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private void restart() throws Exception {
    server.close();
    server = new TestServer(data, 4096, ON_DEMAND);
  }

  private static Optional<String> replayHeader(HttpResponse<String> r) {
    return r.headers().firstValue("Idempotent-Replay");
  }

  /** The journal sequence a new price gets: one more than the records so far. */
  private long nextSequence(String ts) {
    final HttpResponse<String> r =
        server.post(
            "/v1/prices",
            TestServer.TRADER,
            "{\"ts\":\"" + ts + "\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\",\"ask\":\"43001\"}");
    assertEquals(200, r.statusCode(), r.body());
    return TestServer.json(r).get("sequence").asLong();
  }

  private static void sameAnswer(HttpResponse<String> first, HttpResponse<String> again) {
    assertEquals(first.statusCode(), again.statusCode(), again.body());
    assertEquals(first.body(), again.body());
    assertEquals(
        first.headers().firstValue("Content-Type"), again.headers().firstValue("Content-Type"));
    assertEquals(Optional.empty(), replayHeader(first));
    assertEquals(Optional.of("true"), replayHeader(again));
  }

  /** The four kinds of request, each answered once; their first answers, in order. */
  private List<HttpResponse<String>> sendEachOnce() {
    assertEquals(1, nextSequence("2026-11-24T23:59:50Z"));
    final List<HttpResponse<String>> first =
        List.of(
            server.post("/v1/orders/check", TestServer.TRADER, ORDER),
            server.post("/v1/fills", TestServer.TRADER, FILL),
            server.post("/v1/size", TestServer.TRADER, SIZE),
            server.post("/v1/orders/check", TestServer.TRADER, ORDER_2),
            server.post("/v1/cancels", TestServer.TRADER, CANCEL));
    assertTrue(TestServer.json(first.get(0)).get("approved").asBoolean(), first.get(0).body());
    for (HttpResponse<String> r : first) {
      assertEquals(200, r.statusCode(), r.body());
    }
    return first;
  }

  private void everyRetryGetsItsOriginalAnswer(List<HttpResponse<String>> first) {
    sameAnswer(first.get(0), server.post("/v1/orders/check", TestServer.TRADER, ORDER));
    sameAnswer(first.get(1), server.post("/v1/fills", TestServer.TRADER, FILL));
    sameAnswer(first.get(2), server.post("/v1/size", TestServer.TRADER, SIZE));
    sameAnswer(first.get(3), server.post("/v1/orders/check", TestServer.TRADER, ORDER_2));
    sameAnswer(first.get(4), server.post("/v1/cancels", TestServer.TRADER, CANCEL));
  }

  @Test
  void aRetryIsAnsweredAsTheFirstTimeAndJournaledOnce() {
    final List<HttpResponse<String>> first = sendEachOnce();
    final String hash = server.stateHash();
    everyRetryGetsItsOriginalAnswer(first);
    everyRetryGetsItsOriginalAnswer(first);
    assertEquals(hash, server.stateHash(), "a retry changes nothing");
    assertEquals(7, nextSequence("2026-11-24T23:59:55Z"), "six records before: none for retries");
    assertTrue(
        server.get("/metrics", null).body().contains("riskgate_answers_replayed_total 10.0"));
  }

  @Test
  void theSameIdWithOtherContentIsAConflict() {
    sendEachOnce();
    final HttpResponse<String> order =
        server.post(
            "/v1/orders/check",
            TestServer.TRADER,
            ORDER.replace("\"2\"", "\"3\"").replace(":51Z", ":56Z"));
    assertEquals(409, order.statusCode(), order.body());
    assertEquals(
        "DUPLICATE_ORDER", TestServer.json(order).get("decision").get("rejectedBy").asText());
    assertEquals(Optional.empty(), replayHeader(order));
    final HttpResponse<String> laterOrder =
        server.post("/v1/orders/check", TestServer.TRADER, ORDER.replace(":51Z", ":56Z"));
    assertEquals(409, laterOrder.statusCode(), "a new ts is another request");
    assertEquals(Optional.empty(), replayHeader(laterOrder));
    final String hash = server.stateHash();
    final HttpResponse<String> fill =
        server.post("/v1/fills", TestServer.TRADER, FILL.replace("\"1\"", "\"0.5\""));
    assertEquals(409, fill.statusCode(), fill.body());
    assertTrue(TestServer.json(fill).get("detail").asText().contains("fillId"), fill.body());
    final HttpResponse<String> size =
        server.post("/v1/size", TestServer.TRADER, SIZE.replace("0.5", "0.25"));
    assertEquals(409, size.statusCode(), size.body());
    assertTrue(TestServer.json(size).get("detail").asText().contains("requestId"), size.body());
    final HttpResponse<String> cancel =
        server.post("/v1/cancels", TestServer.TRADER, CANCEL.replace(":54Z", ":57Z"));
    assertEquals(409, cancel.statusCode(), cancel.body());
    assertTrue(TestServer.json(cancel).get("detail").asText().contains("not open"), cancel.body());
    assertEquals(hash, server.stateHash(), "refused conflicts change nothing");
  }

  @Test
  void anEquivalentBodyIsTheSameRequest() {
    sendEachOnce();
    final String reordered =
        "{\"price\":43001.0,\"quantity\":2,\"side\":\"buy\",\"symbol\":\"BTC-USD\","
            + "\"strategy\":\"S1\",\"account\":\"A1\",\"orderId\":\"o1\","
            + "\"ts\":\"2026-11-24T23:59:51.000Z\"}";
    final HttpResponse<String> again =
        server.post("/v1/orders/check", TestServer.TRADER, reordered);
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(Optional.of("true"), replayHeader(again));
  }

  @Test
  void aRetryAfterARestartFromTheJournalGetsTheOriginalAnswer() throws Exception {
    final List<HttpResponse<String>> first = sendEachOnce();
    restart();
    assertFalse(server.server.runtime().recovery().fromSnapshot());
    everyRetryGetsItsOriginalAnswer(first);
    assertEquals(7, nextSequence("2026-11-24T23:59:55Z"));
  }

  @Test
  void aRetryAfterARestartFromASnapshotGetsTheOriginalAnswer() throws Exception {
    final List<HttpResponse<String>> first = sendEachOnce();
    assertEquals(200, server.post("/v1/snapshots", TestServer.RISK, "").statusCode());
    restart();
    assertTrue(server.server.runtime().recovery().fromSnapshot());
    everyRetryGetsItsOriginalAnswer(first);
    assertEquals(7, nextSequence("2026-11-24T23:59:55Z"));
  }

  @Test
  void theMemoryKeepsOnlyOpenOrdersPastTheDayRoll() throws Exception {
    final List<HttpResponse<String>> first = sendEachOnce();
    nextSequence("2026-11-25T00:00:01Z");
    sameAnswer(first.get(0), server.post("/v1/orders/check", TestServer.TRADER, ORDER));
    final HttpResponse<String> fill = server.post("/v1/fills", TestServer.TRADER, FILL);
    assertEquals(400, fill.statusCode() / 100 * 100, fill.body());
    assertEquals(Optional.empty(), replayHeader(fill));
    final HttpResponse<String> order2 = server.post("/v1/orders/check", TestServer.TRADER, ORDER_2);
    assertEquals(Optional.empty(), replayHeader(order2));
    restart();
    sameAnswer(first.get(0), server.post("/v1/orders/check", TestServer.TRADER, ORDER));
    assertEquals(Optional.empty(), replayHeader(server.post("/v1/size", TestServer.TRADER, SIZE)));
  }
}
