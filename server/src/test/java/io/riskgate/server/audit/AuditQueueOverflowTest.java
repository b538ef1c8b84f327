package io.riskgate.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.server.config.ServerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit writer's queue is bounded: with the store held up, records that do not fit are dropped
 * from the queue, and the writer completes them from the journal, so the trail ends complete and
 * the same as a rebuild.
 */
class AuditQueueOverflowTest {
  @TempDir Path data;

  @Test
  void recordsDroppedFromAFullQueueAreCompletedFromTheJournal() throws Exception {
    final Path example = AuditScenario.examples().get(1);
    final ServerConfig config = AuditScenario.config(data, "{kind: sqlite, queueRecords: 4}");
    final List<String> live;
    final long last;
    try (AuditScenario scenario = new AuditScenario(config)) {
      // Another connection holds SQLite's write lock while the example is fed: the writer's first
      // write waits for it (a slow store), and the queue of 4 records overflows behind it.
      try (Connection blocker =
          DriverManager.getConnection(
              "jdbc:sqlite:" + data.resolve("audit.sqlite").toAbsolutePath())) {
        blocker.setAutoCommit(false);
        try (Statement s = blocker.createStatement()) {
          s.executeUpdate("UPDATE audit_progress SET last_sequence = last_sequence WHERE id = 1");
        }
        last = scenario.feed(example);
        assertTrue(last > 10, "the example journals more records than the queue holds: " + last);
        assertTrue(
            scenario.server.audit().droppedRecords() > 0,
            "the queue should have overflowed (written "
                + scenario.server.audit().writtenSequence()
                + " of "
                + last
                + "); log:\n"
                + scenario.log);
        assertTrue(scenario.server.audit().writtenSequence() < last);
        blocker.rollback();
      }
      scenario.awaitAudit(last);
      // The gap is counted and logged once the replay that completed it returns, just after its
      // last row is counted written.
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (scenario.server.audit().completedGaps() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(scenario.server.audit().completedGaps() > 0, scenario.log.toString());
      assertTrue(
          scenario.log.toString().contains("were dropped from the writer's full queue"),
          scenario.log.toString());
      final String metrics = scenario.getPath(null, "/metrics").body();
      assertTrue(
          metrics.contains(
              "riskgate_audit_dropped_records_total "
                  + (double) scenario.server.audit().droppedRecords()),
          metrics);
      assertTrue(metrics.contains("riskgate_audit_written_sequence " + (double) last), metrics);
      assertTrue(metrics.contains("riskgate_audit_queue_records 0.0"), metrics);
      AuditTrailTest.assertEveryDecisionFound(scenario, example);
      live = scenario.server.audit().store().dump();
    }
    assertEquals("audit_progress: id=1 | last_sequence=" + last, live.get(live.size() - 1));
    final ServerConfig other = config.withAudit(AuditSettings.sqlite(Path.of("rebuilt.sqlite")));
    AuditRebuild.rebuild(other, System::getenv);
    try (AuditStore rebuilt =
        AuditStore.open(other.audit(), other.dataDirectory(), System::getenv)) {
      assertEquals(live, rebuilt.dump(), "the trail after the overflow differs from a rebuild");
    }
  }
}
