package io.riskgate.core.risk;

/**
 * The value at risk and conditional value at risk (expected shortfall) of a portfolio at 95% and
 * 99%, as positive loss amounts in account currency, and the same as fractions of equity.
 *
 * <p>Named for what it holds: the result of a VaR computation. It is a mutable holder that {@link
 * HistoricalVar} and {@link ParametricVar} overwrite on every computation, so that repeated
 * computation allocates nothing; copy the numbers out if they must outlive the next computation. A
 * negative VaR means that even the tail scenario is a gain. Before the first computation every
 * value is NaN.
 */
public final class VarResult {

  private double var95 = Double.NaN;
  private double cvar95 = Double.NaN;
  private double var99 = Double.NaN;
  private double cvar99 = Double.NaN;
  private double equity = Double.NaN;

  void set(double var95, double cvar95, double var99, double cvar99, double equity) {
    this.var95 = var95;
    this.cvar95 = cvar95;
    this.var99 = var99;
    this.cvar99 = cvar99;
    this.equity = equity;
  }

  /** 95% VaR, loss amount in account currency. */
  public double var95() {
    return var95;
  }

  /** 95% CVaR (expected shortfall), loss amount in account currency. */
  public double cvar95() {
    return cvar95;
  }

  /** 99% VaR, loss amount in account currency. */
  public double var99() {
    return var99;
  }

  /** 99% CVaR (expected shortfall), loss amount in account currency. */
  public double cvar99() {
    return cvar99;
  }

  /** The equity the fractions refer to; NaN when the computation was given none. */
  public double equity() {
    return equity;
  }

  /** 95% VaR as a fraction of equity; NaN without equity. */
  public double var95OfEquity() {
    return var95 / equity;
  }

  /** 95% CVaR as a fraction of equity; NaN without equity. */
  public double cvar95OfEquity() {
    return cvar95 / equity;
  }

  /** 99% VaR as a fraction of equity; NaN without equity. */
  public double var99OfEquity() {
    return var99 / equity;
  }

  /** 99% CVaR as a fraction of equity; NaN without equity. */
  public double cvar99OfEquity() {
    return cvar99 / equity;
  }

  @Override
  public String toString() {
    return "VarResult[var95="
        + var95
        + ", cvar95="
        + cvar95
        + ", var99="
        + var99
        + ", cvar99="
        + cvar99
        + ", equity="
        + equity
        + "]";
  }
}
