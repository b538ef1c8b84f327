package io.riskgate.core.engine;

import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.Arrays;

/**
 * Approved orders that are neither filled nor cancelled: what they reserve (book, instrument, side,
 * remaining quantity) in parallel arrays indexed by a slot, with a map from order key to slot.
 * Freed slots are reused, so steady-state trading allocates nothing. Snapshots write it as flat
 * arrays ({@link #write}).
 */
final class OpenOrders {
  private final LongIntHashMap slotByKey;
  long[] keys;
  String[] ids;
  int[] books;
  int[] instruments;
  int[] sides;
  long[] remaining;
  long[] prices;

  /** {@link io.riskgate.core.event.TimeInForce} ordinal of each order (0 = GTC). */
  byte[] timesInForce;

  /** Expiry of each GTD order, ns; 0 for the others. */
  long[] expireAt;

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
    timesInForce =
        timesInForce == null ? new byte[capacity] : Arrays.copyOf(timesInForce, capacity);
    expireAt = expireAt == null ? new long[capacity] : Arrays.copyOf(expireAt, capacity);
    free = free == null ? new int[capacity] : Arrays.copyOf(free, capacity);
  }

  /** The slot of an open order, or {@link LongIntHashMap#MISSING}. */
  int slot(long key) {
    return slotByKey.get(key);
  }

  int add(long key, String id, int book, int instrument, int side, long quantity, long price) {
    return add(key, id, book, instrument, side, quantity, price, 0, 0);
  }

  int add(
      long key,
      String id,
      int book,
      int instrument,
      int side,
      long quantity,
      long price,
      int timeInForce,
      long expiry) {
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
    timesInForce[slot] = (byte) timeInForce;
    expireAt[slot] = expiry;
    slotByKey.put(key, slot);
    return slot;
  }

  void remove(int slot) {
    slotByKey.remove(keys[slot]);
    ids[slot] = null;
    remaining[slot] = 0;
    timesInForce[slot] = 0;
    expireAt[slot] = 0;
    free[freeCount++] = slot;
  }

  int size() {
    return slotByKey.size();
  }

  /**
   * Slots ever used: every open order's slot is below it, and a slot below it is open exactly when
   * its remaining quantity is positive. Lets a check walk the open orders without allocating.
   */
  int used() {
    return used;
  }

  /**
   * Writes the table to a snapshot section: the capacity, the slots ever used and the free slots'
   * count, each array up to the slots ever used, the free list in its order (so that a restored
   * table hands out the same slots next), then each used slot's id. The map from key to slot is not
   * written: {@link #read} rebuilds it.
   */
  void write(SnapshotWriter out) {
    out.writeInt(keys.length);
    out.writeInt(used);
    out.writeInt(freeCount);
    out.writeLongs(keys, used);
    out.writeInts(books, used);
    out.writeInts(instruments, used);
    out.writeInts(sides, used);
    out.writeLongs(remaining, used);
    out.writeLongs(prices, used);
    out.reserve(used);
    for (int slot = 0; slot < used; slot++) {
      out.writeByte(timesInForce[slot]);
    }
    out.writeLongs(expireAt, used);
    out.writeInts(free, freeCount);
    for (int slot = 0; slot < used; slot++) {
      out.writeString(ids[slot]);
    }
  }

  /** Reads a table that {@link #write} wrote. */
  static OpenOrders read(SnapshotReader in) {
    final int capacity = in.readInt();
    final int usedSlots = in.readInt();
    final int freeSlots = in.readInt();
    if (capacity < 16
        || usedSlots < 0
        || usedSlots > capacity
        || freeSlots < 0
        || freeSlots > usedSlots) {
      throw in.invalid(
          "open orders: capacity "
              + capacity
              + ", "
              + usedSlots
              + " slots used and "
              + freeSlots
              + " free do not fit together");
    }
    if ((long) usedSlots * 45 > Integer.MAX_VALUE || capacity > (1 << 28)) {
      throw in.invalid("open orders: " + usedSlots + " slots of " + capacity);
    }
    final OpenOrders table = new OpenOrders(capacity);
    table.used = usedSlots;
    table.freeCount = freeSlots;
    in.readLongs(table.keys, usedSlots);
    in.readInts(table.books, usedSlots);
    in.readInts(table.instruments, usedSlots);
    in.readInts(table.sides, usedSlots);
    in.readLongs(table.remaining, usedSlots);
    in.readLongs(table.prices, usedSlots);
    for (int slot = 0; slot < usedSlots; slot++) {
      final int tif = in.readByte();
      if (tif < 0 || tif > 3) {
        throw in.invalid("open orders: time in force " + tif + " is invalid");
      }
      table.timesInForce[slot] = (byte) tif;
    }
    in.readLongs(table.expireAt, usedSlots);
    in.readInts(table.free, freeSlots);
    for (int slot = 0; slot < usedSlots; slot++) {
      table.ids[slot] = in.readString();
    }
    final boolean[] isFree = new boolean[usedSlots];
    for (int i = 0; i < freeSlots; i++) {
      final int slot = table.free[i];
      if (slot < 0 || slot >= usedSlots || isFree[slot]) {
        throw in.invalid("open orders: free slot " + slot + " is invalid");
      }
      isFree[slot] = true;
    }
    for (int slot = 0; slot < usedSlots; slot++) {
      if (!isFree[slot]) {
        table.slotByKey.put(table.keys[slot], slot);
      }
    }
    if (table.slotByKey.size() != usedSlots - freeSlots) {
      throw in.invalid("open orders: two open slots hold the same key");
    }
    return table;
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
