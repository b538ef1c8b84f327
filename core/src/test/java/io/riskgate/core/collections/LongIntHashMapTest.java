package io.riskgate.core.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
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
    // 16 bytes per entry (slot, key, value) plus block headers; the table of 2^19 slots alone
    // would be 6 MB.
    assertTrue(
        bytes.length < reference.size() * 17 + 200, "seed " + seed + ": " + bytes.length + " B");
    final LongIntHashMap copy = deserialize(bytes);
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
  void mapReadFromItsBytesWritesTheSameBytesAfterRemovals() throws Exception {
    final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    final LongIntHashMap map = new LongIntHashMap(64);
    for (int i = 0; i < 20_000; i++) {
      final long key = random.nextLong(500);
      if (random.nextInt(3) == 0) {
        map.remove(key);
      } else {
        map.put(key, i);
      }
    }
    final byte[] first = serialize(map);
    org.junit.jupiter.api.Assertions.assertArrayEquals(first, serialize(deserialize(first)));
  }

  private static byte[] serialize(LongIntHashMap map) throws IOException {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(map);
    }
    return bytes.toByteArray();
  }

  private static LongIntHashMap deserialize(byte[] bytes)
      throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (LongIntHashMap) in.readObject();
    }
  }

  @Test
  void rejectsTheReservedKeyAndValue() {
    final LongIntHashMap map = new LongIntHashMap(4);
    assertThrows(IllegalArgumentException.class, () -> map.put(Long.MIN_VALUE, 1));
    assertThrows(IllegalArgumentException.class, () -> map.put(1, LongIntHashMap.MISSING));
  }
}
