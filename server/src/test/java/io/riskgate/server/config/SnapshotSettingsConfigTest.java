package io.riskgate.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SnapshotSettingsConfigTest {

  @Test
  void defaultsTakeASnapshotEveryHundredThousandEventsAndKeepThree() {
    final ServerConfig c = ConfigLoader.defaults(Path.of("data"));
    assertEquals(new SnapshotSettings(1_000_000, 600, 3), c.snapshots());
    assertEquals(Path.of("data", "snapshots"), c.snapshotDirectory());
    assertEquals(c.snapshots(), ConfigLoader.parse("server: {port: 1}", "test").snapshots());
  }

  @Test
  void readsTheSnapshotsSection() {
    final ServerConfig c =
        ConfigLoader.parse("snapshots: {everyEvents: 0, everySeconds: 30, retain: 5}", "test");
    assertEquals(new SnapshotSettings(0, 30, 5), c.snapshots());
  }

  @Test
  void reportsEveryProblemOfTheSnapshotsSectionAtOnce() {
    final ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "snapshots: {everyEvents: -1, everySeconds: 1.5, retain: 0, keep: 2}", "test"));
    final String message = e.getMessage();
    assertTrue(message.contains("snapshots: unknown key \"keep\""), message);
    assertTrue(message.contains("snapshots.everyEvents must be in [0, "), message);
    assertTrue(message.contains("snapshots.everySeconds must be a whole number"), message);
    assertTrue(message.contains("snapshots.retain must be in [1, 1000], got 0"), message);
  }

  @Test
  void settingsRefuseNegativeTriggersAndKeepingNone() {
    assertThrows(IllegalArgumentException.class, () -> new SnapshotSettings(-1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new SnapshotSettings(0, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new SnapshotSettings(0, 0, 0));
  }
}
