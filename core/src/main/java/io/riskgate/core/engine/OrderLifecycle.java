package io.riskgate.core.engine;

import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.Action;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;
import io.riskgate.core.sizing.PositionSizing;

/**
 * The life of an order after its check: amendments (the reservation suspended, the amended order
 * checked, the reservation moved or restored; moved back when the venue refuses the amend), cancels
 * of every order in a scope, closes reported by a venue, size requests, and fills by order id.
 * Static, on the engine's state; called by {@link RiskEngine#apply} and, for the reservations, by
 * {@link PreTradeChecks}.
 */
final class OrderLifecycle {
  private OrderLifecycle() {}

  static void applyOrder(RiskEngine e, Event.Order order) {
    e.requireTimeNotBefore(order.timestampNanos());
    final Integer account = e.accountIds.get(order.account());
    final Integer strategy = e.strategyIds.get(order.strategy());
    final Integer instrument = e.instrumentIds.get(order.symbol());
    final Long existing = e.orderKeysById.get(order.orderId());
    final long key = existing != null ? existing : e.nextOrderKey;
    e.scratchOrder.set(
        order.timestampNanos(),
        key,
        order.orderId(),
        account == null ? -1 : account,
        strategy == null ? -1 : strategy,
        instrument == null ? -1 : instrument,
        order.side(),
        order.quantity(),
        order.price(),
        order.leverage());
    e.scratchOrder.timeInForce = order.timeInForce();
    e.scratchOrder.expireAtNanos = order.expireAt() == Event.NO_TIME ? 0 : order.expireAt();
    if (existing == null) {
      e.orderKeysById.put(order.orderId(), key);
      e.nextOrderKey++;
    }
    e.checks.check(e.scratchOrder);
  }

  /**
   * Checks an amend of an open order (see {@link Event.Amend}) and, when approved, moves its
   * reservation to the new quantity and price; a rejected amend leaves the order as it was.
   */
  static void amend(RiskEngine e, Event.Amend amend) {
    final long key = requireOpenOrderKey(e, amend.orderId());
    final int slot = e.openOrders.slot(key);
    e.requireTimeNotBefore(amend.timestampNanos());
    OrderExpiry.requireNotExpiredBy(e, slot, amend.timestampNanos());
    if (e.safeguards.isEngineOrder(key)) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "order \"" + amend.orderId() + "\" is the engine's own flattening order");
    }
    final long oldQuantity = e.openOrders.remaining[slot];
    final long oldPrice = e.openOrders.prices[slot];
    if (oldPrice == 0 && amend.price() != 0) {
      throw new IllegalArgumentException(
          "field \"price\": order \"" + amend.orderId() + "\" is a market order, it has no price");
    }
    final int book = e.openOrders.books[slot];
    final long quantity = amend.quantity() == 0 ? oldQuantity : amend.quantity();
    final long price = amend.price() == 0 ? oldPrice : amend.price();
    e.scratchOrder.set(
        amend.timestampNanos(),
        key,
        amend.orderId(),
        e.strategyAccount[book],
        book,
        e.openOrders.instruments[slot],
        e.openOrders.sides[slot] > 0 ? Side.BUY : Side.SELL,
        quantity,
        price,
        0);
    e.scratchOrder.timeInForce =
        io.riskgate.core.event.TimeInForce.ofOrdinal(e.openOrders.timesInForce[slot]);
    e.scratchOrder.expireAtNanos = e.openOrders.expireAt[slot];
    e.checks.amend(e.scratchOrder, slot, quantity <= oldQuantity && price == oldPrice);
  }

  /**
   * The venue refused an approved amend (see {@link Event.AmendRejected}): the reservation goes
   * back to what stands at the venue, without a check. An approved amend changed nothing else that
   * this must undo: its message counts stay (the message was sent), and the clock only moves
   * forward.
   */
  static void amendRejected(RiskEngine e, Event.AmendRejected rejected) {
    final long key = requireOpenOrderKey(e, rejected.orderId());
    final int slot = e.openOrders.slot(key);
    e.requireTimeNotBefore(rejected.timestampNanos());
    OrderExpiry.requireNotExpiredBy(e, slot, rejected.timestampNanos());
    final long oldPrice = e.openOrders.prices[slot];
    if (oldPrice == 0 && rejected.price() != 0) {
      throw new IllegalArgumentException(
          "field \"price\": order \""
              + rejected.orderId()
              + "\" is a market order, it has no price");
    }
    e.advanceTime(rejected.timestampNanos());
    moveReservation(
        e, slot, rejected.quantity(), rejected.price() == 0 ? oldPrice : rejected.price());
  }

  /**
   * Takes an open order's reservation out of its holdings and ledgers' counts while an amend of it
   * is checked, so that the checks see the amended order in place of the old one; {@link
   * #restoreReservation} puts it back exactly.
   */
  static void suspendReservation(RiskEngine e, int slot) {
    shiftReservation(e, slot, -e.openOrders.remaining[slot], -1);
  }

  static void restoreReservation(RiskEngine e, int slot) {
    shiftReservation(e, slot, e.openOrders.remaining[slot], 1);
  }

  static void shiftReservation(RiskEngine e, int slot, long quantity, int orders) {
    final int book = e.openOrders.books[slot];
    final int instrument = e.openOrders.instruments[slot];
    final int sideSign = e.openOrders.sides[slot];
    final int accountId = e.strategyAccount[book];
    final InstrumentState state = e.instruments[instrument];
    FillAccounting.addOpen(e.positions[book][instrument], sideSign, quantity);
    FillAccounting.addOpen(state.accountHolding(accountId), sideSign, quantity);
    FillAccounting.addOpen(state.firm, sideSign, quantity);
    e.strategies[book].openOrders += orders;
    e.accounts[accountId].openOrders += orders;
    e.firm.openOrders += orders;
  }

  /** Moves an approved amend's reservation to its new quantity and price. */
  static void moveReservation(RiskEngine e, int slot, long quantity, long price) {
    final int book = e.openOrders.books[slot];
    final int instrument = e.openOrders.instruments[slot];
    final int sideSign = e.openOrders.sides[slot];
    final int accountId = e.strategyAccount[book];
    final InstrumentState state = e.instruments[instrument];
    final long delta = quantity - e.openOrders.remaining[slot];
    final Position position = e.positions[book][instrument];
    final Holding accountHolding = state.accountHolding(accountId);
    FillAccounting.addOpen(position, sideSign, delta);
    FillAccounting.addOpen(accountHolding, sideSign, delta);
    FillAccounting.addOpen(state.firm, sideSign, delta);
    e.openOrders.remaining[slot] = quantity;
    e.openOrders.prices[slot] = price;
    MarkAccounting.updateExposure(e, position, state, e.strategies[book]);
    MarkAccounting.updateExposure(e, accountHolding, state, e.accounts[accountId]);
    MarkAccounting.updateExposure(e, state.firm, state, e.firm);
  }

  /** Cancels what remains of an open order. */
  static void cancel(RiskEngine e, long timestampNanos, long orderKey) {
    final int slot = e.openOrders.slot(orderKey);
    if (slot == LongIntHashMap.MISSING) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT, "order " + orderKey + " is not open");
    }
    e.requireTimeNotBefore(timestampNanos);
    OrderExpiry.requireNotExpiredBy(e, slot, timestampNanos);
    e.advanceTime(timestampNanos);
    final int book = e.openOrders.books[slot];
    e.strategies[book].messages.record(e.now);
    e.accounts[e.strategyAccount[book]].messages.record(e.now);
    e.firm.messages.record(e.now);
    FillAccounting.release(e, slot, e.openOrders.remaining[slot], true);
    e.safeguards.afterEvent();
  }

  /** The venue closed an open order (rejected it, or it expired there): its reservation goes. */
  static void closeByVenue(RiskEngine e, long timestampNanos, long orderKey) {
    final int slot = e.openOrders.slot(orderKey);
    e.requireTimeNotBefore(timestampNanos);
    OrderExpiry.requireNotExpiredBy(e, slot, timestampNanos);
    e.advanceTime(timestampNanos);
    FillAccounting.release(e, slot, e.openOrders.remaining[slot], true);
  }

  /**
   * Answers a cancel-all with one {@code cancel} action per open order of the scope (the engine's
   * own flattening orders excepted: the kill switch follows those); the orders stay reserved until
   * the venue confirms each cancel.
   */
  static void cancelAll(RiskEngine e, Event.CancelAll request) {
    final Scope scope = request.scope();
    final int instrument =
        scope.kind() == Scope.Kind.INSTRUMENT ? e.requireInstrument(scope.name()) : -1;
    final Ledger ledger = instrument >= 0 ? null : ReferenceData.ledger(e, scope);
    e.advanceTimeIfGiven(request.timestampNanos());
    final String reason = "cancel-all" + (request.by().isEmpty() ? "" : " by " + request.by());
    for (int slot : e.openOrders.openSlots()) {
      final int book = e.openOrders.books[slot];
      final boolean inScope =
          ledger == null
              ? e.openOrders.instruments[slot] == instrument
              : switch (ledger.kind) {
                case FIRM -> true;
                case ACCOUNT -> e.strategyAccount[book] == ledger.id;
                default -> book == ledger.id;
              };
      if (!inScope || e.safeguards.isEngineOrder(e.openOrders.keys[slot])) {
        continue;
      }
      final Event.Instrument definition = e.instruments[e.openOrders.instruments[slot]].definition;
      e.sink.onAction(
          new Action(
              e.now,
              Action.Kind.CANCEL,
              scope,
              e.openOrders.ids[slot] != null
                  ? e.openOrders.ids[slot]
                  : Long.toString(e.openOrders.keys[slot]),
              e.accounts[e.strategyAccount[book]].name,
              e.strategies[book].name,
              definition.symbol(),
              definition.venue(),
              e.openOrders.sides[slot] > 0 ? Side.BUY : Side.SELL,
              e.openOrders.remaining[slot],
              1,
              reason));
    }
  }

  /** Answers a size request with a {@code size} output (see {@link PositionSizing}). */
  static void size(RiskEngine e, Event.SizeRequest request) {
    final int account = e.requireAccount(request.account());
    final int strategy = e.requireStrategy(request.strategy());
    final int instrument = e.requireInstrument(request.symbol());
    if (e.strategyAccount[strategy] != account) {
      throw new IllegalArgumentException(
          "strategy " + request.strategy() + " does not trade in account " + request.account());
    }
    e.requireTimeNotBefore(request.timestampNanos());
    e.advanceTime(request.timestampNanos());
    final io.riskgate.core.sizing.SizingResult result =
        e.sizing.size(request, account, strategy, instrument);
    e.sink.onSize(new SizeAnswer(request, result, e.sizing.blockedBy()));
  }

  static void applyFill(RiskEngine e, Event.Fill fill) {
    final long key = requireOpenOrderKey(e, fill.orderId());
    if (e.fillIdsToday.contains(fill.fillId())) {
      e.requireTimeNotBefore(fill.timestampNanos());
      return;
    }
    e.pendingFillId = fill.fillId();
    try {
      FillAccounting.fill(e, fill.timestampNanos(), key, fill.quantity(), fill.price(), fill.fee());
    } finally {
      e.pendingFillId = null;
    }
    e.fillIdsToday.put(fill.fillId(), 0);
  }

  static long requireOpenOrderKey(RiskEngine e, String orderId) {
    final Long key = e.orderKeysById.get(orderId);
    if (key == null || e.openOrders.slot(key) == LongIntHashMap.MISSING) {
      throw new EventRefusedException(
          key == null ? EventRefusedException.Kind.NOT_FOUND : EventRefusedException.Kind.CONFLICT,
          "order \"" + orderId + "\" is not open");
    }
    return key;
  }
}
