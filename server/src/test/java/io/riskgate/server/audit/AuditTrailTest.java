package io.riskgate.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.config.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail on the embedded SQLite store: every decision of every example is found by its
 * order id with all its checks as the engine gave them, every alert and state change is recorded, a
 * rebuild from the journal gives the same rows, and a trail left behind the journal is completed at
 * the next start.
 */
class AuditTrailTest {
  @TempDir Path data;

  /** The expected outputs of an example, by type. */
  static List<JsonNode> expected(Path example, String type) throws Exception {
    final Path file =
        example.resolveSibling(
            example.getFileName().toString().replace(".jsonl", ".expected.jsonl"));
    final List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        final JsonNode node = AuditScenario.JSON.readTree(line);
        if (node.path("type").asText().equals(type)) {
          out.add(node);
        }
      }
    }
    return out;
  }

  /**
   * Every expected decision of {@code example} is found by its order id in the trail, in order,
   * with the same approval, rejection and checks (code, passed, value, limit, scope, reason).
   */
  static void assertEveryDecisionFound(AuditScenario scenario, Path example) throws Exception {
    final Map<String, List<JsonNode>> byOrder = new LinkedHashMap<>();
    for (JsonNode d : expected(example, "decision")) {
      byOrder.computeIfAbsent(d.get("orderId").asText(), k -> new ArrayList<>()).add(d);
    }
    assertFalse(byOrder.isEmpty(), example + " has no decisions");
    for (Map.Entry<String, List<JsonNode>> e : byOrder.entrySet()) {
      final List<JsonNode> found = scenario.decisionsOf(e.getKey());
      assertEquals(e.getValue().size(), found.size(), example + " order " + e.getKey());
      for (int i = 0; i < found.size(); i++) {
        final JsonNode want = e.getValue().get(i);
        final JsonNode got = found.get(i);
        final String what = example.getFileName() + " order " + e.getKey() + " #" + i;
        assertEquals(want.get("ts").asText(), got.get("ts").asText(), what);
        assertEquals(want.get("approved").asBoolean(), got.get("approved").asBoolean(), what);
        assertEquals(
            want.path("riskReducing").asBoolean(), got.get("riskReducing").asBoolean(), what);
        assertEquals(
            want.hasNonNull("rejectedBy") ? want.get("rejectedBy").asText() : null,
            got.get("rejectedBy").isNull() ? null : got.get("rejectedBy").asText(),
            what);
        assertEquals(want.get("checks").size(), got.get("checks").size(), what);
        for (int c = 0; c < want.get("checks").size(); c++) {
          final JsonNode wc = want.get("checks").get(c);
          final JsonNode gc = got.get("checks").get(c);
          final String check = what + " check " + c + " " + wc;
          assertEquals(wc.get("code").asText(), gc.get("code").asText(), check);
          assertEquals(wc.get("passed").asBoolean(), gc.get("passed").asBoolean(), check);
          assertEquals(number(wc.get("value")), number(gc.get("value")), check);
          assertEquals(number(wc.get("limit")), number(gc.get("limit")), check);
          assertEquals(text(wc.get("scope")), text(gc.get("scope")), check);
          assertEquals(text(wc.get("reason")), text(gc.get("reason")), check);
        }
      }
    }
  }

  private static Double number(JsonNode n) {
    return n == null || n.isNull() ? null : n.asDouble();
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  static long count(List<String> dump, String table) {
    return dump.stream().filter(l -> l.startsWith(table + ":")).count();
  }

  @Test
  void everyDecisionOfTheExamplesIsFoundByOrderIdWithAllItsChecksAndARebuildGivesTheSameRows()
      throws Exception {
    for (Path example : AuditScenario.examples()) {
      final Path dir = data.resolve(example.getFileName().toString());
      final ServerConfig config = AuditScenario.config(dir, "{kind: sqlite}");
      final List<String> live;
      try (AuditScenario scenario = new AuditScenario(config)) {
        scenario.awaitAudit(scenario.feed(example));
        assertEveryDecisionFound(scenario, example);
        live = scenario.server.audit().store().dump();
      }
      assertEquals(
          expected(example, "alert").size(), count(live, "audit_alert"), example + "\n" + live);
      assertEquals(
          expected(example, "state").size(), count(live, "audit_state_change"), example.toString());
      assertTrue(Files.exists(dir.resolve("audit.sqlite")), "the store is in the data directory");

      final ServerConfig other = config.withAudit(AuditSettings.sqlite(Path.of("rebuilt.sqlite")));
      final AuditRebuild.Result result = AuditRebuild.rebuild(other, System::getenv);
      assertEquals(expected(example, "decision").size(), result.decisions(), example.toString());
      try (AuditStore rebuilt =
          AuditStore.open(other.audit(), other.dataDirectory(), System::getenv)) {
        assertEquals(live, rebuilt.dump(), example + ": the rebuild differs from the live trail");
      }
      // Rebuilding the live store in place gives it the same rows again.
      AuditRebuild.rebuild(config, System::getenv);
      try (AuditStore again =
          AuditStore.open(config.audit(), config.dataDirectory(), System::getenv)) {
        assertEquals(live, again.dump(), example + ": a rebuild in place");
      }
    }
  }

  @Test
  void limitChangesAreRecordedWithWhoChangedThem() throws Exception {
    final Path example = AuditScenario.examples().get(0);
    try (AuditScenario scenario = new AuditScenario(AuditScenario.config(data, "{kind: sqlite}"))) {
      scenario.awaitAudit(scenario.feed(example));
      final List<String> limits =
          scenario.server.audit().store().dump().stream()
              .filter(l -> l.startsWith("audit_limit_change:"))
              .toList();
      final long inFile =
          Files.readAllLines(example).stream()
              .filter(l -> l.contains("\"type\":\"limits\""))
              .count();
      assertEquals(inFile, limits.size(), limits.toString());
      assertTrue(limits.get(0).contains("by_name=risk-officer"), limits.get(0));
      assertTrue(limits.get(0).contains("caller=replay"), limits.get(0));
    }
  }

  @Test
  void aTrailLeftBehindTheJournalIsCompletedAtTheNextStart() throws Exception {
    final Path example = AuditScenario.examples().get(1);
    final ServerConfig config = AuditScenario.config(data, "{kind: sqlite}");
    final List<String> live;
    final long last;
    try (AuditScenario scenario = new AuditScenario(config)) {
      last = scenario.feed(example);
      scenario.awaitAudit(last);
      live = scenario.server.audit().store().dump();
    }
    // The store loses everything (a new file): the next start replays the journal into it.
    Files.delete(data.resolve("audit.sqlite"));
    Files.deleteIfExists(data.resolve("audit.sqlite-wal"));
    Files.deleteIfExists(data.resolve("audit.sqlite-shm"));
    try (AuditScenario again = new AuditScenario(config)) {
      again.awaitAudit(last);
      assertEquals(live, again.server.audit().store().dump());
      // The line is printed once the replay returns, just after its last row is counted written.
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!again.log.toString().contains("audit trail completed from the journal")
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(
          again.log.toString().contains("audit trail completed from the journal"),
          again.log.toString());
    }
  }

  @Test
  void aStoreAheadOfTheJournalStopsTheStart() throws Exception {
    final Path example = AuditScenario.examples().get(0);
    final Path first = data.resolve("first");
    try (AuditScenario scenario =
        new AuditScenario(AuditScenario.config(first, "{kind: sqlite}"))) {
      scenario.awaitAudit(scenario.feed(example));
    }
    final Path store = first.resolve("audit.sqlite").toAbsolutePath();
    final ServerConfig fresh =
        AuditScenario.config(data.resolve("second"), "{kind: sqlite, file: \"" + store + "\"}");
    final IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new AuditScenario(fresh).close());
    assertTrue(e.getMessage().contains("belongs to another journal"), e.getMessage());
  }

  @Test
  void decisionsAreFilteredPagedAndRefusedClearly() throws Exception {
    final Path example = AuditScenario.examples().get(0);
    try (AuditScenario scenario = new AuditScenario(AuditScenario.config(data, "{kind: sqlite}"))) {
      scenario.awaitAudit(scenario.feed(example));
      final int all = expected(example, "decision").size();
      final JsonNode everything = scenario.decisions(AuditScenario.VIEWER, "limit=1000");
      assertEquals(all, everything.get("decisions").size());
      assertTrue(everything.get("nextCursor").isNull());
      final JsonNode first = everything.get("decisions").get(0);
      assertEquals("A1", first.get("account").asText());
      assertEquals("replay", first.get("by").asText());
      assertTrue(first.get("sequence").asLong() > 0);

      // Pages of 3 cover the same decisions in the same order.
      final List<String> paged = new ArrayList<>();
      String cursor = null;
      do {
        final JsonNode page =
            scenario.decisions(
                AuditScenario.VIEWER, "limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
        assertTrue(page.get("decisions").size() <= 3);
        page.get("decisions").forEach(d -> paged.add(d.get("sequence") + "/" + d.get("orderId")));
        cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      } while (cursor != null);
      final List<String> whole = new ArrayList<>();
      everything
          .get("decisions")
          .forEach(d -> whole.add(d.get("sequence") + "/" + d.get("orderId")));
      assertEquals(whole, paged);

      final JsonNode rejected =
          scenario.decisions(AuditScenario.VIEWER, "approved=false&limit=1000");
      final long rejectedExpected =
          expected(example, "decision").stream()
              .filter(d -> !d.get("approved").asBoolean())
              .count();
      assertEquals(rejectedExpected, rejected.get("decisions").size());

      final JsonNode byCode = scenario.decisions(AuditScenario.VIEWER, "code=POSITION_LIMIT");
      assertFalse(byCode.get("decisions").isEmpty());
      for (JsonNode d : byCode.get("decisions")) {
        boolean failed = false;
        for (JsonNode c : d.get("checks")) {
          failed |= c.get("code").asText().equals("POSITION_LIMIT") && !c.get("passed").asBoolean();
        }
        assertTrue(failed, d.toString());
      }

      final String firstTs = first.get("ts").asText();
      final JsonNode before = scenario.decisions(AuditScenario.VIEWER, "to=" + firstTs);
      assertEquals(0, before.get("decisions").size());
      final JsonNode from =
          scenario.decisions(AuditScenario.VIEWER, "from=" + firstTs + "&strategy=momentum");
      assertEquals(all, from.get("decisions").size());
      assertEquals(
          0, scenario.decisions(AuditScenario.VIEWER, "account=NOPE").get("decisions").size());

      // A trader sees only the strategies it trades for.
      assertEquals(0, scenario.decisions(AuditScenario.TRADER_S9, "").get("decisions").size());

      final HttpResponse<String> bad =
          scenario.get(AuditScenario.VIEWER, "limit=0&from=yesterday&colour=red&cursor=x");
      assertEquals(400, bad.statusCode(), bad.body());
      final String detail = AuditScenario.JSON.readTree(bad.body()).get("detail").asText();
      assertTrue(detail.contains("\"limit\""), detail);
      assertTrue(detail.contains("\"from\""), detail);
      assertTrue(detail.contains("colour"), detail);
      assertTrue(detail.contains("\"cursor\""), detail);
      assertEquals(401, scenario.get("wrong-token", "").statusCode());
    }
  }

  @Test
  void withoutAStoreTheRouteAnswers503AndNothingIsWritten() throws Exception {
    try (AuditScenario scenario = new AuditScenario(AuditScenario.config(data, "{kind: none}"))) {
      scenario.feed(AuditScenario.examples().get(0));
      final HttpResponse<String> r = scenario.get(AuditScenario.VIEWER, "");
      assertEquals(503, r.statusCode(), r.body());
      assertTrue(r.body().contains("kind: none"), r.body());
    }
    assertFalse(Files.exists(data.resolve("audit.sqlite")));
  }

  @Test
  void thePasswordComesFromTheEnvironmentVariableNamed() {
    final AuditSettings pg =
        AuditSettings.postgresql("jdbc:postgresql://127.0.0.1:5432/x", "u", "AUDIT_PW");
    assertEquals("secret", pg.password(name -> name.equals("AUDIT_PW") ? "secret" : null));
    final IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> pg.password(name -> null));
    assertTrue(e.getMessage().contains("AUDIT_PW"), e.getMessage());
    assertNotEquals(null, AuditSettings.postgresql("jdbc:postgresql://h/x", "u", null));
  }
}
