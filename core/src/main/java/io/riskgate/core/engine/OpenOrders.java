package io.riskgate.core.engine;

import io.riskgate.core.collections.LongIntHashMap;
import java.util.Arrays;

/**
 * Approved orders that are neither filled nor cancelled: what they reserve (book, instrument, side,
 * remaining quantity) in parallel arrays indexed by a slot, with a map from order key to slot.
 * Freed slots are reused, so steady-state trading allocates nothing.
 */
final class OpenOrders implements java.io.Serializable {
  // Written by writeObject: the used part of each array, not the whole capacity.
  private transient LongIntHashMap slotByKey;
  transient long[] keys;
  transient String[] ids;
  transient int[] books;
  transient int[] instruments;
  transient int[] sides;
  transient long[] remaining;
  transient long[] prices;
  private transient int[] free;
  private transient int freeCount;
  private transient int used;

  OpenOrders(int expected) {
    slotByKey = new LongIntHashMap(expected);
    allocate(Math.max(16, expected));
  }

  private void allocate(int capacity) {
    keys = keys == null ? new long[capacity] : Arrays.copyOf(keys, capacity);
    ids = ids == null ? new String[capacity] : Arrays.copyOf(ids, capacity);
    books = books == null ? new int[capacity] : Arrays.copyOf(books, capacity);
    instruments = instruments == null ? new int[capacity] : Arrays.copyOf(instruments, capacity);
    sides = sides == null ? new int[capacity] : Arrays.copyOf(sides, capacity);
    remaining = remaining == null ? new long[capacity] : Arrays.copyOf(remaining, capacity);
    prices = prices == null ? new long[capacity] : Arrays.copyOf(prices, capacity);
    free = free == null ? new int[capacity] : Arrays.copyOf(free, capacity);
  }

  /** The slot of an open order, or {@link LongIntHashMap#MISSING}. */
  int slot(long key) {
    return slotByKey.get(key);
  }

  int add(long key, String id, int book, int instrument, int side, long quantity, long price) {
    final int slot;
    if (freeCount > 0) {
      slot = free[--freeCount];
    } else {
      if (used == keys.length) {
        allocate(keys.length * 2);
      }
      slot = used++;
    }
    keys[slot] = key;
    ids[slot] = id;
    books[slot] = book;
    instruments[slot] = instrument;
    sides[slot] = side;
    remaining[slot] = quantity;
    prices[slot] = price;
    slotByKey.put(key, slot);
    return slot;
  }

  void remove(int slot) {
    slotByKey.remove(keys[slot]);
    ids[slot] = null;
    remaining[slot] = 0;
    free[freeCount++] = slot;
  }

  int size() {
    return slotByKey.size();
  }

  /**
   * Serialized form: the capacity, the slots ever used and the free slots' count, then slot by slot
   * (up to the slots ever used) each array's value, then the free list in its order, so that a
   * restored table hands out the same slots next. The map from key to slot is rebuilt on reading.
   */
  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
    out.writeInt(keys.length);
    out.writeInt(used);
    out.writeInt(freeCount);
    for (int slot = 0; slot < used; slot++) {
      out.writeLong(keys[slot]);
      out.writeInt(books[slot]);
      out.writeInt(instruments[slot]);
      out.writeInt(sides[slot]);
      out.writeLong(remaining[slot]);
      out.writeLong(prices[slot]);
    }
    for (int slot = 0; slot < used; slot++) {
      SnapshotText.write(out, ids[slot]);
    }
    for (int i = 0; i < freeCount; i++) {
      out.writeInt(free[i]);
    }
  }

  private void readObject(java.io.ObjectInputStream in)
      throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    final int capacity = in.readInt();
    final int usedSlots = in.readInt();
    final int freeSlots = in.readInt();
    if (capacity < 16
        || usedSlots < 0
        || usedSlots > capacity
        || freeSlots < 0
        || freeSlots > usedSlots) {
      throw new java.io.InvalidObjectException(
          "open orders: capacity "
              + capacity
              + ", "
              + usedSlots
              + " slots used and "
              + freeSlots
              + " free do not fit together");
    }
    allocate(capacity);
    used = usedSlots;
    freeCount = freeSlots;
    for (int slot = 0; slot < used; slot++) {
      keys[slot] = in.readLong();
      books[slot] = in.readInt();
      instruments[slot] = in.readInt();
      sides[slot] = in.readInt();
      remaining[slot] = in.readLong();
      prices[slot] = in.readLong();
    }
    for (int slot = 0; slot < used; slot++) {
      ids[slot] = SnapshotText.read(in);
    }
    final boolean[] isFree = new boolean[used];
    for (int i = 0; i < freeCount; i++) {
      final int slot = in.readInt();
      if (slot < 0 || slot >= used || isFree[slot]) {
        throw new java.io.InvalidObjectException("open orders: free slot " + slot + " is invalid");
      }
      isFree[slot] = true;
      free[i] = slot;
    }
    slotByKey = new LongIntHashMap(capacity);
    for (int slot = 0; slot < used; slot++) {
      if (!isFree[slot]) {
        slotByKey.put(keys[slot], slot);
      }
    }
    if (slotByKey.size() != used - freeCount) {
      throw new java.io.InvalidObjectException("open orders: two open slots hold the same key");
    }
  }

  /** Slots in use, in slot order (deterministic), for snapshots and day roll. */
  int[] openSlots() {
    final int[] slots = new int[size()];
    int n = 0;
    final boolean[] isFree = new boolean[used];
    for (int i = 0; i < freeCount; i++) {
      isFree[free[i]] = true;
    }
    for (int slot = 0; slot < used; slot++) {
      if (!isFree[slot]) {
        slots[n++] = slot;
      }
    }
    return slots;
  }
}
