package io.riskgate.core.engine;

import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Scope;

/**
 * An instruction the engine gives to the outside through the venue port: cancel an open order, or
 * send an order of the engine's own to flatten a position. The {@code action} output of the event
 * language; the engine decides, adapters act, and confirmations come back as events.
 *
 * @param kind {@code CANCEL} (orderId of the open order) or {@code FLATTEN} (a new engine order)
 * @param attempt 1 for the first instruction, higher for retries
 */
public record Action(
    long timestampNanos,
    Kind kind,
    Scope scope,
    String orderId,
    String account,
    String strategy,
    String symbol,
    String venue,
    Side side,
    long quantity,
    int attempt,
    String reason) {

  /** What to do. */
  public enum Kind {
    CANCEL,
    FLATTEN
  }
}
