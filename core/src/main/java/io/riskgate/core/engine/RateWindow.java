package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * Times of the most recent messages in a ring, oldest first: at most as many as the rate limit, so
 * a window holds nothing (and costs nothing) while its limit is unset. Times only move forward, so
 * entries that left the one-second window are dropped for good: amortized O(1).
 */
final class RateWindow {
  private static final long SECOND = 1_000_000_000L;

  long[] times = new long[0];
  int head;
  int size;

  /** Resizes the ring to a limit of {@code perSecondFixed} messages (empty when unset). */
  void resize(long perSecondFixed) {
    final int capacity =
        perSecondFixed == LimitSet.UNSET
            ? 0
            : (int) Math.min(1_000_000, perSecondFixed / Fixed.ONE);
    if (times.length != capacity) {
      times = new long[capacity];
      head = 0;
      size = 0;
    }
  }

  /** Messages in the one-second window ending at {@code now}, counting one more at {@code now}. */
  int countWith(long now) {
    final long from = now - SECOND;
    while (size > 0 && times[head] <= from) {
      head = head + 1 == times.length ? 0 : head + 1;
      size--;
    }
    return size + 1;
  }

  /** Records a message at {@code now}. */
  void record(long now) {
    if (times.length == 0) {
      return;
    }
    countWith(now);
    if (size == times.length) {
      head = head + 1 == times.length ? 0 : head + 1;
      size--;
    }
    int tail = head + size;
    if (tail >= times.length) {
      tail -= times.length;
    }
    times[tail] = now;
    size++;
  }

  /**
   * Writes the capacity and the times in the window, oldest first (the ring's rotation is not
   * state: a window read back starts at its first slot and behaves the same).
   */
  void write(SnapshotWriter out) {
    writeRing(out, times, head, size);
  }

  /** Reads what {@link #write} wrote into this window. */
  void read(SnapshotReader in) {
    times = new long[readCapacity(in)];
    head = 0;
    size = readTimes(in, times);
  }

  /** Writes a ring of times: its capacity, its size, then the times oldest first. */
  static void writeRing(SnapshotWriter out, long[] ring, int head, int size) {
    out.writeInt(ring.length);
    out.writeInt(size);
    out.reserve(8L * size);
    for (int i = 0; i < size; i++) {
      int k = head + i;
      if (k >= ring.length) {
        k -= ring.length;
      }
      out.writeLong(ring[k]);
    }
  }

  /** Reads the capacity of a ring {@link #writeRing} wrote. */
  static int readCapacity(SnapshotReader in) {
    final int capacity = in.readInt();
    if (capacity < 0 || capacity > 1_000_000) {
      throw in.invalid("a ring of " + capacity + " times");
    }
    return capacity;
  }

  /** Reads the rest of the ring into {@code ring} from slot 0 and returns its size. */
  static int readTimes(SnapshotReader in, long[] ring) {
    final int size = in.readCount(8);
    if (size > ring.length) {
      throw in.invalid("a ring of " + size + " times in " + ring.length + " slots");
    }
    in.readLongs(ring, size);
    return size;
  }
}
