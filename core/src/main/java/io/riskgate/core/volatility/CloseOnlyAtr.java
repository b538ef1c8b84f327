package io.riskgate.core.volatility;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * Average of absolute close-to-close changes {@code |Cₜ − Cₜ₋₁|} over the last {@code n} bars: the
 * "ATR" of close-only data. Named so because it is not a true range (it ignores highs, lows and
 * gaps inside a bar); use {@link WilderAtr} whenever highs and lows exist.
 *
 * <p>A simple (unweighted) rolling mean, first defined at bar index {@code n} (after {@code n}
 * changes), NaN before. The running sum is compensated (Neumaier) so that long streams do not
 * drift. Streaming ({@link #update}) and batch ({@link #compute}) give the same numbers. An invalid
 * close throws {@link IllegalArgumentException} and leaves the estimator unchanged.
 */
public final class CloseOnlyAtr {
  private final int period;
  private final double periodValue;
  private final double[] changes;
  private int next;
  private long changeCount;
  private double previousClose = Double.NaN;
  private double sum;
  private double compensation;

  /**
   * @param period number of close-to-close changes averaged, at least 1
   */
  public CloseOnlyAtr(int period) {
    BarValidation.requirePeriod("close-only ATR period", period, 1);
    this.period = period;
    this.periodValue = period;
    this.changes = new double[period];
  }

  /** Adds the next close. */
  public void update(double close) {
    BarValidation.requirePrice("close", close);
    updateValidated(close);
  }

  /** {@link #update} for a close already validated by the caller. */
  void updateValidated(double close) {
    if (Double.isNaN(previousClose)) {
      previousClose = close;
      return;
    }
    final double change = Math.abs(close - previousClose);
    previousClose = close;
    if (changeCount >= period) {
      add(-changes[next]);
    }
    add(change);
    changes[next] = change;
    next = next + 1 == period ? 0 : next + 1;
    changeCount++;
  }

  private void add(double x) {
    final double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }

  /** Mean absolute change over the last {@code n} changes, or NaN before {@code n} changes. */
  public double value() {
    return changeCount >= period ? (sum + compensation) / periodValue : Double.NaN;
  }

  public boolean isReady() {
    return changeCount >= period;
  }

  public int period() {
    return period;
  }

  /** Forgets every close. */
  public void reset() {
    next = 0;
    changeCount = 0;
    previousClose = Double.NaN;
    sum = 0.0;
    compensation = 0.0;
  }

  /**
   * Close-only ATR of the first {@code count} closes into {@code out}, NaN before index {@code
   * period}.
   *
   * @throws IllegalArgumentException on a period below 1, a short array or an invalid close (its
   *     index is named)
   */
  public static void compute(double[] close, int count, int period, double[] out) {
    BarValidation.requireSameLength(count, close, out);
    final CloseOnlyAtr atr = new CloseOnlyAtr(period);
    for (int i = 0; i < count; i++) {
      try {
        atr.update(close[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bar " + i + ": " + e.getMessage(), e);
      }
      out[i] = atr.value();
    }
  }

  /** Writes the running state: the ring of changes (its length is the period, a setting). */
  public void write(SnapshotWriter out) {
    out.writeInt(changes.length);
    out.writeDoubles(changes, changes.length);
    out.writeInt(next);
    out.writeLong(changeCount);
    out.writeDouble(previousClose);
    out.writeDouble(sum);
    out.writeDouble(compensation);
  }

  /** Reads what {@link #write} wrote into this estimator, of the same period. */
  public void read(SnapshotReader in) {
    final int length = in.readInt();
    if (length != changes.length) {
      throw in.invalid("close-only ATR of period " + length + ", the settings say " + period);
    }
    in.readDoubles(changes, length);
    next = in.readInt();
    if (next < 0 || next >= Math.max(1, length)) {
      throw in.invalid("close-only ATR position " + next);
    }
    changeCount = in.readLong();
    previousClose = in.readDouble();
    sum = in.readDouble();
    compensation = in.readDouble();
  }
}
