package io.riskgate.core.sizing;

/**
 * Volatility targeting: a position whose annualized volatility contribution equals a target
 * fraction of equity, {@code notional = target × equity / σ_annual}. Named for the target it sizes
 * to. A target of 10% with σ = 20% gives a notional of half the equity; with σ = 5%, twice the
 * equity (leverage limits are the engine's to apply). Allocation-free; invalid input throws {@link
 * IllegalArgumentException} before the result is touched.
 */
public final class VolatilityTargetSizer {
  private final double targetVolatility;

  /**
   * @param targetVolatility annualized volatility of the position as a fraction of equity, positive
   */
  public VolatilityTargetSizer(double targetVolatility) {
    SizingInputs.requirePositive("target volatility", targetVolatility);
    this.targetVolatility = targetVolatility;
  }

  public double targetVolatility() {
    return targetVolatility;
  }

  /**
   * Sizes a position into {@code out}.
   *
   * @param annualizedVolatility the instrument's annualized volatility, positive (NaN means not yet
   *     defined and is rejected)
   */
  public void size(
      double equity,
      double annualizedVolatility,
      long price,
      SizingInstrument instrument,
      SizingResult out) {
    SizingInputs.requirePositive("equity", equity);
    if (!(annualizedVolatility > 0.0) || annualizedVolatility == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "annualized volatility must be a finite positive number (is it defined yet?), got "
              + annualizedVolatility);
    }
    SizingInputs.requirePrice(price);
    SizingInputs.requireInstrument(instrument);
    SizingInputs.requireResult(out);
    out.reset();
    final double fraction = targetVolatility / annualizedVolatility;
    out.addFactor(SizingFactor.EQUITY, equity);
    out.addFactor(SizingFactor.TARGET_VOLATILITY, targetVolatility);
    out.addFactor(SizingFactor.VOLATILITY, annualizedVolatility);
    out.addFactor(SizingFactor.EQUITY_FRACTION, fraction);
    out.setEquityFraction(fraction);
    out.applyNotional(fraction * equity, price, instrument);
  }
}
