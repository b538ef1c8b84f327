package io.riskgate.core.volatility;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * Exponentially weighted moving-average volatility as in J.P. Morgan/Reuters, "RiskMetrics —
 * Technical Document", 4th ed. (1996), section 5.2.1: {@code σ²ₜ = λ σ²ₜ₋₁ + (1 − λ) rₜ²}, zero
 * mean, decay {@code λ = 0.94} for daily data. Named after the estimator it implements.
 *
 * <p>Seeding convention: the first return seeds the variance with its own square, {@code σ²₁ =
 * r₁²}; every later return applies the recursion. The value after bar {@code t} (which includes
 * {@code rₜ}) is the forecast of the next period's variance. NaN before the first return (bar index
 * 1). {@link #value()} is annualized by {@code √(periods per year)}; {@link #periodValue()} is not.
 * Returns are simple by default (the project's convention) or logarithmic (RiskMetrics').
 */
public final class EwmaVolatility {
  /** RiskMetrics' decay factor for daily data. */
  public static final double RISKMETRICS_DAILY_LAMBDA = 0.94;

  private final double lambda;
  private final double oneMinusLambda;
  private final int periodsPerYear;
  private final ReturnType returnType;
  private double previousClose = Double.NaN;
  private double variance = Double.NaN;

  /** λ = 0.94, simple returns, 252 periods per year. */
  public EwmaVolatility() {
    this(RISKMETRICS_DAILY_LAMBDA, HistoricalVolatility.TRADING_DAYS_PER_YEAR, ReturnType.SIMPLE);
  }

  /**
   * @param lambda decay factor, strictly between 0 and 1
   * @param periodsPerYear bars per year used to annualize, at least 1
   * @param returnType simple or log returns
   */
  public EwmaVolatility(double lambda, int periodsPerYear, ReturnType returnType) {
    if (!(lambda > 0.0 && lambda < 1.0)) {
      throw new IllegalArgumentException(
          "EWMA decay factor lambda must be strictly between 0 and 1, got " + lambda);
    }
    BarValidation.requirePeriod("periods per year", periodsPerYear, 1);
    if (returnType == null) {
      throw new IllegalArgumentException("return type is required");
    }
    this.lambda = lambda;
    this.oneMinusLambda = 1.0 - lambda;
    this.periodsPerYear = periodsPerYear;
    this.returnType = returnType;
  }

  /** Adds the next close. */
  public void update(double close) {
    BarValidation.requirePrice("close", close);
    updateValidated(close);
  }

  /** {@link #update} for a close already validated by the caller. */
  void updateValidated(double close) {
    if (!Double.isNaN(previousClose)) {
      final double r = returnType.of(previousClose, close);
      variance = Double.isNaN(variance) ? r * r : lambda * variance + oneMinusLambda * r * r;
    }
    previousClose = close;
  }

  /** Annualized EWMA volatility, NaN before the first return. */
  public double value() {
    return Math.sqrt(variance * periodsPerYear);
  }

  /** EWMA volatility per period, NaN before the first return. */
  public double periodValue() {
    return Math.sqrt(variance);
  }

  /** EWMA variance per period, NaN before the first return. */
  public double variance() {
    return variance;
  }

  public boolean isReady() {
    return !Double.isNaN(variance);
  }

  public double lambda() {
    return lambda;
  }

  /** Forgets every close. */
  public void reset() {
    previousClose = Double.NaN;
    variance = Double.NaN;
  }

  /**
   * Annualized EWMA volatility after each of the first {@code count} closes into {@code out}, NaN
   * at index 0.
   *
   * @throws IllegalArgumentException on invalid settings, a short array or an invalid close (its
   *     index is named)
   */
  public static void compute(
      double[] close,
      int count,
      double lambda,
      int periodsPerYear,
      ReturnType returnType,
      double[] out) {
    BarValidation.requireSameLength(count, close, out);
    final EwmaVolatility volatility = new EwmaVolatility(lambda, periodsPerYear, returnType);
    for (int i = 0; i < count; i++) {
      try {
        volatility.update(close[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bar " + i + ": " + e.getMessage(), e);
      }
      out[i] = volatility.value();
    }
  }

  /** Writes the running state (λ and the conventions are settings). */
  public void write(SnapshotWriter out) {
    out.writeDouble(previousClose);
    out.writeDouble(variance);
  }

  /** Reads what {@link #write} wrote into this estimator. */
  public void read(SnapshotReader in) {
    previousClose = in.readDouble();
    variance = in.readDouble();
  }
}
