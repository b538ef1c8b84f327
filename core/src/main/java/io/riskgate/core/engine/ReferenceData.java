package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.position.Position;
import java.util.Arrays;
import java.util.Map;

/**
 * Reference data: instruments, accounts and strategies defined (dense ids, ledgers, positions rows,
 * FX resolution), transfers of capital, limits per scope, trading states and the kill switch set by
 * a person. Each definition is checked whole before it changes anything. Static, on the engine's
 * state; called by {@link RiskEngine#apply}.
 */
final class ReferenceData {
  private ReferenceData() {}

  static void defineInstrument(RiskEngine e, Event.Instrument definition) {
    // Slightly over 60 lines: a definition is checked whole (its value step fits the amount range,
    // a held instrument keeps its valuation) before the instrument's state is created or replaced.
    final long step =
        Fixed.notionalOrOverflow(
            definition.lotSize(), definition.tickSize(), definition.multiplier());
    if (!Fixed.isWithinAmountRange(step)) {
      throw new IllegalArgumentException(
          "instrument "
              + definition.symbol()
              + ": tickSize × lotSize × multiplier is beyond the largest amount the engine holds"
              + " exactly (10,000,000,000)");
    }
    if (step == 0) {
      throw new IllegalArgumentException(
          "instrument "
              + definition.symbol()
              + ": tickSize × lotSize × multiplier is below 0.00000001 of the currency,"
              + " so fills could not be valued exactly");
    }
    final Integer existing = e.instrumentIds.get(definition.symbol());
    if (existing != null
        && e.instruments[existing].positionCount > 0
        && !sameValuation(e, e.instruments[existing].definition, definition)) {
      // Its venue, currency, tick, lot and multiplier value every open position and order:
      // changing them would re-value the book without a trade. A new session, sector or asset
      // class changes no amount and is taken.
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "instrument "
              + definition.symbol()
              + " has open positions or orders; its venue, currency, tickSize, lotSize and"
              + " multiplier cannot change until they are closed");
    }
    e.advanceTimeIfGiven(definition.timestampNanos());
    if (existing != null) {
      e.instruments[existing].define(definition);
      resolveFx(e, e.instruments[existing]);
      e.staleness.onDefined(existing);
      return;
    }
    final int id = e.instrumentCount++;
    if (id == e.instruments.length) {
      e.instruments = Arrays.copyOf(e.instruments, id * 2);
      e.instrumentLimits = Arrays.copyOf(e.instrumentLimits, id * 2);
    }
    e.instruments[id] =
        new InstrumentState(
            id, definition, e.config.returnHistoryCapacity(), e.config.liquidityLookbackDays());
    e.instrumentLimits[id] = new LimitSet();
    e.instrumentIds.put(definition.symbol(), id);
    resolveFx(e, e.instruments[id]);
    e.staleness.onDefined(id);
    e.firm.ensureInstrumentCapacity(e.instrumentCount);
    for (int i = 0; i < e.accountCount; i++) {
      e.accounts[i].ensureInstrumentCapacity(e.instrumentCount);
    }
    for (int i = 0; i < e.strategyCount; i++) {
      e.strategies[i].ensureInstrumentCapacity(e.instrumentCount);
      if (e.positions[i].length < e.instrumentCount) {
        e.positions[i] =
            Arrays.copyOf(e.positions[i], Math.max(e.instrumentCount, e.positions[i].length * 2));
      }
    }
  }

  static void defineAccount(RiskEngine e, Event.Account definition) {
    if (e.accountIds.containsKey(definition.account())) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "account "
              + definition.account()
              + " is already defined; use a transfer to change its capital");
    }
    requireAmountInRange("capital", definition.capital(), e.firm.base, "the firm's capital");
    if (e.accountCurrency != null && !e.accountCurrency.equals(definition.currency())) {
      throw new IllegalArgumentException(
          "account "
              + definition.account()
              + ": field \"currency\": "
              + definition.currency()
              + " differs from "
              + e.accountCurrency
              + ", the currency of the accounts defined before; all accounts of one engine"
              + " share one currency");
    }
    e.advanceTimeIfGiven(definition.timestampNanos());
    if (e.accountCurrency == null) {
      e.accountCurrency = definition.currency();
      for (int i = 0; i < e.instrumentCount; i++) {
        resolveFx(e, e.instruments[i]);
      }
    }
    final int id = e.accountCount++;
    if (id == e.accounts.length) {
      e.accounts = Arrays.copyOf(e.accounts, id * 2);
    }
    final Ledger ledger = new Ledger(Scope.Kind.ACCOUNT, definition.account(), id);
    ledger.limits.copyFrom(e.config.accountDefaults());
    ledger.sizeOrderWindow(ledger.limits.get(Limit.MAX_ORDERS_PER_SECOND));
    ledger.messages.resize(ledger.limits.get(Limit.MAX_MESSAGES_PER_SECOND));
    ledger.ensureInstrumentCapacity(Math.max(1, e.instrumentCount));
    ledger.base = definition.capital();
    ledger.updateHighWaterMark();
    ledger.startDay();
    e.accounts[id] = ledger;
    e.accountIds.put(definition.account(), id);
    e.firm.base += definition.capital();
    e.firm.updateHighWaterMark();
    e.firm.startOfDayEquity += definition.capital();
  }

  static void defineStrategy(RiskEngine e, Event.Strategy definition) {
    final Integer account = e.accountIds.get(definition.account());
    if (account == null) {
      throw new IllegalArgumentException(
          "strategy " + definition.strategy() + ": unknown account " + definition.account());
    }
    if (e.strategyIds.containsKey(definition.strategy())) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "strategy " + definition.strategy() + " is already defined");
    }
    requireAmountInRange("allocation", definition.allocation(), 0, "a strategy's allocation");
    e.advanceTimeIfGiven(definition.timestampNanos());
    final int id = e.strategyCount++;
    if (id == e.strategies.length) {
      e.strategies = Arrays.copyOf(e.strategies, id * 2);
      e.strategyAccount = Arrays.copyOf(e.strategyAccount, id * 2);
      e.positions = Arrays.copyOf(e.positions, id * 2);
    }
    final Ledger ledger = new Ledger(Scope.Kind.STRATEGY, definition.strategy(), id);
    ledger.ensureInstrumentCapacity(Math.max(1, e.instrumentCount));
    ledger.base = definition.allocation();
    ledger.updateHighWaterMark();
    ledger.startDay();
    e.strategies[id] = ledger;
    e.strategyAccount[id] = account;
    e.positions[id] = new Position[Math.max(4, e.instrumentCount)];
    e.strategyIds.put(definition.strategy(), id);
  }

  static void transfer(RiskEngine e, Event.Transfer transfer) {
    final Ledger account = e.accounts[e.requireAccount(transfer.account())];
    if (account.equity() + transfer.amount() <= 0) {
      throw new IllegalArgumentException(
          "withdrawal of "
              + Fixed.toString(-transfer.amount())
              + " would leave account "
              + transfer.account()
              + " without positive equity");
    }
    requireAmountInRange("amount", transfer.amount(), account.base, "the account's capital");
    requireAmountInRange("amount", transfer.amount(), e.firm.base, "the firm's capital");
    requireAmountInRange(
        "amount",
        transfer.amount(),
        Math.max(account.highWaterMark, e.firm.highWaterMark),
        "the high-water mark");
    e.requireTimeNotBefore(transfer.timestampNanos());
    e.advanceTime(transfer.timestampNanos());
    account.base += transfer.amount();
    account.highWaterMark += transfer.amount();
    account.startOfDayEquity += transfer.amount();
    e.firm.base += transfer.amount();
    e.firm.highWaterMark += transfer.amount();
    e.firm.startOfDayEquity += transfer.amount();
    account.updateHighWaterMark();
    e.firm.updateHighWaterMark();
  }

  static boolean sameValuation(RiskEngine e, Event.Instrument held, Event.Instrument next) {
    return held.venue().equals(next.venue())
        && java.util.Objects.equals(currencyOf(e, held), currencyOf(e, next))
        && held.tickSize() == next.tickSize()
        && held.lotSize() == next.lotSize()
        && held.multiplier() == next.multiplier();
  }

  /** The currency of an instrument's amounts: its own, or the account currency when it has none. */
  static String currencyOf(RiskEngine e, Event.Instrument definition) {
    return definition.currency() == null ? e.accountCurrency : definition.currency();
  }

  /**
   * Sets how the instrument's amounts convert into the account currency: none when it is in the
   * account currency (or no account exists yet), else the path {@link FxRates#resolve} chooses.
   */
  static void resolveFx(RiskEngine e, InstrumentState state) {
    final String currency = currencyOf(e, state.definition);
    final boolean foreign =
        currency != null && e.accountCurrency != null && !currency.equals(e.accountCurrency);
    if (!foreign) {
      if (state.fx != null) {
        e.foreignInstruments--;
      }
      state.fx = null;
      return;
    }
    final String pair = currency + "/" + e.accountCurrency;
    if (state.fx == null) {
      e.foreignInstruments++;
    }
    if (state.fx == null || !state.fx.pair.equals(pair)) {
      state.fx = new FxPath(pair);
    }
    e.fxRates.resolve(currency, e.accountCurrency, e.accountCurrency, state.fx);
  }

  /**
   * Refuses an amount that would take a total ({@code total + amount}) beyond the engine's range.
   */
  static void requireAmountInRange(String field, long amount, long total, String what) {
    if (!Fixed.isWithinAmountRange(Fixed.addOrOverflow(total, amount))) {
      throw new IllegalArgumentException(
          "field \""
              + field
              + "\": "
              + Fixed.toString(amount)
              + " would take "
              + what
              + " beyond the largest amount the engine holds exactly (10,000,000,000)");
    }
  }

  static void setLimits(RiskEngine e, Event.Limits change) {
    final LimitSet target = limitSet(e, change.scope());
    e.advanceTimeIfGiven(change.timestampNanos());
    for (Map.Entry<Limit, Long> entry : change.limits().entrySet()) {
      target.set(entry.getKey(), entry.getValue());
    }
    final Ledger ledger = ledgerOrNull(e, change.scope());
    if (ledger != null) {
      ledger.sizeOrderWindow(target.get(Limit.MAX_ORDERS_PER_SECOND));
      ledger.messages.resize(target.get(Limit.MAX_MESSAGES_PER_SECOND));
    }
    e.returnsEpoch++;
    e.staleness.onLimitsChanged();
  }

  static LimitSet limitSet(RiskEngine e, Scope scope) {
    if (scope.kind() == Scope.Kind.INSTRUMENT) {
      return e.instrumentLimits[e.requireInstrument(scope.name())];
    }
    return ledger(e, scope).limits;
  }

  static Ledger ledgerOrNull(RiskEngine e, Scope scope) {
    return scope.kind() == Scope.Kind.INSTRUMENT ? null : ledger(e, scope);
  }

  static Ledger ledger(RiskEngine e, Scope scope) {
    switch (scope.kind()) {
      case FIRM:
        return e.firm;
      case ACCOUNT:
        return e.accounts[e.requireAccount(scope.name())];
      case STRATEGY:
        return e.strategies[e.requireStrategy(scope.name())];
      default:
        throw new IllegalArgumentException("scope " + scope + " has no ledger");
    }
  }

  static void setTradingState(RiskEngine e, Event.TradingStateChange change) {
    final Ledger ledger = ledger(e, change.scope());
    e.advanceTimeIfGiven(change.timestampNanos());
    final TradingState from = ledger.state;
    ledger.state = change.state();
    e.safeguards.onTradingStateSet(ledger);
    if (from != change.state()) {
      e.sink.onStateChange(
          new StateChange(
              e.now,
              change.scope(),
              "tradingState",
              from.name(),
              change.state().name(),
              change.by().isEmpty() ? "set by event" : "set by " + change.by()));
    }
  }

  static void setKilled(RiskEngine e, long timestampNanos, Scope scope, boolean killed, String by) {
    final Ledger ledger = ledger(e, scope);
    e.advanceTimeIfGiven(timestampNanos);
    if (killed) {
      e.safeguards.kill(ledger, by);
    } else {
      e.safeguards.rearm(ledger, by);
    }
  }
}
