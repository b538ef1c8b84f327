package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.SelfMatch;

/**
 * The walks over the engine's open orders that two checks measure with ({@code
 * DAILY_NOTIONAL_LIMIT}, {@code SELF_MATCH}): they read state and change nothing. The rules
 * themselves are {@link io.riskgate.core.check.DailyNotional} and {@link SelfMatch}.
 */
final class CheckMeasures {
  private CheckMeasures() {}

  /**
   * {@code total} plus the notional of every open order of the scope (limit price, market orders at
   * the reference price) but the one in {@code skipSlot}; {@link Fixed#OVERFLOW} once beyond a
   * long.
   */
  static long addOpenNotional(
      long total,
      Ledger scope,
      OpenOrders open,
      InstrumentState[] instruments,
      int[] strategyAccount,
      int skipSlot) {
    for (int slot = 0, used = open.used(); slot < used && total != Fixed.OVERFLOW; slot++) {
      if (open.remaining[slot] <= 0
          || slot == skipSlot
          || !inScope(scope, open.books[slot], strategyAccount)) {
        continue;
      }
      final InstrumentState state = instruments[open.instruments[slot]];
      final long price = open.prices[slot] > 0 ? open.prices[slot] : state.referencePrice();
      total =
          Fixed.addOrOverflow(
              total, Fixed.notionalOrOverflow(open.remaining[slot], price, state.multiplier()));
    }
    return total;
  }

  private static boolean inScope(Ledger ledger, int book, int[] strategyAccount) {
    return switch (ledger.kind) {
      case FIRM -> true;
      case ACCOUNT -> strategyAccount[book] == ledger.id;
      default -> book == ledger.id;
    };
  }

  /**
   * The id of an open order of the order's account, instrument and other side that it could trade
   * with ({@link SelfMatch#crosses}), skipping {@code skipSlot}; null when there is none.
   */
  static String selfMatchingOrder(
      OrderRequest order, OpenOrders open, int[] strategyAccount, int skipSlot) {
    final int sign = order.side.sign();
    for (int slot = 0, used = open.used(); slot < used; slot++) {
      if (open.remaining[slot] <= 0
          || slot == skipSlot
          || open.instruments[slot] != order.instrument
          || open.sides[slot] == sign
          || strategyAccount[open.books[slot]] != order.account) {
        continue;
      }
      if (SelfMatch.crosses(sign, order.price, open.prices[slot])) {
        return open.ids[slot] != null ? open.ids[slot] : Long.toString(open.keys[slot]);
      }
    }
    return null;
  }
}
