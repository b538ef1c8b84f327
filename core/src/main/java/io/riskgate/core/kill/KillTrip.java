package io.riskgate.core.kill;

/** Where an automatic kill trigger goes: the engine kills the scope and raises the alert. */
@FunctionalInterface
public interface KillTrip {
  /**
   * A trigger fired, with the alert's {@code reason} and the {@code value} it measured against its
   * {@code threshold}.
   */
  void trip(String reason, double value, double threshold);
}
