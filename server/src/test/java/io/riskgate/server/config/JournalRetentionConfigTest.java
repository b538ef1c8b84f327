package io.riskgate.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.server.journal.JournalRetention;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JournalRetentionConfigTest {

  private static ConfigException refused(String yaml) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "test"));
  }

  @Test
  void everySegmentIsRetainedByDefault() {
    assertEquals(JournalRetention.ALL, ConfigLoader.defaults(Path.of("data")).journalRetention());
    assertEquals(
        JournalRetention.ALL, ConfigLoader.parse("server: {port: 1}", "test").journalRetention());
    assertEquals(
        JournalRetention.ALL,
        ConfigLoader.parse("journal: {retain: all}", "test").journalRetention());
  }

  @Test
  void afterSnapshotsDeletesOrArchives() {
    assertEquals(
        JournalRetention.deleteAfterSnapshots(),
        ConfigLoader.parse("journal: {retain: afterSnapshots}", "test").journalRetention());
    assertEquals(
        JournalRetention.archiveAfterSnapshots(Path.of("/mnt/cold/riskgate")),
        ConfigLoader.parse(
                "journal: {dir: /var/lib/rg, retain: afterSnapshots, archiveDir: /mnt/cold/riskgate}",
                "test")
            .journalRetention());
  }

  @Test
  void anUnknownRetentionIsRefusedWithTheChoices() {
    final String m = refused("journal: {retain: snapshots}").getMessage();
    assertTrue(m.contains("journal.retain must be all or afterSnapshots, got \"snapshots\""), m);
    final String number = refused("journal: {retain: 3}").getMessage();
    assertTrue(number.contains("journal.retain must be all or afterSnapshots, got 3"), number);
  }

  @Test
  void anArchiveNeedsAfterSnapshotsAndAnotherDirectoryThanTheJournals() {
    final String withAll = refused("journal: {archiveDir: /mnt/cold}").getMessage();
    assertTrue(
        withAll.contains(
            "journal.archiveDir is set but journal.retain is all: segments are archived only"
                + " with journal.retain: afterSnapshots"),
        withAll);
    final String same =
        refused(
                "journal: {dir: /var/lib/rg, retain: afterSnapshots, archiveDir: /var/lib/rg/journal/}")
            .getMessage();
    assertTrue(
        same.contains(
            "journal.archiveDir must not be the journal directory itself ("
                + Path.of("/var/lib/rg", "journal")
                + ")"),
        same);
    final String blank =
        refused("journal: {retain: afterSnapshots, archiveDir: \" \"}").getMessage();
    assertTrue(blank.contains("journal.archiveDir must be a non-empty string"), blank);
  }

  @Test
  void theJournalSectionNamesItsNewKeysWhenAnUnknownOneIsGiven() {
    final String m = refused("journal: {retention: all}").getMessage();
    assertTrue(
        m.contains(
            "journal: unknown key \"retention\"; known: archiveDir, bootstrapServers, dir,"
                + " failoverMillis, fsync, heartbeatMillis, kind, minInsyncReplicas, partition,"
                + " replicationFactor, retain, rollBytes, topic, transactionalId"),
        m);
  }

  @Test
  void anotherDataDirectoryIsCheckedAgainstTheArchiveToo() {
    final ServerConfig c =
        ConfigLoader.parse(
            "journal: {dir: /var/lib/rg, retain: afterSnapshots, archiveDir: /srv/rg/journal}",
            "test");
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.withDataDirectory(Path.of("/srv/rg")));
    assertEquals(
        "journal.archiveDir must not be the journal directory itself ("
            + Path.of("/srv/rg", "journal")
            + ")",
        e.getMessage());
  }
}
