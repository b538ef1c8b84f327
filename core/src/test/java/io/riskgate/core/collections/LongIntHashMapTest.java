package io.riskgate.core.collections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.riskgate.core.snapshot.SnapshotFormatException;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Compares the map with java.util.HashMap under random puts, gets and removes. */
class LongIntHashMapTest {

  @Test
  void behavesLikeAHashMapUnderRandomOperations() {
    final long seed = 31L;
    final SplittableRandom random = new SplittableRandom(seed);
    final LongIntHashMap map = new LongIntHashMap(4);
    final Map<Long, Integer> reference = new HashMap<>();
    for (int i = 0; i < 500_000; i++) {
      final int pattern = random.nextInt(3);
      final long key =
          pattern == 0
              ? random.nextLong(0, 5_000)
              : pattern == 1 ? random.nextLong(0, 2_000) * 1024 : random.nextLong() | 1;
      switch (random.nextInt(3)) {
        case 0 -> {
          final int value = random.nextInt(0, Integer.MAX_VALUE);
          map.put(key, value);
          reference.put(key, value);
        }
        case 1 ->
            assertEquals(
                reference.getOrDefault(key, LongIntHashMap.MISSING), map.get(key), "seed " + seed);
        default ->
            assertEquals(
                reference.containsKey(key) ? reference.remove(key) : LongIntHashMap.MISSING,
                map.remove(key),
                "seed " + seed);
      }
      assertEquals(reference.size(), map.size(), "seed " + seed);
    }
    for (Map.Entry<Long, Integer> entry : reference.entrySet()) {
      assertEquals(entry.getValue(), map.get(entry.getKey()));
    }
    map.clear();
    assertEquals(0, map.size());
    assertEquals(LongIntHashMap.MISSING, map.get(5));
  }

  /**
   * A serialized map (entries only, not its table) reads back as an equal map that keeps behaving
   * like the reference afterwards, and its size does not grow with an unused capacity.
   */
  @Test
  void serializedMapReadsBackEqualAndWithoutItsEmptyCapacity() throws Exception {
    final long seed = 37L;
    final SplittableRandom random = new SplittableRandom(seed);
    final LongIntHashMap map = new LongIntHashMap(1 << 18);
    final Map<Long, Integer> reference = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      final long key = random.nextInt(4) == 0 ? random.nextLong() | 1 : random.nextLong(0, 30_000);
      if (random.nextInt(4) == 0) {
        map.remove(key);
        reference.remove(key);
      } else {
        final int value = random.nextInt(0, Integer.MAX_VALUE);
        map.put(key, value);
        reference.put(key, value);
      }
    }
    final byte[] bytes = serialize(map);
    // 12 bytes per entry (key, value) and a count; the table of 2^19 slots alone would be 6 MB.
    assertEquals(reference.size() * 12 + 4, bytes.length, "seed " + seed);
    final LongIntHashMap copy = deserialize(bytes, 16);
    assertEquals(reference.size(), copy.size(), "seed " + seed);
    for (Map.Entry<Long, Integer> entry : reference.entrySet()) {
      assertEquals(entry.getValue(), copy.get(entry.getKey()), "seed " + seed);
    }
    for (int i = 0; i < 50_000; i++) {
      final long key = random.nextLong(0, 60_000);
      if (random.nextBoolean()) {
        assertEquals(
            reference.containsKey(key) ? reference.remove(key) : LongIntHashMap.MISSING,
            copy.remove(key),
            "seed " + seed);
      } else {
        copy.put(key, i);
        reference.put(key, i);
      }
      assertEquals(reference.size(), copy.size(), "seed " + seed);
    }
    for (Map.Entry<Long, Integer> entry : reference.entrySet()) {
      assertEquals(entry.getValue(), copy.get(entry.getKey()), "seed " + seed);
    }
  }

  @Test
  void mapReadFromItsBytesWritesTheSameBytesAfterRemovals() {
    final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    final LongIntHashMap map = new LongIntHashMap(64);
    final Map<Long, Integer> reference = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      final long key = random.nextLong(500);
      if (random.nextInt(3) == 0) {
        map.remove(key);
        reference.remove(key);
      } else {
        map.put(key, i);
        reference.put(key, i);
      }
    }
    final byte[] first = serialize(map);
    final LongIntHashMap copy = deserialize(first, 4);
    assertArrayEquals(first, serialize(copy));
    assertEquals(reference.size(), copy.size());
    for (Map.Entry<Long, Integer> entry : reference.entrySet()) {
      assertEquals(entry.getValue(), copy.get(entry.getKey()));
    }
  }

  @Test
  void equalEntriesWriteEqualBytesWhateverTheHistory() {
    final LongIntHashMap grown = new LongIntHashMap(4);
    final LongIntHashMap presized = new LongIntHashMap(4096);
    for (long k = 0; k < 1000; k++) {
      grown.put(k * 31, (int) k);
      grown.put(-k - 5, 1);
    }
    for (long k = 0; k < 1000; k++) {
      grown.remove(-k - 5);
    }
    for (long k = 999; k >= 0; k--) {
      presized.put(k * 31, (int) k);
    }
    assertArrayEquals(serialize(presized), serialize(grown));
  }

  @Test
  void refusesEntriesOutOfKeyOrder() {
    final SnapshotWriter out = new SnapshotWriter(64);
    out.writeInt(2);
    out.writeLong(5);
    out.writeInt(1);
    out.writeLong(3);
    out.writeInt(1);
    final byte[] bytes = out.toByteArray();
    assertThrows(SnapshotFormatException.class, () -> deserialize(bytes, 4));
  }

  private static byte[] serialize(LongIntHashMap map) {
    final SnapshotWriter out = new SnapshotWriter(64);
    map.write(out);
    return out.toByteArray();
  }

  private static LongIntHashMap deserialize(byte[] bytes, int expected) {
    final LongIntHashMap map = new LongIntHashMap(expected);
    final SnapshotReader in = new SnapshotReader(bytes, 0, bytes.length);
    map.read(in);
    in.requireEnd();
    return map;
  }

  @Test
  void rejectsTheReservedKeyAndValue() {
    final LongIntHashMap map = new LongIntHashMap(4);
    assertThrows(IllegalArgumentException.class, () -> map.put(Long.MIN_VALUE, 1));
    assertThrows(IllegalArgumentException.class, () -> map.put(1, LongIntHashMap.MISSING));
  }
}
