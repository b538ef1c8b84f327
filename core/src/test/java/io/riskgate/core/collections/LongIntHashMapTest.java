package io.riskgate.core.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

  @Test
  void rejectsTheReservedKeyAndValue() {
    final LongIntHashMap map = new LongIntHashMap(4);
    assertThrows(IllegalArgumentException.class, () -> map.put(Long.MIN_VALUE, 1));
    assertThrows(IllegalArgumentException.class, () -> map.put(1, LongIntHashMap.MISSING));
  }
}
