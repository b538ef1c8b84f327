package io.riskgate.core.engine;

import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
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
   * Writes the log: its length, then per put a varint, either 1 + the slot of the open order that
   * holds an equal id with the same key (the id is then not written again), or 0 followed by the id
   * and the value as a zigzag varint. Ids are compared by value, so the bytes do not depend on
   * which objects the ids happen to share.
   *
   * @param open the open orders whose ids may stand for a put, or null
   */
  void write(SnapshotWriter out, OpenOrders open) {
    out.writeInt(logSize);
    for (int i = 0; i < logSize; i++) {
      final String id = logIds[i];
      final long value = logValues[i];
      final int slot = open == null ? LongIntHashMap.MISSING : open.slot(value);
      if (slot != LongIntHashMap.MISSING && id.equals(open.ids[slot])) {
        out.writeVarint(slot + 1L);
      } else {
        out.writeVarint(0);
        out.writeString(id);
        out.writeVarint((value << 1) ^ (value >> 63));
      }
    }
  }

  /** Replays the puts that {@link #write} wrote. */
  static DayIds read(SnapshotReader in, OpenOrders open, int expected) {
    final int count = in.readCount(1);
    final DayIds ids = new DayIds(Math.max(expected, count));
    for (int i = 0; i < count; i++) {
      final long reference = in.readVarint();
      if (reference == 0) {
        final String id = in.readStringNonNull("id of the day");
        final long zigzag = in.readVarint();
        ids.put(id, (zigzag >>> 1) ^ -(zigzag & 1));
      } else {
        final long slot = reference - 1;
        if (open == null || slot >= open.used() || open.ids[(int) slot] == null) {
          throw in.invalid("an id of the day refers to open order slot " + slot);
        }
        ids.put(open.ids[(int) slot], open.keys[(int) slot]);
      }
    }
    return ids;
  }
}
