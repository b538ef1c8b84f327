package io.riskgate.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail on a real PostgreSQL (Debian's, started by the test on loopback): every decision
 * of the examples is found by order id with all its checks; a rebuild from the journal, in place on
 * PostgreSQL and into SQLite, gives the same rows as the live trail. Without PostgreSQL the test
 * fails, naming what is missing.
 */
class AuditPostgresTest {
  private static LocalPostgres postgres;

  @TempDir Path data;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = LocalPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void everyDecisionIsFoundAndRebuildsGiveTheLiveRows() throws Exception {
    for (Path example : AuditScenario.examples()) {
      final String name =
          "audit_"
              + example
                  .getFileName()
                  .toString()
                  .replaceAll("[^A-Za-z0-9]", "_")
                  .toLowerCase(Locale.ROOT);
      final String url = postgres.createDatabase(name);
      final Path dir = data.resolve(name);
      final ServerConfig config =
          AuditScenario.config(dir, "{kind: postgresql, url: \"" + url + "\", user: riskgate}");
      final List<String> live;
      try (AuditScenario scenario = new AuditScenario(config)) {
        assertTrue(scenario.server.audit().store().description().startsWith("PostgreSQL"));
        scenario.awaitAudit(scenario.feed(example));
        AuditTrailTest.assertEveryDecisionFound(scenario, example);
        live = scenario.server.audit().store().dump();
      }
      assertEquals(
          AuditTrailTest.expected(example, "alert").size(),
          AuditTrailTest.count(live, "audit_alert"),
          example.toString());

      AuditRebuild.rebuild(config, System::getenv);
      final ServerConfig sqlite = config.withAudit(AuditSettings.sqlite());
      AuditRebuild.rebuild(sqlite, System::getenv);
      try (AuditStore again =
              AuditStore.open(config.audit(), config.dataDirectory(), System::getenv);
          AuditStore embedded =
              AuditStore.open(sqlite.audit(), sqlite.dataDirectory(), System::getenv)) {
        assertEquals(live, again.dump(), example + ": the rebuild on PostgreSQL differs");
        assertEquals(live, embedded.dump(), example + ": SQLite and PostgreSQL hold other rows");
        // The history's down-sampling query answers the same on both.
        for (HistoryQuery q :
            List.of(
                new HistoryQuery(null, null, null, HistoryQuery.DEFAULT_POINTS),
                new HistoryQuery("firm", null, null, 1))) {
          final var history = again.history(q);
          assertFalse(history.isEmpty() || history.get("firm").isEmpty(), example.toString());
          assertEquals(history, embedded.history(q), example + ": history " + q);
        }
      }
    }
  }
}
