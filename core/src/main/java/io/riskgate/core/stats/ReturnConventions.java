package io.riskgate.core.stats;

/**
 * How a return series is annualized and what it is measured against: the periods per year and the
 * annual risk-free rate.
 *
 * <p>Named for the conventions of DESIGN.md section 5 that these two numbers carry. The risk-free
 * rate is an annual, compounded rate; one period's share of it is {@code (1 + riskFreeRate)^(1 /
 * periodsPerYear) − 1}, so that compounding the per-period rate over a year gives back the annual
 * rate. Sharpe subtracts that per-period rate from every return, and Sortino uses it as its target
 * (its minimum acceptable return), which is 0 by default.
 *
 * @param periodsPerYear return periods in a year: 252 for trading days (the default), 365 for
 *     crypto, 52 for weeks, 12 for months
 * @param riskFreeRate annual risk-free rate as a fraction, for example 0.02 for 2%
 */
public record ReturnConventions(int periodsPerYear, double riskFreeRate) {

  /** 252 periods a year, no risk-free rate. */
  public static final ReturnConventions DAILY = new ReturnConventions(252, 0.0);

  /** Validates both numbers. */
  public ReturnConventions {
    if (periodsPerYear <= 0) {
      throw new IllegalArgumentException("periodsPerYear must be positive, was " + periodsPerYear);
    }
    if (!Double.isFinite(riskFreeRate) || riskFreeRate <= -1.0) {
      throw new IllegalArgumentException(
          "riskFreeRate must be a finite annual rate above -1, was " + riskFreeRate);
    }
  }

  /** Conventions with the given periods per year and no risk-free rate. */
  public static ReturnConventions ofPeriodsPerYear(int periodsPerYear) {
    return new ReturnConventions(periodsPerYear, 0.0);
  }

  /** One period's share of the annual risk-free rate, compounded: {@code (1 + rf)^(1/P) − 1}. */
  public double riskFreePerPeriod() {
    return riskFreeRate == 0.0 ? 0.0 : Math.pow(1.0 + riskFreeRate, 1.0 / periodsPerYear) - 1.0;
  }
}
