package io.riskgate.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.riskgate.server.audit.AuditSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each {@code with…} changes its own field and keeps every other one. */
class ServerConfigTest {
  private final ServerConfig base =
      ConfigLoader.parse(
          "server: {port: 9001, maxBodyBytes: 4096}\n"
              + "journal: {dir: /tmp/rg, fsync: os}\n"
              + "engine: {timerMillis: 250}\n"
              + "instruments: [{symbol: ES, venue: CME, currency: USD, tickSize: 0.25, lotSize: 1,"
              + " multiplier: 50, assetClass: future}]\n",
          "test");

  @Test
  void aChangedFieldChangesAloneAndChangesBack() {
    final ServerConfig port = base.withPort(9002);
    assertEquals(9002, port.port());
    assertNotEquals(base, port);
    assertEquals(base, port.withPort(base.port()));

    final ServerConfig dir = base.withDataDirectory(Path.of("/tmp/other"));
    assertEquals(Path.of("/tmp/other"), dir.dataDirectory());
    assertEquals(base, dir.withDataDirectory(base.dataDirectory()));

    final ServerConfig timer = base.withTimerMillis(0);
    assertEquals(0, timer.timerMillis());
    assertEquals(base, timer.withTimerMillis(base.timerMillis()));

    final ServerConfig audit = base.withAudit(AuditSettings.none());
    assertEquals(AuditSettings.none(), audit.audit());
    assertEquals(base, audit.withAudit(base.audit()));

    final ServerConfig snapshots = base.withSnapshots(new SnapshotSettings(5, 6, 7));
    assertEquals(new SnapshotSettings(5, 6, 7), snapshots.snapshots());
    assertEquals(base, snapshots.withSnapshots(base.snapshots()));

    assertEquals(base, base.withKafka(null).withFix(null));
  }
}
