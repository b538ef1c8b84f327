package io.riskgate.core.risk;

/**
 * Validation shared by the calculators that read a scenario matrix: {@code returns[instrument]
 * [scenario]} of simple returns, aligned so that one scenario index is one date for every
 * instrument, with signed exposures in account currency per instrument.
 *
 * <p>Named for the shape of the data it checks.
 */
final class ScenarioMatrix {

  private ScenarioMatrix() {}

  /** Checks that the window [from, from + count) exists in every row and matches the exposures. */
  static void checkWindow(double[][] returns, int from, int count, double[] exposures) {
    if (exposures != null && returns.length != exposures.length) {
      throw new IllegalArgumentException(
          "scenario matrix has "
              + returns.length
              + " instruments but "
              + exposures.length
              + " exposures were given");
    }
    if (from < 0 || count < 1) {
      throw new IllegalArgumentException(
          "scenario window must start at 0 or later and hold at least one scenario, was from="
              + from
              + " count="
              + count);
    }
    for (int i = 0; i < returns.length; i++) {
      if (returns[i].length < from + count) {
        throw new IllegalArgumentException(
            "instrument "
                + i
                + " has "
                + returns[i].length
                + " scenarios, fewer than the window's end "
                + (from + count));
      }
    }
  }

  /** Checks that every exposure is finite. */
  static void checkExposures(double[] exposures) {
    for (int i = 0; i < exposures.length; i++) {
      if (!Double.isFinite(exposures[i])) {
        throw new IllegalArgumentException(
            "exposure of instrument " + i + " must be finite, was " + exposures[i]);
      }
    }
  }

  /** Checks that every return in the window is finite (no missing value inside a window). */
  static void checkFinite(double[][] returns, int from, int count) {
    for (int i = 0; i < returns.length; i++) {
      final double[] row = returns[i];
      for (int s = from; s < from + count; s++) {
        if (!Double.isFinite(row[s])) {
          throw notFinite(i, s, row[s]);
        }
      }
    }
  }

  static IllegalArgumentException notFinite(int instrument, int scenario, double value) {
    return new IllegalArgumentException(
        "return of instrument "
            + instrument
            + " in scenario "
            + scenario
            + " is "
            + value
            + "; scenario returns must be finite and aligned (no missing values)");
  }

  /** Checks that equity is positive and finite, or NaN for "not given". */
  static void checkEquity(double equity) {
    if (!Double.isNaN(equity) && !(equity > 0.0 && equity < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "equity must be positive and finite (or NaN when unknown), was " + equity);
    }
  }
}
