package io.riskgate.core.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollingStandardDeviationTest {

  /**
   * NIST Statistical Reference Datasets, univariate summary statistics
   * (https://www.itl.nist.gov/div898/strd/univ/): NumAcc2, NumAcc3 and NumAcc4 are 1001 values, the
   * first {@code base + 0.2}, then 500 pairs {@code base + 0.1}, {@code base + 0.3}, with base 1,
   * 1,000,000 and 10,000,000; certified sample standard deviation 0.1 and mean {@code base + 0.2}.
   */
  private static double[] numAcc(double first, double low, double high) {
    final double[] values = new double[1001];
    values[0] = first;
    for (int i = 1; i < values.length; i += 2) {
      values[i] = low;
      values[i + 1] = high;
    }
    return values;
  }

  private static RollingStandardDeviation fill(double[] values, int window) {
    final RollingStandardDeviation sd = new RollingStandardDeviation(window);
    for (double v : values) {
      sd.add(v);
    }
    return sd;
  }

  @Test
  void nistNumAcc1() {
    // NIST StRD NumAcc1: 10000001, 10000003, 10000002; certified mean 10000002, sd 1.
    final RollingStandardDeviation sd = fill(new double[] {10000001, 10000003, 10000002}, 3);
    assertEquals(10000002.0, sd.mean(), 0.0);
    assertEquals(1.0, sd.standardDeviation(), 1e-15);
  }

  @Test
  void nistNumAcc2() {
    final RollingStandardDeviation sd = fill(numAcc(1.2, 1.1, 1.3), 1001);
    assertEquals(1.2, sd.mean(), 1e-14);
    assertEquals(0.1, sd.standardDeviation(), 1e-14);
  }

  @Test
  void nistNumAcc3() {
    final RollingStandardDeviation sd = fill(numAcc(1000000.2, 1000000.1, 1000000.3), 1001);
    assertEquals(1000000.2, sd.mean(), 1e-8);
    assertEquals(0.1, sd.standardDeviation(), 1e-9);
  }

  @Test
  void nistNumAcc4() {
    // The hardest of the three: a naive sum-of-squares formula loses every digit here.
    final RollingStandardDeviation sd = fill(numAcc(10000000.2, 10000000.1, 10000000.3), 1001);
    assertEquals(10000000.2, sd.mean(), 1e-7);
    assertEquals(0.1, sd.standardDeviation(), 1e-8);
  }

  @Test
  void nistNumAcc4AfterTheWindowSlidOverOtherData() {
    // 5,000 unrelated values first; once they have all left the window, the certified answer holds.
    final double[] data = numAcc(10000000.2, 10000000.1, 10000000.3);
    final RollingStandardDeviation sd = new RollingStandardDeviation(data.length);
    final long seed = 42L;
    System.out.println("NumAcc4 sliding window: seed " + seed);
    final SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 5_000; i++) {
      sd.add(10000000.0 + random.nextDouble());
    }
    for (double v : data) {
      sd.add(v);
    }
    assertEquals(0.1, sd.standardDeviation(), 1e-7);
  }

  @Test
  void rollingMatchesTwoPassOnRandomDataAfterManySlides() {
    final long seed = 1234L;
    System.out.println("rolling standard deviation: seed " + seed);
    final SplittableRandom random = new SplittableRandom(seed);
    final int window = 63;
    final double[] values = new double[300_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 0.01 * (random.nextDouble() - 0.5) + (i % 1000 == 0 ? 0.2 : 0.0);
    }
    final RollingStandardDeviation sd = fill(values, window);
    double mean = 0;
    for (int i = values.length - window; i < values.length; i++) {
      mean += values[i];
    }
    mean /= window;
    double ss = 0;
    for (int i = values.length - window; i < values.length; i++) {
      ss += (values[i] - mean) * (values[i] - mean);
    }
    final double expected = Math.sqrt(ss / (window - 1));
    assertEquals(expected, sd.standardDeviation(), 1e-10 * expected);
  }

  @Test
  void undefinedWithFewerThanTwoValues() {
    final RollingStandardDeviation sd = new RollingStandardDeviation(5);
    assertTrue(Double.isNaN(sd.standardDeviation()));
    sd.add(1.0);
    assertTrue(Double.isNaN(sd.standardDeviation()));
    sd.add(3.0);
    assertEquals(Math.sqrt(2.0), sd.standardDeviation(), 1e-15);
  }

  @Test
  void rejectsNonFiniteValuesAndSmallWindows() {
    final RollingStandardDeviation sd = new RollingStandardDeviation(2);
    assertThrows(IllegalArgumentException.class, () -> sd.add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> sd.add(Double.NEGATIVE_INFINITY));
    assertEquals(0, sd.count());
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RollingStandardDeviation(1));
    assertEquals("standard deviation window must be at least 2, got 1", e.getMessage());
  }
}
