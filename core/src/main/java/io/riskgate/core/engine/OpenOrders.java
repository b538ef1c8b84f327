package io.riskgate.core.engine;

import io.riskgate.core.collections.LongIntHashMap;
import java.util.Arrays;

/**
 * Approved orders that are neither filled nor cancelled: what they reserve (book, instrument, side,
 * remaining quantity) in parallel arrays indexed by a slot, with a map from order key to slot.
 * Freed slots are reused, so steady-state trading allocates nothing.
 */
final class OpenOrders implements java.io.Serializable {
  private final LongIntHashMap slotByKey;
  long[] keys;
  String[] ids;
  int[] books;
  int[] instruments;
  int[] sides;
  long[] remaining;
  long[] prices;
  private int[] free;
  private int freeCount;
  private int used;

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
