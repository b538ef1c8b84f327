package io.riskgate.core.engine;

import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.StateHasher;

/**
 * The engine's state digest: every field of the state fed to a {@link StateHasher} in a fixed
 * order. Two engines that applied the same events in the same order have the same digest; a
 * component outside this package adds its own part ({@code hashInto}).
 */
final class EngineStateHash {
  private EngineStateHash() {}

  /** A 64-bit digest of the whole state; equal for engines that applied the same events. */
  static long of(RiskEngine e) {
    final StateHasher h = new StateHasher();
    h.add(e.now);
    h.add(e.tradingDay);
    hashInstruments(h, e);
    hashBooks(h, e);
    hashOrders(h, e);
    e.monitor.hashInto(h);
    e.safeguards.hashInto(h);
    e.staleness.addTo(h);
    hashCurrencies(h, e);
    return h.value();
  }

  /** Every instrument in definition order: prices, firm holding, returns, liquidity, limits. */
  private static void hashInstruments(StateHasher h, RiskEngine e) {
    h.add(e.instrumentCount);
    for (int i = 0; i < e.instrumentCount; i++) {
      final InstrumentState s = e.instruments[i];
      h.add(s.definition.toString());
      h.add(s.bid);
      h.add(s.ask);
      h.add(s.last);
      hashHolding(h, s.firm);
      h.add(s.returnCount);
      for (int k = 0; k < s.returnCount; k++) {
        h.add(s.recentReturn(k));
      }
      h.add(s.lastClose);
      h.add(s.completedDays);
      h.add(s.averageDailyNotional());
      h.add(s.currentDayNotional);
      h.add(e.instrumentLimits[i].toString());
    }
  }

  /** The firm's, the accounts' and the strategies' ledgers, and each strategy's positions. */
  private static void hashBooks(StateHasher h, RiskEngine e) {
    hashLedger(h, e.firm);
    for (int i = 0; i < e.accountCount; i++) {
      hashLedger(h, e.accounts[i]);
    }
    for (int i = 0; i < e.strategyCount; i++) {
      hashLedger(h, e.strategies[i]);
      h.add(e.strategyAccount[i]);
      for (Position p : e.positions[i]) {
        if (p != null) {
          hashPosition(h, p);
        }
      }
    }
  }

  private static void hashPosition(StateHasher h, Position p) {
    h.add(p.instrument);
    hashHolding(h, p);
    h.add(p.cost);
    h.add(p.realized);
    h.add(p.fees);
    h.add(p.unrealized);
    h.add(p.openedAtNanos);
    h.add(p.tradePnl);
    h.add(p.alertFlags);
    h.add(p.bestMark);
    if (p.lastFillId != null) {
      h.add(p.lastFillId);
      h.add(p.lastFillSigned);
      h.add(p.lastFillPrice);
      h.add(p.lastFillFee);
      h.add(p.lastFillRealized);
      h.add(p.lastFillDay);
      h.add(p.netBeforeLastFill);
      h.add(p.costBeforeLastFill);
      h.add(p.openedBeforeLastFill);
      h.add(p.tradePnlBeforeLastFill);
    }
  }

  /** Open orders in slot order, the expiry deadline, and the day's order and fill ids. */
  private static void hashOrders(StateHasher h, RiskEngine e) {
    for (int slot : e.openOrders.openSlots()) {
      h.add(e.openOrders.keys[slot]);
      h.add(e.openOrders.ids[slot]);
      h.add(e.openOrders.books[slot]);
      h.add(e.openOrders.instruments[slot]);
      h.add(e.openOrders.sides[slot]);
      h.add(e.openOrders.remaining[slot]);
      h.add(e.openOrders.prices[slot]);
      if (e.openOrders.timesInForce[slot]
          != 0) { // GTC adds nothing: digests of GTC books unchanged
        h.add(e.openOrders.timesInForce[slot]);
        h.add(e.openOrders.expireAt[slot]);
      }
    }
    if (e.nextExpiryNanos != Long.MAX_VALUE) {
      h.add(e.nextExpiryNanos);
    }
    h.add(e.orderKeysSeenToday.size());
    h.add(e.fillIdsToday.size());
    h.add(e.orderKeysById.size());
    h.add(e.nextOrderKey);
    h.add(e.nextDayStartNanos);
    h.add(e.returnsEpoch);
  }

  private static void hashCurrencies(StateHasher h, RiskEngine e) {
    // Currencies: absent from the digest of an engine that never met a rate or a foreign
    // instrument, so a single-currency state hashes as it did before currencies existed.
    if (e.fxRates.count > 0 || e.foreignInstruments > 0) {
      h.add(e.accountCurrency);
      e.fxRates.hashInto(h);
      h.add(e.foreignInstruments);
      for (int i = 0; i < e.instrumentCount; i++) {
        if (e.instruments[i].fx != null) {
          h.add(i);
          e.instruments[i].fx.hashInto(h);
          h.add(e.instruments[i].fxAlerted);
        }
      }
    }
  }

  private static void hashHolding(StateHasher h, Holding holding) {
    h.add(holding.net);
    h.add(holding.openBuy);
    h.add(holding.openSell);
    h.add(holding.exposure);
  }

  private static void hashLedger(StateHasher h, Ledger l) {
    h.add(l.name);
    h.add(l.base);
    h.add(l.realized);
    h.add(l.fees);
    h.add(l.unrealized);
    h.add(l.grossExposure);
    h.add(l.highWaterMark);
    h.add(l.startOfDayPnl);
    h.add(l.startOfDayEquity);
    h.add(l.openOrders);
    h.add(l.openPositions);
    h.add(l.state.ordinal());
    h.add(l.killed);
    h.add(l.drawdownBreached);
    h.add(l.breaker.state().ordinal());
    h.add(l.breaker.openedAtNanos());
    h.add(l.breaker.halfOpenAtNanos());
    h.add(l.breaker.lossRun());
    h.add(l.killConditions);
    h.add(l.limits.toString());
    h.add(l.orderTimes.length);
    for (int i = 0; i < l.orderTimesSize; i++) {
      h.add(l.orderTimes[(l.orderTimesHead + i) % l.orderTimes.length]);
    }
    l.messages.hashInto(h);
    if (l.dayTradedNotional != 0) {
      h.add(l.dayTradedNotional);
    }
  }
}
