package io.riskgate.core.breaker;

import java.util.function.Consumer;

/**
 * Every scope that has a breaker, visited in a fixed order: the firm, the accounts, the strategies.
 */
@FunctionalInterface
public interface BreakerScopes {
  /** Calls {@code action} once for each scope in the fixed order. */
  void forEach(Consumer<? super BreakerScope> action);
}
