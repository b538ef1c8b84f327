package io.riskgate.core.breaker;

/**
 * The three states of a circuit breaker, named after the electrical breaker it imitates: CLOSED
 * lets trading flow, OPEN cuts it off, HALF_OPEN lets a reduced flow through on probation.
 */
public enum BreakerState {
  /** Normal trading. */
  CLOSED,
  /** Tripped: risk-increasing orders are rejected until the cool-down ends. */
  OPEN,
  /** On probation after the cool-down: sizes capped at a fraction of normal. */
  HALF_OPEN
}
