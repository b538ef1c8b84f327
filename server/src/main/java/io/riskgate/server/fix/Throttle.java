package io.riskgate.server.fix;

/**
 * At most {@code n} messages in any second: a ring of the times of the last {@code n} messages
 * accepted; a message is accepted when the oldest of them is a second old or more. Refused messages
 * do not count. Synchronized: a session's messages may come from more than one thread.
 */
final class Throttle {
  private static final long SECOND = 1_000_000_000L;
  private final long[] times;
  private int oldest;

  Throttle(int perSecond) {
    this.times = new long[perSecond];
    java.util.Arrays.fill(times, Long.MIN_VALUE / 2);
  }

  /** Whether a message at {@code nanos} (a monotonic clock) is within the rate; counts it if so. */
  synchronized boolean allow(long nanos) {
    if (nanos - times[oldest] < SECOND) {
      return false;
    }
    times[oldest] = nanos;
    oldest = (oldest + 1) % times.length;
    return true;
  }

  int perSecond() {
    return times.length;
  }
}
