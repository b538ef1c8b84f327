package io.riskgate.core.engine;

import io.riskgate.core.snapshot.StateHasher;

/**
 * The engine's state digest: a 64-bit hash of its snapshot ({@link EngineSnapshot#write}). The
 * snapshot holds every piece of the state by value in a defined order, and nothing else (settings
 * appear only as their digest, scratch not at all), so the digest covers exactly the state: two
 * engines that applied the same events in the same order have the same digest, and any difference
 * anywhere in the state (a volatility estimator, a closed-trade ring, an alert's hysteresis, a kill
 * instruction in flight) shows in it.
 */
final class EngineStateHash {
  private EngineStateHash() {}

  /** A 64-bit digest of the whole state; equal for engines that applied the same events. */
  static long of(RiskEngine e) {
    final StateHasher h = new StateHasher();
    h.add(EngineSnapshot.write(e));
    return h.value();
  }
}
