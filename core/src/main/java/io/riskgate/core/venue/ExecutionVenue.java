package io.riskgate.core.venue;

import io.riskgate.core.kill.Action;

/**
 * The port through which the engine's emergency instructions reach a trading venue: cancel an
 * order, send an order of the engine's own that flattens a position. Both are asynchronous: the
 * venue confirms by events fed back to the engine ({@code cancel} for a cancel, {@code fill} for
 * the flattening order). An instruction may arrive more than once (the engine retries unconfirmed
 * ones with a higher {@link Action#attempt()}); a venue acts on an order id at most once.
 */
public interface ExecutionVenue {
  /** Cancels what remains of the open order {@link Action#orderId()}. */
  void cancelOrder(Action action);

  /** Sends the engine's flattening market order {@link Action#orderId()}. */
  void flattenPosition(Action action);

  /** Routes an engine {@code action} output to the matching method. */
  default void onAction(Action action) {
    if (action.kind() == Action.Kind.CANCEL) {
      cancelOrder(action);
    } else {
      flattenPosition(action);
    }
  }
}
