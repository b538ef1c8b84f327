package io.riskgate.core.breaker;

import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.limit.Scope;

/**
 * A scope with a circuit breaker (the firm, an account, a strategy) as the breakers see it: its
 * figures (daily PnL, start-of-day equity, drawdown) and its breaker's state. The engine's ledgers
 * implement it; the breakers change nothing in the scope but its breaker.
 */
public interface BreakerScope extends ScopeFigures {
  /** This scope's breaker. */
  CircuitBreaker breaker();

  /** The scope's name as outputs spell it. */
  Scope scope();
}
