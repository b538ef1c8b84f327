package io.riskgate.core.sizing;

/**
 * Parameters of the {@link DynamicSizer}, validated whole.
 *
 * @param baseFraction fraction of equity at a neutral setting, in (0, 1] (seed: 0.02)
 * @param maxPositionFraction position limit as a fraction of equity, positive and finite (seed's
 *     {@code max_position_size}: 0.10)
 * @param performanceFloor lowest performance multiplier, in [0, 1] (0.25)
 */
public record DynamicSizerSettings(
    double baseFraction, double maxPositionFraction, double performanceFloor) {

  public DynamicSizerSettings {
    final StringBuilder problems = new StringBuilder();
    if (!(baseFraction > 0.0 && baseFraction <= 1.0)) {
      problems.append("; base fraction must be above 0 and at most 1, got ").append(baseFraction);
    }
    if (!(maxPositionFraction > 0.0) || maxPositionFraction == Double.POSITIVE_INFINITY) {
      problems
          .append("; max position fraction must be a finite positive number, got ")
          .append(maxPositionFraction);
    }
    if (!(performanceFloor >= 0.0 && performanceFloor <= 1.0)) {
      problems.append("; performance floor must be between 0 and 1, got ").append(performanceFloor);
    }
    if (problems.length() > 0) {
      throw new IllegalArgumentException(
          "invalid dynamic sizer settings: " + problems.substring(2));
    }
  }

  /** The seed's values: 2% base, 10% position limit, and a performance floor of 0.25. */
  public static DynamicSizerSettings defaults() {
    return new DynamicSizerSettings(0.02, 0.10, 0.25);
  }
}
