package io.riskgate.core.sizing;

import io.riskgate.core.Fixed;

/**
 * Fixed-risk sizing with a stop price: lose at most a fixed fraction of equity if the stop is hit.
 * Each unit loses {@code |entry − stop| × multiplier × rate} (the rate from the instrument's
 * currency into the account's) plus the commission per unit, so {@code quantity = equity × risk ÷
 * (|entry − stop| × multiplier × rate + commission)}, rounded down to the lot and cut to an
 * optional hard limit. The inputs are those of NautilusTrader's {@code FixedRiskSizer}. Exact: the
 * risk budget and the loss per unit are fixed-point amounts, and the quantity is their quotient
 * rounded down. Zero when the stop equals the entry.
 */
public final class FixedRiskSizer {
  private final double riskFraction;

  /**
   * @param riskFraction fraction of equity risked per trade, in (0, 1]
   */
  public FixedRiskSizer(double riskFraction) {
    SizingInputs.requireFractionAboveZero("risk fraction", riskFraction);
    this.riskFraction = riskFraction;
  }

  /**
   * Sizes a position into {@code out}.
   *
   * @param equity equity in the account currency (fixed-point, positive)
   * @param entry the entry price (fixed-point, positive), in the instrument's currency
   * @param stop the stop price (fixed-point, positive), in the instrument's currency
   * @param rate units of the account currency per unit of the instrument's (fixed-point, {@link
   *     Fixed#ONE} for the same currency, positive)
   * @param commission commission per unit, in the account currency (fixed-point, 0 for none)
   * @param hardLimit the largest quantity wanted (fixed-point), 0 for none
   * @param priceInAccount the entry price in the account currency, for the notional
   */
  public void size(
      long equity,
      long entry,
      long stop,
      long rate,
      long commission,
      long hardLimit,
      long priceInAccount,
      SizingInstrument instrument,
      SizingResult out) {
    if (equity <= 0) {
      throw new IllegalArgumentException("equity must be positive, got " + Fixed.toString(equity));
    }
    SizingInputs.requirePrice(entry);
    SizingInputs.requirePrice(stop);
    SizingInputs.requirePrice(rate);
    SizingInputs.requirePrice(priceInAccount);
    if (commission < 0 || hardLimit < 0) {
      throw new IllegalArgumentException("commission and hard limit must not be negative");
    }
    SizingInputs.requireInstrument(instrument);
    SizingInputs.requireResult(out);
    out.reset();
    final long budget = Fixed.multiply(equity, Fixed.ofDouble(riskFraction));
    final long distance = Math.abs(entry - stop);
    out.addFactor(SizingFactor.EQUITY, Fixed.toDouble(equity));
    out.addFactor(SizingFactor.RISK_FRACTION, riskFraction);
    out.addFactor(SizingFactor.RISK_PER_TRADE, Fixed.toDouble(budget));
    out.addFactor(SizingFactor.ENTRY_PRICE, Fixed.toDouble(entry));
    out.addFactor(SizingFactor.STOP_PRICE, Fixed.toDouble(stop));
    out.addFactor(SizingFactor.STOP_DISTANCE, Fixed.toDouble(distance));
    out.addFactor(SizingFactor.FX_RATE, Fixed.toDouble(rate));
    out.addFactor(SizingFactor.COMMISSION_PER_UNIT, Fixed.toDouble(commission));
    if (distance == 0) {
      out.applyQuantity(0, priceInAccount, instrument);
      out.setStatus(SizingStatus.NO_STOP_DISTANCE);
      return;
    }
    final long perUnit =
        Math.addExact(
            Fixed.multiply(Fixed.notional(Fixed.ONE, distance, instrument.multiplier()), rate),
            commission);
    out.addFactor(SizingFactor.RISK_PER_UNIT, Fixed.toDouble(perUnit));
    if (perUnit <= 0) {
      out.applyQuantity(0, priceInAccount, instrument);
      out.setStatus(SizingStatus.NO_STOP_DISTANCE);
      return;
    }
    long quantity = Fixed.mulDiv(budget, Fixed.ONE, perUnit);
    if (Fixed.multiply(quantity, perUnit) > budget) {
      quantity--; // rounded up to the nearest 10⁻⁸: the loss at the stop must stay in budget
    }
    quantity = Math.max(0, Fixed.floorToStep(quantity, instrument.lotSize()));
    final double fraction =
        Fixed.toDouble(quantity)
            * Fixed.toDouble(priceInAccount)
            * Fixed.toDouble(instrument.multiplier())
            / Fixed.toDouble(equity);
    out.setEquityFraction(fraction);
    out.addFactor(SizingFactor.EQUITY_FRACTION, fraction);
    out.applyQuantity(Fixed.toDouble(quantity), priceInAccount, instrument);
    if (hardLimit > 0) {
      out.capQuantity(hardLimit, SizingFactor.HARD_LIMIT);
    }
  }
}
