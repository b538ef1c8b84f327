package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;

/**
 * Mark accounting: prices, bars and FX rates turned into unrealized PnL and gross exposure of every
 * position, holding and ledger that holds the instrument, each amount checked to fit the engine's
 * range before any total changes; closes sampled for returns and liquidity; and what follows an
 * equity change (high-water mark, alerts, breakers, the portfolio-drawdown state). Static, on the
 * engine's state; called by {@link RiskEngine} and {@link FillAccounting}.
 */
final class MarkAccounting {
  private MarkAccounting() {}

  /**
   * Values every held foreign instrument at the current rates into the holdings' pending fields and
   * returns the first whose amounts, or whose ledgers' totals over all of them together, would
   * leave the engine's range; null when all fit. Changes no total.
   */
  static InstrumentState revaluationBeyondRange(RiskEngine e) {
    final long[] strategyUnrealized = new long[e.strategyCount];
    final long[] strategyGross = new long[e.strategyCount];
    final long[] accountUnrealized = new long[e.accountCount];
    final long[] accountGross = new long[e.accountCount];
    long firmUnrealized = 0;
    long firmGross = 0;
    InstrumentState last = null;
    try {
      for (int i = 0; i < e.instrumentCount; i++) {
        final InstrumentState state = e.instruments[i];
        if (state.fx == null || state.positionCount == 0) {
          continue;
        }
        last = state;
        if (!valueMarks(e, state)) {
          return state;
        }
        for (int k = 0; k < state.positionCount; k++) {
          final Position p = state.positions[k];
          final long du = Math.subtractExact(p.pendingUnrealized, p.unrealized);
          final long de = Math.subtractExact(p.pendingExposure, p.exposure);
          final int a = e.strategyAccount[p.book];
          strategyUnrealized[p.book] = Math.addExact(strategyUnrealized[p.book], du);
          strategyGross[p.book] = Math.addExact(strategyGross[p.book], de);
          accountUnrealized[a] = Math.addExact(accountUnrealized[a], du);
          firmUnrealized = Math.addExact(firmUnrealized, du);
        }
        final Holding[] holdings = state.accountHoldings;
        for (int a = 0, n = Math.min(holdings.length, e.accountCount); a < n; a++) {
          if (holdings[a] != null) {
            accountGross[a] =
                Math.addExact(
                    accountGross[a],
                    Math.subtractExact(holdings[a].pendingExposure, holdings[a].exposure));
          }
        }
        firmGross =
            Math.addExact(
                firmGross, Math.subtractExact(state.firm.pendingExposure, state.firm.exposure));
      }
      boolean fits = totalsFit(e.firm, firmUnrealized, firmGross);
      for (int a = 0; a < e.accountCount && fits; a++) {
        fits = totalsFit(e.accounts[a], accountUnrealized[a], accountGross[a]);
      }
      for (int b = 0; b < e.strategyCount && fits; b++) {
        fits = totalsFit(e.strategies[b], strategyUnrealized[b], strategyGross[b]);
      }
      return fits ? null : last;
    } catch (ArithmeticException overflow) {
      return last;
    }
  }

  static boolean totalsFit(Ledger ledger, long unrealizedDelta, long grossDelta) {
    return Math.abs(Math.addExact(ledger.unrealized, unrealizedDelta)) <= 2 * Fixed.MAX_AMOUNT
        && Fixed.isWithinAmountRange(Math.addExact(ledger.grossExposure, grossDelta));
  }

  /**
   * Raises a {@code NO_FX_RATE} alert (HIGH, scope of the instrument) when a position is held in a
   * currency whose conversion has no usable rate (none, or older than the firm's {@code
   * maxFxAgeSeconds}); it clears when a usable rate arrives or nothing is held any more. The
   * position keeps the value of the last rate meanwhile: there is never a default rate.
   */
  static void checkFxValuation(RiskEngine e) {
    final long limit = e.firm.limits.get(Limit.MAX_FX_AGE_SECONDS);
    for (int i = 0; i < e.instrumentCount; i++) {
      final InstrumentState state = e.instruments[i];
      final FxPath fx = state.fx;
      if (fx == null) {
        continue;
      }
      final boolean held = state.positionCount > 0;
      final long age =
          fx.exists() && e.now != Long.MIN_VALUE ? e.now - fx.timeNanos : Long.MAX_VALUE;
      final boolean usable =
          fx.exists()
              && (limit == LimitSet.UNSET
                  || age <= limit / Fixed.ONE * RiskEngine.NANOS_PER_SECOND);
      if (held && !usable && !state.fxAlerted) {
        final String key = "NO_FX_RATE|" + state.definition.symbol();
        state.fxAlerted = true;
        e.monitor.raise(
            key,
            Alert.Level.HIGH,
            "NO_FX_RATE",
            new Scope(Scope.Kind.INSTRUMENT, state.definition.symbol()),
            "position in "
                + state.definition.symbol()
                + " cannot be valued in "
                + e.accountCurrency
                + ": "
                + (fx.exists()
                    ? "the rate for "
                        + fx.described
                        + " is "
                        + age / RiskEngine.NANOS_PER_SECOND
                        + " s old"
                    : "no rate for " + fx.pair),
            fx.exists() ? (double) age / RiskEngine.NANOS_PER_SECOND : Double.NaN,
            limit == LimitSet.UNSET ? Double.NaN : Fixed.toDouble(limit),
            "send a rate for " + fx.pair + " or reduce the position");
      } else if (state.fxAlerted && (usable || !held)) {
        state.fxAlerted = false;
        e.monitor.clear(
            "NO_FX_RATE|" + state.definition.symbol(),
            fx.exists() ? (double) age / RiskEngine.NANOS_PER_SECOND : Double.NaN,
            limit == LimitSet.UNSET ? Double.NaN : Fixed.toDouble(limit),
            usable ? "a usable rate arrived" : "no position held");
      }
    }
  }

  static void sampleClose(RiskEngine e, InstrumentState state, long timestampNanos) {
    final long bucket = Math.floorDiv(timestampNanos, e.config.priceSampleIntervalNanos());
    if (state.sampleBucket != Long.MIN_VALUE && bucket != state.sampleBucket) {
      final double close = Fixed.toDouble(state.sampleClose);
      state.volatility.update(close, close, close);
      if (state.addClose(state.sampleClose)) {
        e.returnsEpoch++;
      }
    }
    state.sampleBucket = bucket;
    state.sampleClose = state.referencePrice();
  }

  static void bar(RiskEngine e, Event.Bar bar) {
    final InstrumentState state = e.instruments[e.requireInstrument(bar.symbol())];
    e.requireTimeNotBefore(bar.timestampNanos());
    if (!barFits(e, state, bar.close())) {
      throw new IllegalArgumentException(
          "field \"close\": "
              + Fixed.toString(bar.close())
              + " would value the positions in "
              + state.definition.symbol()
              + " beyond the largest amount the engine holds exactly (10,000,000,000)");
    }
    e.advanceTime(bar.timestampNanos());
    state.lastPriceNanos = bar.timestampNanos();
    e.staleness.onPrice(state);
    state.hasBars = true;
    state.volatility.update(
        Fixed.toDouble(bar.high()), Fixed.toDouble(bar.low()), Fixed.toDouble(bar.close()));
    if (state.addClose(bar.close())) {
      e.returnsEpoch++;
    }
    final long traded = Fixed.notionalOrOverflow(bar.volume(), bar.close(), state.multiplier());
    state.addTradedNotional(
        e.tradingDay,
        traded != Fixed.OVERFLOW
            ? Fixed.toDouble(traded)
            : Fixed.toDouble(bar.volume())
                * Fixed.toDouble(bar.close())
                * Fixed.toDouble(state.multiplier()));
    state.last = bar.close();
    if (state.bid == 0 && state.ask == 0) {
      remarkInstrument(e, state); // valued by barFits before anything changed
    }
  }

  /**
   * True when a bar's close can be taken as the instrument's last price: when it marks the
   * positions (no quote), every amount stays in range. Changes nothing.
   */
  static boolean barFits(RiskEngine e, InstrumentState state, long close) {
    if (state.bid != 0 || state.ask != 0) {
      return true;
    }
    final long previousLast = state.last;
    state.last = close;
    final boolean fits = valueMarks(e, state);
    state.last = previousLast;
    return fits;
  }

  /**
   * Values every holding of the instrument at its current prices into the holdings' pending fields
   * ({@link Holding#pendingExposure}, {@link Position#pendingUnrealized}), and returns false when
   * any of them, or the total of a ledger it feeds, would leave the engine's range. Changes no
   * total: {@link #remarkInstrument} applies the pending values afterwards.
   */
  static boolean valueMarks(RiskEngine e, InstrumentState state) {
    if (state.positionCount == 0) {
      return true; // nothing held or reserved: every holding's exposure is 0 at any price
    }
    final long reference = state.referencePrice();
    final Position[] list = state.positions;
    final int n = state.positionCount;
    boolean fits = true;
    try {
      for (int i = 0; i < n && fits; i++) {
        final Position p = list[i];
        final long mark = p.net == 0 ? 0 : state.markPrice(p.net, e.config.markMode());
        p.pendingUnrealized = state.unrealized(p.net, mark, p.cost);
        p.pendingExposure =
            reference == 0 ? 0 : state.checkedValue(p.worstQuantity(0, 0), reference);
        final long delta = Math.subtractExact(p.pendingUnrealized, p.unrealized);
        final Ledger strategy = e.strategies[p.book];
        final Ledger account = e.accounts[e.strategyAccount[p.book]];
        account.pendingUnrealized = Math.addExact(account.pendingUnrealized, delta);
        e.firm.pendingUnrealized = Math.addExact(e.firm.pendingUnrealized, delta);
        fits =
            unrealizedFits(strategy, delta)
                && unrealizedFits(account, account.pendingUnrealized)
                && unrealizedFits(e.firm, e.firm.pendingUnrealized)
                && grossFits(strategy, p);
      }
      final Holding[] holdings = state.accountHoldings;
      for (int a = 0, count = Math.min(holdings.length, e.accountCount); a < count && fits; a++) {
        final Holding h = holdings[a];
        if (h != null) {
          h.pendingExposure =
              reference == 0 ? 0 : state.checkedValue(h.worstQuantity(0, 0), reference);
          fits = grossFits(e.accounts[a], h);
        }
      }
      if (fits) {
        state.firm.pendingExposure =
            reference == 0 ? 0 : state.checkedValue(state.firm.worstQuantity(0, 0), reference);
        fits = grossFits(e.firm, state.firm);
      }
    } catch (ArithmeticException overflow) {
      fits = false;
    } finally {
      for (int i = 0; i < n; i++) {
        e.accounts[e.strategyAccount[list[i].book]].pendingUnrealized = 0;
      }
      e.firm.pendingUnrealized = 0;
    }
    return fits;
  }

  static boolean unrealizedFits(Ledger ledger, long delta) {
    return Math.abs(Math.addExact(ledger.unrealized, delta)) <= 2 * Fixed.MAX_AMOUNT;
  }

  static boolean grossFits(Ledger owner, Holding holding) {
    return Fixed.isWithinAmountRange(holding.pendingExposure)
        && Fixed.isWithinAmountRange(
            Math.addExact(owner.grossExposure - holding.exposure, holding.pendingExposure));
  }

  /** Applies the values {@link #valueMarks} computed for every holding of the instrument. */
  static void remarkInstrument(RiskEngine e, InstrumentState state) {
    final Position[] list = state.positions;
    for (int i = 0, n = state.positionCount; i < n; i++) {
      final Position position = list[i];
      final long delta = position.pendingUnrealized - position.unrealized;
      if (delta != 0) {
        position.unrealized = position.pendingUnrealized;
        e.strategies[position.book].unrealized += delta;
        e.accounts[e.strategyAccount[position.book]].unrealized += delta;
        e.firm.unrealized += delta;
      }
      applyPendingExposure(position, e.strategies[position.book]);
      e.monitor.onMarked(position, state, state.markPrice(position.net, e.config.markMode()));
    }
    if (state.positionCount > 0) { // else every holding's exposure is 0 already
      final Holding[] holdings = state.accountHoldings;
      for (int a = 0, n = Math.min(holdings.length, e.accountCount); a < n; a++) {
        if (holdings[a] != null) {
          applyPendingExposure(holdings[a], e.accounts[a]);
        }
      }
      applyPendingExposure(state.firm, e.firm);
    }
    for (int i = 0, n = state.positionCount; i < n; i++) {
      final int book = list[i].book;
      afterEquityChange(e, e.strategies[book]);
      afterEquityChange(e, e.accounts[e.strategyAccount[book]]);
    }
    afterEquityChange(e, e.firm);
  }

  static void remark(RiskEngine e, Position position, InstrumentState state) {
    final long mark = position.net == 0 ? 0 : state.markPrice(position.net, e.config.markMode());
    final long unrealized = state.unrealized(position.net, mark, position.cost);
    final long delta = unrealized - position.unrealized;
    if (delta != 0) {
      position.unrealized = unrealized;
      e.strategies[position.book].unrealized += delta;
      e.accounts[e.strategyAccount[position.book]].unrealized += delta;
      e.firm.unrealized += delta;
    }
  }

  static void applyPendingExposure(Holding holding, Ledger owner) {
    owner.grossExposure += holding.pendingExposure - holding.exposure;
    holding.exposure = holding.pendingExposure;
  }

  static void updateExposure(RiskEngine e, Holding holding, InstrumentState state, Ledger owner) {
    final long price = state.referencePrice();
    final long exposure = price == 0 ? 0 : state.value(holding.worstQuantity(0, 0), price);
    owner.grossExposure += exposure - holding.exposure;
    holding.exposure = exposure;
  }

  static void afterEquityChange(RiskEngine e, Ledger ledger) {
    ledger.updateHighWaterMark();
    e.monitor.onLedger(ledger);
    e.safeguards.onEquityChange(ledger);
    if (ledger.kind != Scope.Kind.ACCOUNT) {
      return;
    }
    final long limit = ledger.limits.get(Limit.MAX_PORTFOLIO_DRAWDOWN);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final boolean beyond =
        !Fixed.atMostProduct(ledger.drawdownAmount(), limit, ledger.highWaterMark);
    if (beyond && !ledger.drawdownBreached && ledger.state == TradingState.ACTIVE) {
      ledger.state = TradingState.REDUCING;
      e.sink.onStateChange(
          new StateChange(
              e.now,
              ledger.scope(),
              "tradingState",
              TradingState.ACTIVE.name(),
              TradingState.REDUCING.name(),
              "portfolio drawdown "
                  + ledger.drawdownFraction()
                  + " beyond limit "
                  + Fixed.toString(limit)));
    }
    ledger.drawdownBreached = beyond;
  }
}
