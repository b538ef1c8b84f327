package io.riskgate.server.runtime;

import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.Caller;

/**
 * The engine agent's own screens of a submission's events, before the engine sees them (see {@link
 * EngineAgent}): a trader may act only on its strategies' open orders and fills, and a symbol must
 * be known.
 */
final class CallerScreen {
  private final RiskEngine engine;

  CallerScreen(RiskEngine engine) {
    this.engine = engine;
  }

  /** Checks that need the agent's own tables: a trader's strategy, unknown orders and symbols. */
  Refusal screen(Caller caller, Event event, int index) {
    if (event instanceof Event.Fill fill) {
      return knownOrderOfCaller(caller, fill.orderId(), index);
    }
    if (event instanceof Event.Cancel cancel) {
      return knownOrderOfCaller(caller, cancel.orderId(), index);
    }
    if (event instanceof Event.Amend amend) {
      return knownOrderOfCaller(caller, amend.orderId(), index);
    }
    if (event instanceof Event.OrderRejected rejected) {
      return knownOrderOfCaller(caller, rejected.orderId(), index);
    }
    if (event instanceof Event.AmendRejected rejected) {
      return knownOrderOfCaller(caller, rejected.orderId(), index);
    }
    if (event instanceof Event.OrderExpired expired) {
      return knownOrderOfCaller(caller, expired.orderId(), index);
    }
    final String bustedFill =
        event instanceof Event.TradeBust bust
            ? bust.fillId()
            : event instanceof Event.TradeCorrect correct ? correct.fillId() : null;
    if (bustedFill != null) {
      final String strategy = engine.lastFillStrategy(bustedFill);
      if (strategy != null
          && caller.role() == io.riskgate.server.auth.Role.TRADER
          && !caller.mayTradeFor(strategy)) {
        return new Refusal(
            Refusal.Kind.FORBIDDEN,
            index,
            "fill \""
                + bustedFill
                + "\" belongs to strategy "
                + strategy
                + ", which "
                + caller.name()
                + " may not act for");
      }
      return null;
    }
    final String symbol;
    if (event instanceof Event.Price price) {
      symbol = price.symbol();
    } else if (event instanceof Event.Bar bar) {
      symbol = bar.symbol();
    } else if (event instanceof Event.SizeRequest request) {
      symbol = request.symbol();
    } else {
      return null;
    }
    if (engine.instrumentId(symbol) < 0) {
      return new Refusal(
          Refusal.Kind.NOT_FOUND, index, "field \"symbol\": unknown instrument \"" + symbol + "\"");
    }
    return null;
  }

  /**
   * A trader may act only on an open order of a strategy it trades for; an id with no open order is
   * left to the engine, which refuses it (not found, or no longer open).
   */
  private Refusal knownOrderOfCaller(Caller caller, String orderId, int index) {
    final String strategy = engine.openOrderStrategy(orderId);
    if (strategy == null) {
      return null;
    }
    if (caller.role() == io.riskgate.server.auth.Role.TRADER && !caller.mayTradeFor(strategy)) {
      return new Refusal(
          Refusal.Kind.FORBIDDEN,
          index,
          "order \""
              + orderId
              + "\" belongs to strategy "
              + strategy
              + ", which "
              + caller.name()
              + " may not act for");
    }
    return null;
  }
}
