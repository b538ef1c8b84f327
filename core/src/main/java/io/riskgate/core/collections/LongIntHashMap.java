package io.riskgate.core.collections;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to {@code int} values that allocates only when it
 * grows. A missing key reads as {@link #MISSING}. Deletion shifts the following entries back, so
 * there are no tombstones and lookups stay short.
 */
public final class LongIntHashMap {
  /** Returned by {@link #get} for a key that is not present. */
  public static final int MISSING = -1;

  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private int[] values;
  private int mask;
  private int size;
  private int resizeAt;

  /** A map that holds {@code expected} entries without growing. */
  public LongIntHashMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(keys, EMPTY);
    mask = capacity - 1;
    resizeAt = (int) (capacity * 0.6);
  }

  /**
   * Spreads groups of eight consecutive keys over the table but keeps each group in one aligned run
   * of eight slots (one cache line of keys): order ids issued in sequence then cost one cache miss
   * per eight, while any pattern of keys still spreads evenly.
   */
  private static int hash(long key) {
    final long h = (key >> 3) * 0x9E3779B97F4A7C15L;
    return ((int) (h ^ (h >>> 32)) << 3) | (int) (key & 7);
  }

  /** The value of {@code key}, or {@link #MISSING}. */
  public int get(long key) {
    checkKey(key);
    int i = hash(key) & mask;
    while (true) {
      final long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return MISSING;
      }
      i = (i + 1) & mask;
    }
  }

  /** True when the key is present. */
  public boolean containsKey(long key) {
    return get(key) != MISSING;
  }

  /** Sets the value of {@code key} (not {@link #MISSING}). */
  public void put(long key, int value) {
    checkKey(key);
    if (value == MISSING) {
      throw new IllegalArgumentException("value -1 is reserved for missing");
    }
    int i = hash(key) & mask;
    while (true) {
      final long k = keys[i];
      if (k == key) {
        values[i] = value;
        return;
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        if (++size > resizeAt) {
          grow();
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes {@code key}; returns its value or {@link #MISSING}. */
  public int remove(long key) {
    checkKey(key);
    int i = hash(key) & mask;
    while (true) {
      final long k = keys[i];
      if (k == EMPTY) {
        return MISSING;
      }
      if (k == key) {
        final int old = values[i];
        shiftBack(i);
        size--;
        return old;
      }
      i = (i + 1) & mask;
    }
  }

  private void shiftBack(int hole) {
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      final long k = keys[i];
      if (k == EMPTY) {
        keys[hole] = EMPTY;
        return;
      }
      final int home = hash(k) & mask;
      // Move k into the hole when its home is not cyclically within (hole, i].
      final boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
      if (!stays) {
        keys[hole] = k;
        values[hole] = values[i];
        hole = i;
      }
    }
  }

  private void grow() {
    final long[] oldKeys = keys;
    final int[] oldValues = values;
    allocate(oldKeys.length * 2);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  /** Removes every entry, keeping the capacity. */
  public void clear() {
    Arrays.fill(keys, EMPTY);
    size = 0;
  }

  public int size() {
    return size;
  }

  /** Every key, in increasing order (allocates; for snapshots). */
  public long[] sortedKeys() {
    final long[] sorted = new long[size];
    int n = 0;
    if (size != 0) {
      for (long k : keys) {
        if (k != EMPTY) {
          sorted[n++] = k;
        }
      }
    }
    Arrays.sort(sorted);
    return sorted;
  }

  /**
   * Writes the entries in increasing key order, so that the bytes depend on the entries alone, not
   * on the table's capacity or the history of its puts and removals: the count, then each key and
   * value. Nothing reads the map in table order, so a map read back behaves the same.
   */
  public void write(SnapshotWriter out) {
    out.writeInt(size);
    out.reserve(12L * size);
    if (size == 0) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long k : keys) {
      if (k != EMPTY) {
        min = Math.min(min, k);
        max = Math.max(max, k);
      }
    }
    final long range = max - min + 1; // may overflow to <= 0 for keys far apart
    if (range > 0 && range <= 4L * size + 64) {
      // Keys in a dense range (order keys issued in sequence): placed by offset, read in order.
      final int[] byOffset = new int[(int) range];
      Arrays.fill(byOffset, MISSING);
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != EMPTY) {
          byOffset[(int) (keys[i] - min)] = values[i];
        }
      }
      for (int offset = 0; offset < byOffset.length; offset++) {
        if (byOffset[offset] != MISSING) {
          out.writeLong(min + offset);
          out.writeInt(byOffset[offset]);
        }
      }
      return;
    }
    final long[] sorted = new long[size];
    int n = 0;
    for (long k : keys) {
      if (k != EMPTY) {
        sorted[n++] = k;
      }
    }
    Arrays.sort(sorted);
    for (long k : sorted) {
      out.writeLong(k);
      out.writeInt(get(k));
    }
  }

  /** Replaces the entries with those {@link #write} wrote. */
  public void read(SnapshotReader in) {
    final int count = in.readCount(12);
    clear();
    long previous = EMPTY;
    for (int i = 0; i < count; i++) {
      final long key = in.readLong();
      final int value = in.readInt();
      if (key == EMPTY || value == MISSING || (i > 0 && key <= previous)) {
        throw in.invalid("map entry " + i + " is reserved or out of key order");
      }
      put(key, value);
      previous = key;
    }
  }

  private static void checkKey(long key) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("key Long.MIN_VALUE is reserved");
    }
  }
}
