package io.riskgate.core.stats;

/**
 * The summary statistics of one return series, as printed by {@code riskgate stats}.
 *
 * <p>Named after the one-page performance summary traders call a tear sheet. Values follow the
 * conventions of {@link ReturnStatistics}; undefined values are NaN or ±Infinity, never a made-up
 * number. VaR and CVaR are positive losses as fractions of wealth; maximum drawdown is a positive
 * fraction; beta and alpha are NaN when no benchmark was given.
 *
 * @param count observed (non-NaN) returns
 * @param annualReturn compound annual growth rate
 * @param annualVolatility standard deviation (ddof = 1) times √(periods per year)
 * @param sharpe annualized Sharpe ratio
 * @param sortino annualized Sortino ratio
 * @param calmar annual return over maximum drawdown
 * @param maxDrawdown maximum drawdown, positive fraction
 * @param downsideRisk annualized downside deviation
 * @param var95 historical 95% VaR
 * @param cvar95 historical 95% CVaR
 * @param var99 historical 99% VaR
 * @param cvar99 historical 99% CVaR
 * @param skew adjusted Fisher–Pearson skewness
 * @param kurtosis bias-corrected excess kurtosis
 * @param beta beta against the benchmark
 * @param alpha annualized alpha against the benchmark
 */
public record TearSheet(
    int count,
    double annualReturn,
    double annualVolatility,
    double sharpe,
    double sortino,
    double calmar,
    double maxDrawdown,
    double downsideRisk,
    double var95,
    double cvar95,
    double var99,
    double cvar99,
    double skew,
    double kurtosis,
    double beta,
    double alpha) {

  /** Rejects a negative count and the values no statistic can produce. */
  public TearSheet {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
    if (maxDrawdown < 0.0 || maxDrawdown > 1.0) {
      throw new IllegalArgumentException("maxDrawdown must be in [0, 1], was " + maxDrawdown);
    }
    if (annualVolatility < 0.0 || downsideRisk < 0.0) {
      throw new IllegalArgumentException(
          "volatility and downside risk cannot be negative, were "
              + annualVolatility
              + " and "
              + downsideRisk);
    }
  }
}
