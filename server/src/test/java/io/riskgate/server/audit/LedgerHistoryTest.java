package io.riskgate.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.auth.TokenHash;
import io.riskgate.server.config.ConfigLoader;
import io.riskgate.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledgers' history ({@code GET /v1/history}): one sample per scope for each minute of engine
 * time that an event reaches, the same figures as the report at that moment, down-sampled on
 * request, kept across a restart and the same after a rebuild from the journal.
 */
class LedgerHistoryTest {
  private static final String VIEWER = "history-viewer-token";
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

  @TempDir Path data;

  private ServerConfig config(String audit) {
    return ConfigLoader.parse(
        """
        server: {host: 127.0.0.1, port: 0}
        journal: {dir: "%s"}
        engine: {timerMillis: 0}
        audit: %s
        instruments:
          - {symbol: BTC-USD, venue: X, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto}
        accounts: [{account: A1, capital: 1000000, currency: USD}]
        strategies: [{strategy: S1, account: A1, allocation: 1000000}]
        limits:
          - {scope: "account:A1", limits: {minLiquidity: null, maxPositionFraction: 0.9}}
        tokens:
          - {name: screen, role: viewer, sha256: "%s"}
        """
            .formatted(data, audit, TokenHash.sha256Hex(VIEWER)),
        "history test");
  }

  private static String at(int seconds) {
    return START.plusSeconds(seconds).toString();
  }

  private static String price(int seconds, long bid) {
    return "{\"type\":\"price\",\"ts\":\"%s\",\"symbol\":\"BTC-USD\",\"bid\":\"%d\",\"ask\":\"%d\"}"
        .formatted(at(seconds), bid, bid + 1);
  }

  /**
   * A minute of prices per step for {@code minutes} minutes after a buy of 10 and its fill: the
   * first price of each minute (at :00) and one more at :30, so two events fall in every bucket.
   */
  private static long feed(AuditScenario scenario, int minutes) throws Exception {
    scenario.submit(price(0, 43_000));
    scenario.submit(
        "{\"type\":\"order\",\"ts\":\"%s\",\"orderId\":\"o1\",\"account\":\"A1\",\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\",\"quantity\":\"10\",\"price\":\"43001\"}"
            .formatted(at(1)));
    scenario.submit(
        "{\"type\":\"fill\",\"ts\":\"%s\",\"fillId\":\"f1\",\"orderId\":\"o1\",\"quantity\":\"10\",\"price\":\"43001\"}"
            .formatted(at(2)));
    long last = 0;
    for (int m = 1; m <= minutes; m++) {
      // Up, then down: a high-water mark and a drawdown from it.
      final long bid = 43_000 + (m <= minutes / 2 ? m : minutes - m) * 100L;
      scenario.submit(price(m * 60, bid));
      last = scenario.submit(price(m * 60 + 30, bid + 7));
    }
    return last;
  }

  private static List<String> times(JsonNode series) {
    final List<String> out = new ArrayList<>();
    series.get("points").forEach(p -> out.add(p.get("ts").asText()));
    return out;
  }

  private static JsonNode series(JsonNode history, String scope) {
    for (JsonNode s : history.get("series")) {
      if (s.get("scope").asText().equals(scope)) {
        return s;
      }
    }
    throw new AssertionError("no series " + scope + " in " + history);
  }

  @Test
  void everyScopeIsSampledOncePerMinuteOfEngineTimeKeptAcrossARestartAndRebuiltTheSame()
      throws Exception {
    final int minutes = 20;
    final ServerConfig config = config("{kind: sqlite}");
    final JsonNode history;
    final List<String> live;
    try (AuditScenario scenario = new AuditScenario(config)) {
      scenario.awaitAudit(feed(scenario, minutes));
      history = scenario.getJson(VIEWER, "/v1/history");
      assertEquals(60, history.get("bucketSeconds").asInt());
      assertEquals(3, history.get("series").size(), history.toString());
      final JsonNode firm = series(history, "firm");
      // The first price (10:00:00) and the first price of each of the 20 minutes after it.
      final List<String> expected = new ArrayList<>();
      expected.add(at(0));
      for (int m = 1; m <= minutes; m++) {
        expected.add(at(m * 60));
      }
      assertEquals(expected, times(firm));
      for (String scope : List.of("account:A1", "strategy:S1")) {
        assertEquals(expected, times(series(history, scope)), scope);
      }

      // The sample at 10:00:00 is before the order: capital only, nothing exposed.
      final JsonNode first = firm.get("points").get(0);
      assertEquals("1000000", first.get("equity").asText());
      assertEquals("0", first.get("grossExposure").asText());
      // At the top (minute 10) the position of 10 is marked at 43,000 + 1,000 against 43,001.
      final JsonNode top = firm.get("points").get(10);
      assertEquals("1009990", top.get("equity").asText());
      assertTrue(Double.parseDouble(top.get("grossExposure").asText()) > 430_000, top.toString());
      assertEquals(0.0, top.get("drawdown").asDouble());
      // The last sample (minute 20, bid back at 43,000) has fallen from the mark set by minute
      // 10's second price (44,007): equity 999,990, a drawdown and a loss on the day.
      final JsonNode end = firm.get("points").get(minutes);
      assertEquals("999990", end.get("equity").asText());
      assertTrue(end.get("drawdown").asDouble() > 0, end.toString());
      assertTrue(end.get("dailyPnl").asText().startsWith("-"), end.toString());

      // Down-sampled: 5 points, each the last sample of its step, the last one the newest.
      final JsonNode five = scenario.getJson(VIEWER, "/v1/history?scope=firm&points=5");
      assertEquals(1, five.get("series").size());
      final List<String> fiveTimes = times(series(five, "firm"));
      assertTrue(fiveTimes.size() <= 5 && fiveTimes.size() >= 4, fiveTimes.toString());
      assertEquals(at(minutes * 60), fiveTimes.get(fiveTimes.size() - 1));

      // A time range: from (inclusive) to (exclusive).
      final JsonNode range =
          scenario.getJson(
              VIEWER, "/v1/history?scope=strategy:S1&from=" + at(5 * 60) + "&to=" + at(8 * 60));
      assertEquals(
          List.of(at(5 * 60), at(6 * 60), at(7 * 60)), times(series(range, "strategy:S1")));

      assertEquals(400, scenario.getPath(VIEWER, "/v1/history?scope=book&points=0").statusCode());
      assertTrue(
          scenario
              .getPath(VIEWER, "/v1/history?scope=book&points=0")
              .body()
              .contains("\\\"points\\\": a whole number"));
      live = scenario.server.audit().store().dump();
    }
    // After a restart the history is read back from the store.
    try (AuditScenario again = new AuditScenario(config)) {
      assertEquals(history, again.getJson(VIEWER, "/v1/history"));
    }
    final ServerConfig other = config.withAudit(AuditSettings.sqlite(Path.of("rebuilt.sqlite")));
    AuditRebuild.rebuild(other, System::getenv);
    try (AuditStore rebuilt =
        AuditStore.open(other.audit(), other.dataDirectory(), System::getenv)) {
      assertEquals(live, rebuilt.dump());
    }
    assertTrue(live.stream().anyMatch(l -> l.startsWith("audit_ledger_sample:")));
  }

  @Test
  void withoutAnAuditStoreTheHistoryIsUnavailable() throws Exception {
    try (AuditScenario scenario = new AuditScenario(config("{kind: none}"))) {
      assertEquals(503, scenario.getPath(VIEWER, "/v1/history").statusCode());
    }
  }
}
