package io.riskgate.core.volatility;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * Mean and sample standard deviation (ddof = 1) of the last {@code window} values, updated in O(1)
 * without allocation. Named for what it keeps: a standard deviation over a rolling window.
 *
 * <p>Uses Welford's updates: while filling, the running mean and sum of squared deviations {@code
 * M2} are updated per value; once full, the oldest value is replaced in one step, {@code mean' =
 * mean + (x − y)/N}, {@code M2' = M2 + (x − y)(x − mean' + y − mean)}. This avoids the cancellation
 * of the textbook {@code Σx² − (Σx)²/N} formula, which fails NIST's NumAcc data sets.
 */
public final class RollingStandardDeviation {
  private final int window;
  private final double[] values;
  private int next;
  private int count;
  private double mean;
  private double m2;

  /**
   * @param window number of values kept, at least 2 (a sample deviation needs two)
   */
  public RollingStandardDeviation(int window) {
    BarValidation.requirePeriod("standard deviation window", window, 2);
    this.window = window;
    this.values = new double[window];
  }

  /** Adds a value, dropping the oldest once the window is full; rejects NaN and infinities. */
  public void add(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("value must be finite, got " + x);
    }
    if (count < window) {
      count++;
      final double delta = x - mean;
      mean += delta / count;
      m2 += delta * (x - mean);
    } else {
      final double y = values[next];
      final double newMean = mean + (x - y) / window;
      m2 += (x - y) * (x - newMean + y - mean);
      mean = newMean;
      if (m2 < 0.0) {
        m2 = 0.0;
      }
    }
    values[next] = x;
    next = next + 1 == window ? 0 : next + 1;
  }

  /** Number of values held (at most the window). */
  public int count() {
    return count;
  }

  public int window() {
    return window;
  }

  /** True when the window is full. */
  public boolean isFull() {
    return count == window;
  }

  /** Mean of the values held, NaN when empty. */
  public double mean() {
    return count == 0 ? Double.NaN : mean;
  }

  /** Sample variance (ddof = 1) of the values held, NaN with fewer than two. */
  public double variance() {
    return count < 2 ? Double.NaN : m2 / (count - 1);
  }

  /** Sample standard deviation (ddof = 1) of the values held, NaN with fewer than two. */
  public double standardDeviation() {
    return Math.sqrt(variance());
  }

  /** Forgets every value. */
  public void reset() {
    next = 0;
    count = 0;
    mean = 0.0;
    m2 = 0.0;
  }

  /** Writes the window's values and running moments (its length is a setting). */
  public void write(SnapshotWriter out) {
    out.writeInt(values.length);
    out.writeDoubles(values, values.length);
    out.writeInt(next);
    out.writeInt(count);
    out.writeDouble(mean);
    out.writeDouble(m2);
  }

  /** Reads what {@link #write} wrote into a window of the same length. */
  public void read(SnapshotReader in) {
    final int length = in.readInt();
    if (length != values.length) {
      throw in.invalid("rolling window of " + length + ", the settings say " + values.length);
    }
    in.readDoubles(values, length);
    next = in.readInt();
    count = in.readInt();
    if (next < 0 || next >= Math.max(1, length) || count < 0 || count > length) {
      throw in.invalid("rolling window position " + next + " and count " + count);
    }
    mean = in.readDouble();
    m2 = in.readDouble();
  }
}
