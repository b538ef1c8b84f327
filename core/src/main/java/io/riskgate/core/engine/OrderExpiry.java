package io.riskgate.core.engine;

import io.riskgate.core.event.TimeInForce;
import io.riskgate.core.limit.Scope;
import java.time.Instant;

/**
 * Orders expiring by their time in force: day and ioc orders when their trading day ends, GTD
 * orders when their {@code expireAt} comes, and the refusal of an event on an order the clock would
 * expire first. Static, on the engine's state; called as the clock moves ({@link
 * RiskEngine#advanceTime}, {@link DayRoll}) and by the rooms that act on an open order.
 */
final class OrderExpiry {
  private OrderExpiry() {}

  /**
   * Refuses an event at {@code timestampNanos} on an order that is due to expire by then: the clock
   * moving there expires it first (see {@link RiskEngine#advanceTime}).
   */
  static void requireNotExpiredBy(RiskEngine e, int slot, long timestampNanos) {
    final long expiry = expiryOf(e, slot);
    if (timestampNanos >= expiry) {
      final OpenOrders openOrders = e.openOrders;
      final String id = openOrders.ids[slot];
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "order \""
              + (id != null ? id : Long.toString(openOrders.keys[slot]))
              + "\" expired at "
              + Instant.ofEpochSecond(0, expiry)
              + " ("
              + TimeInForce.ofOrdinal(openOrders.timesInForce[slot]).wireName()
              + ")");
    }
  }

  /** When the engine expires an open order by its time in force, ns; Long.MAX_VALUE for never. */
  private static long expiryOf(RiskEngine e, int slot) {
    return switch (e.openOrders.timesInForce[slot]) {
      case 1, 2 -> e.nextDayStartNanos; // day, ioc
      case 3 -> e.openOrders.expireAt[slot]; // gtd
      default -> Long.MAX_VALUE;
    };
  }

  /** Expires the open day and ioc orders: the trading day they were good for has ended. */
  static void expireDayOrders(RiskEngine e) {
    final OpenOrders openOrders = e.openOrders;
    for (int slot = 0, used = openOrders.used(); slot < used; slot++) {
      final int tif = openOrders.timesInForce[slot];
      if (openOrders.remaining[slot] > 0 && (tif == 1 || tif == 2)) {
        expire(e, slot, tif == 1 ? "day order, trading day ended" : "ioc order, trading day ended");
      }
    }
  }

  /** Expires the open GTD orders whose expireAt has come, and finds the next expiry. */
  static void expireGoodTillDate(RiskEngine e) {
    final OpenOrders openOrders = e.openOrders;
    long next = Long.MAX_VALUE;
    for (int slot = 0, used = openOrders.used(); slot < used; slot++) {
      if (openOrders.remaining[slot] > 0 && openOrders.timesInForce[slot] == 3) {
        if (openOrders.expireAt[slot] <= e.now) {
          expire(e, slot, "gtd order reached its expireAt");
        } else {
          next = Math.min(next, openOrders.expireAt[slot]);
        }
      }
    }
    e.nextExpiryNanos = next;
  }

  private static void expire(RiskEngine e, int slot, String reason) {
    final OpenOrders openOrders = e.openOrders;
    final String id = openOrders.ids[slot];
    final Scope scope = e.strategies[openOrders.books[slot]].scope();
    final String name = id != null ? id : Long.toString(openOrders.keys[slot]);
    FillAccounting.release(e, slot, openOrders.remaining[slot], true);
    e.sink.onStateChange(
        new StateChange(e.now, scope, "order", "OPEN", "EXPIRED", "order " + name + ": " + reason));
  }
}
