package io.riskgate.core.engine;

import io.riskgate.core.collections.LongIntHashMap;
import java.io.InvalidObjectException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The text ids (of orders or fills) seen in the current trading day, each with a long value (an
 * order's key): a hash map for lookups, and the same puts in an append-only log, so that a snapshot
 * reads them in one sequential pass instead of walking the map's scattered entries. Named for what
 * it holds: the day's ids.
 */
final class DayIds {
  private final Map<String, Long> valueById;
  private String[] logIds;
  private long[] logValues;
  private int logSize;

  DayIds(int expected) {
    valueById = new HashMap<>(Math.max(16, expected / 3 * 4));
    logIds = new String[Math.max(16, expected)];
    logValues = new long[logIds.length];
  }

  /** The value of {@code id}, or null when it was not seen today. */
  Long get(String id) {
    return valueById.get(id);
  }

  boolean contains(String id) {
    return valueById.containsKey(id);
  }

  void put(String id, long value) {
    valueById.put(id, value);
    if (logSize == logIds.length) {
      logIds = Arrays.copyOf(logIds, logSize * 2);
      logValues = Arrays.copyOf(logValues, logSize * 2);
    }
    logIds[logSize] = id;
    logValues[logSize++] = value;
  }

  void clear() {
    valueById.clear();
    Arrays.fill(logIds, 0, logSize, null);
    logSize = 0;
  }

  int size() {
    return valueById.size();
  }

  /**
   * Writes the log to a snapshot section: its length, then per put a varint, either 1 + the slot of
   * the open order that holds the same id object with the same key (the id is then not written
   * again), or 0 followed by the id and the value as a zigzag varint.
   *
   * @param open the open orders whose ids may stand for a put, or null
   */
  void writeTo(SnapshotBytes out, OpenOrders open) {
    out.putInt(logSize);
    for (int i = 0; i < logSize; i++) {
      final String id = logIds[i];
      final long value = logValues[i];
      final int slot = open == null ? LongIntHashMap.MISSING : open.slot(value);
      if (slot != LongIntHashMap.MISSING && open.ids[slot] == id) {
        out.putVarint(slot + 1L);
      } else {
        out.putVarint(0);
        out.putText(id);
        out.putVarint((value << 1) ^ (value >> 63));
      }
    }
  }

  /** Replays the puts that {@link #writeTo} wrote. */
  static DayIds readFrom(SnapshotBytes.Reader in, OpenOrders open, int expected)
      throws InvalidObjectException {
    final int count = in.getInt();
    if (count < 0) {
      throw new InvalidObjectException("snapshot counts " + count + " ids of the day");
    }
    final DayIds ids = new DayIds(Math.max(expected, count));
    for (int i = 0; i < count; i++) {
      final long reference = in.getVarint();
      if (reference == 0) {
        final String id = in.getText();
        final long zigzag = in.getVarint();
        if (id == null) {
          throw new InvalidObjectException("snapshot has an id of the day missing");
        }
        ids.put(id, (zigzag >>> 1) ^ -(zigzag & 1));
      } else {
        final long slot = reference - 1;
        if (open == null || slot >= open.keys.length || open.ids[(int) slot] == null) {
          throw new InvalidObjectException("snapshot id refers to open order slot " + slot);
        }
        ids.put(open.ids[(int) slot], open.keys[(int) slot]);
      }
    }
    return ids;
  }
}
