package io.riskgate.core.sizing;

import io.riskgate.core.Fixed;

/**
 * Fixed-fractional sizing with an ATR stop: risk a fixed fraction of equity per trade, with the
 * stop {@code k} ATRs away, so {@code quantity = fraction × equity / (k × ATR × multiplier)}. Named
 * for the fixed fraction risked. Allocation-free; invalid input throws {@link
 * IllegalArgumentException} before the result is touched.
 */
public final class FixedFractionalSizer {
  private final double riskFraction;
  private final double stopAtrMultiple;

  /**
   * @param riskFraction fraction of equity risked per trade, in (0, 1] (1% is common)
   * @param stopAtrMultiple stop distance in ATRs, {@code k}, positive
   */
  public FixedFractionalSizer(double riskFraction, double stopAtrMultiple) {
    SizingInputs.requireFractionAboveZero("risk fraction", riskFraction);
    SizingInputs.requirePositive("stop distance in ATRs", stopAtrMultiple);
    this.riskFraction = riskFraction;
    this.stopAtrMultiple = stopAtrMultiple;
  }

  public double riskFraction() {
    return riskFraction;
  }

  public double stopAtrMultiple() {
    return stopAtrMultiple;
  }

  /**
   * Sizes a position into {@code out}.
   *
   * @param atr the instrument's current ATR in price units, positive (NaN means not yet defined and
   *     is rejected)
   */
  public void size(
      double equity, double atr, long price, SizingInstrument instrument, SizingResult out) {
    SizingInputs.requirePositive("equity", equity);
    if (!(atr > 0.0) || atr == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "ATR must be a finite positive number (is it defined yet?), got " + atr);
    }
    SizingInputs.requirePrice(price);
    SizingInputs.requireInstrument(instrument);
    SizingInputs.requireResult(out);
    out.reset();
    final double risk = riskFraction * equity;
    final double stopDistance = stopAtrMultiple * atr;
    out.addFactor(SizingFactor.EQUITY, equity);
    out.addFactor(SizingFactor.RISK_FRACTION, riskFraction);
    out.addFactor(SizingFactor.RISK_PER_TRADE, risk);
    out.addFactor(SizingFactor.ATR, atr);
    out.addFactor(SizingFactor.STOP_ATR_MULTIPLE, stopAtrMultiple);
    out.addFactor(SizingFactor.STOP_DISTANCE, stopDistance);
    final double quantity = risk / (stopDistance * Fixed.toDouble(instrument.multiplier()));
    final double fraction =
        quantity * Fixed.toDouble(price) * Fixed.toDouble(instrument.multiplier()) / equity;
    out.setEquityFraction(fraction);
    out.addFactor(SizingFactor.EQUITY_FRACTION, fraction);
    out.applyQuantity(quantity, price, instrument);
  }
}
