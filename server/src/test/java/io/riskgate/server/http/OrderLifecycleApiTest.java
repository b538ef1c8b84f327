package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order lifecycle over HTTP: {@code POST /v1/orders/amend} answered by a decision and retried
 * idempotently, venue reports through {@code /v1/events}, cancel-all for the risk role, and a
 * restart that replays them all to the same state.
 */
class OrderLifecycleApiTest {
  @TempDir Path data;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(data);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static String amend(String ts, String orderId, String fields) {
    return "{\"ts\":\"2026-11-24T" + ts + "Z\",\"orderId\":\"" + orderId + "\"" + fields + "}";
  }

  @Test
  void amendIsAnsweredByADecisionRetriedIdempotentlyAndReplayedAfterARestart() throws Exception {
    assertEquals(
        200,
        server
            .post(
                "/v1/prices",
                TestServer.TRADER,
                "{\"ts\":\"2026-11-24T10:00:00Z\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\","
                    + "\"ask\":\"43001\"}")
            .statusCode());
    final HttpResponse<String> order =
        server.post(
            "/v1/orders/check",
            TestServer.TRADER,
            "{\"ts\":\"2026-11-24T10:00:01Z\",\"orderId\":\"o1\",\"account\":\"A1\","
                + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\",\"quantity\":\"2\","
                + "\"price\":\"43001\",\"timeInForce\":\"day\"}");
    assertTrue(TestServer.json(order).get("approved").asBoolean(), order.body());

    // 12 × 43,001 = 516,012 is beyond half the account's 1,000,000.
    final String tooBig = amend("10:00:02", "o1", ",\"quantity\":\"12\"");
    final HttpResponse<String> rejected =
        server.post("/v1/orders/amend", TestServer.TRADER, tooBig);
    assertEquals(200, rejected.statusCode(), rejected.body());
    final JsonNode decision = TestServer.json(rejected);
    assertEquals("decision", decision.get("type").asText());
    assertTrue(decision.get("amend").asBoolean());
    assertFalse(decision.get("approved").asBoolean());
    assertEquals("POSITION_LIMIT", decision.get("rejectedBy").asText());
    final HttpResponse<String> again = server.post("/v1/orders/amend", TestServer.TRADER, tooBig);
    assertEquals(rejected.body(), again.body());
    assertEquals(Optional.of("true"), again.headers().firstValue("Idempotent-Replay"));

    final HttpResponse<String> approved =
        server.post(
            "/v1/orders/amend", TestServer.TRADER, amend("10:00:03", "o1", ",\"quantity\":\"10\""));
    assertTrue(TestServer.json(approved).get("approved").asBoolean(), approved.body());

    assertEquals(
        404,
        server
            .post("/v1/orders/amend", TestServer.TRADER, amend("10:00:04", "nope", ",\"price\":1"))
            .statusCode());
    assertEquals(
        403,
        server
            .post(
                "/v1/orders/amend",
                TestServer.TRADER_S2,
                amend("10:00:04", "o1", ",\"quantity\":\"1\""))
            .statusCode());
    final HttpResponse<String> noChange =
        server.post("/v1/orders/amend", TestServer.TRADER, amend("10:00:04", "o1", ""));
    assertEquals(400, noChange.statusCode(), noChange.body());
    assertTrue(noChange.body().contains("a new quantity, a new price or both"), noChange.body());

    final String cancelAll = "{\"ts\":\"2026-11-24T10:00:05Z\",\"scope\":\"strategy:S1\"}";
    assertEquals(
        403, server.post("/v1/orders/cancel-all", TestServer.TRADER, cancelAll).statusCode());
    final HttpResponse<String> cancels =
        server.post("/v1/orders/cancel-all", TestServer.RISK, cancelAll);
    assertEquals(200, cancels.statusCode(), cancels.body());
    final JsonNode action = TestServer.json(cancels).get("outputs").get(0);
    assertEquals("action", action.get("type").asText(), cancels.body());
    assertEquals("cancel", action.get("action").asText());
    assertEquals("o1", action.get("orderId").asText());

    final HttpResponse<String> venueReject =
        server.post(
            "/v1/events",
            TestServer.TRADER,
            "{\"type\":\"orderRejected\",\"ts\":\"2026-11-24T10:00:06Z\",\"orderId\":\"o1\","
                + "\"reason\":\"venue: price band\"}");
    assertEquals(200, venueReject.statusCode(), venueReject.body());
    assertEquals(
        409,
        server
            .post("/v1/orders/amend", TestServer.TRADER, amend("10:00:07", "o1", ",\"price\":1"))
            .statusCode());

    final String hash = server.stateHash();
    server.close();
    server = new TestServer(data);
    assertEquals(hash, server.stateHash(), "the journal replays to the same state");
  }
}
