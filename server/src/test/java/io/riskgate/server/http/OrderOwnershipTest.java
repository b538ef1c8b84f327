package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trader's fills and cancels are authorized by the strategy of the order the engine holds open
 * under that id now, not by whichever strategy used the id first: the engine forgets closed order
 * ids at the trading-day roll, and another strategy may then use the same id.
 */
class OrderOwnershipTest {
  private static final UnaryOperator<String> ON_DEMAND =
      yaml -> yaml + "snapshots: {everyEvents: 0, everySeconds: 0, retain: 3}\n";

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

  private static String price(String ts) {
    return "{\"ts\":\"" + ts + "\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\",\"ask\":\"43001\"}";
  }

  private static String order(String ts, String strategy) {
    return "{\"ts\":\""
        + ts
        + "\",\"orderId\":\"o1\",\"account\":\"A1\",\"strategy\":\""
        + strategy
        + "\",\"symbol\":\"BTC-USD\",\"side\":\"buy\",\"quantity\":\"2\",\"price\":\"43001\"}";
  }

  private static String fill(String ts, String fillId) {
    return "{\"ts\":\""
        + ts
        + "\",\"fillId\":\""
        + fillId
        + "\",\"orderId\":\"o1\",\"quantity\":\"1\",\"price\":\"43001\"}";
  }

  private static String cancel(String ts) {
    return "{\"ts\":\"" + ts + "\",\"orderId\":\"o1\"}";
  }

  private void approved(String token, String body) {
    final HttpResponse<String> r = server.post("/v1/orders/check", token, body);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(TestServer.json(r).get("approved").asBoolean(), r.body());
  }

  private static void status(int expected, HttpResponse<String> r) {
    assertEquals(expected, r.statusCode(), r.body());
  }

  /** Day one: S1 uses o1 and closes it; day two: S2 uses o1 (the engine forgot it). */
  private void reuseTheIdTheNextDay() {
    assertEquals(
        200,
        server.post("/v1/prices", TestServer.TRADER, price("2026-11-24T23:59:50Z")).statusCode());
    approved(TestServer.TRADER, order("2026-11-24T23:59:51Z", "S1"));
    status(200, server.post("/v1/fills", TestServer.TRADER, fill("2026-11-24T23:59:52Z", "f1")));
    status(200, server.post("/v1/cancels", TestServer.TRADER, cancel("2026-11-24T23:59:53Z")));
    status(200, server.post("/v1/prices", TestServer.TRADER_S2, price("2026-11-25T00:00:00Z")));
    approved(TestServer.TRADER_S2, order("2026-11-25T00:00:01Z", "S2"));
  }

  private void onlyTheOwnerOfTodaysOrderMayActOnIt() {
    final HttpResponse<String> wrongFill =
        server.post("/v1/fills", TestServer.TRADER, fill("2026-11-25T00:00:02Z", "f2"));
    status(403, wrongFill);
    assertTrue(wrongFill.body().contains("S2"), wrongFill.body());
    status(403, server.post("/v1/cancels", TestServer.TRADER, cancel("2026-11-25T00:00:02Z")));
    status(200, server.post("/v1/fills", TestServer.TRADER_S2, fill("2026-11-25T00:00:03Z", "f3")));
    status(200, server.post("/v1/cancels", TestServer.TRADER_S2, cancel("2026-11-25T00:00:04Z")));
  }

  @Test
  void theStrategyOfTodaysOrderDecidesWhoMayFillAndCancelIt() {
    reuseTheIdTheNextDay();
    onlyTheOwnerOfTodaysOrderMayActOnIt();
  }

  @Test
  void theOwnershipIsTheSameAfterARestartFromTheJournal() throws Exception {
    reuseTheIdTheNextDay();
    server.close();
    server = new TestServer(data, 4096, ON_DEMAND);
    onlyTheOwnerOfTodaysOrderMayActOnIt();
  }

  @Test
  void theOwnershipIsTheSameAfterARestartFromASnapshot() throws Exception {
    reuseTheIdTheNextDay();
    status(200, server.post("/v1/snapshots", TestServer.RISK, ""));
    server.close();
    server = new TestServer(data, 4096, ON_DEMAND);
    assertTrue(server.server.runtime().recovery().fromSnapshot());
    onlyTheOwnerOfTodaysOrderMayActOnIt();
  }

  @Test
  void anIdThatWasNeverUsedIsUnknownAndAClosedOneIsNotOpen() {
    status(404, server.post("/v1/fills", TestServer.TRADER, fill("2026-11-24T23:59:52Z", "f1")));
    reuseTheIdTheNextDay();
    status(200, server.post("/v1/cancels", TestServer.TRADER_S2, cancel("2026-11-25T00:00:04Z")));
    status(409, server.post("/v1/cancels", TestServer.TRADER_S2, cancel("2026-11-25T00:00:05Z")));
    status(409, server.post("/v1/cancels", TestServer.TRADER, cancel("2026-11-25T00:00:05Z")));
  }
}
