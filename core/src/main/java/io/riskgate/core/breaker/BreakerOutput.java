package io.riskgate.core.breaker;

/** Where a breaker's transitions go: the engine turns each into a {@code state} output. */
@FunctionalInterface
public interface BreakerOutput {
  /**
   * The breaker of {@code scope} moved from {@code from} to its current state ({@code from} may
   * equal it: an OPEN breaker re-opened for a new cool-down).
   */
  void onTransition(BreakerScope scope, BreakerState from, String reason);
}
