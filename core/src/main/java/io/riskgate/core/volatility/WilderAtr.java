package io.riskgate.core.volatility;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * Average true range with Wilder's smoothing, named after J. Welles Wilder, who defined it in "New
 * Concepts in Technical Trading Systems" (1978).
 *
 * <p>Seeding follows TA-Lib's {@code TA_ATR}: the first bar (index 0) has no previous close, so its
 * true range ({@code H − L}) is reported by {@link #trueRange()} but not averaged. The first ATR is
 * defined at bar index {@code n} as the mean of the {@code n} true ranges of bars {@code 1..n};
 * afterwards {@code ATRₜ = (ATRₜ₋₁ · (n − 1) + TRₜ) / n}. Before bar {@code n} the value is {@link
 * Double#NaN}.
 *
 * <p>Streaming use: {@link #update} once per bar, then {@link #value()}; O(1) and allocation-free.
 * Batch use: {@link #compute}, which gives bit-for-bit the same numbers. An invalid bar (NaN,
 * infinite, non-positive price, high below low) throws {@link IllegalArgumentException} and leaves
 * the estimator unchanged.
 */
public final class WilderAtr {
  private final int period;
  private final double periodValue;
  private final double periodMinusOne;

  private long barCount;
  private double previousClose = Double.NaN;
  private double seedSum;
  private double atr = Double.NaN;
  private double trueRange = Double.NaN;

  /**
   * @param period the smoothing period {@code n}, at least 1 (14 is Wilder's)
   */
  public WilderAtr(int period) {
    BarValidation.requirePeriod("ATR period", period, 1);
    this.period = period;
    this.periodValue = period;
    this.periodMinusOne = period - 1;
  }

  /** Adds the next bar. */
  public void update(double high, double low, double close) {
    BarValidation.requireBar(high, low, close);
    updateValidated(high, low, close);
  }

  /** {@link #update} for a bar already validated by the caller. */
  void updateValidated(double high, double low, double close) {
    final double tr = TrueRange.of(high, low, previousClose);
    trueRange = tr;
    previousClose = close;
    final long averaged = barCount; // true ranges with a previous close, this one included
    barCount++;
    if (averaged == 0) {
      return;
    }
    if (averaged < period) {
      seedSum += tr;
    } else if (averaged == period) {
      seedSum += tr;
      atr = seedSum / periodValue;
    } else {
      atr = (atr * periodMinusOne + tr) / periodValue;
    }
  }

  /** The current ATR, or {@link Double#NaN} before bar index {@code n}. */
  public double value() {
    return atr;
  }

  /** True once {@link #value()} is defined. */
  public boolean isReady() {
    return barCount > period;
  }

  /** The true range of the latest bar ({@code H − L} for the first), NaN before any bar. */
  public double trueRange() {
    return trueRange;
  }

  /** Number of bars seen. */
  public long barCount() {
    return barCount;
  }

  public int period() {
    return period;
  }

  /** Forgets every bar. */
  public void reset() {
    barCount = 0;
    previousClose = Double.NaN;
    seedSum = 0.0;
    atr = Double.NaN;
    trueRange = Double.NaN;
  }

  /**
   * ATR of the first {@code count} bars into {@code out} ({@link Double#NaN} before index {@code
   * period}), the same numbers as the streaming form.
   *
   * @throws IllegalArgumentException if the period is below 1, an array is shorter than {@code
   *     count}, or a bar is invalid (its index is named)
   */
  public static void compute(
      double[] high, double[] low, double[] close, int count, int period, double[] out) {
    BarValidation.requirePeriod("ATR period", period, 1);
    BarValidation.requireSameLength(count, high, low, close, out);
    final double periodValue = period;
    final double periodMinusOne = period - 1;
    double seedSum = 0.0;
    double atr = Double.NaN;
    double previousClose = Double.NaN;
    for (int i = 0; i < count; i++) {
      final double h = high[i];
      final double l = low[i];
      final double c = close[i];
      if (!(l > 0.0)
          || !(h >= l)
          || !(c > 0.0)
          || h == Double.POSITIVE_INFINITY
          || c == Double.POSITIVE_INFINITY) {
        TrueRange.requireBarAt(i, h, l, c);
      }
      final double tr = TrueRange.of(h, l, previousClose);
      previousClose = c;
      if (i == 0) {
        out[i] = Double.NaN;
        continue;
      }
      if (i < period) {
        seedSum += tr;
      } else if (i == period) {
        seedSum += tr;
        atr = seedSum / periodValue;
      } else {
        atr = (atr * periodMinusOne + tr) / periodValue;
      }
      out[i] = atr;
    }
  }

  /** Writes the running state (the period is a setting, given again when read). */
  public void write(SnapshotWriter out) {
    out.writeLong(barCount);
    out.writeDouble(previousClose);
    out.writeDouble(seedSum);
    out.writeDouble(atr);
    out.writeDouble(trueRange);
  }

  /** Reads what {@link #write} wrote into this estimator. */
  public void read(SnapshotReader in) {
    barCount = in.readLong();
    previousClose = in.readDouble();
    seedSum = in.readDouble();
    atr = in.readDouble();
    trueRange = in.readDouble();
  }
}
