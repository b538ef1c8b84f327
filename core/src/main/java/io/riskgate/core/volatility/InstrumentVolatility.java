package io.riskgate.core.volatility;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * Every volatility estimate of one instrument, updated together from its bars: Wilder ATR,
 * close-only ATR, historical volatility and EWMA volatility. The engine keeps one per instrument.
 *
 * <p>{@link #update} validates the bar first and only then updates the estimators, so a rejected
 * bar changes nothing. O(1) and allocation-free per bar.
 */
public final class InstrumentVolatility {
  private final VolatilitySettings settings;
  private final WilderAtr atr;
  private final CloseOnlyAtr closeOnlyAtr;
  private final HistoricalVolatility historical;
  private final EwmaVolatility ewma;

  public InstrumentVolatility(VolatilitySettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("volatility settings are required");
    }
    this.settings = settings;
    this.atr = new WilderAtr(settings.atrPeriod());
    this.closeOnlyAtr = new CloseOnlyAtr(settings.atrPeriod());
    this.historical =
        new HistoricalVolatility(
            settings.volatilityWindow(), settings.periodsPerYear(), settings.returnType());
    this.ewma =
        new EwmaVolatility(settings.ewmaLambda(), settings.periodsPerYear(), settings.returnType());
  }

  /** Adds the next bar of this instrument. */
  public void update(double high, double low, double close) {
    BarValidation.requireBar(high, low, close);
    atr.updateValidated(high, low, close);
    closeOnlyAtr.updateValidated(close);
    historical.updateValidated(close);
    ewma.updateValidated(close);
  }

  /** Latest true range (NaN before the first bar). */
  public double trueRange() {
    return atr.trueRange();
  }

  /** Wilder ATR, NaN until it is defined. */
  public double atr() {
    return atr.value();
  }

  /** Close-only ATR, NaN until it is defined. */
  public double closeOnlyAtr() {
    return closeOnlyAtr.value();
  }

  /** Annualized historical volatility, NaN until it is defined. */
  public double historicalVolatility() {
    return historical.value();
  }

  /** Annualized EWMA volatility, NaN until it is defined. */
  public double ewmaVolatility() {
    return ewma.value();
  }

  /** Number of bars seen. */
  public long barCount() {
    return atr.barCount();
  }

  public VolatilitySettings settings() {
    return settings;
  }

  /** Forgets every bar. */
  public void reset() {
    atr.reset();
    closeOnlyAtr.reset();
    historical.reset();
    ewma.reset();
  }

  /** Writes every estimator's running state; the settings are given again when read. */
  public void write(SnapshotWriter out) {
    atr.write(out);
    closeOnlyAtr.write(out);
    historical.write(out);
    ewma.write(out);
  }

  /** Reads what {@link #write} wrote into estimators of the same settings. */
  public void read(SnapshotReader in) {
    atr.read(in);
    closeOnlyAtr.read(in);
    historical.read(in);
    ewma.read(in);
  }
}
