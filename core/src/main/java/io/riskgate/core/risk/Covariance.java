package io.riskgate.core.risk;

/**
 * Covariance matrices of instrument returns over a window of scenarios: the sample covariance (ddof
 * = 1) and the exponentially weighted (EWMA, RiskMetrics) covariance.
 *
 * <p>Named for what it estimates. Both read {@code returns[instrument][scenario]}, aligned, every
 * value in the window finite, and write into a caller-supplied {@code k × k} matrix.
 *
 * <p>The EWMA estimate follows RiskMetrics (J.P. Morgan/Reuters, RiskMetrics — Technical Document,
 * 4th ed., 1996, section 5.2): returns are taken to have zero mean and the newest of the T
 * observations weighs most, {@code Σ = Σₜ wₜ rₜ rₜᵀ} with {@code wₜ = (1 − λ) λ^(T−1−t) / (1 −
 * λ^T)} for t = 0 (oldest) … T − 1 (newest). The weights sum to one over the window, which is the
 * recursion {@code Σₜ = λ Σₜ₋₁ + (1 − λ) rₜ rₜᵀ} normalized for a finite history. The RiskMetrics
 * daily decay factor is λ = 0.94.
 */
public final class Covariance {

  /** RiskMetrics' decay factor for daily data. */
  public static final double RISKMETRICS_DAILY_LAMBDA = 0.94;

  private Covariance() {}

  /**
   * Sample covariance (ddof = 1) of the scenarios {@code [from, from + count)}; needs at least two
   * scenarios.
   */
  public static void sample(double[][] returns, int from, int count, double[][] out) {
    check(returns, from, count, out);
    if (count < 2) {
      throw new IllegalArgumentException(
          "sample covariance needs at least two scenarios, was " + count);
    }
    final int k = returns.length;
    final double[] means = new double[k];
    for (int i = 0; i < k; i++) {
      double sum = 0.0;
      for (int s = from; s < from + count; s++) {
        sum += returns[i][s];
      }
      means[i] = sum / count;
    }
    for (int i = 0; i < k; i++) {
      final double[] x = returns[i];
      final double mx = means[i];
      for (int j = 0; j <= i; j++) {
        final double[] y = returns[j];
        final double my = means[j];
        double sum = 0.0;
        for (int s = from; s < from + count; s++) {
          sum += (x[s] - mx) * (y[s] - my);
        }
        final double cov = sum / (count - 1);
        out[i][j] = cov;
        out[j][i] = cov;
      }
    }
  }

  /** EWMA (RiskMetrics) covariance with decay {@code lambda} in (0, 1) over the window. */
  public static void ewma(double[][] returns, int from, int count, double lambda, double[][] out) {
    check(returns, from, count, out);
    if (!(lambda > 0.0 && lambda < 1.0)) {
      throw new IllegalArgumentException("EWMA decay lambda must be in (0, 1), was " + lambda);
    }
    final int k = returns.length;
    final double norm = (1.0 - lambda) / (1.0 - Math.pow(lambda, count));
    for (int i = 0; i < k; i++) {
      final double[] x = returns[i];
      for (int j = 0; j <= i; j++) {
        final double[] y = returns[j];
        double sum = 0.0;
        for (int s = from; s < from + count; s++) {
          sum = sum * lambda + x[s] * y[s];
        }
        final double cov = sum * norm;
        out[i][j] = cov;
        out[j][i] = cov;
      }
    }
  }

  private static void check(double[][] returns, int from, int count, double[][] out) {
    ScenarioMatrix.checkWindow(returns, from, count, null);
    ScenarioMatrix.checkFinite(returns, from, count);
    checkSquare(out, returns.length);
  }

  static void checkSquare(double[][] matrix, int k) {
    if (matrix.length != k) {
      throw new IllegalArgumentException(
          "matrix must be " + k + " x " + k + " but has " + matrix.length + " rows");
    }
    for (int i = 0; i < k; i++) {
      if (matrix[i].length != k) {
        throw new IllegalArgumentException(
            "matrix must be " + k + " x " + k + " but row " + i + " has " + matrix[i].length);
      }
    }
  }
}
