package io.riskgate.server.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.server.journal.StorageWarning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
  @TempDir Path dir;

  @Test
  void snapshotRoundTripsWithItsSequence() throws Exception {
    final long seed = 42L;
    System.out.println("SnapshotStoreTest seed " + seed);
    final byte[] state = new byte[100_000];
    new Random(seed).nextBytes(state);
    final SnapshotStore store = SnapshotStore.open(SnapshotConfig.defaults(dir));
    final Path file = store.write(1_234, state);
    assertEquals(dir.resolve("snapshot-00000000000000001234.snap"), file);
    assertEquals(SnapshotStore.HEADER_LENGTH + state.length, Files.size(file));
    final List<StorageWarning> warnings = new ArrayList<>();
    final Snapshot snapshot =
        SnapshotStore.open(SnapshotConfig.defaults(dir)).latestValid(warnings::add).orElseThrow();
    assertEquals(1_234, snapshot.sequence());
    assertArrayEquals(state, snapshot.state());
    assertTrue(warnings.isEmpty());
  }

  @Test
  void emptyStoreHasNoSnapshot() throws Exception {
    final SnapshotStore store = SnapshotStore.open(SnapshotConfig.defaults(dir));
    assertEquals(Optional.empty(), store.latestValid(w -> {}));
  }

  @Test
  void corruptNewestSnapshotFallsBackToThePreviousOne() throws Exception {
    final SnapshotStore store = SnapshotStore.open(SnapshotConfig.defaults(dir));
    store.write(10, "state at 10".getBytes(StandardCharsets.UTF_8));
    final Path newest = store.write(20, "state at 20".getBytes(StandardCharsets.UTF_8));
    final byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length - 1] ^= 1;
    Files.write(newest, bytes);

    final List<StorageWarning> warnings = new ArrayList<>();
    final Snapshot snapshot = store.latestValid(warnings::add).orElseThrow();
    assertEquals(10, snapshot.sequence());
    assertEquals("state at 10", new String(snapshot.state(), StandardCharsets.UTF_8));
    assertEquals(1, warnings.size());
    assertEquals(StorageWarning.Kind.CORRUPT_SNAPSHOT_SKIPPED, warnings.get(0).kind());
    assertEquals(newest, warnings.get(0).file());
    assertEquals("snapshot checksum mismatch", warnings.get(0).message());
  }

  @Test
  void truncatedSnapshotIsSkipped() throws Exception {
    final SnapshotStore store = SnapshotStore.open(SnapshotConfig.defaults(dir));
    store.write(10, new byte[] {1, 2, 3});
    final Path newest = store.write(20, new byte[] {4, 5, 6});
    Files.write(newest, new byte[] {1, 2});
    final List<StorageWarning> warnings = new ArrayList<>();
    assertEquals(10, store.latestValid(warnings::add).orElseThrow().sequence());
    assertEquals("snapshot header cut short (2 bytes)", warnings.get(0).message());
  }

  @Test
  void keepsOnlyTheNewestSnapshots() throws Exception {
    final SnapshotStore store = SnapshotStore.open(new SnapshotConfig(dir, 2));
    for (long sequence = 1; sequence <= 5; sequence++) {
      store.write(sequence * 100, new byte[] {(byte) sequence});
    }
    assertEquals(List.of(400L, 500L), store.sequences());
  }

  @Test
  void staleTemporaryFileIsRemovedOnOpen() throws Exception {
    Files.createDirectories(dir);
    final Path stale = dir.resolve("snapshot-00000000000000000007.snap.tmp");
    Files.write(stale, new byte[] {1, 2, 3});
    final SnapshotStore store = SnapshotStore.open(SnapshotConfig.defaults(dir));
    assertFalse(Files.exists(stale));
    assertEquals(StorageWarning.Kind.STALE_TEMP_FILE_REMOVED, store.openWarnings().get(0).kind());
    assertEquals(Optional.empty(), store.latestValid(w -> {}));
  }

  @Test
  void keepingNoSnapshotIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SnapshotConfig(dir, 0));
  }
}
