package io.riskgate.core.stats;

import java.util.Arrays;

/**
 * Performance and risk statistics of a series of periodic simple returns: annual return and
 * volatility, Sharpe, Sortino, Calmar, maximum drawdown, downside risk, historical VaR and CVaR,
 * skew, kurtosis, beta and alpha.
 *
 * <p>Named for what it takes in: returns, never prices or PnL levels. The conventions are those of
 * DESIGN.md section 5 and {@code docs/statistics.md}:
 *
 * <ul>
 *   <li>Returns are simple returns ({@code p₁/p₀ − 1}). A NaN entry means "no observation" and is
 *       skipped by every statistic; infinities and returns below −1 are rejected.
 *   <li>Standard deviations use ddof = 1 and are annualized by √(periods per year).
 *   <li>Annual return is geometric: {@code (Π(1 + r))^(P / n) − 1} over the n observations.
 *   <li>Sharpe is the mean excess return over its standard deviation times √P; the excess is over
 *       the per-period risk-free rate of {@link ReturnConventions#riskFreePerPeriod()}.
 *   <li>Downside risk is {@code √(mean(min(r − t, 0)²)) · √P} over all n periods, with target t the
 *       per-period risk-free rate (0 by default); Sortino is {@code mean(r − t)} over that
 *       per-period downside deviation, times √P.
 *   <li>Maximum drawdown is a positive fraction of the running peak of the wealth path, which
 *       starts at 1 before the first return; Calmar is annual return over maximum drawdown.
 *   <li>Historical VaR at tail probability α is {@code −quantile(α)} with linear interpolation
 *       between order statistics (position {@code (n − 1)·α}); CVaR is minus the mean of the worst
 *       {@code ⌊(n − 1)·α⌋ + 1} returns. Both are positive losses.
 *   <li>Skew is the adjusted Fisher–Pearson coefficient G1 and kurtosis the bias-corrected excess
 *       kurtosis G2 (the estimators of Excel's SKEW and KURT and of pandas).
 *   <li>Beta is cov(r, b) / var(b) over the pairs where both sides are observed; alpha is the mean
 *       per-period residual {@code (r − rf) − β(b − rf)} compounded to a year: {@code (1 + ᾱ)^P −
 *       1}.
 * </ul>
 *
 * <p>Undefined results are NaN: no observation at all, fewer than two for anything that needs a
 * standard deviation (three for skew, four for kurtosis). A ratio whose denominator is exactly zero
 * (zero volatility, no downside, no drawdown) is +Infinity or −Infinity by the sign of its
 * numerator and NaN when the numerator is zero as well. A series whose observations are all equal
 * has a volatility of exactly zero. No method modifies its input arrays.
 */
public final class ReturnStatistics {

  /** Tail probability of the 95% VaR. */
  public static final double TAIL_95 = 0.05;

  /** Tail probability of the 99% VaR. */
  public static final double TAIL_99 = 0.01;

  private ReturnStatistics() {}

  /** Number of observed (non-NaN) returns; validates the series. */
  public static int count(double[] returns) {
    int n = 0;
    for (int i = 0; i < returns.length; i++) {
      final double r = returns[i];
      if (Double.isNaN(r)) {
        continue;
      }
      if (Double.isInfinite(r)) {
        throw new IllegalArgumentException(
            "returns[" + i + "] is " + r + "; a return must be finite, or NaN for a missing one");
      }
      if (r < -1.0) {
        throw new IllegalArgumentException(
            "returns[" + i + "] is " + r + "; a simple return cannot be below -1");
      }
      n++;
    }
    return n;
  }

  /** Arithmetic mean of the observed returns; NaN when there are none. */
  public static double mean(double[] returns) {
    final int n = count(returns);
    if (n == 0) {
      return Double.NaN;
    }
    double sum = 0.0;
    for (double r : returns) {
      if (r == r) {
        sum += r;
      }
    }
    return sum / n;
  }

  /** Sample standard deviation (ddof = 1) of the observed returns; NaN below two observations. */
  public static double standardDeviation(double[] returns) {
    final int n = count(returns);
    if (n < 2) {
      return Double.NaN;
    }
    if (allEqual(returns)) {
      return 0.0;
    }
    final double mean = mean(returns);
    double sumSquares = 0.0;
    for (double r : returns) {
      if (r == r) {
        final double d = r - mean;
        sumSquares += d * d;
      }
    }
    return Math.sqrt(sumSquares / (n - 1));
  }

  /** Compound annual growth rate {@code (Π(1 + r))^(P / n) − 1}; NaN without observations. */
  public static double annualReturn(double[] returns, ReturnConventions conventions) {
    final int n = count(returns);
    if (n == 0) {
      return Double.NaN;
    }
    double wealth = 1.0;
    for (double r : returns) {
      if (r == r) {
        wealth *= 1.0 + r;
      }
    }
    return Math.pow(wealth, (double) conventions.periodsPerYear() / n) - 1.0;
  }

  /** Standard deviation (ddof = 1) times √P; NaN below two observations. */
  public static double annualVolatility(double[] returns, ReturnConventions conventions) {
    return standardDeviation(returns) * Math.sqrt(conventions.periodsPerYear());
  }

  /** Annualized Sharpe ratio over the per-period risk-free rate; NaN below two observations. */
  public static double sharpe(double[] returns, ReturnConventions conventions) {
    final double std = standardDeviation(returns);
    if (Double.isNaN(std)) {
      return Double.NaN;
    }
    final double excess = mean(returns) - conventions.riskFreePerPeriod();
    return ratio(excess, std) * Math.sqrt(conventions.periodsPerYear());
  }

  /**
   * Annualized downside deviation below the per-period risk-free rate, over all observed periods (a
   * period above the target counts as zero); NaN without observations.
   */
  public static double downsideRisk(double[] returns, ReturnConventions conventions) {
    return downsideDeviation(returns, conventions.riskFreePerPeriod())
        * Math.sqrt(conventions.periodsPerYear());
  }

  /**
   * Annualized Sortino ratio with the per-period risk-free rate as target; NaN below two
   * observations; +Infinity when no return is below the target and the mean excess is positive.
   */
  public static double sortino(double[] returns, ReturnConventions conventions) {
    final int n = count(returns);
    if (n < 2) {
      return Double.NaN;
    }
    final double target = conventions.riskFreePerPeriod();
    final double downside = downsideDeviation(returns, target);
    return ratio(mean(returns) - target, downside) * Math.sqrt(conventions.periodsPerYear());
  }

  /**
   * Largest peak-to-trough fall of the wealth path, as a positive fraction of the peak; the path
   * starts at 1 before the first return. 0 when wealth never falls; NaN without observations.
   */
  public static double maxDrawdown(double[] returns) {
    if (count(returns) == 0) {
      return Double.NaN;
    }
    double wealth = 1.0;
    double peak = 1.0;
    double maxDrawdown = 0.0;
    for (double r : returns) {
      if (r == r) {
        wealth *= 1.0 + r;
        if (wealth > peak) {
          peak = wealth;
        } else {
          final double drawdown = (peak - wealth) / peak;
          if (drawdown > maxDrawdown) {
            maxDrawdown = drawdown;
          }
        }
      }
    }
    return maxDrawdown;
  }

  /** Annual return over maximum drawdown; NaN without observations. */
  public static double calmar(double[] returns, ReturnConventions conventions) {
    if (count(returns) == 0) {
      return Double.NaN;
    }
    return ratio(annualReturn(returns, conventions), maxDrawdown(returns));
  }

  /**
   * Historical value at risk at tail probability {@code tail} (0.05 for 95%): minus the linearly
   * interpolated {@code tail}-quantile of the observed returns, a positive number for a loss; NaN
   * without observations.
   */
  public static double valueAtRisk(double[] returns, double tail) {
    checkTail(tail);
    final double[] sorted = sortedObservations(returns);
    final int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    final double position = (n - 1) * tail;
    final int lower = (int) Math.floor(position);
    final double fraction = position - lower;
    double quantile = sorted[lower];
    if (fraction > 0.0) {
      quantile += fraction * (sorted[lower + 1] - sorted[lower]);
    }
    // 0.0 - x rather than -x: no loss is +0.0, never -0.0.
    return 0.0 - quantile;
  }

  /**
   * Historical conditional value at risk (expected shortfall) at tail probability {@code tail}:
   * minus the mean of the worst {@code ⌊(n − 1)·tail⌋ + 1} observed returns; NaN without
   * observations.
   */
  public static double conditionalValueAtRisk(double[] returns, double tail) {
    checkTail(tail);
    final double[] sorted = sortedObservations(returns);
    final int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    final int worst = tailCount(n, tail);
    double sum = 0.0;
    for (int i = 0; i < worst; i++) {
      sum += sorted[i];
    }
    return 0.0 - sum / worst;
  }

  /** Number of worst observations averaged by CVaR out of {@code n}: {@code ⌊(n − 1)·tail⌋ + 1}. */
  public static int tailCount(int n, double tail) {
    return (int) Math.floor((n - 1) * tail) + 1;
  }

  /**
   * Adjusted Fisher–Pearson skewness G1 = √(n(n−1)) / (n−2) · m₃ / m₂^{3/2}; NaN below three
   * observations or for a constant series.
   */
  public static double skewness(double[] returns) {
    final int n = count(returns);
    if (n < 3 || allEqual(returns)) {
      return Double.NaN;
    }
    final double mean = mean(returns);
    double m2 = 0.0;
    double m3 = 0.0;
    for (double r : returns) {
      if (r == r) {
        final double d = r - mean;
        final double d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
      }
    }
    m2 /= n;
    m3 /= n;
    final double g1 = m3 / Math.pow(m2, 1.5);
    return Math.sqrt((double) n * (n - 1)) / (n - 2) * g1;
  }

  /**
   * Bias-corrected excess kurtosis G2 = ((n+1)·g₂ + 6)·(n−1) / ((n−2)(n−3)) with g₂ = m₄/m₂² − 3; 0
   * for a normal distribution. NaN below four observations or for a constant series.
   */
  public static double kurtosis(double[] returns) {
    final int n = count(returns);
    if (n < 4 || allEqual(returns)) {
      return Double.NaN;
    }
    final double mean = mean(returns);
    double m2 = 0.0;
    double m4 = 0.0;
    for (double r : returns) {
      if (r == r) {
        final double d2 = (r - mean) * (r - mean);
        m2 += d2;
        m4 += d2 * d2;
      }
    }
    m2 /= n;
    m4 /= n;
    final double g2 = m4 / (m2 * m2) - 3.0;
    return ((n + 1) * g2 + 6.0) * (n - 1) / ((double) (n - 2) * (n - 3));
  }

  /**
   * Beta of {@code returns} against {@code benchmark}: cov / var over the aligned pairs where both
   * are observed. NaN below two pairs or when the benchmark is constant over them.
   */
  public static double beta(double[] returns, double[] benchmark) {
    checkAligned(returns, benchmark);
    int n = 0;
    double sumR = 0.0;
    double sumB = 0.0;
    double firstB = Double.NaN;
    boolean benchmarkConstant = true;
    for (int i = 0; i < returns.length; i++) {
      final double r = returns[i];
      final double b = benchmark[i];
      if (r == r && b == b) {
        n++;
        sumR += r;
        sumB += b;
        if (n == 1) {
          firstB = b;
        } else if (b != firstB) {
          benchmarkConstant = false;
        }
      }
    }
    if (n < 2 || benchmarkConstant) {
      return Double.NaN;
    }
    final double meanR = sumR / n;
    final double meanB = sumB / n;
    double cov = 0.0;
    double var = 0.0;
    for (int i = 0; i < returns.length; i++) {
      final double r = returns[i];
      final double b = benchmark[i];
      if (r == r && b == b) {
        final double db = b - meanB;
        cov += (r - meanR) * db;
        var += db * db;
      }
    }
    return cov / var;
  }

  /**
   * Annualized alpha against {@code benchmark}: the mean per-period residual {@code (r − rf) − β(b
   * − rf)} over the aligned observed pairs, compounded to a year as {@code (1 + ᾱ)^P − 1}. NaN
   * whenever beta is.
   */
  public static double alpha(double[] returns, double[] benchmark, ReturnConventions conventions) {
    final double beta = beta(returns, benchmark);
    if (Double.isNaN(beta)) {
      return Double.NaN;
    }
    final double rf = conventions.riskFreePerPeriod();
    int n = 0;
    double sum = 0.0;
    for (int i = 0; i < returns.length; i++) {
      final double r = returns[i];
      final double b = benchmark[i];
      if (r == r && b == b) {
        n++;
        sum += (r - rf) - beta * (b - rf);
      }
    }
    return Math.pow(1.0 + sum / n, conventions.periodsPerYear()) - 1.0;
  }

  /** Every statistic of the tear sheet; {@code benchmark} may be null (beta and alpha are NaN). */
  public static TearSheet tearSheet(
      double[] returns, double[] benchmark, ReturnConventions conventions) {
    if (benchmark != null) {
      checkAligned(returns, benchmark);
    }
    return new TearSheet(
        count(returns),
        annualReturn(returns, conventions),
        annualVolatility(returns, conventions),
        sharpe(returns, conventions),
        sortino(returns, conventions),
        calmar(returns, conventions),
        maxDrawdown(returns),
        downsideRisk(returns, conventions),
        valueAtRisk(returns, TAIL_95),
        conditionalValueAtRisk(returns, TAIL_95),
        valueAtRisk(returns, TAIL_99),
        conditionalValueAtRisk(returns, TAIL_99),
        skewness(returns),
        kurtosis(returns),
        benchmark == null ? Double.NaN : beta(returns, benchmark),
        benchmark == null ? Double.NaN : alpha(returns, benchmark, conventions));
  }

  /**
   * {@code numerator / denominator}, where a zero denominator gives ±Infinity by the sign of the
   * numerator, or NaN when the numerator is zero or NaN too.
   */
  static double ratio(double numerator, double denominator) {
    if (denominator == 0.0) {
      if (numerator > 0.0) {
        return Double.POSITIVE_INFINITY;
      }
      return numerator < 0.0 ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
    return numerator / denominator;
  }

  private static double downsideDeviation(double[] returns, double target) {
    final int n = count(returns);
    if (n == 0) {
      return Double.NaN;
    }
    double sumSquares = 0.0;
    for (double r : returns) {
      if (r == r && r < target) {
        final double d = r - target;
        sumSquares += d * d;
      }
    }
    return Math.sqrt(sumSquares / n);
  }

  private static boolean allEqual(double[] returns) {
    double first = Double.NaN;
    for (double r : returns) {
      if (r == r) {
        if (first != first) {
          first = r;
        } else if (r != first) {
          return false;
        }
      }
    }
    return true;
  }

  private static double[] sortedObservations(double[] returns) {
    final double[] observed = new double[count(returns)];
    int n = 0;
    for (double r : returns) {
      if (r == r) {
        observed[n++] = r;
      }
    }
    Arrays.sort(observed);
    return observed;
  }

  private static void checkTail(double tail) {
    if (!(tail >= 0.0 && tail <= 1.0)) {
      throw new IllegalArgumentException(
          "tail probability must be in [0, 1] (0.05 for a 95% VaR), was " + tail);
    }
  }

  private static void checkAligned(double[] returns, double[] benchmark) {
    if (returns.length != benchmark.length) {
      throw new IllegalArgumentException(
          "returns and benchmark must be aligned period by period, but have "
              + returns.length
              + " and "
              + benchmark.length
              + " entries");
    }
    count(benchmark);
  }
}
