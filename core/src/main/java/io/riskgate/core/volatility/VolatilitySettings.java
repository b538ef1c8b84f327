package io.riskgate.core.volatility;

/**
 * Parameters of one instrument's volatility estimators; validated whole at construction.
 *
 * @param atrPeriod Wilder ATR and close-only ATR period, at least 1
 * @param volatilityWindow returns in the historical-volatility window, at least 2
 * @param periodsPerYear bars per year for annualizing (252 daily equities, 365 crypto)
 * @param ewmaLambda EWMA decay factor in (0, 1)
 * @param returnType simple or log returns for both volatility estimators
 */
public record VolatilitySettings(
    int atrPeriod,
    int volatilityWindow,
    int periodsPerYear,
    double ewmaLambda,
    ReturnType returnType) {

  public VolatilitySettings {
    final StringBuilder problems = new StringBuilder();
    if (atrPeriod < 1) {
      problems.append("; ATR period must be at least 1, got ").append(atrPeriod);
    }
    if (volatilityWindow < 2) {
      problems.append("; volatility window must be at least 2, got ").append(volatilityWindow);
    }
    if (periodsPerYear < 1) {
      problems.append("; periods per year must be at least 1, got ").append(periodsPerYear);
    }
    if (!(ewmaLambda > 0.0 && ewmaLambda < 1.0)) {
      problems.append("; EWMA lambda must be strictly between 0 and 1, got ").append(ewmaLambda);
    }
    if (returnType == null) {
      problems.append("; return type is required");
    }
    if (problems.length() > 0) {
      throw new IllegalArgumentException("invalid volatility settings: " + problems.substring(2));
    }
  }

  /** ATR 14, 20 returns, 252 periods per year, λ = 0.94, simple returns. */
  public static VolatilitySettings defaults() {
    return new VolatilitySettings(
        14,
        20,
        HistoricalVolatility.TRADING_DAYS_PER_YEAR,
        EwmaVolatility.RISKMETRICS_DAILY_LAMBDA,
        ReturnType.SIMPLE);
  }

  /** The same settings with another number of periods per year (365 for crypto, say). */
  public VolatilitySettings withPeriodsPerYear(int periods) {
    return new VolatilitySettings(atrPeriod, volatilityWindow, periods, ewmaLambda, returnType);
  }
}
