package io.riskgate.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reference values, unless a comment says otherwise, are the expected values of the empyrical
 * library's own test suite: quantopian/empyrical {@code empyrical/tests/test_stats.py} and its
 * maintained fork stefan-jansen/empyrical-reloaded {@code tests/test_stats.py}, asserted there to
 * eight decimal places. The fixtures below are copied from those files. Where empyrical's
 * conventions differ from DESIGN.md section 5, the test checks section 5 and says why.
 */
class ReturnStatisticsTest {

  private static final double EMPYRICAL = 1e-8;

  // empyrical fixtures (daily unless noted)
  private static final double[] SIMPLE_BENCHMARK = pct(0, 1, 0, 1, 0, 1, 0, 1, 0);
  private static final double[] POSITIVE = pct(1, 2, 1, 1, 1, 1, 1, 1, 1);
  private static final double[] NEGATIVE = pct(0, -6, -7, -1, -9, -2, -6, -8, -5);
  private static final double[] MIXED = pct(Double.NaN, 1, 10, -4, 2, 3, 2, 1, -10);
  private static final double[] FLAT_LINE_1 = pct(1, 1, 1, 1, 1, 1, 1, 1, 1);
  private static final double[] WEEKLY_OR_MONTHLY = pct(0, 1, 10, -4, 2, 3, 2, 1, -10);
  private static final double[] ONE_RETURN = pct(1);
  private static final double[] EMPTY = new double[0];

  private static final ReturnConventions DAILY = ReturnConventions.DAILY;
  private static final ReturnConventions WEEKLY = ReturnConventions.ofPeriodsPerYear(52);
  private static final ReturnConventions MONTHLY = ReturnConventions.ofPeriodsPerYear(12);

  private static double[] pct(double... values) {
    final double[] returns = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      returns[i] = values[i] / 100;
    }
    return returns;
  }

  /** Conventions whose per-period risk-free rate is {@code perPeriod} (annual rate compounded). */
  private static ReturnConventions perPeriodRiskFree(int periodsPerYear, double perPeriod) {
    return new ReturnConventions(periodsPerYear, Math.pow(1 + perPeriod, periodsPerYear) - 1);
  }

  @Test
  void maxDrawdownMatchesEmpyricalAsPositiveFraction() {
    // empyrical returns drawdowns as negative numbers; section 5 reports the positive fraction.
    assertTrue(Double.isNaN(ReturnStatistics.maxDrawdown(EMPTY)));
    assertEquals(0.0, ReturnStatistics.maxDrawdown(ONE_RETURN));
    assertEquals(0.0, ReturnStatistics.maxDrawdown(SIMPLE_BENCHMARK));
    assertEquals(0.1, ReturnStatistics.maxDrawdown(MIXED), EMPYRICAL);
    assertEquals(0.0, ReturnStatistics.maxDrawdown(POSITIVE));
    assertEquals(0.36590730349873601, ReturnStatistics.maxDrawdown(NEGATIVE), EMPYRICAL);
    assertEquals(0.10, ReturnStatistics.maxDrawdown(pct(10, -10, 10)), EMPYRICAL);
  }

  @Test
  void maxDrawdownCountsALossOnTheFirstReturn() {
    // Section 5: the wealth path starts at 1 before the first return, so a first-day loss of 5%
    // followed by 10% more is a drawdown of 1 - 0.95 * 0.90 = 0.145 (empyrical, whose path starts
    // after the first return, would report 0.10).
    assertEquals(0.145, ReturnStatistics.maxDrawdown(pct(-5, -10, 1)), 1e-14);
  }

  @Test
  void annualReturnMatchesEmpyrical() {
    assertEquals(
        0.24690830513998208, ReturnStatistics.annualReturn(WEEKLY_OR_MONTHLY, WEEKLY), EMPYRICAL);
    assertEquals(
        0.052242061386048144, ReturnStatistics.annualReturn(WEEKLY_OR_MONTHLY, MONTHLY), EMPYRICAL);
    assertTrue(Double.isNaN(ReturnStatistics.annualReturn(EMPTY, DAILY)));
  }

  @Test
  void annualReturnSkipsNanInsteadOfCountingItAsAPeriod() {
    // empyrical's 1.9135925373194231 for mixed_returns counts the NaN as a ninth period of zero
    // return. Section 5 skips NaN, so the same total growth (empyrical's aggregate_returns value
    // 0.038931091700480147) is spread over eight periods.
    final double expected = Math.pow(1 + 0.038931091700480147, 252.0 / 8) - 1;
    assertEquals(expected, ReturnStatistics.annualReturn(MIXED, DAILY), 1e-12);
  }

  @Test
  void annualVolatilityMatchesEmpyrical() {
    assertEquals(0.0, ReturnStatistics.annualVolatility(FLAT_LINE_1, DAILY));
    assertEquals(0.9136465399704637, ReturnStatistics.annualVolatility(MIXED, DAILY), EMPYRICAL);
    assertEquals(
        0.38851569394870583,
        ReturnStatistics.annualVolatility(WEEKLY_OR_MONTHLY, WEEKLY),
        EMPYRICAL);
    assertEquals(
        0.18663690238892558,
        ReturnStatistics.annualVolatility(WEEKLY_OR_MONTHLY, MONTHLY),
        EMPYRICAL);
    assertTrue(Double.isNaN(ReturnStatistics.annualVolatility(ONE_RETURN, DAILY)));
  }

  @Test
  void calmarMatchesEmpyrical() {
    assertTrue(Double.isNaN(ReturnStatistics.calmar(EMPTY, DAILY)));
    assertEquals(2.4690830513998208, ReturnStatistics.calmar(WEEKLY_OR_MONTHLY, WEEKLY), EMPYRICAL);
    assertEquals(
        0.52242061386048144, ReturnStatistics.calmar(WEEKLY_OR_MONTHLY, MONTHLY), EMPYRICAL);
    // empyrical returns NaN without a drawdown; here a positive annual return over a zero
    // drawdown is +Infinity, the same rule as Sharpe and Sortino over a zero denominator.
    assertEquals(Double.POSITIVE_INFINITY, ReturnStatistics.calmar(ONE_RETURN, DAILY));
  }

  @Test
  void sharpeMatchesEmpyrical() {
    assertTrue(Double.isNaN(ReturnStatistics.sharpe(EMPTY, DAILY)));
    assertTrue(Double.isNaN(ReturnStatistics.sharpe(ONE_RETURN, DAILY)));
    assertEquals(1.7238613961706866, ReturnStatistics.sharpe(MIXED, DAILY), EMPYRICAL);
    assertEquals(52.915026221291804, ReturnStatistics.sharpe(POSITIVE, DAILY), EMPYRICAL);
    assertEquals(-24.406808633910085, ReturnStatistics.sharpe(NEGATIVE, DAILY), EMPYRICAL);
    // empyrical-reloaded: flat_line_1 (zero volatility, positive mean) has a Sharpe of +inf.
    assertEquals(Double.POSITIVE_INFINITY, ReturnStatistics.sharpe(FLAT_LINE_1, DAILY));
  }

  @Test
  void sharpeSubtractsTheCompoundedPerPeriodRiskFreeRate() {
    // An annual rate of 1.01^252 - 1 is 1% a period.
    final ReturnConventions onePercent = perPeriodRiskFree(252, 0.01);
    assertEquals(0.01, onePercent.riskFreePerPeriod(), 1e-15);
    // No excess return and no volatility: undefined.
    assertTrue(Double.isNaN(ReturnStatistics.sharpe(new double[] {0, 0, 0}, DAILY)));
    // Mixed returns, mean 0.00625, sample std 0.0575543222 (7 dof): (0.00625 - 0.01) / std * √252.
    final double std = Math.sqrt(0.0231875 / 7);
    assertEquals(
        (0.00625 - 0.01) / std * Math.sqrt(252), ReturnStatistics.sharpe(MIXED, onePercent), 1e-9);
  }

  @Test
  void downsideRiskMatchesEmpyrical() {
    assertTrue(Double.isNaN(ReturnStatistics.downsideRisk(EMPTY, DAILY)));
    assertEquals(0.0, ReturnStatistics.downsideRisk(ONE_RETURN, DAILY));
    assertEquals(0.60448325038829653, ReturnStatistics.downsideRisk(MIXED, DAILY), EMPYRICAL);
    assertEquals(
        1.7161730681956295,
        ReturnStatistics.downsideRisk(MIXED, perPeriodRiskFree(252, 0.1)),
        EMPYRICAL);
    assertEquals(
        0.25888650451930134, ReturnStatistics.downsideRisk(WEEKLY_OR_MONTHLY, WEEKLY), EMPYRICAL);
    assertEquals(
        0.7733045971672482,
        ReturnStatistics.downsideRisk(WEEKLY_OR_MONTHLY, perPeriodRiskFree(52, 0.1)),
        EMPYRICAL);
    assertEquals(
        0.1243650540411842, ReturnStatistics.downsideRisk(WEEKLY_OR_MONTHLY, MONTHLY), EMPYRICAL);
    assertEquals(
        0.37148351242013422,
        ReturnStatistics.downsideRisk(WEEKLY_OR_MONTHLY, perPeriodRiskFree(12, 0.1)),
        EMPYRICAL);
  }

  @Test
  void sortinoMatchesEmpyricalReloaded() {
    assertTrue(Double.isNaN(ReturnStatistics.sortino(EMPTY, DAILY)));
    assertTrue(Double.isNaN(ReturnStatistics.sortino(ONE_RETURN, DAILY)));
    assertEquals(2.605531251673693, ReturnStatistics.sortino(MIXED, DAILY), EMPYRICAL);
    assertEquals(
        -1.3934779588919977,
        ReturnStatistics.sortino(MIXED, perPeriodRiskFree(252, 0.01)),
        EMPYRICAL);
    assertEquals(-13.532743075043401, ReturnStatistics.sortino(NEGATIVE, DAILY), EMPYRICAL);
    // Weekly and monthly values of empyrical-reloaded (the older quantopian values annualized the
    // downside deviation with 252 whatever the period).
    assertEquals(
        1.1158901056866439, ReturnStatistics.sortino(WEEKLY_OR_MONTHLY, WEEKLY), EMPYRICAL);
    assertEquals(
        0.53605626741889756, ReturnStatistics.sortino(WEEKLY_OR_MONTHLY, MONTHLY), EMPYRICAL);
  }

  @Test
  void sortinoWithoutDownsideIsPositiveInfinity() {
    // empyrical: positive_returns and simple_benchmark have a Sortino of +inf.
    assertEquals(Double.POSITIVE_INFINITY, ReturnStatistics.sortino(POSITIVE, DAILY));
    assertEquals(Double.POSITIVE_INFINITY, ReturnStatistics.sortino(SIMPLE_BENCHMARK, DAILY));
    // Every return exactly on the target: no excess and no downside, undefined.
    assertTrue(Double.isNaN(ReturnStatistics.sortino(new double[] {0, 0, 0}, DAILY)));
  }

  @Test
  void valueAtRiskMatchesEmpyricalWithTheSignOfALoss() {
    // empyrical-reloaded test_value_at_risk returns the percentile itself; section 5 reports
    // minus the percentile, so every expected value is negated.
    final double[] two = {1.0, 2.0};
    assertEquals(-1.0, ReturnStatistics.valueAtRisk(two, 0.0), EMPYRICAL);
    assertEquals(-1.3, ReturnStatistics.valueAtRisk(two, 0.3), EMPYRICAL);
    assertEquals(-2.0, ReturnStatistics.valueAtRisk(two, 1.0), EMPYRICAL);
    final double[] six = {1, 81, 82, 83, 84, 85};
    assertEquals(-41, ReturnStatistics.valueAtRisk(six, 0.1), EMPYRICAL);
    assertEquals(-81, ReturnStatistics.valueAtRisk(six, 0.2), EMPYRICAL);
    assertEquals(-81.5, ReturnStatistics.valueAtRisk(six, 0.3), EMPYRICAL);
  }

  @Test
  void conditionalValueAtRiskMatchesEmpyricalWithTheSignOfALoss() {
    // empyrical-reloaded test_conditional_value_at_risk, negated.
    final double[] two = {1.0, 2.0};
    assertEquals(-1.0, ReturnStatistics.conditionalValueAtRisk(two, 0.0), EMPYRICAL);
    assertEquals(-1.0, ReturnStatistics.conditionalValueAtRisk(two, 0.3), EMPYRICAL);
    assertEquals(-1.5, ReturnStatistics.conditionalValueAtRisk(two, 1.0), EMPYRICAL);
    assertEquals(-0.013, ReturnStatistics.conditionalValueAtRisk(new double[] {0.013}, 0.05));
  }

  @Test
  void valueAtRiskOfMixedReturnsWorkedByHand() {
    // Eight observations sorted: -0.10, -0.04, 0.01, 0.01, 0.02, 0.02, 0.03, 0.10.
    // 95%: position 7 * 0.05 = 0.35 -> -0.10 + 0.35 * 0.06 = -0.079; CVaR: floor(0.35)+1 = 1
    // worst return, -0.10. 99%: position 0.07 -> -0.10 + 0.07 * 0.06 = -0.0958.
    assertEquals(0.079, ReturnStatistics.valueAtRisk(MIXED, ReturnStatistics.TAIL_95), 1e-15);
    assertEquals(0.10, ReturnStatistics.conditionalValueAtRisk(MIXED, 0.05), 1e-15);
    assertEquals(0.0958, ReturnStatistics.valueAtRisk(MIXED, ReturnStatistics.TAIL_99), 1e-15);
    assertEquals(0.10, ReturnStatistics.conditionalValueAtRisk(MIXED, 0.01), 1e-15);
    // 41 observations: CVaR 95% averages floor(40 * 0.05) + 1 = 3 worst returns.
    final double[] many = new double[41];
    for (int i = 0; i < many.length; i++) {
      many[i] = (i - 20) / 1000.0;
    }
    assertEquals(3, ReturnStatistics.tailCount(41, 0.05));
    assertEquals(0.019, ReturnStatistics.conditionalValueAtRisk(many, 0.05), 1e-15);
    assertEquals(0.018, ReturnStatistics.valueAtRisk(many, 0.05), 1e-15);
  }

  @Test
  void skewAndKurtosisMatchExcelDocumentation() {
    // Microsoft Excel documentation, SKEW and KURT functions, example data 3,4,5,2,3,4,5,6,4,7:
    // SKEW = 0.359543 and KURT = -0.151799637 (adjusted Fisher-Pearson G1 and bias-corrected
    // excess kurtosis G2).
    final double[] data = {3, 4, 5, 2, 3, 4, 5, 6, 4, 7};
    assertEquals(0.359543, ReturnStatistics.skewness(pct(data)), 1e-6);
    assertEquals(-0.151799637, ReturnStatistics.kurtosis(pct(data)), 1e-9);
    // Both are scale invariant, and a mirrored series has the opposite skew.
    final double[] mirrored = new double[data.length];
    for (int i = 0; i < data.length; i++) {
      mirrored[i] = -data[i] / 100;
    }
    assertEquals(-0.359543, ReturnStatistics.skewness(mirrored), 1e-6);
    assertEquals(-0.151799637, ReturnStatistics.kurtosis(mirrored), 1e-9);
    assertTrue(Double.isNaN(ReturnStatistics.skewness(pct(1, 2))));
    assertTrue(Double.isNaN(ReturnStatistics.kurtosis(pct(1, 2, 3))));
  }

  @Test
  void betaAndAlphaMatchEmpyricalReloaded() {
    // alpha_beta(mixed_returns, negative_returns[1:]): aligned on dates, the first day has no
    // benchmark return, so both first entries are missing.
    final double[] benchmark = pct(Double.NaN, -6, -7, -1, -9, -2, -6, -8, -5);
    assertEquals(-0.71296296296296313, ReturnStatistics.beta(MIXED, benchmark), EMPYRICAL);
    assertEquals(-0.9997853834885004, ReturnStatistics.alpha(MIXED, benchmark, DAILY), EMPYRICAL);
    assertEquals(1.0, ReturnStatistics.beta(MIXED, MIXED), EMPYRICAL);
    assertEquals(0.0, ReturnStatistics.alpha(MIXED, MIXED, DAILY), EMPYRICAL);
    final double[] inverse = new double[MIXED.length];
    for (int i = 0; i < MIXED.length; i++) {
      inverse[i] = -MIXED[i];
    }
    assertEquals(-1.0, ReturnStatistics.beta(MIXED, inverse), EMPYRICAL);
    assertEquals(0.0, ReturnStatistics.alpha(MIXED, inverse, DAILY), EMPYRICAL);
    assertTrue(Double.isNaN(ReturnStatistics.beta(ONE_RETURN, ONE_RETURN)));
    assertTrue(Double.isNaN(ReturnStatistics.alpha(EMPTY, EMPTY, DAILY)));
    // A constant benchmark has no variance: beta undefined.
    assertTrue(Double.isNaN(ReturnStatistics.beta(MIXED, FLAT_LINE_1)));
  }

  @Test
  void betaSkipsPairsWithAMissingSide() {
    final double[] returns = {0.02, Double.NaN, 0.04, -0.02, 0.01};
    final double[] benchmark = {0.01, 0.03, Double.NaN, -0.01, 0.00};
    // Pairs used: (0.02, 0.01), (-0.02, -0.01), (0.01, 0.00): means 1/300 and 0; cov/var = 2.
    assertEquals(2.0, ReturnStatistics.beta(returns, benchmark), 1e-12);
  }

  @Test
  void constantSeriesHasZeroVolatilityAndInfiniteRatios() {
    final TearSheet sheet = ReturnStatistics.tearSheet(FLAT_LINE_1, null, DAILY);
    assertEquals(9, sheet.count());
    assertEquals(0.0, sheet.annualVolatility());
    assertEquals(0.0, sheet.maxDrawdown());
    assertEquals(0.0, sheet.downsideRisk());
    assertEquals(Double.POSITIVE_INFINITY, sheet.sharpe());
    assertEquals(Double.POSITIVE_INFINITY, sheet.sortino());
    assertEquals(Double.POSITIVE_INFINITY, sheet.calmar());
    assertEquals(Math.pow(1.01, 252) - 1, sheet.annualReturn(), 1e-9);
    assertEquals(-0.01, sheet.var95(), 1e-17);
    assertEquals(-0.01, sheet.cvar99(), 1e-17);
    assertTrue(Double.isNaN(sheet.skew()));
    assertTrue(Double.isNaN(sheet.kurtosis()));
    assertTrue(Double.isNaN(sheet.beta()));
    // A constant loss: the ratios are -Infinity.
    final double[] losing = pct(-1, -1, -1, -1);
    assertEquals(Double.NEGATIVE_INFINITY, ReturnStatistics.sharpe(losing, DAILY));
    assertEquals(-0.01 / 0.01 * Math.sqrt(252), ReturnStatistics.sortino(losing, DAILY), 1e-12);
  }

  @Test
  void emptyAndAllMissingSeriesGiveNanEverywhere() {
    for (double[] series : new double[][] {EMPTY, {Double.NaN, Double.NaN}}) {
      final TearSheet sheet = ReturnStatistics.tearSheet(series, series, DAILY);
      assertEquals(0, sheet.count());
      final double[] values = {
        sheet.annualReturn(),
        sheet.annualVolatility(),
        sheet.sharpe(),
        sheet.sortino(),
        sheet.calmar(),
        sheet.maxDrawdown(),
        sheet.downsideRisk(),
        sheet.var95(),
        sheet.cvar95(),
        sheet.var99(),
        sheet.cvar99(),
        sheet.skew(),
        sheet.kurtosis(),
        sheet.beta(),
        sheet.alpha()
      };
      for (double value : values) {
        assertTrue(Double.isNaN(value), sheet.toString());
      }
    }
  }

  @Test
  void singleReturn() {
    final TearSheet sheet = ReturnStatistics.tearSheet(ONE_RETURN, null, DAILY);
    assertEquals(1, sheet.count());
    // empyrical test_cagr: one_return annualizes to 11.274002099240244.
    assertEquals(11.274002099240244, sheet.annualReturn(), EMPYRICAL);
    assertTrue(Double.isNaN(sheet.annualVolatility()));
    assertTrue(Double.isNaN(sheet.sharpe()));
    assertTrue(Double.isNaN(sheet.sortino()));
    assertEquals(0.0, sheet.maxDrawdown());
    assertEquals(0.0, sheet.downsideRisk());
    assertEquals(-0.01, sheet.var95());
    assertEquals(-0.01, sheet.cvar95());
  }

  @Test
  void nanEntriesAreSkippedByEveryStatistic() {
    final double[] withoutNan = pct(1, 10, -4, 2, 3, 2, 1, -10);
    final double[] benchmark = pct(Double.NaN, -6, -7, -1, -9, -2, -6, -8, -5);
    final double[] benchmarkWithoutNan = pct(-6, -7, -1, -9, -2, -6, -8, -5);
    assertEquals(
        ReturnStatistics.tearSheet(withoutNan, benchmarkWithoutNan, DAILY),
        ReturnStatistics.tearSheet(MIXED, benchmark, DAILY));
    final double[] sprinkled = pct(Double.NaN, 1, 10, Double.NaN, -4, 2, 3, 2, 1, -10, Double.NaN);
    assertEquals(
        ReturnStatistics.tearSheet(withoutNan, null, DAILY),
        ReturnStatistics.tearSheet(sprinkled, null, DAILY));
  }

  @Test
  void rejectsInfiniteReturnsAndLossesBeyondEverythingWithoutTouchingTheInput() {
    final double[] infinite = {0.01, Double.POSITIVE_INFINITY};
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReturnStatistics.tearSheet(infinite, null, DAILY));
    assertTrue(e.getMessage().contains("returns[1] is Infinity"), e.getMessage());
    assertArrayEquals(new double[] {0.01, Double.POSITIVE_INFINITY}, infinite);
    final IllegalArgumentException below =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReturnStatistics.maxDrawdown(new double[] {0.01, -1.5}));
    assertTrue(below.getMessage().contains("cannot be below -1"), below.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ReturnStatistics.beta(new double[] {0.1, 0.2}, new double[] {0.1}));
    assertThrows(IllegalArgumentException.class, () -> ReturnStatistics.valueAtRisk(MIXED, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new ReturnConventions(0, 0.0));
    assertThrows(IllegalArgumentException.class, () -> new ReturnConventions(252, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new ReturnConventions(252, -1.0));
  }

  @Test
  void aSeriesOfZeroReturnsHasZeroRiskNotNegativeZero() {
    final TearSheet sheet = ReturnStatistics.tearSheet(new double[] {0, 0, 0, 0}, null, DAILY);
    assertEquals(0.0, sheet.var95());
    assertEquals(0.0, sheet.cvar99());
    assertEquals(0.0, sheet.maxDrawdown());
    assertEquals(0.0, sheet.annualReturn());
    assertTrue(Double.isNaN(sheet.sharpe()));
  }

  @Test
  void totalLossIsAFullDrawdown() {
    final double[] wipedOut = pct(5, -100, 0);
    assertEquals(1.0, ReturnStatistics.maxDrawdown(wipedOut));
    assertEquals(-1.0, ReturnStatistics.annualReturn(wipedOut, DAILY));
  }
}
