package io.riskgate.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CovarianceTest {

  @Test
  void sampleCovarianceWorkedByHand() {
    // x = 1, 2, 3, 4 %, y = 2, 1, 4, 3 %: both means 2.5%; deviations (in %) x: -1.5, -0.5, 0.5,
    // 1.5 and y: -0.5, -1.5, 1.5, 0.5. Σ dx·dy = 3 (%²), Σ dx² = 5; divided by n - 1 = 3:
    // cov = 1e-4, var = 5e-4 / 3.
    final double[][] returns = {{0.01, 0.02, 0.03, 0.04}, {0.02, 0.01, 0.04, 0.03}};
    final double[][] out = new double[2][2];
    Covariance.sample(returns, 0, 4, out);
    assertEquals(5e-4 / 3, out[0][0], 1e-18);
    assertEquals(5e-4 / 3, out[1][1], 1e-18);
    assertEquals(1e-4, out[0][1], 1e-18);
    assertEquals(1e-4, out[1][0], 1e-18);
    // Window of the middle two scenarios: x 2%, 3%; y 1%, 4%: cov = (−0.5)(−1.5)·2 / 1 = 1.5 (%²).
    Covariance.sample(returns, 1, 2, out);
    assertEquals(1.5e-4, out[0][1], 1e-18);
  }

  @Test
  void ewmaWeightsTheNewestObservationMost() {
    // Two observations, λ = 0.9: weights λ/(1 + λ) on the older one and 1/(1 + λ) on the newer
    // one (RiskMetrics weights (1 − λ)λ^(T−1−t), normalized over the window).
    final double[][] returns = {{0.01, -0.02}, {0.03, 0.01}};
    final double[][] out = new double[2][2];
    Covariance.ewma(returns, 0, 2, 0.9, out);
    assertEquals((0.9 * 0.01 * 0.03 + -0.02 * 0.01) / 1.9, out[0][1], 1e-18);
    assertEquals((0.9 * 0.0001 + 0.0004) / 1.9, out[0][0], 1e-18);
    assertEquals((0.9 * 0.0009 + 0.0001) / 1.9, out[1][1], 1e-18);
  }

  @Test
  void ewmaEqualsTheRiskMetricsRecursionNormalizedForAFiniteWindow() {
    // σ²ₜ = λσ²ₜ₋₁ + (1 − λ)rₜ², started at 0, sums weights 1 − λ^T; the estimate divides that out.
    final double[][] returns = DowJones30.returns();
    final int days = returns[0].length;
    final int window = 250;
    final double lambda = 0.94;
    final double[][] out = new double[DowJones30.STOCKS][DowJones30.STOCKS];
    Covariance.ewma(returns, days - window, window, lambda, out);
    for (int[] pair : new int[][] {{0, 0}, {3, 17}, {29, 5}}) {
      double recursion = 0.0;
      for (int t = days - window; t < days; t++) {
        recursion = lambda * recursion + (1 - lambda) * returns[pair[0]][t] * returns[pair[1]][t];
      }
      assertEquals(
          recursion / (1 - Math.pow(lambda, window)),
          out[pair[0]][pair[1]],
          1e-12 * Math.abs(recursion) + 1e-18);
    }
  }

  @Test
  void rejectsMissingValuesAndBadParameters() {
    final double[][] out = new double[2][2];
    final IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> Covariance.sample(new double[][] {{0.1, 0.2}, {Double.NaN, 0.1}}, 0, 2, out));
    assertTrue(missing.getMessage().contains("instrument 1 in scenario 0"), missing.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Covariance.sample(new double[][] {{0.1}, {0.2}}, 0, 1, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> Covariance.ewma(new double[][] {{0.1, 0.2}, {0.1, 0.2}}, 0, 2, 1.0, out));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Covariance.ewma(new double[][] {{0.1, 0.2}, {0.1, 0.2}}, 0, 2, 0.94, new double[2][3]));
  }
}
