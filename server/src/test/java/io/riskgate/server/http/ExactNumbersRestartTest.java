package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers with 17 significant digits, sent as JSON numbers, reach the journal and come back from it
 * digit for digit: a server restarted on the same journal (full replay, or snapshot plus replay)
 * has the state hash the live server had.
 */
class ExactNumbersRestartTest {
  /**
   * A second instrument on a 10⁻⁸ lot (and so a whole-unit tick), where a quantity can have nine
   * integer digits and eight decimals.
   */
  private static final UnaryOperator<String> FINE_INSTRUMENT =
      yaml ->
          yaml.replace(
                  "instruments:\n",
                  "instruments:\n"
                      + "  - {symbol: FINE, venue: X, currency: USD, tickSize: 1,"
                      + " lotSize: 0.00000001, assetClass: crypto}\n")
              + "snapshots: {everyEvents: 0, everySeconds: 0, retain: 3}\n";

  @TempDir Path data;

  private TestServer start() throws IOException {
    return new TestServer(data, 4096, FINE_INSTRUMENT);
  }

  private static void ok(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void seventeenDigitNumbersSurviveTheJournalAndARestart() throws IOException {
    final String live;
    final String livePositions;
    try (TestServer server = start()) {
      ok(
          server.post(
              "/v1/prices",
              TestServer.TRADER,
              "{\"ts\":\"2026-11-24T10:00:00Z\",\"symbol\":\"BTC-USD\","
                  + "\"bid\":99889692.41357375,\"ask\":99889692.41357376}"));
      ok(
          server.post(
              "/v1/events",
              TestServer.RISK,
              "{\"type\":\"transfer\",\"ts\":\"2026-11-24T10:00:01Z\",\"account\":\"A1\","
                  + "\"amount\":9876543210.1234567}"));
      ok(
          server.post(
              "/v1/prices",
              TestServer.TRADER,
              "{\"ts\":\"2026-11-24T10:00:01Z\",\"symbol\":\"FINE\",\"bid\":2,\"ask\":3}"));
      final HttpResponse<String> order =
          server.post(
              "/v1/orders/check",
              TestServer.TRADER,
              "{\"ts\":\"2026-11-24T10:00:02Z\",\"orderId\":\"o1\",\"account\":\"A1\","
                  + "\"strategy\":\"S1\",\"symbol\":\"FINE\",\"side\":\"buy\","
                  + "\"quantity\":876543210.12345678,\"price\":3}");
      ok(order);
      assertTrue(TestServer.json(order).get("approved").asBoolean(), order.body());
      ok(
          server.post(
              "/v1/fills",
              TestServer.TRADER,
              "{\"ts\":\"2026-11-24T10:00:03Z\",\"fillId\":\"f1\",\"orderId\":\"o1\","
                  + "\"quantity\":876543210.12345677,\"price\":3,\"fee\":0.12345678}"));
      livePositions = server.get("/v1/positions", TestServer.VIEWER).body();
      assertTrue(livePositions.contains("\"876543210.12345677\""), livePositions);
      live = server.stateHash();
    }
    try (TestServer replayed = start()) {
      assertEquals(live, replayed.stateHash(), "a full replay of the journal");
      assertEquals(livePositions, replayed.get("/v1/positions", TestServer.VIEWER).body());
      final JsonNode taken = TestServer.json(replayed.post("/v1/snapshots", TestServer.RISK, ""));
      assertTrue(taken.get("sequence").asLong() >= 4, taken.toString());
    }
    try (TestServer restored = start()) {
      assertTrue(restored.server.runtime().recovery().fromSnapshot());
      assertEquals(live, restored.stateHash(), "the snapshot");
    }
  }
}
