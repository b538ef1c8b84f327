package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.LimitSet;

/**
 * Times of the most recent messages in a ring, oldest first: at most as many as the rate limit, so
 * a window holds nothing (and costs nothing) while its limit is unset. Times only move forward, so
 * entries that left the one-second window are dropped for good: amortized O(1).
 */
final class RateWindow implements java.io.Serializable {
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

  /** Adds the window to a state digest; nothing while it is unused, so old digests stay equal. */
  void hashInto(StateHasher h) {
    if (times.length == 0) {
      return;
    }
    h.add(times.length);
    for (int i = 0; i < size; i++) {
      h.add(times[(head + i) % times.length]);
    }
  }
}
