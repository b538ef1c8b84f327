package io.riskgate.core.sizing;

/**
 * The seed's dynamic position sizer, with its missing pieces defined: a notional of {@code base
 * fraction × equity × signal multiplier × volatility multiplier × performance multiplier}, capped
 * at the position limit {@code max position fraction × equity}, converted to a quantity at the
 * price and contract multiplier, rounded down to the lot size.
 *
 * <ul>
 *   <li>signal multiplier {@code 0.5 + 1.5·s} for a signal strength {@code s} in [0, 1] (0.5 to 2);
 *   <li>volatility multiplier {@code 1 / (1 + σ)} for the instrument's annualized volatility σ;
 *   <li>performance multiplier: 1 with no drawdown history or no drawdown limit; otherwise linear
 *       in the strategy's current drawdown {@code d} against its limit {@code L}, {@code 1 − (1 −
 *       floor) · min(d / L, 1)}: 1 at no drawdown, the floor (0.25 by default) at or beyond the
 *       limit, monotone non-increasing in between.
 * </ul>
 *
 * <p>Named "dynamic" as in the seed: the size moves with signal, volatility and performance.
 * Allocation-free; invalid input throws {@link IllegalArgumentException} before the result is
 * touched.
 */
public final class DynamicSizer {
  private final DynamicSizerSettings settings;

  public DynamicSizer(DynamicSizerSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("dynamic sizer settings are required");
    }
    this.settings = settings;
  }

  public DynamicSizerSettings settings() {
    return settings;
  }

  /** {@code 0.5 + 1.5 · signal}; the signal must be in [0, 1]. */
  public static double signalMultiplier(double signal) {
    SizingInputs.requireUnitInterval("signal strength", signal);
    return 0.5 + 1.5 * signal;
  }

  /** {@code 1 / (1 + volatility)}; the volatility must be finite and not negative. */
  public static double volatilityMultiplier(double volatility) {
    SizingInputs.requireNonNegative("volatility", volatility);
    return 1.0 / (1.0 + volatility);
  }

  /**
   * The performance multiplier for a current drawdown (a positive fraction of the strategy's peak
   * equity) and its limit; pass {@link Double#NaN} for either when there is no history or no limit.
   */
  public double performanceMultiplier(double drawdown, double drawdownLimit) {
    if (Double.isNaN(drawdown) || Double.isNaN(drawdownLimit)) {
      return 1.0;
    }
    SizingInputs.requireNonNegative("drawdown", drawdown);
    SizingInputs.requirePositive("drawdown limit", drawdownLimit);
    final double floor = settings.performanceFloor();
    return 1.0 - (1.0 - floor) * Math.min(drawdown / drawdownLimit, 1.0);
  }

  /**
   * Sizes a position into {@code out}.
   *
   * @param equity the account's (or strategy's) equity, positive
   * @param signal signal strength in [0, 1]
   * @param volatility annualized volatility σ, finite and not negative
   * @param drawdown current drawdown of the strategy as a positive fraction, NaN without history
   * @param drawdownLimit the strategy's drawdown limit, NaN without a limit
   * @param price price per unit, a positive {@link io.riskgate.core.Fixed} value
   * @param instrument multiplier, lot size and minimum quantity
   * @param out the result holder, overwritten
   */
  public void size(
      double equity,
      double signal,
      double volatility,
      double drawdown,
      double drawdownLimit,
      long price,
      SizingInstrument instrument,
      SizingResult out) {
    SizingInputs.requirePositive("equity", equity);
    final double signalMultiplier = signalMultiplier(signal);
    final double volatilityMultiplier = volatilityMultiplier(volatility);
    final double performanceMultiplier = performanceMultiplier(drawdown, drawdownLimit);
    SizingInputs.requirePrice(price);
    SizingInputs.requireInstrument(instrument);
    SizingInputs.requireResult(out);

    out.reset();
    out.addFactor(SizingFactor.EQUITY, equity);
    out.addFactor(SizingFactor.BASE_FRACTION, settings.baseFraction());
    out.addFactor(SizingFactor.SIGNAL_MULTIPLIER, signalMultiplier);
    out.addFactor(SizingFactor.VOLATILITY, volatility);
    out.addFactor(SizingFactor.VOLATILITY_MULTIPLIER, volatilityMultiplier);
    out.addFactor(SizingFactor.PERFORMANCE_MULTIPLIER, performanceMultiplier);
    double notional =
        settings.baseFraction()
            * equity
            * signalMultiplier
            * volatilityMultiplier
            * performanceMultiplier;
    final double limit = settings.maxPositionFraction() * equity;
    if (notional > limit) {
      out.addFactor(SizingFactor.POSITION_LIMIT, limit);
      notional = limit;
    }
    out.setEquityFraction(notional / equity);
    out.addFactor(SizingFactor.EQUITY_FRACTION, notional / equity);
    out.applyNotional(notional, price, instrument);
  }
}
