package io.riskgate.core.collections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.snapshot.SnapshotFormatException;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares the set with java.util.TreeSet under keys in sequence, with gaps, jumps far ahead, keys
 * behind the window, negative and random keys, and day rolls; its bytes with a {@link
 * LongIntHashMap} holding the same keys mapped to 0.
 */
class SequentialKeySetTest {

  /** Patterns by seed: each mixes keys in sequence with every kind of key off the sequence. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void behavesLikeATreeSetUnderKeysInAndOffSequence(long seed) {
    final SplittableRandom random = new SplittableRandom(seed);
    final SequentialKeySet set = new SequentialKeySet(random.nextInt(1, 200_000));
    final TreeSet<Long> reference = new TreeSet<>();
    long next = random.nextLong(-1_000_000, 1_000_000);
    for (int i = 0; i < 300_000; i++) {
      final int pattern = random.nextInt(100);
      final long key;
      if (pattern < 70) {
        key = next++;
      } else if (pattern < 75) {
        next += random.nextLong(1, 200);
        key = next;
      } else if (pattern < 78) {
        next += random.nextLong(1, 1L << 24); // beyond any window
        key = next;
      } else if (pattern < 88) {
        key = next - random.nextLong(0, 1L << 20); // behind, maybe seen
      } else if (pattern < 93) {
        key = random.nextLong() | 1;
      } else if (pattern < 99) {
        key = next + random.nextLong(0, 1L << 22); // ahead, not in sequence
      } else {
        if (random.nextInt(20) == 0) {
          set.clear();
          reference.clear();
        }
        key = next;
      }
      if (random.nextBoolean()) {
        assertEquals(reference.add(key), set.add(key), "seed " + seed + ", key " + key);
      } else {
        assertEquals(reference.contains(key), set.contains(key), "seed " + seed + ", key " + key);
      }
      assertEquals(reference.size(), set.size(), "seed " + seed);
    }
    for (long key : reference) {
      assertTrue(set.contains(key), "seed " + seed + ", key " + key);
    }
    final long[] expected = reference.stream().mapToLong(Long::longValue).toArray();
    assertArrayEquals(expected, set.toSortedArray(), "seed " + seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void writesTheBytesOfAMapOfTheSameKeysToZeroAndReadsThemBack(long seed) {
    final SplittableRandom random = new SplittableRandom(seed);
    final SequentialKeySet set = new SequentialKeySet(1 << 10);
    final LongIntHashMap map = new LongIntHashMap(16);
    long next = 1;
    for (int i = 0; i < 200_000; i++) {
      final long key =
          random.nextInt(10) == 0 ? random.nextLong(1, next + 1) : (next += random.nextLong(1, 3));
      set.add(key);
      map.put(key, 0);
    }
    final byte[] bytes = serialize(set);
    final SnapshotWriter fromMap = new SnapshotWriter(64);
    map.write(fromMap);
    assertArrayEquals(fromMap.toByteArray(), bytes, "seed " + seed);
    final SequentialKeySet copy = new SequentialKeySet(1 << 16);
    final SnapshotReader in = new SnapshotReader(bytes, 0, bytes.length);
    copy.read(in);
    in.requireEnd();
    assertEquals(set.size(), copy.size());
    assertArrayEquals(bytes, serialize(copy), "seed " + seed);
    for (long key = 1; key <= next + 10; key++) {
      assertEquals(set.contains(key), copy.contains(key), "seed " + seed + ", key " + key);
    }
  }

  @Test
  void dayRollKeepsOldOpenKeysAndTakesTheNewDaysKeysInTheWindow() {
    final SequentialKeySet set = new SequentialKeySet(1 << 16);
    for (long key = 1; key <= 1_000_000; key++) {
      assertTrue(set.add(key));
    }
    set.clear();
    assertFalse(set.contains(500));
    assertTrue(set.add(17)); // an order still open from an earlier day
    for (long key = 1_000_001; key <= 1_100_000; key++) {
      assertTrue(set.add(key));
      assertFalse(set.add(key));
    }
    assertTrue(set.contains(17));
    assertFalse(set.contains(18));
    assertEquals(100_001, set.size());
  }

  /**
   * A key put beyond the window while the credit is spent is held outside the bitmap; the window
   * later moves over it, and it must still be found, and not counted twice.
   */
  @Test
  void findsKeysHeldOutsideTheBitmapOnceTheWindowCoversThem() {
    final SequentialKeySet set = new SequentialKeySet(1); // the smallest window: 1,024 words
    final long window = 1024 * 64;
    assertTrue(set.add(0));
    assertTrue(set.add(10 * window)); // the window moves, spending its credit
    final long far = 30 * window;
    for (long key = far - 100; key <= far; key++) {
      assertTrue(set.add(key)); // beyond the window, no credit left to move it
    }
    for (long key = -1; key >= -2_000; key--) {
      assertTrue(set.add(key)); // behind the window: credit earned
    }
    assertTrue(set.add(far + 64)); // the window moves over the keys held outside it
    for (long key = far - 100; key <= far; key++) {
      assertTrue(set.contains(key), "key " + key);
      assertFalse(set.add(key), "key " + key);
    }
    assertFalse(set.contains(far + 1));
    assertTrue(set.add(far + 1));
    assertTrue(set.contains(10 * window));
    assertEquals(2 + 101 + 2_000 + 2, set.size());
    assertEquals(set.size(), set.toSortedArray().length);
  }

  @Test
  void refusesKeysOutOfOrderAndValuesOtherThanZero() {
    final SnapshotWriter outOfOrder = new SnapshotWriter(64);
    outOfOrder.writeInt(2);
    outOfOrder.writeLong(5);
    outOfOrder.writeInt(0);
    outOfOrder.writeLong(3);
    outOfOrder.writeInt(0);
    final SnapshotWriter notZero = new SnapshotWriter(64);
    notZero.writeInt(1);
    notZero.writeLong(5);
    notZero.writeInt(1);
    for (byte[] bytes : new byte[][] {outOfOrder.toByteArray(), notZero.toByteArray()}) {
      final SequentialKeySet set = new SequentialKeySet(16);
      assertThrows(
          SnapshotFormatException.class,
          () -> set.read(new SnapshotReader(bytes, 0, bytes.length)));
    }
    assertThrows(IllegalArgumentException.class, () -> new SequentialKeySet(4).add(Long.MIN_VALUE));
  }

  private static byte[] serialize(SequentialKeySet set) {
    final SnapshotWriter out = new SnapshotWriter(64);
    set.write(out);
    return out.toByteArray();
  }
}
