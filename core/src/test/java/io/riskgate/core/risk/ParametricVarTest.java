package io.riskgate.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ParametricVarTest {

  @Test
  void twoAssetPortfolioWorkedByHand() {
    // σ₁ = 2%, σ₂ = 3%, covariance 0.0001; exposures 1,000,000 and 500,000:
    // variance = 1e12·0.0004 + 2·5e11·0.0001 + 2.5e11·0.0009 = 7.25e8, σ = 26,925.824035672522.
    // VaR = z·σ with z₉₅ = 1.6448536269514722, z₉₉ = 2.3263478740408408; the normal expected
    // shortfall is σ·φ(z)/α with φ(z₉₅)/0.05 = 2.0627128075074275 and φ(z₉₉)/0.01 =
    // 2.665214220345808 (values of scipy.stats.norm).
    final double[][] covariance = {{0.0004, 0.0001}, {0.0001, 0.0009}};
    final double[] exposures = {1_000_000.0, 500_000.0};
    final double sigma = 26_925.824035672522;
    assertEquals(sigma, ParametricVar.portfolioStandardDeviation(covariance, exposures), 1e-9);
    final VarResult result = new VarResult();
    ParametricVar.compute(covariance, exposures, 2_000_000.0, result);
    assertEquals(1.6448536269514722 * sigma, result.var95(), 1e-7);
    assertEquals(2.3263478740408408 * sigma, result.var99(), 1e-7);
    assertEquals(2.0627128075074275 * sigma, result.cvar95(), 1e-7);
    assertEquals(2.665214220345808 * sigma, result.cvar99(), 1e-7);
    assertEquals(result.var95() / 2_000_000.0, result.var95OfEquity(), 1e-15);
    // Shorting the second asset: variance 4e8 - 1e8 + 2.25e8 = 5.25e8.
    ParametricVar.compute(covariance, new double[] {1_000_000.0, -500_000.0}, result);
    assertEquals(1.6448536269514722 * Math.sqrt(5.25e8), result.var95(), 1e-7);
    assertTrue(Double.isNaN(result.equity()));
  }

  @Test
  void sampleCovarianceVarEqualsTheVarOfTheDowJonesPortfolioPnlSeries() {
    // wᵀΣw with Σ the sample covariance is exactly the sample variance of the portfolio's PnL
    // series, computed here plainly from the PnL of each day.
    final double[][] returns = DowJones30.returns();
    final int days = returns[0].length;
    final int window = 500;
    final double[] exposures = new double[DowJones30.STOCKS];
    for (int i = 0; i < exposures.length; i++) {
      exposures[i] = (i % 3 == 0 ? -1 : 1) * 40_000.0;
    }
    final double[] pnl = new double[window];
    for (int t = 0; t < window; t++) {
      for (int i = 0; i < exposures.length; i++) {
        pnl[t] += exposures[i] * returns[i][days - window + t];
      }
    }
    final double mean = Arrays.stream(pnl).sum() / window;
    double sumSquares = 0.0;
    for (double p : pnl) {
      sumSquares += (p - mean) * (p - mean);
    }
    final double std = Math.sqrt(sumSquares / (window - 1));

    final double[][] covariance = new double[DowJones30.STOCKS][DowJones30.STOCKS];
    Covariance.sample(returns, days - window, window, covariance);
    final VarResult result = new VarResult();
    ParametricVar.compute(covariance, exposures, result);
    assertEquals(ParametricVar.Z_95 * std, result.var95(), 1e-6 * result.var95());
    assertEquals(ParametricVar.Z_99 * std, result.var99(), 1e-6 * result.var99());

    // EWMA: the zero-mean weighted variance of the same PnL series.
    final double lambda = Covariance.RISKMETRICS_DAILY_LAMBDA;
    double weighted = 0.0;
    double weights = 0.0;
    for (int t = 0; t < window; t++) {
      final double w = Math.pow(lambda, window - 1 - t);
      weighted += w * pnl[t] * pnl[t];
      weights += w;
    }
    Covariance.ewma(returns, days - window, window, lambda, covariance);
    ParametricVar.compute(covariance, exposures, result);
    assertEquals(
        ParametricVar.Z_95 * Math.sqrt(weighted / weights), result.var95(), 1e-6 * result.var95());
  }

  @Test
  void rejectsAMatrixThatIsNotACovariance() {
    final VarResult result = new VarResult();
    final IllegalArgumentException indefinite =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ParametricVar.compute(
                    new double[][] {{0.0001, 0.01}, {0.01, 0.0001}}, new double[] {1, -1}, result));
    assertTrue(indefinite.getMessage().contains("positive semi-definite"), indefinite.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ParametricVar.compute(new double[][] {{0.0001}}, new double[] {1, 1}, result));
    assertThrows(
        IllegalArgumentException.class,
        () -> ParametricVar.compute(new double[][] {{Double.NaN}}, new double[] {1}, result));
    assertThrows(
        IllegalArgumentException.class,
        () -> ParametricVar.compute(new double[][] {{0.0001}}, new double[] {1}, 0.0, result));
    assertTrue(Double.isNaN(result.var95()));
  }
}
