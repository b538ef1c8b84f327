package io.riskgate.core.volatility;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * Historical (close-to-close) volatility: the sample standard deviation (ddof = 1) of the last
 * {@code N} returns, annualized by {@code √(periods per year)}.
 *
 * <p>Defined once {@code N} returns exist, i.e. from bar index {@code N}; NaN before. Returns are
 * simple by default (DESIGN.md section 5) or logarithmic. Periods per year are per instrument: 252
 * for exchange-traded daily bars, 365 for crypto, more for intraday bars. Streaming ({@link
 * #update}) and batch ({@link #compute}) give the same numbers; an invalid close throws {@link
 * IllegalArgumentException} and leaves the estimator unchanged.
 */
public final class HistoricalVolatility {
  /** Trading days in a year, the default annualization. */
  public static final int TRADING_DAYS_PER_YEAR = 252;

  /** Calendar days, for markets that trade every day (crypto). */
  public static final int CALENDAR_DAYS_PER_YEAR = 365;

  private final RollingStandardDeviation returns;
  private final int periodsPerYear;
  private final double annualization;
  private final ReturnType returnType;
  private double previousClose = Double.NaN;

  /** Simple returns, annualized over 252 periods. */
  public HistoricalVolatility(int windowReturns) {
    this(windowReturns, TRADING_DAYS_PER_YEAR, ReturnType.SIMPLE);
  }

  /**
   * @param windowReturns number of returns {@code N} in the window, at least 2
   * @param periodsPerYear bars per year used to annualize, at least 1
   * @param returnType simple or log returns
   */
  public HistoricalVolatility(int windowReturns, int periodsPerYear, ReturnType returnType) {
    BarValidation.requirePeriod("volatility window", windowReturns, 2);
    BarValidation.requirePeriod("periods per year", periodsPerYear, 1);
    if (returnType == null) {
      throw new IllegalArgumentException("return type is required");
    }
    this.returns = new RollingStandardDeviation(windowReturns);
    this.periodsPerYear = periodsPerYear;
    this.annualization = Math.sqrt(periodsPerYear);
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
      returns.add(returnType.of(previousClose, close));
    }
    previousClose = close;
  }

  /** Annualized volatility of the last {@code N} returns, NaN before {@code N} returns. */
  public double value() {
    return returns.isFull() ? returns.standardDeviation() * annualization : Double.NaN;
  }

  /** Volatility per period (not annualized), NaN before {@code N} returns. */
  public double periodValue() {
    return returns.isFull() ? returns.standardDeviation() : Double.NaN;
  }

  public boolean isReady() {
    return returns.isFull();
  }

  public int windowReturns() {
    return returns.window();
  }

  public int periodsPerYear() {
    return periodsPerYear;
  }

  public ReturnType returnType() {
    return returnType;
  }

  /** Forgets every close. */
  public void reset() {
    returns.reset();
    previousClose = Double.NaN;
  }

  /**
   * Annualized volatility after each of the first {@code count} closes into {@code out}, NaN before
   * index {@code windowReturns}.
   *
   * @throws IllegalArgumentException on invalid settings, a short array or an invalid close (its
   *     index is named)
   */
  public static void compute(
      double[] close,
      int count,
      int windowReturns,
      int periodsPerYear,
      ReturnType returnType,
      double[] out) {
    BarValidation.requireSameLength(count, close, out);
    final HistoricalVolatility volatility =
        new HistoricalVolatility(windowReturns, periodsPerYear, returnType);
    for (int i = 0; i < count; i++) {
      try {
        volatility.update(close[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bar " + i + ": " + e.getMessage(), e);
      }
      out[i] = volatility.value();
    }
  }

  /** Writes the running state. */
  public void write(SnapshotWriter out) {
    out.writeDouble(previousClose);
    returns.write(out);
  }

  /** Reads what {@link #write} wrote into this estimator. */
  public void read(SnapshotReader in) {
    previousClose = in.readDouble();
    returns.read(in);
  }
}
