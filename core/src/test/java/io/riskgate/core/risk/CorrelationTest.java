package io.riskgate.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationTest {

  /** Pearson correlation, two passes, written out plainly. */
  private static double plainPearson(double[] x, double[] y, int from, int to) {
    double meanX = 0.0;
    double meanY = 0.0;
    for (int t = from; t < to; t++) {
      meanX += x[t];
      meanY += y[t];
    }
    meanX /= to - from;
    meanY /= to - from;
    double sxy = 0.0;
    double sxx = 0.0;
    double syy = 0.0;
    for (int t = from; t < to; t++) {
      sxy += (x[t] - meanX) * (y[t] - meanY);
      sxx += (x[t] - meanX) * (x[t] - meanX);
      syy += (y[t] - meanY) * (y[t] - meanY);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  private static void assertCorrelationMatrix(double[][] rho) {
    for (int i = 0; i < rho.length; i++) {
      assertEquals(1.0, rho[i][i], "diagonal " + i);
      for (int j = 0; j < rho.length; j++) {
        assertEquals(rho[i][j], rho[j][i], "symmetry " + i + "," + j);
        assertTrue(rho[i][j] >= -1.0 && rho[i][j] <= 1.0, "range " + i + "," + j);
      }
    }
  }

  @Test
  void rollingDowJonesCorrelationMatrixEqualsPlainPearson() {
    final double[][] returns = DowJones30.returns();
    final int days = returns[0].length;
    final double[][] rho = new double[DowJones30.STOCKS][DowJones30.STOCKS];
    for (int window : new int[] {60, 250, days}) {
      Correlation.rolling(returns, window, 20, rho);
      assertCorrelationMatrix(rho);
      for (int i = 0; i < DowJones30.STOCKS; i++) {
        for (int j = 0; j < DowJones30.STOCKS; j++) {
          if (i != j) {
            assertEquals(
                plainPearson(returns[i], returns[j], days - window, days),
                rho[i][j],
                1e-12,
                "window " + window + " pair " + i + "," + j);
          }
        }
      }
    }
    // Stocks of one market move together: over the whole period every pair is positively
    // correlated.
    Correlation.rolling(returns, days, 20, rho);
    for (double[] row : rho) {
      for (double value : row) {
        assertTrue(value > 0.0);
      }
    }
  }

  @Test
  void ewmaDowJonesCorrelationMatrixIsACorrelationMatrix() {
    final double[][] returns = DowJones30.returns();
    final double[][] rho = new double[DowJones30.STOCKS][DowJones30.STOCKS];
    Correlation.ewma(returns, 250, 0.94, rho);
    assertCorrelationMatrix(rho);
    final double[][] covariance = new double[DowJones30.STOCKS][DowJones30.STOCKS];
    Covariance.ewma(returns, returns[0].length - 250, 250, 0.94, covariance);
    assertEquals(
        covariance[4][9] / Math.sqrt(covariance[4][4] * covariance[9][9]), rho[4][9], 1e-15);
  }

  @Test
  void pearsonWorkedByHand() {
    // x = 1, 2, 3, 4 %, y = 2, 1, 4, 3 %: Σ dx·dy = 3, Σ dx² = Σ dy² = 5 (in %²): ρ = 0.6.
    final double[] x = {0.01, 0.02, 0.03, 0.04};
    final double[] y = {0.02, 0.01, 0.04, 0.03};
    assertEquals(0.6, Correlation.pearson(x, y, 2), 1e-15);
    assertEquals(1.0, Correlation.pearson(x, x, 2));
    final double[] opposite = {-0.01, -0.02, -0.03, -0.04};
    assertEquals(-1.0, Correlation.pearson(x, opposite, 2), 1e-15);
  }

  @Test
  void pearsonIsNanBelowTheMinimumObservations() {
    final double[] x = {0.01, 0.02, 0.03, 0.04};
    final double[] y = {0.02, 0.01, 0.04, 0.03};
    assertEquals(0.6, Correlation.pearson(x, y, 4), 1e-15);
    assertTrue(Double.isNaN(Correlation.pearson(x, y, 5)));
    assertTrue(Double.isNaN(Correlation.pearson(new double[] {0.1}, new double[] {0.2}, 0)));
    assertTrue(Double.isNaN(Correlation.pearson(new double[0], new double[0], 0)));
  }

  @Test
  void pearsonSkipsPairsWithAMissingSide() {
    final double[] x = {0.01, Double.NaN, 0.02, 0.03, 0.5, 0.04};
    final double[] y = {0.02, 0.7, 0.01, 0.04, Double.NaN, 0.03};
    assertEquals(0.6, Correlation.pearson(x, y, 4), 1e-15);
    assertTrue(Double.isNaN(Correlation.pearson(x, y, 5)));
  }

  @Test
  void aConstantSeriesHasNoCorrelation() {
    final double[] flat = {0.01, 0.01, 0.01, 0.01};
    final double[] moving = {0.01, 0.02, 0.03, 0.04};
    assertTrue(Double.isNaN(Correlation.pearson(flat, moving, 2)));
    final double[][] rho = new double[2][2];
    Correlation.rolling(new double[][] {flat, moving}, 4, 2, rho);
    assertTrue(Double.isNaN(rho[0][0]));
    assertTrue(Double.isNaN(rho[0][1]));
    assertEquals(1.0, rho[1][1]);
  }

  @Test
  void rejectsMisalignedSeries() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Correlation.pearson(new double[] {0.1, 0.2}, new double[] {0.1}, 2));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Correlation.rolling(
                new double[][] {{0.1, 0.2, 0.3}, {0.1, 0.2}}, 2, 2, new double[2][2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> Correlation.rolling(new double[][] {{0.1, 0.2}}, 3, 2, new double[1][1]));
    final IllegalArgumentException infinite =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Correlation.pearson(
                    new double[] {0.1, Double.POSITIVE_INFINITY}, new double[] {0.1, 0.2}, 2));
    assertTrue(infinite.getMessage().contains("observation 1"), infinite.getMessage());
  }
}
