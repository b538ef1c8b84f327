package io.riskgate.core.collections;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to {@code int} values that allocates only when it
 * grows. A missing key reads as {@link #MISSING}. Deletion shifts the following entries back, so
 * there are no tombstones and lookups stay short.
 */
public final class LongIntHashMap implements java.io.Serializable {
  /** Returned by {@link #get} for a key that is not present. */
  public static final int MISSING = -1;

  private static final long EMPTY = Long.MIN_VALUE;

  // Written by writeObject as the capacity and the entries, not as the whole table.
  private transient long[] keys;
  private transient int[] values;
  private transient int mask;
  private transient int size;
  private transient int resizeAt;

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

  /**
   * Serialized form: the capacity and the size, then one block of each entry's slot, key and value
   * in table order (little-endian). Reading puts every entry back in its slot, so a map read from
   * its bytes has the same layout and writes the same bytes again: probing and removals leave a
   * layout that re-inserting the entries would not reproduce. One pass over the table, sixteen
   * bytes per entry, whatever the capacity.
   */
  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
    out.writeInt(keys.length);
    out.writeInt(size);
    final java.nio.ByteBuffer entries =
        java.nio.ByteBuffer.allocate(size * 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    final long[] k = keys;
    final int[] v = values;
    for (int i = 0; i < k.length; i++) {
      if (k[i] != EMPTY) {
        entries.putInt(i).putLong(k[i]).putInt(v[i]);
      }
    }
    out.write(entries.array());
  }

  private void readObject(java.io.ObjectInputStream in)
      throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    final int capacity = in.readInt();
    final int count = in.readInt();
    if (capacity < 8 || Integer.bitCount(capacity) != 1) {
      throw new java.io.InvalidObjectException(
          "hash map capacity " + capacity + " is not a power of two of at least 8");
    }
    allocate(capacity);
    if (count < 0 || count > resizeAt) {
      throw new java.io.InvalidObjectException(
          "hash map of capacity " + capacity + " cannot hold " + count + " entries");
    }
    final byte[] bytes = new byte[count * 16];
    in.readFully(bytes);
    final java.nio.ByteBuffer entries =
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int previousSlot = -1;
    for (int i = 0; i < count; i++) {
      final int slot = entries.getInt();
      final long key = entries.getLong();
      final int value = entries.getInt();
      if (slot <= previousSlot || slot >= capacity) {
        throw new java.io.InvalidObjectException("hash map entry " + i + " is out of table order");
      }
      if (key == EMPTY || value == MISSING) {
        throw new java.io.InvalidObjectException("hash map entry " + i + " is reserved");
      }
      keys[slot] = key;
      values[slot] = value;
      previousSlot = slot;
    }
    size = count;
    for (int slot = 0; slot < capacity; slot++) {
      if (keys[slot] != EMPTY && get(keys[slot]) != values[slot]) {
        throw new java.io.InvalidObjectException(
            "hash map entry in slot " + slot + " cannot be found from its key");
      }
    }
  }

  private static void checkKey(long key) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("key Long.MIN_VALUE is reserved");
    }
  }
}
