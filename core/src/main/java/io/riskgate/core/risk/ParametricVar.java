package io.riskgate.core.risk;

import io.riskgate.core.stats.NormalDistribution;
import io.riskgate.core.stats.ReturnStatistics;

/**
 * Parametric (variance–covariance) VaR and CVaR of the current portfolio: the portfolio PnL is
 * taken to be normal with mean zero and standard deviation {@code σ = √(wᵀ Σ w)}, where w are the
 * exposures and Σ the covariance matrix of the instruments' returns over one period.
 *
 * <p>Named for the method: the loss distribution is described by parameters (a covariance matrix)
 * instead of replayed scenarios. VaR at tail probability α is {@code z₁₋α · σ} with z from {@link
 * NormalDistribution#inverseCdf}; CVaR is the normal expected shortfall {@code σ · φ(z₁₋α) / α}.
 * The zero mean is the usual assumption for a one-day horizon (RiskMetrics Technical Document,
 * 1996). Feed it {@link Covariance#sample} for the classic variance–covariance VaR and {@link
 * Covariance#ewma} for EWMA VaR. Allocates nothing.
 */
public final class ParametricVar {

  /** z at 95%, about 1.64485362695147. */
  public static final double Z_95 = NormalDistribution.inverseCdf(1.0 - ReturnStatistics.TAIL_95);

  /** z at 99%, about 2.32634787404084. */
  public static final double Z_99 = NormalDistribution.inverseCdf(1.0 - ReturnStatistics.TAIL_99);

  private static final double ES_95 = NormalDistribution.density(Z_95) / ReturnStatistics.TAIL_95;
  private static final double ES_99 = NormalDistribution.density(Z_99) / ReturnStatistics.TAIL_99;

  private ParametricVar() {}

  /** Standard deviation of the portfolio PnL, {@code √(wᵀ Σ w)}. */
  public static double portfolioStandardDeviation(double[][] covariance, double[] exposures) {
    Covariance.checkSquare(covariance, exposures.length);
    ScenarioMatrix.checkExposures(exposures);
    double variance = 0.0;
    for (int i = 0; i < exposures.length; i++) {
      final double[] row = covariance[i];
      double inner = 0.0;
      for (int j = 0; j < exposures.length; j++) {
        inner += row[j] * exposures[j];
      }
      variance += exposures[i] * inner;
    }
    if (!(variance >= 0.0) || variance == Double.POSITIVE_INFINITY) {
      if (variance < 0.0 && variance > -1e-12 * scale(covariance, exposures)) {
        return 0.0;
      }
      throw new IllegalArgumentException(
          "portfolio variance is "
              + variance
              + "; the covariance matrix must be finite and positive semi-definite");
    }
    return Math.sqrt(variance);
  }

  /** VaR and CVaR at 95% and 99% without equity. */
  public static void compute(double[][] covariance, double[] exposures, VarResult out) {
    compute(covariance, exposures, Double.NaN, out);
  }

  /**
   * VaR and CVaR at 95% and 99% from the covariance matrix and the signed exposures (account
   * currency); {@code equity} is positive, or NaN when unknown.
   */
  public static void compute(
      double[][] covariance, double[] exposures, double equity, VarResult out) {
    ScenarioMatrix.checkEquity(equity);
    final double sigma = portfolioStandardDeviation(covariance, exposures);
    out.set(Z_95 * sigma, ES_95 * sigma, Z_99 * sigma, ES_99 * sigma, equity);
  }

  private static double scale(double[][] covariance, double[] exposures) {
    double scale = 0.0;
    for (int i = 0; i < exposures.length; i++) {
      scale += Math.abs(covariance[i][i]) * exposures[i] * exposures[i];
    }
    return scale;
  }
}
