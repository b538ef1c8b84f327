package io.riskgate.core.kill;

import io.riskgate.core.event.Side;

/** One cancel or flatten the engine sent and waits to see confirmed. */
final class KillInstruction {
  final Action.Kind kind;
  final KillScope scope;
  final long orderKey;
  final String orderId;
  final int book;
  final int instrument;
  final Side side;
  int attempts = 1;
  long lastAttemptNanos;
  boolean exhausted;

  KillInstruction(
      Action.Kind kind,
      KillScope scope,
      long orderKey,
      String orderId,
      int book,
      int instrument,
      Side side,
      long now) {
    this.kind = kind;
    this.scope = scope;
    this.orderKey = orderKey;
    this.orderId = orderId;
    this.book = book;
    this.instrument = instrument;
    this.side = side;
    this.lastAttemptNanos = now;
  }
}
