package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.CorrelationCheck;
import io.riskgate.core.check.CurrencyExposure;
import io.riskgate.core.check.DailyNotional;
import io.riskgate.core.check.Decision;
import io.riskgate.core.check.FxRateCheck;
import io.riskgate.core.check.KillAndTradingState;
import io.riskgate.core.check.LeverageLimit;
import io.riskgate.core.check.LiquidityCheck;
import io.riskgate.core.check.LossChecks;
import io.riskgate.core.check.OrderSizeLimits;
import io.riskgate.core.check.PositionLimit;
import io.riskgate.core.check.PriceCollar;
import io.riskgate.core.check.RateChecks;
import io.riskgate.core.check.SelfMatch;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;

/**
 * The pre-trade pipeline of DESIGN.md section 3: every check, in one fixed order of static calls on
 * the check classes of {@code core.check} (each holds one rule; this class only gathers their
 * inputs from the engine's state). It decides and records; it changes nothing but the order-rate
 * windows and, for an approved order, the reservation the engine makes. Each check is held against
 * every scope that sets its limit (firm, account, strategy, instrument), measured at that scope's
 * level: a strategy's limits against the strategy's positions and equity, an account's and an
 * instrument's against the account's, the firm's against the firm's.
 *
 * <p>Risk-reducing orders (only moving the book's position toward zero) pass the daily-loss,
 * drawdown, position, leverage, correlation, liquidity, restricted, stale-price and REDUCING
 * restrictions; only the kill switch and HALTED block them.
 */
final class PreTradeChecks {
  private static final Scope.Kind FIRM = Scope.Kind.FIRM;
  private static final Scope.Kind ACCOUNT = Scope.Kind.ACCOUNT;
  private static final Scope.Kind STRATEGY = Scope.Kind.STRATEGY;
  private static final Scope.Kind INSTRUMENT = Scope.Kind.INSTRUMENT;

  private final RiskEngine engine;
  private final Decision decision = new Decision();
  private final Decision dryRunDecision = new Decision();

  /** While an amend is checked: the amended order's slot, left out of scans of open orders. */
  private int amendedSlot = -1;

  PreTradeChecks(RiskEngine engine) {
    this.engine = engine;
  }

  Decision check(OrderRequest order) {
    engine.requireTimeNotBefore(order.timestampNanos);
    final Decision d = decision;
    d.reset(order.orderKey, order.orderId, order.timestampNanos);
    engine.advanceTime(order.timestampNanos);
    if (validate(order, d, false)) {
      run(order, d);
      finish(order, d);
    }
    engine.sink.onDecision(d);
    return d;
  }

  /**
   * Checks an amend of the open order in {@code slot}, {@code order} holding the amended quantity
   * and price. An amend that only lowers the quantity passes every check but the kill switch; any
   * other is checked like a new order with its reservation in place of the old one (no duplicate id
   * check, no order-rate count: it is no new order), and counts as a message. Approved, the
   * reservation moves; rejected, the order stays as it was.
   */
  Decision amend(OrderRequest order, int slot, boolean reduceOnly) {
    final RiskEngine e = engine;
    final Decision d = decision;
    d.reset(order.orderKey, order.orderId, order.timestampNanos);
    d.setAmend(true);
    e.advanceTime(order.timestampNanos);
    if (OrderValidation.wellFormed(d, order, e.instruments[order.instrument])) {
      final Ledger strategy = e.strategies[order.strategy];
      final Ledger account = e.accounts[order.account];
      if (reduceOnly) {
        d.setRiskReducing(true);
        KillAndTradingState.killSwitch(
            d, e.firm, account, strategy, "amend only lowers the quantity");
      } else {
        e.suspendReservation(slot);
        amendedSlot = slot;
        try {
          run(order, d);
        } finally {
          amendedSlot = -1;
          e.restoreReservation(slot);
        }
      }
      e.firm.messages.record(order.timestampNanos);
      account.messages.record(order.timestampNanos);
      strategy.messages.record(order.timestampNanos);
      if (d.approved()) {
        e.moveReservation(slot, order.quantity, order.price);
      }
    }
    e.sink.onDecision(d);
    return d;
  }

  /**
   * Runs every check as if the order arrived now, changing nothing: no order id is used up, no
   * order-rate window moves, nothing is reserved and nothing is output. The caller has already
   * moved the clock.
   */
  Decision dryRun(OrderRequest order) {
    final Decision d = dryRunDecision;
    d.reset(order.orderKey, order.orderId, order.timestampNanos);
    if (validate(order, d, true)) {
      run(order, d);
    }
    return d;
  }

  /** The checks that must pass before any other can be evaluated. */
  private boolean validate(OrderRequest order, Decision d, boolean dryRun) {
    final RiskEngine e = engine;
    if (order.strategy < 0 || order.strategy >= e.strategyCount) {
      return d.record(CheckCode.INVALID_ORDER, false, 0, 0, null, null, "unknown strategy");
    }
    if (order.account < 0
        || order.account >= e.accountCount
        || e.strategyAccount[order.strategy] != order.account) {
      return d.record(
          CheckCode.INVALID_ORDER,
          false,
          0,
          0,
          null,
          null,
          "unknown account, or the strategy does not trade in it");
    }
    if (order.instrument < 0 || order.instrument >= e.instrumentCount) {
      return d.record(CheckCode.UNKNOWN_INSTRUMENT, false, 0, 0, null, null, "unknown instrument");
    }
    if (!OrderValidation.wellFormed(d, order, e.instruments[order.instrument])) {
      return false;
    }
    if (dryRun) {
      return true;
    }
    // Every order seen today is in this set, open ones included (the day roll keeps them); a new
    // key is added by the same look-up.
    final boolean duplicate = !e.orderKeysSeenToday.add(order.orderKey);
    return d.record(
        CheckCode.DUPLICATE_ORDER,
        !duplicate,
        0,
        0,
        null,
        null,
        duplicate ? "order id already used today" : null);
  }

  /**
   * The pipeline, in its fixed order: conversion and range (without which nothing can be valued),
   * then the checks that need no price, then those that do. Each stage is one method so that the
   * compiler sees short, monomorphic bodies.
   */
  private void run(OrderRequest order, Decision d) {
    final RiskEngine e = engine;
    final InstrumentState instrument = e.instruments[order.instrument];
    final Ledger strategy = e.strategies[order.strategy];
    final Ledger account = e.accounts[order.account];
    final Position position = e.positionOrNull(order.strategy, order.instrument);
    final Holding accountHolding = instrument.accountHolding(order.account);
    final boolean reducing = RiskEngine.isRiskReducing(position, order.side, order.quantity);
    d.setRiskReducing(reducing);
    // 1. A conversion for an instrument in another currency (NO_FX_RATE), fails closed.
    if (instrument.fx != null && !fxRate(d, order, instrument)) {
      return;
    }
    // 2. Every amount of the order within the engine's range.
    if (!OrderValidation.withinRange(
        d, order, instrument, position, accountHolding, strategy, account, e.firm)) {
      return;
    }
    final LimitSet instrumentLimits = e.instrumentLimits[order.instrument];
    // 3. Permission, counts and losses: no price needed.
    withoutPrice(d, order, instrument, instrumentLimits, strategy, account, position, reducing);
    // 4. NO_PRICE: everything after needs a usable price.
    final long reference = instrument.referencePrice();
    if (!d.record(
        CheckCode.NO_PRICE,
        reference > 0,
        Fixed.toDouble(reference),
        0,
        null,
        null,
        reference > 0 ? null : "no usable price for the instrument")) {
      return;
    }
    // 5. Staleness, order size, daily notional, collar.
    e.staleness.checkOrder(d, e.firm, account, strategy, instrumentLimits, instrument, reducing);
    final long orderNotional = orderSize(d, order, instrument, instrumentLimits, strategy, account);
    if (order.price > 0) {
      collars(d, order.price, reference, instrument, instrumentLimits, strategy, account);
    }
    // 6. What the order would add: position, leverage, correlation, liquidity, currency.
    if (!reducing) {
      exposure(d, order, instrument, instrumentLimits, strategy, account, position, reference);
      final double traded = instrument.averageDailyNotional();
      final double average = instrument.fx == null ? traded : traded * instrument.fx.factor(false);
      final String symbol = instrument.symbol();
      LiquidityCheck.check(d, e.firm.limits, FIRM, e.firm.name, average, orderNotional);
      LiquidityCheck.check(d, account.limits, ACCOUNT, account.name, average, orderNotional);
      LiquidityCheck.check(d, strategy.limits, STRATEGY, strategy.name, average, orderNotional);
      LiquidityCheck.check(d, instrumentLimits, INSTRUMENT, symbol, average, orderNotional);
      if (instrument.fx != null) {
        currencyExposure(d, e.firm, -1, instrument);
        currencyExposure(d, account, order.account, instrument);
      }
    }
  }

  /** Kill switch, trading state, breakers, restrictions, rates, counts and losses. */
  private void withoutPrice(
      Decision d,
      OrderRequest order,
      InstrumentState instrument,
      LimitSet instrumentLimits,
      Ledger strategy,
      Ledger account,
      Position position,
      boolean reducing) {
    final RiskEngine e = engine;
    final Ledger firm = e.firm;
    final long now = order.timestampNanos;
    KillAndTradingState.killSwitch(d, firm, account, strategy, null);
    final TradingState state = TradingState.mostSevere(firm.state, account.state, strategy.state);
    KillAndTradingState.tradingState(
        d, state.ordinal(), state == TradingState.HALTED, state == TradingState.REDUCING, reducing);
    e.safeguards.checkBreakers(d, order, firm, account, strategy, instrument, position, reducing);
    final String symbol = instrument.symbol();
    KillAndTradingState.restricted(d, firm.limits, FIRM, firm.name, reducing);
    KillAndTradingState.restricted(d, account.limits, ACCOUNT, account.name, reducing);
    KillAndTradingState.restricted(d, strategy.limits, STRATEGY, strategy.name, reducing);
    KillAndTradingState.restricted(d, instrumentLimits, INSTRUMENT, symbol, reducing);
    if (amendedSlot < 0) { // an amend is no new order: no order-rate count
      RateChecks.orderRate(d, firm, now);
      RateChecks.orderRate(d, account, now);
      RateChecks.orderRate(d, strategy, now);
    }
    RateChecks.messageRate(d, firm, now);
    RateChecks.messageRate(d, account, now);
    RateChecks.messageRate(d, strategy, now);
    if (SelfMatch.applies(firm, account, strategy, instrumentLimits)) {
      final String against =
          CheckMeasures.selfMatchingOrder(order, e.openOrders, e.strategyAccount, amendedSlot);
      SelfMatch.check(d, firm, account, strategy, instrumentLimits, symbol, against);
    }
    RateChecks.openOrderCount(d, firm);
    RateChecks.openOrderCount(d, account);
    RateChecks.openOrderCount(d, strategy);
    OrderSizeLimits.quantity(d, firm.limits, FIRM, firm.name, order.quantity);
    OrderSizeLimits.quantity(d, account.limits, ACCOUNT, account.name, order.quantity);
    OrderSizeLimits.quantity(d, strategy.limits, STRATEGY, strategy.name, order.quantity);
    OrderSizeLimits.quantity(d, instrumentLimits, INSTRUMENT, symbol, order.quantity);
    if (!reducing) {
      RateChecks.positionCount(d, firm, instrument.firm);
      RateChecks.positionCount(d, account, instrument.accountHolding(order.account));
      RateChecks.positionCount(d, strategy, position);
      LossChecks.dailyLoss(d, firm);
      LossChecks.dailyLoss(d, account);
      LossChecks.dailyLoss(d, strategy);
      LossChecks.strategyDrawdown(d, firm.limits, FIRM, firm.name, strategy);
      LossChecks.strategyDrawdown(d, account.limits, ACCOUNT, account.name, strategy);
      LossChecks.strategyDrawdown(d, strategy.limits, STRATEGY, strategy.name, strategy);
      LossChecks.portfolioDrawdown(d, firm);
      LossChecks.portfolioDrawdown(d, account);
      LossChecks.portfolioDrawdown(d, strategy);
      LeverageLimit.declared(d, firm.limits, FIRM, firm.name, order.leverage);
      LeverageLimit.declared(d, account.limits, ACCOUNT, account.name, order.leverage);
      LeverageLimit.declared(d, strategy.limits, STRATEGY, strategy.name, order.leverage);
    }
  }

  /** Order notional at every scope, then the daily notional; returns the order's notional. */
  private long orderSize(
      Decision d,
      OrderRequest order,
      InstrumentState instrument,
      LimitSet instrumentLimits,
      Ledger strategy,
      Ledger account) {
    final Ledger firm = engine.firm;
    final long orderPrice =
        order.price > 0 ? order.price : instrument.executablePrice(order.side.sign());
    final long notional = instrument.value(order.quantity, orderPrice);
    final String symbol = instrument.symbol();
    OrderSizeLimits.notional(d, firm.limits, FIRM, firm.name, notional);
    OrderSizeLimits.notional(d, account.limits, ACCOUNT, account.name, notional);
    OrderSizeLimits.notional(d, strategy.limits, STRATEGY, strategy.name, notional);
    OrderSizeLimits.notional(d, instrumentLimits, INSTRUMENT, symbol, notional);
    dailyNotional(d, firm, notional);
    dailyNotional(d, account, notional);
    dailyNotional(d, strategy, notional);
    return notional;
  }

  private void dailyNotional(Decision d, Ledger ledger, long orderNotional) {
    if (DailyNotional.applies(ledger)) {
      final RiskEngine e = engine;
      final long total =
          CheckMeasures.addOpenNotional(
              DailyNotional.startingTotal(ledger, orderNotional),
              ledger,
              e.openOrders,
              e.instruments,
              e.strategyAccount,
              amendedSlot);
      DailyNotional.check(d, ledger, total);
    }
  }

  private void collars(
      Decision d,
      long price,
      long reference,
      InstrumentState instrument,
      LimitSet instrumentLimits,
      Ledger strategy,
      Ledger account) {
    final Ledger firm = engine.firm;
    PriceCollar.check(d, firm.limits, FIRM, firm.name, price, reference);
    PriceCollar.check(d, account.limits, ACCOUNT, account.name, price, reference);
    PriceCollar.check(d, strategy.limits, STRATEGY, strategy.name, price, reference);
    PriceCollar.check(d, instrumentLimits, INSTRUMENT, instrument.symbol(), price, reference);
  }

  /** Position limit and leverage at each level, then correlation. */
  private void exposure(
      Decision d,
      OrderRequest order,
      InstrumentState instrument,
      LimitSet instrumentLimits,
      Ledger strategy,
      Ledger account,
      Position position,
      long reference) {
    final Ledger firm = engine.firm;
    final Holding accountHolding = instrument.accountHolding(order.account);
    final int sign = order.side.sign();
    final long q = order.quantity;
    final String symbol = instrument.symbol();
    final Holding atFirm = instrument.firm;
    PositionLimit.check(d, firm, instrument, atFirm, sign, q, reference);
    PositionLimit.check(d, account, instrument, accountHolding, sign, q, reference);
    PositionLimit.check(d, strategy, instrument, position, sign, q, reference);
    PositionLimit.checkInstrument(
        d, instrumentLimits, instrument, account, accountHolding, sign, q, reference);
    LeverageLimit.check(d, firm, instrument, atFirm, sign, q, reference);
    LeverageLimit.check(d, account, instrument, accountHolding, sign, q, reference);
    LeverageLimit.check(d, strategy, instrument, position, sign, q, reference);
    if (CorrelationCheck.applies(firm.limits, account.limits, strategy.limits, instrumentLimits)) {
      final double measured =
          CorrelationMeasure.signed(
              engine, CorrelationMeasure.scopeOf(engine, account, strategy), order);
      CorrelationCheck.check(d, firm.limits, FIRM, firm.name, measured);
      CorrelationCheck.check(d, account.limits, ACCOUNT, account.name, measured);
      CorrelationCheck.check(d, strategy.limits, STRATEGY, strategy.name, measured);
      CorrelationCheck.check(d, instrumentLimits, INSTRUMENT, symbol, measured);
    }
  }

  /** {@code NO_FX_RATE} against the book's effective {@code maxFxAgeSeconds}. */
  private boolean fxRate(Decision d, OrderRequest order, InstrumentState instrument) {
    final FxPath fx = instrument.fx;
    if (!fx.exists()) {
      return FxRateCheck.check(d, false, fx.noRateReason, 0, LimitSet.UNSET, fx.staleReason);
    }
    final long limit = engine.bookLimit(order.strategy, Limit.MAX_FX_AGE_SECONDS);
    return FxRateCheck.check(
        d, true, fx.noRateReason, order.timestampNanos - fx.timeNanos, limit, fx.staleReason);
  }

  private void currencyExposure(Decision d, Ledger ledger, int account, InstrumentState order) {
    if (CurrencyExposure.applies(ledger)) {
      final long net = Math.abs(engine.netCurrencyExposure(order.currency(), account));
      CurrencyExposure.check(d, ledger, net);
    }
  }

  private void finish(OrderRequest order, Decision d) {
    final RiskEngine e = engine;
    e.firm.recordOrderTime(order.timestampNanos);
    e.accounts[order.account].recordOrderTime(order.timestampNanos);
    e.strategies[order.strategy].recordOrderTime(order.timestampNanos);
    e.firm.messages.record(order.timestampNanos);
    e.accounts[order.account].messages.record(order.timestampNanos);
    e.strategies[order.strategy].messages.record(order.timestampNanos);
    if (d.approved()) {
      e.reserve(order);
    }
  }
}
