package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.config.ServerConfig;
import io.riskgate.server.journal.Journal;
import io.riskgate.server.journal.JournalConfig;
import io.riskgate.server.journal.JournalReader;
import io.riskgate.server.runtime.JournalEntry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own clock: with no event from any client, its journaled timers make a held
 * instrument's price stale (the alert), and a risk-increasing order is then rejected {@code
 * STALE_PRICE}; a replay of the journal, timers included, gives the same state.
 */
class ServerClockTest {
  @TempDir Path data;

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String order(String id, String side) {
    return ("{\"ts\":\"%s\",\"orderId\":\"%s\",\"account\":\"A1\",\"strategy\":\"S1\","
            + "\"symbol\":\"BTC-USD\",\"side\":\"%s\",\"quantity\":\"1\",\"price\":\"43001\"}")
        .formatted(now(), id, side);
  }

  /** The test configuration with a 50 ms clock and prices stale after a second. */
  private static String clocked(String yaml) {
    return yaml.replace("engine: {timerMillis: 0}", "engine: {timerMillis: 50}")
        .replace("limits:\n", "limits:\n  - {scope: \"firm\", limits: {maxPriceAgeSeconds: 1}}\n");
  }

  @Test
  void timersOfTheServerMakeAnUnfedPriceStaleAndBlockRiskIncreasingOrders() throws Exception {
    final List<String> outputs = new CopyOnWriteArrayList<>();
    final ServerConfig config;
    final String lastClientTs;
    final String alertTs;
    try (TestServer server = new TestServer(data, 4096, ServerClockTest::clocked)) {
      config = server.server.config();
      assertEquals(50, config.timerMillis());
      server.server.runtime().subscribe(outputs::add);
      final String price =
          "{\"ts\":\"%s\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\",\"ask\":\"43001\"}"
              .formatted(now());
      final HttpResponse<String> priced = server.post("/v1/prices", TestServer.RISK, price);
      assertEquals(200, priced.statusCode(), priced.body());
      final HttpResponse<String> bought =
          server.post("/v1/orders/check", TestServer.TRADER, order("o1", "buy"));
      assertTrue(TestServer.json(bought).get("approved").asBoolean(), bought.body());
      lastClientTs = now();
      final String fill =
          "{\"ts\":\"%s\",\"fillId\":\"f1\",\"orderId\":\"o1\",\"quantity\":\"1\",\"price\":\"43001\"}"
              .formatted(lastClientTs);
      assertEquals(200, server.post("/v1/fills", TestServer.TRADER, fill).statusCode());

      // No more prices: only the server's clock moves time now.
      final JsonNode alert = awaitStaleAlert(outputs);
      assertEquals("instrument:BTC-USD", alert.get("scope").asText());
      assertTrue(alert.get("value").asDouble() > 1.0, alert.toString());
      assertEquals(1.0, alert.get("threshold").asDouble());
      alertTs = alert.get("ts").asText();
      assertTrue(
          Instant.parse(alertTs).isAfter(Instant.parse(lastClientTs)),
          "raised after the client's last event: " + alert);

      final HttpResponse<String> blocked =
          server.post("/v1/orders/check", TestServer.TRADER, order("o2", "buy"));
      final JsonNode decision = TestServer.json(blocked);
      assertFalse(decision.get("approved").asBoolean(), blocked.body());
      final JsonNode stale = check(decision, "STALE_PRICE");
      assertFalse(stale.get("passed").asBoolean(), blocked.body());
      assertTrue(stale.get("value").asDouble() > 1.0, blocked.body());
      assertEquals(1.0, stale.get("limit").asDouble());
      final HttpResponse<String> reducing =
          server.post("/v1/orders/check", TestServer.TRADER, order("o3", "sell"));
      assertTrue(TestServer.json(reducing).get("approved").asBoolean(), reducing.body());

      final JsonNode instruments =
          TestServer.json(server.get("/v1/instruments", TestServer.VIEWER));
      final JsonNode btc = instruments.get("instruments").get(0);
      assertEquals("BTC-USD", btc.get("symbol").asText());
      assertEquals("24x7", btc.get("session").asText());
      assertTrue(btc.get("stale").asBoolean(), instruments.toString());
    }

    // The journal holds the clock's timers; replaying it gives the state a restart recovers.
    final List<Event> journaled = new ArrayList<>();
    int timers = 0;
    boolean alertTimer = false;
    try (Journal journal =
            Journal.open(
                JournalConfig.defaults(config.journalDirectory())
                    .withMaxPayloadBytes(config.maxJournalPayloadBytes()));
        JournalReader reader = journal.reader(journal.firstSequence())) {
      while (reader.next()) {
        final JournalEntry entry = JournalEntry.decode(reader.payload());
        final Event event = EventCodec.parse(entry.event());
        journaled.add(event);
        if (event instanceof Event.Timer) {
          assertEquals("clock", entry.by());
          timers++;
          alertTimer |= EventCodec.formatTime(event.timestampNanos()).equals(alertTs);
        }
      }
    }
    assertTrue(timers >= 10, "timers journaled: " + timers);
    assertTrue(alertTimer, "the alert came from a timer of the clock at " + alertTs);
    final RiskEngine replayed = new RiskEngine(config.engine(), OutputSink.NONE);
    for (Event event : config.referenceData()) {
      replayed.apply(event);
    }
    for (Event event : journaled) {
      replayed.apply(event);
    }
    try (TestServer restarted =
        new TestServer(
            data, 4096, yaml -> clocked(yaml).replace("timerMillis: 50", "timerMillis: 0"))) {
      assertEquals(Long.toHexString(replayed.stateHash()), restarted.stateHash());
    }
  }

  @Test
  void theClockSkipsWhileAClientsEventIsAheadOfItAndNeverGoesBack() throws Exception {
    final ServerConfig config;
    final Instant ahead = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
    try (TestServer server = new TestServer(data, 4096, ServerClockTest::clocked)) {
      config = server.server.config();
      Thread.sleep(1200);
      final String price =
          "{\"ts\":\"%s\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\",\"ask\":\"43001\"}";
      assertEquals(
          200, server.post("/v1/prices", TestServer.RISK, price.formatted(ahead)).statusCode());
      Thread.sleep(500);
      final HttpResponse<String> later =
          server.post("/v1/prices", TestServer.RISK, price.formatted(ahead.plusSeconds(1)));
      assertEquals(200, later.statusCode(), "no timer overtook the client: " + later.body());
      final String log = server.log.toString(java.nio.charset.StandardCharsets.UTF_8);
      assertFalse(log.contains("timer was refused"), "skipped, not refused by the engine: " + log);
    }
    long previous = Long.MIN_VALUE;
    int timersBefore = 0;
    int timersAfter = 0;
    try (Journal journal =
            Journal.open(
                JournalConfig.defaults(config.journalDirectory())
                    .withMaxPayloadBytes(config.maxJournalPayloadBytes()));
        JournalReader reader = journal.reader(journal.firstSequence())) {
      boolean seenAhead = false;
      while (reader.next()) {
        final Event event = EventCodec.parse(JournalEntry.decode(reader.payload()).event());
        assertTrue(event.timestampNanos() >= previous, "time never goes back: " + event);
        previous = event.timestampNanos();
        if (event instanceof Event.Price) {
          seenAhead = true;
        } else if (event instanceof Event.Timer) {
          if (seenAhead) {
            timersAfter++;
          } else {
            timersBefore++;
          }
        }
      }
    }
    assertTrue(timersBefore > 0, "the clock ticked before the client's event");
    assertEquals(0, timersAfter, "and skipped every tick while the client's time was ahead");
  }

  @Test
  void withoutAClockTimeMovesOnlyWithTheClientsEvents() throws Exception {
    try (TestServer server = new TestServer(data)) {
      assertEquals(0, server.server.config().timerMillis());
      Thread.sleep(300);
      final JsonNode report = TestServer.json(server.get("/v1/report", TestServer.VIEWER));
      assertFalse(report.has("ts"), "no event, no time: " + report);
    }
  }

  private static JsonNode awaitStaleAlert(List<String> outputs) throws IOException {
    final long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (String output : outputs) {
        final JsonNode o = TestServer.JSON.readTree(output);
        if (o.path("type").asText().equals("alert")
            && o.path("code").asText().equals("STALE_PRICE")
            && o.path("raised").asBoolean()) {
          return o;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no STALE_PRICE alert from the server's timers in " + outputs);
  }

  private static JsonNode check(JsonNode decision, String code) {
    for (JsonNode c : decision.get("checks")) {
      if (c.get("code").asText().equals(code)) {
        return c;
      }
    }
    throw new AssertionError("no " + code + " check in " + decision);
  }
}
