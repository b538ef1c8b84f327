package io.riskgate.core.stats;

/**
 * In-place selection of order statistics in a {@code double} array (quickselect), so a quantile
 * costs linear time instead of the n log n of a full sort.
 *
 * <p>Named for the selection problem: find the k-th smallest element. After {@link #select}
 * returns, {@code values[k]} holds the k-th smallest value of the range, every element before it is
 * at most that value and every element after it is at least that value. The pivot is the median of
 * the first, middle and last elements, so the result and the final order are deterministic. The
 * array must not contain NaN.
 */
public final class Selection {

  private Selection() {}

  /**
   * Rearranges {@code values[from, to)} so that {@code values[k]} is its k-th smallest element
   * (counting from {@code from}), with smaller-or-equal elements before it and greater-or-equal
   * elements after it; returns that element.
   */
  public static double select(double[] values, int from, int to, int k) {
    if (from < 0 || to > values.length || from >= to || k < from || k >= to) {
      throw new IllegalArgumentException(
          "need 0 <= from <= k < to <= length, was from="
              + from
              + " k="
              + k
              + " to="
              + to
              + " length="
              + values.length);
    }
    int lo = from;
    int hi = to - 1;
    while (hi > lo) {
      final int mid = (lo + hi) >>> 1;
      final double pivot = medianOfThree(values[lo], values[mid], values[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (values[i] < pivot) {
          i++;
        }
        while (values[j] > pivot) {
          j--;
        }
        if (i <= j) {
          final double swap = values[i];
          values[i] = values[j];
          values[j] = swap;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return values[k];
  }

  /** The smallest element of {@code values[from, to)}; NaN for an empty range. */
  public static double min(double[] values, int from, int to) {
    double min = Double.NaN;
    for (int i = from; i < to; i++) {
      final double v = values[i];
      if (!(v >= min)) {
        min = v;
      }
    }
    return min;
  }

  private static double medianOfThree(double a, double b, double c) {
    if (a < b) {
      return b < c ? b : Math.max(a, c);
    }
    return a < c ? a : Math.max(b, c);
  }
}
