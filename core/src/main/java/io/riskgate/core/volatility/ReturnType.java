package io.riskgate.core.volatility;

/** How a period's return is measured from two consecutive prices. */
public enum ReturnType {
  /** {@code Pₜ / Pₜ₋₁ − 1}, the project's default (DESIGN.md section 5). */
  SIMPLE,
  /** {@code ln(Pₜ / Pₜ₋₁)}, continuously compounded, as in RiskMetrics. */
  LOG;

  /** The return from {@code previous} to {@code current}; both must be positive. */
  public double of(double previous, double current) {
    return this == SIMPLE ? current / previous - 1.0 : Math.log(current / previous);
  }
}
