package io.riskgate.core.risk;

import io.riskgate.core.stats.ReturnStatistics;
import io.riskgate.core.stats.Selection;
import java.util.Arrays;

/**
 * Historical-simulation VaR and CVaR of the current portfolio: the portfolio's PnL in each past
 * scenario is {@code Σ exposure[i] · return[i][s]}, and VaR and CVaR are read off the distribution
 * of those PnLs.
 *
 * <p>Named for the method: historical simulation replays history against today's positions. The
 * conventions are those of DESIGN.md section 5, applied to PnL instead of returns: VaR at tail
 * probability α is minus the linearly interpolated α-quantile of the scenario PnLs (position {@code
 * (n − 1)·α} among them in ascending order), and CVaR is minus the mean of the worst {@code ⌊(n −
 * 1)·α⌋ + 1} scenario PnLs; both are positive loss amounts in account currency.
 *
 * <p>The instance preallocates its scenario PnL buffer and its selection scratch for up to {@code
 * maxScenarios} scenarios, and finds the quantiles by quickselect rather than a full sort, so a
 * computation allocates nothing. Mutable and not thread-safe: one instance per computing thread.
 */
public final class HistoricalVar {

  private final double[] pnl;
  private final double[] scratch;
  private int scenarios;

  /** A calculator for windows of up to {@code maxScenarios} scenarios. */
  public HistoricalVar(int maxScenarios) {
    if (maxScenarios < 1) {
      throw new IllegalArgumentException("maxScenarios must be positive, was " + maxScenarios);
    }
    pnl = new double[maxScenarios];
    scratch = new double[maxScenarios];
  }

  /** Largest number of scenarios one computation can take. */
  public int maxScenarios() {
    return pnl.length;
  }

  /** VaR and CVaR over every scenario of the matrix, without equity. */
  public void compute(double[][] scenarioReturns, double[] exposures, VarResult out) {
    if (scenarioReturns.length == 0) {
      throw new IllegalArgumentException(
          "scenario matrix has no instruments, so no scenario count; give the window explicitly");
    }
    compute(scenarioReturns, 0, scenarioReturns[0].length, exposures, Double.NaN, out);
  }

  /**
   * VaR and CVaR at 95% and 99% over the scenarios {@code [from, from + count)}.
   *
   * @param scenarioReturns simple returns, {@code [instrument][scenario]}, aligned; every value in
   *     the window must be finite
   * @param from first scenario of the window
   * @param count scenarios in the window, at most {@link #maxScenarios()}
   * @param exposures current signed exposure per instrument in account currency (negative for a
   *     short position)
   * @param equity account equity for the fractions, or NaN when unknown
   * @param out receives the result; untouched when the input is rejected (the scenario PnLs of
   *     {@link #scenarioPnl} are then unavailable)
   */
  public void compute(
      double[][] scenarioReturns,
      int from,
      int count,
      double[] exposures,
      double equity,
      VarResult out) {
    ScenarioMatrix.checkWindow(scenarioReturns, from, count, exposures);
    ScenarioMatrix.checkExposures(exposures);
    ScenarioMatrix.checkEquity(equity);
    if (count > pnl.length) {
      throw new IllegalArgumentException(
          "window of " + count + " scenarios exceeds the capacity of " + pnl.length);
    }
    scenarios = 0;
    accumulatePnl(scenarioReturns, from, count, exposures, pnl);
    for (int s = 0; s < count; s++) {
      if (!Double.isFinite(pnl[s])) {
        throw culprit(scenarioReturns, from + s, pnl[s]);
      }
    }
    scenarios = count;

    final double[] work = scratch;
    System.arraycopy(pnl, 0, work, 0, count);
    final double position95 = (count - 1) * ReturnStatistics.TAIL_95;
    final int k95 = (int) Math.floor(position95);
    final double q95 = Selection.select(work, 0, count, k95);
    final double next95 = k95 + 1 < count ? Selection.min(work, k95 + 1, count) : q95;
    // Losses as 0.0 - x rather than -x, so that no loss is +0.0, never -0.0.
    final double var95 = 0.0 - interpolate(q95, next95, position95 - k95);
    final double cvar95 = 0.0 - meanOfFirst(work, k95 + 1);

    final double position99 = (count - 1) * ReturnStatistics.TAIL_99;
    final int k99 = (int) Math.floor(position99);
    final double q99 = Selection.select(work, 0, k95 + 1, k99);
    final double next99 = k99 < k95 ? Selection.min(work, k99 + 1, k95 + 1) : next95;
    final double var99 = 0.0 - interpolate(q99, next99, position99 - k99);
    final double cvar99 = 0.0 - meanOfFirst(work, k99 + 1);

    out.set(var95, cvar95, var99, cvar99, equity);
  }

  /** Scenarios in the last computation. */
  public int scenarioCount() {
    return scenarios;
  }

  /** Portfolio PnL of scenario {@code index} (relative to the window) of the last computation. */
  public double scenarioPnl(int index) {
    if (index < 0 || index >= scenarios) {
      throw new IndexOutOfBoundsException(
          "scenario " + index + " outside the last window of " + scenarios);
    }
    return pnl[index];
  }

  /**
   * {@code pnl[s] = Σᵢ exposures[i] · returns[i][from + s]}, row by row so that memory is read in
   * order. A window starting at scenario 0 has its own loop: with equal indices into the PnL buffer
   * and the row, the JIT can vectorize it, which it does not do for an unknown offset.
   */
  private static void accumulatePnl(
      double[][] returns, int from, int count, double[] exposures, double[] pnl) {
    Arrays.fill(pnl, 0, count, 0.0);
    if (from == 0) {
      for (int i = 0; i < exposures.length; i++) {
        final double exposure = exposures[i];
        final double[] row = returns[i];
        for (int s = 0; s < count; s++) {
          pnl[s] += exposure * row[s];
        }
      }
      return;
    }
    int i = 0;
    for (; i + 3 < exposures.length; i += 4) {
      final double e0 = exposures[i];
      final double e1 = exposures[i + 1];
      final double e2 = exposures[i + 2];
      final double e3 = exposures[i + 3];
      final double[] r0 = returns[i];
      final double[] r1 = returns[i + 1];
      final double[] r2 = returns[i + 2];
      final double[] r3 = returns[i + 3];
      for (int s = 0; s < count; s++) {
        final int k = from + s;
        pnl[s] += e0 * r0[k] + e1 * r1[k] + e2 * r2[k] + e3 * r3[k];
      }
    }
    for (; i < exposures.length; i++) {
      final double exposure = exposures[i];
      final double[] row = returns[i];
      for (int s = 0; s < count; s++) {
        pnl[s] += exposure * row[from + s];
      }
    }
  }

  private static double interpolate(double lower, double upper, double fraction) {
    return fraction > 0.0 ? lower + fraction * (upper - lower) : lower;
  }

  private static double meanOfFirst(double[] values, int count) {
    double sum = 0.0;
    for (int i = 0; i < count; i++) {
      sum += values[i];
    }
    return sum / count;
  }

  private static IllegalArgumentException culprit(double[][] returns, int scenario, double pnl) {
    for (int i = 0; i < returns.length; i++) {
      if (!Double.isFinite(returns[i][scenario])) {
        return ScenarioMatrix.notFinite(i, scenario, returns[i][scenario]);
      }
    }
    return new IllegalArgumentException(
        "portfolio PnL of scenario " + scenario + " overflowed to " + pnl);
  }
}
