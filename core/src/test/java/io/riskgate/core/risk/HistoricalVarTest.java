package io.riskgate.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistoricalVarTest {

  /**
   * The straightforward computation the fast path must agree with: PnL per scenario with explicit
   * loops, a full sort, the percentile by linear interpolation at (n - 1)·α and the mean of the
   * worst ⌊(n - 1)·α⌋ + 1 scenarios, as DESIGN.md section 5 states them. Returns {var95, cvar95,
   * var99, cvar99}.
   */
  private static double[] naive(double[][] returns, int from, int count, double[] exposures) {
    final double[] pnl = new double[count];
    for (int s = 0; s < count; s++) {
      double sum = 0.0;
      for (int i = 0; i < exposures.length; i++) {
        sum += exposures[i] * returns[i][from + s];
      }
      pnl[s] = sum;
    }
    Arrays.sort(pnl);
    final double[] result = new double[4];
    final double[] tails = {0.05, 0.01};
    for (int t = 0; t < 2; t++) {
      final double position = (count - 1) * tails[t];
      final int lower = (int) Math.floor(position);
      final double fraction = position - lower;
      final double upper = lower + 1 < count ? pnl[lower + 1] : pnl[lower];
      result[2 * t] = -(pnl[lower] + fraction * (upper - pnl[lower]));
      double worst = 0.0;
      for (int s = 0; s <= lower; s++) {
        worst += pnl[s];
      }
      result[2 * t + 1] = -(worst / (lower + 1));
    }
    return result;
  }

  private static void assertAgrees(double[] expected, VarResult actual, double tolerance) {
    assertEquals(expected[0], actual.var95(), tolerance, "var95");
    assertEquals(expected[1], actual.cvar95(), tolerance, "cvar95");
    assertEquals(expected[2], actual.var99(), tolerance, "var99");
    assertEquals(expected[3], actual.cvar99(), tolerance, "cvar99");
  }

  @Test
  void equalWeightDowJonesPortfolioMatchesAStraightforwardComputation() {
    final double[][] returns = DowJones30.returns();
    final int days = returns[0].length;
    assertEquals(2528, days);
    final double[] exposures = new double[DowJones30.STOCKS];
    Arrays.fill(exposures, 1_000_000.0 / DowJones30.STOCKS);
    final HistoricalVar var = new HistoricalVar(days);
    final VarResult result = new VarResult();
    var.compute(returns, 0, days, exposures, 1_000_000.0, result);
    assertAgrees(naive(returns, 0, days, exposures), result, 1e-9);
    // Sanity on magnitude: an equal-weight Dow portfolio of 1,000,000 loses on a bad day (1 in 20)
    // on the order of 1.5%, and the 99% figures are larger than the 95% ones.
    assertTrue(result.var95() > 10_000 && result.var95() < 20_000, result.toString());
    assertTrue(result.cvar95() > result.var95());
    assertTrue(result.var99() > result.var95());
    assertTrue(result.cvar99() >= result.var99());
    assertEquals(result.var95() / 1_000_000.0, result.var95OfEquity(), 1e-15);
    assertEquals(result.cvar99() / 1_000_000.0, result.cvar99OfEquity(), 1e-15);

    // The last 500 days only, and a long/short book.
    for (int i = 0; i < exposures.length; i++) {
      exposures[i] = (i % 2 == 0 ? 1 : -1) * 50_000.0 * (1 + i % 5);
    }
    var.compute(returns, days - 500, 500, exposures, Double.NaN, result);
    assertAgrees(naive(returns, days - 500, 500, exposures), result, 1e-9);
    assertTrue(Double.isNaN(result.var95OfEquity()));
  }

  @Test
  void randomPortfoliosMatchTheStraightforwardComputation() {
    final long seed = 424242L;
    System.out.println("HistoricalVarTest seed " + seed);
    final SplittableRandom random = new SplittableRandom(seed);
    final HistoricalVar var = new HistoricalVar(400);
    final VarResult result = new VarResult();
    for (int round = 0; round < 500; round++) {
      final int instruments = 1 + random.nextInt(12);
      final int scenarios = 1 + random.nextInt(400);
      // Half the rounds use a window that starts inside a longer history.
      final int from = random.nextBoolean() ? 0 : random.nextInt(1, 50);
      final double[][] returns = new double[instruments][from + scenarios];
      final boolean coarse = random.nextBoolean();
      for (double[] row : returns) {
        for (int s = 0; s < row.length; s++) {
          // Coarse returns repeat, so the scenario PnLs have ties.
          row[s] = coarse ? (random.nextInt(7) - 3) / 100.0 : random.nextGaussian() * 0.02;
        }
      }
      final double[] exposures = new double[instruments];
      for (int i = 0; i < instruments; i++) {
        exposures[i] = random.nextInt(-100, 101) * 1000.0;
      }
      var.compute(returns, from, scenarios, exposures, Double.NaN, result);
      assertAgrees(naive(returns, from, scenarios, exposures), result, 1e-7);
      assertEquals(scenarios, var.scenarioCount());
    }
  }

  @Test
  void fiveScenariosWorkedByHand() {
    // One instrument, exposure 1,000, returns -3%, 1%, -1%, 2%, 0%: PnL -30, 10, -10, 20, 0.
    // Sorted: -30, -10, 0, 10, 20. 95%: position 4 * 0.05 = 0.2 -> -30 + 0.2 * 20 = -26, VaR 26;
    // CVaR averages floor(0.2) + 1 = 1 scenario: 30. 99%: position 0.04 -> -29.2, VaR 29.2.
    final double[][] returns = {{-0.03, 0.01, -0.01, 0.02, 0.0}};
    final HistoricalVar var = new HistoricalVar(5);
    final VarResult result = new VarResult();
    var.compute(returns, new double[] {1000.0}, result);
    assertEquals(26.0, result.var95(), 1e-12);
    assertEquals(30.0, result.cvar95(), 1e-12);
    assertEquals(29.2, result.var99(), 1e-12);
    assertEquals(30.0, result.cvar99(), 1e-12);
    assertEquals(-30.0, var.scenarioPnl(0), 1e-12);
    assertEquals(20.0, var.scenarioPnl(3), 1e-12);
    // A short position turns the best scenario into the worst: VaR 20 - 0.2 * 10 = 18.
    var.compute(returns, new double[] {-1000.0}, result);
    assertEquals(18.0, result.var95(), 1e-12);
    assertEquals(20.0, result.cvar95(), 1e-12);
  }

  @Test
  void anEmptyPortfolioHasNoRisk() {
    final HistoricalVar var = new HistoricalVar(10);
    final VarResult result = new VarResult();
    var.compute(new double[0][], 0, 10, new double[0], 1000.0, result);
    assertEquals(0.0, result.var95());
    assertEquals(0.0, result.cvar99());
    assertEquals(0.0, result.var99OfEquity());
  }

  @Test
  void aSingleScenarioIsItsOwnVar() {
    final HistoricalVar var = new HistoricalVar(3);
    final VarResult result = new VarResult();
    var.compute(new double[][] {{0.02}, {-0.01}}, new double[] {100.0, 300.0}, result);
    // PnL 2 - 3 = -1: every figure is a loss of 1.
    assertEquals(1.0, result.var95(), 1e-12);
    assertEquals(1.0, result.cvar95(), 1e-12);
    assertEquals(1.0, result.var99(), 1e-12);
    assertEquals(1.0, result.cvar99(), 1e-12);
  }

  @Test
  void rejectsBadInputAndLeavesTheResultUntouched() {
    final HistoricalVar var = new HistoricalVar(4);
    final VarResult result = new VarResult();
    final double[][] returns = {{0.01, -0.02, 0.03}, {0.0, 0.01, -0.01}};
    var.compute(returns, new double[] {10, 20}, result);
    final String before = result.toString();

    final IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                var.compute(
                    new double[][] {{0.01, Double.NaN, 0.0}, {0.0, 0.0, 0.0}},
                    new double[] {1, 1},
                    result));
    assertEquals(
        "return of instrument 0 in scenario 1 is NaN; scenario returns must be finite and"
            + " aligned (no missing values)",
        nan.getMessage());
    final IllegalArgumentException exposure =
        assertThrows(
            IllegalArgumentException.class,
            () -> var.compute(returns, new double[] {1, Double.POSITIVE_INFINITY}, result));
    assertTrue(exposure.getMessage().contains("exposure of instrument 1"), exposure.getMessage());
    final IllegalArgumentException shape =
        assertThrows(
            IllegalArgumentException.class, () -> var.compute(returns, new double[] {1}, result));
    assertTrue(shape.getMessage().contains("2 instruments but 1 exposures"), shape.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> var.compute(returns, 1, 3, new double[] {1, 1}, Double.NaN, result));
    assertThrows(
        IllegalArgumentException.class,
        () -> var.compute(returns, 0, 3, new double[] {1, 1}, -5.0, result));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new HistoricalVar(2)
                .compute(returns, 0, 3, new double[] {1, 1}, Double.NaN, new VarResult()));
    assertThrows(IllegalArgumentException.class, () -> new HistoricalVar(0));
    assertThrows(
        IllegalArgumentException.class, () -> var.compute(new double[0][], new double[0], result));
    assertEquals(before, result.toString());
    assertThrows(IndexOutOfBoundsException.class, () -> var.scenarioPnl(0));
  }

  @Test
  void repeatedComputationAllocatesNothing() {
    final SplittableRandom random = new SplittableRandom(7L);
    final double[][] returns = new double[50][250];
    for (double[] row : returns) {
      for (int s = 0; s < row.length; s++) {
        row[s] = random.nextGaussian() * 0.02;
      }
    }
    final double[] exposures = new double[50];
    Arrays.fill(exposures, 10_000.0);
    final HistoricalVar var = new HistoricalVar(250);
    final VarResult result = new VarResult();
    for (int i = 0; i < 2_000; i++) {
      var.compute(returns, 0, 250, exposures, 1e6, result);
    }
    final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    final long thread = Thread.currentThread().getId();
    final long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 1_000; i++) {
      var.compute(returns, 0, 250, exposures, 1e6, result);
    }
    final long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertTrue(allocated < 1024, "allocated " + allocated + " bytes in 1,000 computations");
  }
}
