package io.riskgate.core.volatility;

/**
 * Wilder's true range of a bar: {@code max(H − L, |H − C₋₁|, |L − C₋₁|)}, the bar's range widened
 * to include a gap from the previous close. The first bar of a series has no previous close and its
 * true range is {@code H − L}.
 */
public final class TrueRange {
  private TrueRange() {}

  /**
   * The true range of one bar; pass {@link Double#NaN} as {@code previousClose} for the first bar.
   * Inputs are not validated here (the estimators validate before calling).
   */
  public static double of(double high, double low, double previousClose) {
    final double range = high - low;
    if (Double.isNaN(previousClose)) {
      return range;
    }
    return Math.max(range, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
  }

  /**
   * True ranges of the first {@code count} bars into {@code out}; {@code out[0]} is {@code H − L}.
   *
   * @throws IllegalArgumentException if an array is shorter than {@code count} or a bar is invalid
   *     (nothing is written past the invalid bar's index)
   */
  public static void compute(double[] high, double[] low, double[] close, int count, double[] out) {
    BarValidation.requireSameLength(count, high, low, close, out);
    double previousClose = Double.NaN;
    for (int i = 0; i < count; i++) {
      requireBarAt(i, high[i], low[i], close[i]);
      out[i] = of(high[i], low[i], previousClose);
      previousClose = close[i];
    }
  }

  static void requireBarAt(int index, double high, double low, double close) {
    try {
      BarValidation.requireBar(high, low, close);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bar " + index + ": " + e.getMessage(), e);
    }
  }
}
