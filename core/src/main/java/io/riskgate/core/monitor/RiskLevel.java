package io.riskgate.core.monitor;

/** How close a portfolio is to trouble, from its drawdown (seed: 10 / 15 / 20%). */
public enum RiskLevel {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
