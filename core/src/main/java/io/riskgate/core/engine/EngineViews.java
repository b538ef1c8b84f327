package io.riskgate.core.engine;

import io.riskgate.core.event.Event;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's read-only views: instruments, positions, ledgers, currencies and FX rates as values
 * for reports, the HTTP API and tests. Reads only; static, on the engine's state; called by the
 * view methods of {@link RiskEngine}.
 */
final class EngineViews {
  private EngineViews() {}

  static List<InstrumentView> instruments(RiskEngine e) {
    final List<InstrumentView> list = new ArrayList<>(e.instrumentCount);
    for (int i = 0; i < e.instrumentCount; i++) {
      final InstrumentState s = e.instruments[i];
      final boolean timed = e.now != Long.MIN_VALUE;
      list.add(
          new InstrumentView(
              s.definition,
              s.lastPriceNanos,
              timed && s.definition.session().windowAt(e.now).open(),
              timed ? e.staleness.ageNanos(i, e.now) : 0,
              e.staleness.alertLimitNanos(i),
              e.staleness.isStale(i)));
    }
    return list;
  }

  static List<PositionView> positions(RiskEngine e) {
    final List<PositionView> list = new ArrayList<>();
    for (int s = 0; s < e.strategyCount; s++) {
      for (Position p : e.positions[s]) {
        if (p != null && (p.net != 0 || p.openBuy != 0 || p.openSell != 0 || p.realized != 0)) {
          list.add(
              new PositionView(
                  e.strategies[s].name,
                  e.accounts[e.strategyAccount[s]].name,
                  e.instruments[p.instrument].definition.symbol(),
                  p.net,
                  p.cost,
                  p.realized,
                  p.fees,
                  p.unrealized,
                  p.openBuy,
                  p.openSell,
                  p.openedAtNanos));
        }
      }
    }
    return list;
  }

  static LedgerView ledger(RiskEngine e, String scope) {
    final Ledger l = ReferenceData.ledger(e, Scope.parse(scope));
    return new LedgerView(
        l.scope().toString(),
        l.equity(),
        l.realized,
        l.fees,
        l.unrealized,
        l.grossExposure,
        l.highWaterMark,
        l.dailyPnl(),
        l.openOrders,
        l.openPositions,
        l.state,
        l.killed);
  }

  static long netCurrencyExposure(RiskEngine e, String currency, int account) {
    long total = 0;
    for (int i = 0; i < e.instrumentCount; i++) {
      final InstrumentState state = e.instruments[i];
      if (state.fx == null || !currency.equals(state.currency())) {
        continue;
      }
      for (int k = 0; k < state.positionCount; k++) {
        final Position p = state.positions[k];
        if (account < 0 || e.strategyAccount[p.book] == account) {
          total += p.unrealized;
        }
      }
    }
    return total;
  }

  static List<CurrencyView> currencies(RiskEngine e, String account) {
    final int accountId = account == null ? -1 : e.requireAccount(account);
    final Ledger owner = accountId < 0 ? e.firm : e.accounts[accountId];
    final java.util.TreeMap<String, long[]> byCurrency = new java.util.TreeMap<>();
    long domesticCash = owner.base + owner.realized - owner.fees;
    long domesticValue = 0;
    long foreignNet = 0;
    for (int s = 0; s < e.strategyCount; s++) {
      if (accountId >= 0 && e.strategyAccount[s] != accountId) {
        continue;
      }
      for (Position p : e.positions[s]) {
        if (p == null || p.net == 0) {
          continue;
        }
        final InstrumentState state = e.instruments[p.instrument];
        final long mark = state.markPrice(p.net, e.config.markMode());
        final long value =
            mark == 0 ? p.cost : Long.signum(p.net) * state.notional(Math.abs(p.net), mark);
        if (state.fx == null) {
          domesticCash -= p.cost;
          domesticValue += value;
        } else {
          final long[] sums = byCurrency.computeIfAbsent(state.currency(), c -> new long[3]);
          sums[0] -= p.cost;
          sums[1] += value;
          sums[2] += p.unrealized;
          foreignNet += p.unrealized;
        }
      }
    }
    final List<CurrencyView> list = new ArrayList<>();
    final long domesticNet = owner.equity() - foreignNet;
    list.add(
        new CurrencyView(
            e.accountCurrency == null ? "" : e.accountCurrency,
            domesticCash,
            domesticValue,
            domesticNet,
            domesticNet));
    for (Map.Entry<String, long[]> entry : byCurrency.entrySet()) {
      final long[] sums = entry.getValue();
      list.add(new CurrencyView(entry.getKey(), sums[0], sums[1], sums[0] + sums[1], sums[2]));
    }
    return list;
  }

  static List<Event.FxRate> fxRates(RiskEngine e) {
    final List<Event.FxRate> list = new ArrayList<>(e.fxRates.count);
    for (int i = 0; i < e.fxRates.count; i++) {
      list.add(
          new Event.FxRate(
              e.fxRates.times[i],
              e.fxRates.bases[i],
              e.fxRates.quotes[i],
              e.fxRates.bids[i],
              e.fxRates.asks[i]));
    }
    return list;
  }

  /** The strategy of the position whose latest fill is {@code fillId}, or null. */
  static String lastFillStrategy(RiskEngine e, String fillId) {
    for (int s = 0; s < e.strategyCount; s++) {
      for (Position p : e.positions[s]) {
        if (p != null && fillId.equals(p.lastFillId)) {
          return e.strategies[s].name;
        }
      }
    }
    return null;
  }
}
