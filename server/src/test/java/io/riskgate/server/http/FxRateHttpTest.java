package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rates through the HTTP API: posted as events, refused whole when malformed, journaled, replayed
 * on a restart to the same state, and shown per currency in the report and the dashboard's data.
 */
class FxRateHttpTest {
  @TempDir Path data;

  private static String rate(String ts, String bid, String ask) {
    return "{\"type\":\"fxRate\",\"ts\":\""
        + ts
        + "\",\"pair\":\"EUR/USD\",\"bid\":\""
        + bid
        + "\",\"ask\":\""
        + ask
        + "\"}";
  }

  private static String order(String ts, String id) {
    return "{\"ts\":\""
        + ts
        + "\",\"orderId\":\""
        + id
        + "\",\"account\":\"A1\",\"strategy\":\"S1\",\"symbol\":\"SAP\",\"side\":\"buy\","
        + "\"quantity\":\"10\",\"price\":\"100.02\"}";
  }

  @Test
  void ratesArePostedJournaledReplayedAndReportedPerCurrency() throws Exception {
    final String hash;
    try (TestServer server = new TestServer(data)) {
      assertEquals(
          200,
          server
              .post(
                  "/v1/events",
                  TestServer.RISK,
                  "{\"type\":\"instrument\",\"symbol\":\"SAP\",\"venue\":\"X\",\"currency\":\"EUR\","
                      + "\"tickSize\":\"0.01\",\"lotSize\":1,\"assetClass\":\"equity\"}")
              .statusCode());
      assertEquals(
          200,
          server
              .post(
                  "/v1/prices",
                  TestServer.TRADER,
                  "{\"ts\":\"2026-01-02T10:00:00Z\",\"symbol\":\"SAP\",\"bid\":\"100\","
                      + "\"ask\":\"100.02\"}")
              .statusCode());
      final HttpResponse<String> noRate =
          server.post("/v1/orders/check", TestServer.TRADER, order("2026-01-02T10:00:01Z", "o1"));
      assertEquals(200, noRate.statusCode(), noRate.body());
      assertFalse(TestServer.json(noRate).get("approved").asBoolean());
      assertEquals("NO_FX_RATE", TestServer.json(noRate).get("rejectedBy").asText());
      assertTrue(noRate.body().contains("EUR/USD"), noRate.body());

      final HttpResponse<String> bad =
          server.post("/v1/events", TestServer.TRADER, rate("2026-01-02T10:00:02Z", "1.1", "1.09"));
      assertEquals(400, bad.statusCode(), bad.body());
      assertTrue(bad.body().contains("below bid"), bad.body());
      assertEquals(
          400,
          server
              .post(
                  "/v1/events",
                  TestServer.TRADER,
                  "{\"type\":\"fxRate\",\"ts\":\"2026-01-02T10:00:02Z\",\"pair\":\"EURUSD\","
                      + "\"bid\":1,\"ask\":1}")
              .statusCode());
      assertEquals(
          403,
          server
              .post("/v1/events", TestServer.VIEWER, rate("2026-01-02T10:00:02Z", "1.1", "1.1"))
              .statusCode());
      final HttpResponse<String> good =
          server.post(
              "/v1/events", TestServer.TRADER, rate("2026-01-02T10:00:02Z", "1.1", "1.1002"));
      assertEquals(200, good.statusCode(), good.body());
      // Out of order: refused like any event.
      assertEquals(
          400,
          server
              .post("/v1/events", TestServer.TRADER, rate("2026-01-02T09:00:00Z", "1.1", "1.1"))
              .statusCode());

      final HttpResponse<String> approved =
          server.post("/v1/orders/check", TestServer.TRADER, order("2026-01-02T10:00:03Z", "o2"));
      assertTrue(TestServer.json(approved).get("approved").asBoolean(), approved.body());
      assertEquals(
          200,
          server
              .post(
                  "/v1/fills",
                  TestServer.TRADER,
                  "{\"ts\":\"2026-01-02T10:00:04Z\",\"fillId\":\"f1\",\"orderId\":\"o2\","
                      + "\"quantity\":\"10\",\"price\":\"100.02\"}")
              .statusCode());
      final JsonNode report = TestServer.json(server.get("/v1/report", TestServer.VIEWER));
      boolean euro = false;
      for (JsonNode row : report.get("risk").get("currencies")) {
        if (row.get("scope").asText().equals("account:A1")
            && row.get("currency").asText().equals("EUR")) {
          euro = true;
          assertEquals(-1000.2, row.get("cash").asDouble(), 1e-9);
          assertEquals(1000.0, row.get("positions").asDouble(), 1e-9);
          assertEquals(-0.22, row.get("netInAccountCurrency").asDouble(), 1e-9);
        }
      }
      assertTrue(euro, report.toString());
      hash = server.stateHash();
    }
    try (TestServer again = new TestServer(data)) {
      assertEquals(hash, again.stateHash());
    }
  }
}
