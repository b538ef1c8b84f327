package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;

/**
 * Every pre-trade check of DESIGN.md section 3, run against the engine's state. It decides and
 * records; it changes nothing but the order-rate windows and, for an approved order, the
 * reservation the engine makes. Each check is held against every scope that sets its limit (firm,
 * account, strategy, instrument), measured at that scope's level: a strategy's limits against the
 * strategy's positions and equity, an account's and an instrument's against the account's, the
 * firm's against the firm's.
 *
 * <p>Risk-reducing orders (only moving the book's position toward zero) pass the daily-loss,
 * drawdown, position, leverage, correlation, liquidity, restricted, stale-price and REDUCING
 * restrictions; only the kill switch and HALTED block them.
 */
final class PreTradeChecks {
  private static final String RISK_REDUCING = "risk-reducing";
  private static final String BEYOND_RANGE =
      "beyond the largest amount the engine holds exactly (10,000,000,000)";
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
    final InstrumentState instrument = e.instruments[order.instrument];
    final String invalid = invalidReason(order, instrument);
    if (d.record(
        CheckCode.INVALID_ORDER,
        invalid == null,
        Fixed.toDouble(order.quantity),
        0,
        null,
        null,
        invalid)) {
      final Ledger strategy = e.strategies[order.strategy];
      final Ledger account = e.accounts[order.account];
      if (reduceOnly) {
        d.setRiskReducing(true);
        final boolean killed = e.firm.killed || account.killed || strategy.killed;
        d.record(
            CheckCode.KILL_SWITCH,
            !killed,
            killed ? 1 : 0,
            0,
            killedScope(e.firm, account, strategy),
            killedName(e.firm, account, strategy),
            killed ? "scope is killed" : "amend only lowers the quantity");
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
    if (order.strategy < 0 || order.strategy >= engine.strategyCount) {
      return d.record(CheckCode.INVALID_ORDER, false, 0, 0, null, null, "unknown strategy");
    }
    if (order.account < 0
        || order.account >= engine.accountCount
        || engine.strategyAccount[order.strategy] != order.account) {
      return d.record(
          CheckCode.INVALID_ORDER,
          false,
          0,
          0,
          null,
          null,
          "unknown account, or the strategy does not trade in it");
    }
    if (order.instrument < 0 || order.instrument >= engine.instrumentCount) {
      return d.record(CheckCode.UNKNOWN_INSTRUMENT, false, 0, 0, null, null, "unknown instrument");
    }
    final InstrumentState instrument = engine.instruments[order.instrument];
    final String invalid = invalidReason(order, instrument);
    if (!d.record(
        CheckCode.INVALID_ORDER,
        invalid == null,
        Fixed.toDouble(order.quantity),
        0,
        null,
        null,
        invalid)) {
      return false;
    }
    if (dryRun) {
      return true;
    }
    // Every order seen today is in this set, open ones included (the day roll keeps them).
    final boolean duplicate =
        engine.orderKeysSeenToday.get(order.orderKey) != LongIntHashMap.MISSING;
    if (!d.record(
        CheckCode.DUPLICATE_ORDER,
        !duplicate,
        0,
        0,
        null,
        null,
        duplicate ? "order id already used today" : null)) {
      return false;
    }
    engine.orderKeysSeenToday.put(order.orderKey, 0);
    return true;
  }

  private static String invalidReason(OrderRequest order, InstrumentState instrument) {
    if (order.side == null) {
      return "side is missing";
    }
    if (order.quantity <= 0) {
      return "quantity must be positive";
    }
    if (order.quantity % instrument.lotSize != 0) {
      return "quantity is not a multiple of the lot size";
    }
    if (order.price < 0) {
      return "price must be positive (or absent for a market order)";
    }
    if (order.price > 0 && order.price % instrument.tickSize != 0) {
      return "price is not on the tick grid";
    }
    if (order.leverage < 0) {
      return "declared leverage must not be negative";
    }
    if (order.timeInForce == null) {
      return "timeInForce is missing";
    }
    if (order.timeInForce == io.riskgate.core.event.TimeInForce.GTD
        && order.expireAtNanos <= order.timestampNanos) {
      return "expireAt of a gtd order must be after its time";
    }
    return null;
  }

  private void run(OrderRequest order, Decision d) {
    final RiskEngine e = engine;
    final InstrumentState instrument = e.instruments[order.instrument];
    final Ledger strategy = e.strategies[order.strategy];
    final Ledger account = e.accounts[order.account];
    final Ledger firm = e.firm;
    final LimitSet instrumentLimits = e.instrumentLimits[order.instrument];
    final Position position = e.positionOrNull(order.strategy, order.instrument);
    final Holding accountHolding = instrument.accountHolding(order.account);
    final boolean reducing = RiskEngine.isRiskReducing(position, order.side, order.quantity);
    d.setRiskReducing(reducing);
    final int sign = order.side.sign();
    final long now = order.timestampNanos;
    if (instrument.fx != null && !fxRate(d, order, instrument)) {
      return;
    }
    if (!withinRange(d, order, instrument, position, accountHolding, e, strategy, account)) {
      return;
    }

    // Kill switch and trading state.
    final boolean killed = firm.killed || account.killed || strategy.killed;
    d.record(
        CheckCode.KILL_SWITCH,
        !killed,
        killed ? 1 : 0,
        0,
        killedScope(firm, account, strategy),
        killedName(firm, account, strategy),
        killed ? "scope is killed" : null);
    final TradingState state = mostSevere(firm.state, account.state, strategy.state);
    d.record(
        CheckCode.TRADING_HALTED,
        state != TradingState.HALTED,
        state.ordinal(),
        1,
        null,
        null,
        state == TradingState.HALTED ? "trading halted" : null);
    if (state == TradingState.REDUCING) {
      d.record(
          CheckCode.TRADING_REDUCING,
          reducing,
          state.ordinal(),
          1,
          null,
          null,
          reducing ? RISK_REDUCING : "only risk-reducing orders allowed");
    }
    e.safeguards.checkBreakers(d, order, firm, account, strategy, instrument, position, reducing);
    restricted(d, firm.limits, FIRM, firm.name, reducing);
    restricted(d, account.limits, ACCOUNT, account.name, reducing);
    restricted(d, strategy.limits, STRATEGY, strategy.name, reducing);
    restricted(d, instrumentLimits, INSTRUMENT, instrument.definition.symbol(), reducing);

    // Counts and rates need no price.
    if (amendedSlot < 0) {
      orderRate(d, firm, now);
      orderRate(d, account, now);
      orderRate(d, strategy, now);
    }
    messageRate(d, firm, now);
    messageRate(d, account, now);
    messageRate(d, strategy, now);
    selfMatch(d, order, firm, account, strategy, instrumentLimits, instrument);
    openOrderCount(d, firm);
    openOrderCount(d, account);
    openOrderCount(d, strategy);
    quantityLimit(d, firm.limits, FIRM, firm.name, order.quantity);
    quantityLimit(d, account.limits, ACCOUNT, account.name, order.quantity);
    quantityLimit(d, strategy.limits, STRATEGY, strategy.name, order.quantity);
    quantityLimit(d, instrumentLimits, INSTRUMENT, instrument.definition.symbol(), order.quantity);
    if (!reducing) {
      positionCount(d, firm, instrument.firm);
      positionCount(d, account, accountHolding);
      positionCount(d, strategy, position);
      dailyLoss(d, firm);
      dailyLoss(d, account);
      dailyLoss(d, strategy);
      strategyDrawdown(d, firm.limits, FIRM, firm.name, strategy);
      strategyDrawdown(d, account.limits, ACCOUNT, account.name, strategy);
      strategyDrawdown(d, strategy.limits, STRATEGY, strategy.name, strategy);
      portfolioDrawdown(d, firm);
      portfolioDrawdown(d, account);
      portfolioDrawdown(d, strategy);
      declaredLeverage(d, firm.limits, FIRM, firm.name, order.leverage);
      declaredLeverage(d, account.limits, ACCOUNT, account.name, order.leverage);
      declaredLeverage(d, strategy.limits, STRATEGY, strategy.name, order.leverage);
    }

    // Everything else needs a usable price.
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
    e.staleness.checkOrder(d, firm, account, strategy, instrumentLimits, instrument, reducing);
    final long orderPrice = order.price > 0 ? order.price : instrument.executablePrice(sign);
    final long orderNotional = instrument.value(order.quantity, orderPrice);
    notionalLimit(d, firm.limits, FIRM, firm.name, orderNotional);
    notionalLimit(d, account.limits, ACCOUNT, account.name, orderNotional);
    notionalLimit(d, strategy.limits, STRATEGY, strategy.name, orderNotional);
    notionalLimit(d, instrumentLimits, INSTRUMENT, instrument.definition.symbol(), orderNotional);
    dailyNotional(d, firm, orderNotional);
    dailyNotional(d, account, orderNotional);
    dailyNotional(d, strategy, orderNotional);
    if (order.price > 0) {
      collar(d, firm.limits, FIRM, firm.name, order.price, reference);
      collar(d, account.limits, ACCOUNT, account.name, order.price, reference);
      collar(d, strategy.limits, STRATEGY, strategy.name, order.price, reference);
      collar(
          d, instrumentLimits, INSTRUMENT, instrument.definition.symbol(), order.price, reference);
    }
    if (!reducing) {
      positionLimit(
          d, firm.limits, FIRM, firm.name, instrument, instrument.firm, firm, order, reference);
      positionLimit(
          d,
          account.limits,
          ACCOUNT,
          account.name,
          instrument,
          accountHolding,
          account,
          order,
          reference);
      positionLimit(
          d,
          strategy.limits,
          STRATEGY,
          strategy.name,
          instrument,
          position,
          strategy,
          order,
          reference);
      positionLimit(
          d,
          instrumentLimits,
          INSTRUMENT,
          instrument.definition.symbol(),
          instrument,
          accountHolding,
          account,
          order,
          reference);
      leverage(d, firm, instrument, instrument.firm, order, reference);
      leverage(d, account, instrument, accountHolding, order, reference);
      leverage(d, strategy, instrument, position, order, reference);
      correlation(d, order, firm, account, strategy, instrumentLimits, instrument);
      liquidity(d, firm.limits, FIRM, firm.name, instrument, order, orderNotional);
      liquidity(d, account.limits, ACCOUNT, account.name, instrument, order, orderNotional);
      liquidity(d, strategy.limits, STRATEGY, strategy.name, instrument, order, orderNotional);
      liquidity(
          d,
          instrumentLimits,
          INSTRUMENT,
          instrument.definition.symbol(),
          instrument,
          order,
          orderNotional);
      if (instrument.fx != null) {
        currencyExposure(d, firm, -1, instrument);
        currencyExposure(d, account, order.account, instrument);
      }
    }
  }

  /**
   * {@code NO_FX_RATE}: an order in a currency other than the account's needs a conversion (see
   * {@link FxRates}) whose rates are at most {@code maxFxAgeSeconds} old (the strategy's limit,
   * else its account's, else the firm's; without one any age is usable). Fails closed, for every
   * order, as {@code NO_PRICE} does: without a rate no amount of the order can be valued.
   */
  private boolean fxRate(Decision d, OrderRequest order, InstrumentState instrument) {
    final FxPath fx = instrument.fx;
    if (!fx.exists()) {
      return d.record(CheckCode.NO_FX_RATE, false, 0, 0, null, null, fx.noRateReason);
    }
    final long limit = engine.bookLimit(order.strategy, Limit.MAX_FX_AGE_SECONDS);
    final long age = order.timestampNanos - fx.timeNanos;
    final double ageSeconds = age / 1e9;
    if (limit == LimitSet.UNSET) {
      return d.record(CheckCode.NO_FX_RATE, true, ageSeconds, 0, null, null, null);
    }
    final boolean fresh = age <= limit / Fixed.ONE * 1_000_000_000L;
    return d.record(
        CheckCode.NO_FX_RATE,
        fresh,
        ageSeconds,
        Fixed.toDouble(limit),
        null,
        null,
        fresh ? null : fx.staleReason);
  }

  /**
   * {@code CURRENCY_EXPOSURE_LIMIT}: the scope's net exposure in the order's currency (positions
   * plus cash, in the account currency) over its equity, against {@code maxCurrencyExposure}. A
   * fill finances a position in its own currency (cash goes negative by its cost) and books the
   * realized PnL in the account currency, so the net exposure of a currency is the unrealized PnL
   * of its positions: it is measured as held, before the order.
   */
  private void currencyExposure(Decision d, Ledger ledger, int account, InstrumentState order) {
    final long limit = ledger.limits.get(Limit.MAX_CURRENCY_EXPOSURE);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long net = Math.abs(engine.netCurrencyExposure(order.currency(), account));
    final long equity = ledger.equity();
    final boolean pass = equity > 0 && Fixed.atMostProduct(net, limit, equity);
    d.record(
        CheckCode.CURRENCY_EXPOSURE_LIMIT,
        pass,
        equity > 0 ? (double) net / equity : Double.POSITIVE_INFINITY,
        Fixed.toDouble(limit),
        ledger.kind,
        ledger.name,
        equity > 0 ? null : "no positive equity");
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

  /**
   * Holds the order against the engine's range before any check multiplies: its notional at its
   * price and at the reference price (0 when there is none yet: the NO_PRICE check rejects it), and
   * the worst-case exposure that would result at the book, account and firm levels with their
   * ledgers' gross exposure, must each stay within {@link Fixed#MAX_AMOUNT}. An order beyond it (a
   * fat finger, a price in the wrong unit) is rejected with the amount and the bound, never
   * answered by an overflow; every later check then computes in range.
   */
  private static boolean withinRange(
      Decision d,
      OrderRequest order,
      InstrumentState instrument,
      Position position,
      Holding accountHolding,
      RiskEngine e,
      Ledger strategy,
      Ledger account) {
    final long reference = instrument.referencePrice();
    final long orderPrice =
        order.price > 0 ? order.price : instrument.executablePrice(order.side.sign());
    final long multiplier = instrument.multiplier();
    final long atPrice = instrument.valueOrOverflow(order.quantity, orderPrice);
    final long atReference = instrument.valueOrOverflow(order.quantity, reference);
    if (!Fixed.isWithinAmountRange(atPrice) || !Fixed.isWithinAmountRange(atReference)) {
      final double price = Fixed.toDouble(Math.max(orderPrice, reference));
      return d.record(
          CheckCode.ORDER_NOTIONAL_LIMIT,
          false,
          Fixed.toDouble(order.quantity) * price * Fixed.toDouble(multiplier),
          Fixed.toDouble(Fixed.MAX_AMOUNT),
          null,
          null,
          BEYOND_RANGE);
    }
    return resultingWithinRange(d, order, instrument, reference, position, strategy)
        && resultingWithinRange(d, order, instrument, reference, accountHolding, account)
        && resultingWithinRange(d, order, instrument, reference, instrument.firm, e.firm);
  }

  private static boolean resultingWithinRange(
      Decision d,
      OrderRequest order,
      InstrumentState instrument,
      long reference,
      Holding holding,
      Ledger ledger) {
    final long net = holding == null ? 0 : holding.net;
    final long openBuy = holding == null ? 0 : holding.openBuy;
    final long openSell = holding == null ? 0 : holding.openSell;
    final long buy = order.side == Side.BUY ? order.quantity : 0;
    final long sell = order.side == Side.SELL ? order.quantity : 0;
    final long high = Fixed.addOrOverflow(Fixed.addOrOverflow(net, openBuy), buy);
    final long low = Fixed.addOrOverflow(Fixed.addOrOverflow(net, -openSell), -sell);
    long gross = Fixed.OVERFLOW;
    if (high != Fixed.OVERFLOW && low != Fixed.OVERFLOW) {
      final long worst = Math.max(Math.abs(high), Math.abs(low));
      final long exposure = instrument.valueOrOverflow(worst, reference);
      final long before = holding == null ? 0 : holding.exposure;
      gross = Fixed.addOrOverflow(Fixed.addOrOverflow(ledger.grossExposure, -before), exposure);
    }
    if (Fixed.isWithinAmountRange(gross)) {
      return true;
    }
    return d.record(
        CheckCode.INVALID_ORDER,
        false,
        gross == Fixed.OVERFLOW ? Double.POSITIVE_INFINITY : Fixed.toDouble(gross),
        Fixed.toDouble(Fixed.MAX_AMOUNT),
        ledger.kind,
        ledger.name,
        "resulting gross exposure " + BEYOND_RANGE);
  }

  // ---------------------------------------------------------------- individual checks

  private static void restricted(
      Decision d, LimitSet limits, Scope.Kind kind, String name, boolean reducing) {
    final long flag = limits.get(Limit.RESTRICTED);
    if (flag == LimitSet.UNSET) {
      return;
    }
    final boolean isRestricted = flag == Fixed.ONE;
    d.record(
        CheckCode.INSTRUMENT_RESTRICTED,
        !isRestricted || reducing,
        isRestricted ? 1 : 0,
        0,
        kind,
        name,
        isRestricted ? (reducing ? RISK_REDUCING : "restricted") : null);
  }

  private static void orderRate(Decision d, Ledger ledger, long now) {
    final long limit = ledger.limits.get(Limit.MAX_ORDERS_PER_SECOND);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final int count = ledger.ordersInWindowWith(now);
    d.record(
        CheckCode.ORDER_RATE_LIMIT,
        (long) count * Fixed.ONE <= limit,
        count,
        Fixed.toDouble(limit),
        ledger.kind,
        ledger.name,
        null);
  }

  private static void messageRate(Decision d, Ledger ledger, long now) {
    final long limit = ledger.limits.get(Limit.MAX_MESSAGES_PER_SECOND);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final int count = ledger.messages.countWith(now);
    d.record(
        CheckCode.MESSAGE_RATE_LIMIT,
        (long) count * Fixed.ONE <= limit,
        count,
        Fixed.toDouble(limit),
        ledger.kind,
        ledger.name,
        null);
  }

  /**
   * Gross notional of the scope's fills today, its open orders (at their limit price, market orders
   * at the reference price) and this order, against {@code maxDailyNotional}. Walks the open
   * orders, only where the limit is set.
   */
  private void dailyNotional(Decision d, Ledger ledger, long orderNotional) {
    final long limit = ledger.limits.get(Limit.MAX_DAILY_NOTIONAL);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final RiskEngine e = engine;
    final OpenOrders open = e.openOrders;
    long total =
        ledger.dayTradedNotional == Long.MAX_VALUE
            ? Fixed.OVERFLOW
            : Fixed.addOrOverflow(ledger.dayTradedNotional, orderNotional);
    for (int slot = 0, used = open.used(); slot < used && total != Fixed.OVERFLOW; slot++) {
      if (open.remaining[slot] <= 0 || slot == amendedSlot || !inScope(ledger, open.books[slot])) {
        continue;
      }
      final InstrumentState state = e.instruments[open.instruments[slot]];
      final long price = open.prices[slot] > 0 ? open.prices[slot] : state.referencePrice();
      total =
          Fixed.addOrOverflow(
              total, Fixed.notionalOrOverflow(open.remaining[slot], price, state.multiplier()));
    }
    d.record(
        CheckCode.DAILY_NOTIONAL_LIMIT,
        total != Fixed.OVERFLOW && total <= limit,
        total == Fixed.OVERFLOW ? Double.POSITIVE_INFINITY : Fixed.toDouble(total),
        Fixed.toDouble(limit),
        ledger.kind,
        ledger.name,
        total == Fixed.OVERFLOW ? BEYOND_RANGE : null);
  }

  private boolean inScope(Ledger ledger, int book) {
    return switch (ledger.kind) {
      case FIRM -> true;
      case ACCOUNT -> engine.strategyAccount[book] == ledger.id;
      default -> book == ledger.id;
    };
  }

  /**
   * Self-match prevention at every scope that sets {@code preventSelfMatch}: the order fails when
   * an open order of the same account in the same instrument (so at the same venue) on the other
   * side could trade with it: a market order on either side, or a buy priced at or above the sell.
   */
  private void selfMatch(
      Decision d,
      OrderRequest order,
      Ledger firm,
      Ledger account,
      Ledger strategy,
      LimitSet instrumentLimits,
      InstrumentState instrument) {
    final boolean atFirm = firm.limits.get(Limit.PREVENT_SELF_MATCH) == Fixed.ONE;
    final boolean atAccount = account.limits.get(Limit.PREVENT_SELF_MATCH) == Fixed.ONE;
    final boolean atStrategy = strategy.limits.get(Limit.PREVENT_SELF_MATCH) == Fixed.ONE;
    final boolean atInstrument = instrumentLimits.get(Limit.PREVENT_SELF_MATCH) == Fixed.ONE;
    if (!atFirm && !atAccount && !atStrategy && !atInstrument) {
      return;
    }
    final String against = selfMatchingOrder(order);
    final String reason = against == null ? null : "could trade against own order " + against;
    final boolean pass = against == null;
    if (atFirm) {
      d.record(CheckCode.SELF_MATCH, pass, pass ? 0 : 1, 0, FIRM, firm.name, reason);
    }
    if (atAccount) {
      d.record(CheckCode.SELF_MATCH, pass, pass ? 0 : 1, 0, ACCOUNT, account.name, reason);
    }
    if (atStrategy) {
      d.record(CheckCode.SELF_MATCH, pass, pass ? 0 : 1, 0, STRATEGY, strategy.name, reason);
    }
    if (atInstrument) {
      d.record(
          CheckCode.SELF_MATCH,
          pass,
          pass ? 0 : 1,
          0,
          INSTRUMENT,
          instrument.definition.symbol(),
          reason);
    }
  }

  /** The id of an open order of the order's account that it could trade with, or null. */
  private String selfMatchingOrder(OrderRequest order) {
    final OpenOrders open = engine.openOrders;
    final int sign = order.side.sign();
    for (int slot = 0, used = open.used(); slot < used; slot++) {
      if (open.remaining[slot] <= 0
          || slot == amendedSlot
          || open.instruments[slot] != order.instrument
          || open.sides[slot] == sign
          || engine.strategyAccount[open.books[slot]] != order.account) {
        continue;
      }
      final long other = open.prices[slot];
      final long buy = sign > 0 ? order.price : other;
      final long sell = sign > 0 ? other : order.price;
      if (buy == 0 || sell == 0 || buy >= sell) {
        return open.ids[slot] != null ? open.ids[slot] : Long.toString(open.keys[slot]);
      }
    }
    return null;
  }

  private static void openOrderCount(Decision d, Ledger ledger) {
    final long limit = ledger.limits.get(Limit.MAX_OPEN_ORDERS);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long after = ledger.openOrders + 1L;
    d.record(
        CheckCode.OPEN_ORDER_LIMIT,
        after * Fixed.ONE <= limit,
        after,
        Fixed.toDouble(limit),
        ledger.kind,
        ledger.name,
        null);
  }

  private static void positionCount(Decision d, Ledger ledger, Holding holding) {
    final long limit = ledger.limits.get(Limit.MAX_POSITIONS);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final boolean opensNew = holding == null || holding.net == 0;
    final long after = ledger.openPositions + (opensNew ? 1L : 0L);
    d.record(
        CheckCode.POSITION_COUNT_LIMIT,
        !opensNew || after * Fixed.ONE <= limit,
        after,
        Fixed.toDouble(limit),
        ledger.kind,
        ledger.name,
        null);
  }

  private static void quantityLimit(
      Decision d, LimitSet limits, Scope.Kind kind, String name, long quantity) {
    final long limit = limits.get(Limit.MAX_ORDER_QUANTITY);
    if (limit != LimitSet.UNSET) {
      d.record(
          CheckCode.ORDER_QUANTITY_LIMIT,
          quantity <= limit,
          Fixed.toDouble(quantity),
          Fixed.toDouble(limit),
          kind,
          name,
          null);
    }
  }

  private static void notionalLimit(
      Decision d, LimitSet limits, Scope.Kind kind, String name, long notional) {
    final long limit = limits.get(Limit.MAX_ORDER_NOTIONAL);
    if (limit != LimitSet.UNSET) {
      d.record(
          CheckCode.ORDER_NOTIONAL_LIMIT,
          notional <= limit,
          Fixed.toDouble(notional),
          Fixed.toDouble(limit),
          kind,
          name,
          null);
    }
  }

  private static void collar(
      Decision d, LimitSet limits, Scope.Kind kind, String name, long price, long reference) {
    final long limit = limits.get(Limit.PRICE_COLLAR);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long distance = Math.abs(price - reference);
    d.record(
        CheckCode.PRICE_COLLAR,
        Fixed.atMostProduct(distance, limit, reference),
        (double) distance / reference,
        Fixed.toDouble(limit),
        kind,
        name,
        null);
  }

  private static void positionLimit(
      Decision d,
      LimitSet limits,
      Scope.Kind kind,
      String name,
      InstrumentState instrument,
      Holding holding,
      Ledger equityOwner,
      OrderRequest order,
      long reference) {
    final long fraction = limits.get(Limit.MAX_POSITION_FRACTION);
    final long absolute = limits.get(Limit.MAX_POSITION_NOTIONAL);
    if (fraction == LimitSet.UNSET && absolute == LimitSet.UNSET) {
      return;
    }
    final int sign = order.side.sign();
    final long resulting =
        holding == null ? sign * order.quantity : holding.resultingQuantity(sign, order.quantity);
    final long notional = instrument.value(Math.abs(resulting), reference);
    if (absolute != LimitSet.UNSET) {
      d.record(
          CheckCode.POSITION_LIMIT,
          notional <= absolute,
          Fixed.toDouble(notional),
          Fixed.toDouble(absolute),
          kind,
          name,
          null);
    }
    if (fraction != LimitSet.UNSET) {
      final long equity = equityOwner.equity();
      final boolean pass = equity > 0 && Fixed.atMostProduct(notional, fraction, equity);
      d.record(
          CheckCode.POSITION_LIMIT,
          pass,
          equity > 0 ? (double) notional / equity : Double.POSITIVE_INFINITY,
          Fixed.toDouble(fraction),
          kind,
          name,
          equity > 0 ? null : "no positive equity");
    }
  }

  private static void declaredLeverage(
      Decision d, LimitSet limits, Scope.Kind kind, String name, long declared) {
    final long limit = limits.get(Limit.MAX_LEVERAGE);
    if (limit != LimitSet.UNSET && declared > 0) {
      d.record(
          CheckCode.LEVERAGE_LIMIT,
          declared <= limit,
          Fixed.toDouble(declared),
          Fixed.toDouble(limit),
          kind,
          name,
          "declared leverage");
    }
  }

  private static void leverage(
      Decision d,
      Ledger ledger,
      InstrumentState instrument,
      Holding holding,
      OrderRequest order,
      long reference) {
    final long limit = ledger.limits.get(Limit.MAX_LEVERAGE);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long buy = order.side == Side.BUY ? order.quantity : 0;
    final long sell = order.side == Side.SELL ? order.quantity : 0;
    final long worst = holding == null ? order.quantity : holding.worstQuantity(buy, sell);
    final long exposureBefore = holding == null ? 0 : holding.exposure;
    final long gross = ledger.grossExposure - exposureBefore + instrument.value(worst, reference);
    final long equity = ledger.equity();
    final boolean pass = equity > 0 && Fixed.atMostProduct(gross, limit, equity);
    d.record(
        CheckCode.LEVERAGE_LIMIT,
        pass,
        equity > 0 ? (double) gross / equity : Double.POSITIVE_INFINITY,
        Fixed.toDouble(limit),
        ledger.kind,
        ledger.name,
        equity > 0 ? null : "no positive equity");
  }

  private static void dailyLoss(Decision d, Ledger ledger) {
    final long limit = ledger.limits.get(Limit.MAX_DAILY_LOSS);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long loss = -ledger.dailyPnl();
    final long base = ledger.startOfDayEquity;
    final boolean pass = base > 0 && Fixed.atMostProduct(loss, limit, base);
    d.record(
        CheckCode.DAILY_LOSS_LIMIT,
        pass,
        base > 0 ? (double) loss / base : Double.NaN,
        Fixed.toDouble(limit),
        ledger.kind,
        ledger.name,
        base > 0 ? null : "no start-of-day equity");
  }

  private static void strategyDrawdown(
      Decision d, LimitSet limits, Scope.Kind kind, String name, Ledger strategy) {
    final long limit = limits.get(Limit.MAX_STRATEGY_DRAWDOWN);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long drawdown = strategy.drawdownAmount();
    d.record(
        CheckCode.STRATEGY_DRAWDOWN_LIMIT,
        Fixed.atMostProduct(drawdown, limit, strategy.base),
        (double) drawdown / strategy.base,
        Fixed.toDouble(limit),
        kind,
        name,
        null);
  }

  private static void portfolioDrawdown(Decision d, Ledger ledger) {
    final long limit = ledger.limits.get(Limit.MAX_PORTFOLIO_DRAWDOWN);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final long drawdown = ledger.drawdownAmount();
    d.record(
        CheckCode.PORTFOLIO_DRAWDOWN_LIMIT,
        Fixed.atMostProduct(drawdown, limit, ledger.highWaterMark),
        ledger.drawdownFraction(),
        Fixed.toDouble(limit),
        ledger.kind,
        ledger.name,
        null);
  }

  private static void liquidity(
      Decision d,
      LimitSet limits,
      Scope.Kind kind,
      String name,
      InstrumentState instrument,
      OrderRequest order,
      long orderNotional) {
    final long minimum = limits.get(Limit.MIN_LIQUIDITY);
    final long participation = limits.get(Limit.MAX_PARTICIPATION);
    if (minimum == LimitSet.UNSET && participation == LimitSet.UNSET) {
      return;
    }
    final double traded = instrument.averageDailyNotional();
    final double average = instrument.fx == null ? traded : traded * instrument.fx.factor(false);
    final boolean known = !Double.isNaN(average);
    if (minimum != LimitSet.UNSET) {
      d.record(
          CheckCode.LIQUIDITY_LIMIT,
          known && average >= Fixed.toDouble(minimum),
          average,
          Fixed.toDouble(minimum),
          kind,
          name,
          known ? null : "no volume history");
    }
    if (participation != LimitSet.UNSET) {
      final double share =
          known && average > 0 ? Fixed.toDouble(orderNotional) / average : Double.NaN;
      d.record(
          CheckCode.LIQUIDITY_LIMIT,
          !Double.isNaN(share) && share <= Fixed.toDouble(participation),
          share,
          Fixed.toDouble(participation),
          kind,
          name,
          Double.isNaN(share) ? "no volume history" : "participation");
    }
  }

  private void correlation(
      Decision d,
      OrderRequest order,
      Ledger firm,
      Ledger account,
      Ledger strategy,
      LimitSet instrumentLimits,
      InstrumentState instrument) {
    final boolean any =
        firm.limits.has(Limit.MAX_CORRELATION)
            || account.limits.has(Limit.MAX_CORRELATION)
            || strategy.limits.has(Limit.MAX_CORRELATION)
            || instrumentLimits.has(Limit.MAX_CORRELATION);
    if (!any) {
      return;
    }
    final Ledger scope =
        engine.config.correlationScope() == EngineConfig.CorrelationScope.STRATEGY
            ? strategy
            : account;
    final double measured = signedCorrelation(scope, order);
    correlationAgainst(d, firm.limits, FIRM, firm.name, measured);
    correlationAgainst(d, account.limits, ACCOUNT, account.name, measured);
    correlationAgainst(d, strategy.limits, STRATEGY, strategy.name, measured);
    correlationAgainst(d, instrumentLimits, INSTRUMENT, instrument.definition.symbol(), measured);
  }

  private static void correlationAgainst(
      Decision d, LimitSet limits, Scope.Kind kind, String name, double measured) {
    final long limit = limits.get(Limit.MAX_CORRELATION);
    if (limit == LimitSet.UNSET) {
      return;
    }
    final boolean known = !Double.isNaN(measured);
    d.record(
        CheckCode.CORRELATION_LIMIT,
        !known || measured <= Fixed.toDouble(limit),
        measured,
        Fixed.toDouble(limit),
        kind,
        name,
        known ? null : "not enough common history");
  }

  /**
   * The largest correlation of the order's instrument with a held position of the scope, signed by
   * both directions (buying A while long B counts +ρ; buying A while short B counts −ρ, a hedge).
   * NaN when no held instrument has enough common history. Cached per (scope, instrument, side)
   * until a return arrives anywhere or the scope's holdings change.
   */
  private double signedCorrelation(Ledger scope, OrderRequest order) {
    final int slot = (order.instrument * 2 + (order.side == Side.BUY ? 0 : 1)) * 3;
    final long[] cache = scope.correlationCache;
    if (cache[slot + 1] == engine.returnsEpoch && cache[slot + 2] == scope.holdingsEpoch) {
      return Double.longBitsToDouble(cache[slot]);
    }
    final int lookback =
        (int)
            (effective(
                Limit.CORRELATION_LOOKBACK,
                order.strategy,
                engine.config.defaultCorrelationLookback()));
    final int minimum =
        (int)
            (effective(
                Limit.CORRELATION_MIN_OBSERVATIONS,
                order.strategy,
                engine.config.defaultCorrelationMinObservations()));
    final InstrumentState target = engine.instruments[order.instrument];
    final int sign = order.side.sign();
    double worst = Double.NaN;
    for (int j = 0; j < engine.instrumentCount; j++) {
      if (j == order.instrument) {
        continue;
      }
      final long held = heldQuantity(scope, j);
      if (held == 0) {
        continue;
      }
      final double rho = correlation(target, engine.instruments[j], lookback, minimum);
      if (Double.isNaN(rho)) {
        continue;
      }
      final double signed = rho * sign * Long.signum(held);
      if (Double.isNaN(worst) || signed > worst) {
        worst = signed;
      }
    }
    cache[slot] = Double.doubleToRawLongBits(worst);
    cache[slot + 1] = engine.returnsEpoch;
    cache[slot + 2] = scope.holdingsEpoch;
    return worst;
  }

  private long heldQuantity(Ledger scope, int instrument) {
    if (scope.kind == STRATEGY) {
      final Position position = engine.positionOrNull(scope.id, instrument);
      return position == null ? 0 : position.net;
    }
    final Holding[] holdings = engine.instruments[instrument].accountHoldings;
    return scope.id < holdings.length && holdings[scope.id] != null ? holdings[scope.id].net : 0;
  }

  private long effective(Limit limit, int strategy, int fallback) {
    final long value = engine.bookLimit(strategy, limit);
    return value == LimitSet.UNSET ? fallback : value / Fixed.ONE;
  }

  /** Pearson correlation of the most recent common returns; NaN below {@code minimum}. */
  static double correlation(InstrumentState a, InstrumentState b, int lookback, int minimum) {
    final int n = Math.min(lookback, Math.min(a.returnCount, b.returnCount));
    if (n < minimum || n < 2) {
      return Double.NaN;
    }
    double meanA = 0;
    double meanB = 0;
    for (int k = 0; k < n; k++) {
      meanA += a.recentReturn(k);
      meanB += b.recentReturn(k);
    }
    meanA /= n;
    meanB /= n;
    double cov = 0;
    double varA = 0;
    double varB = 0;
    for (int k = 0; k < n; k++) {
      final double da = a.recentReturn(k) - meanA;
      final double db = b.recentReturn(k) - meanB;
      cov += da * db;
      varA += da * da;
      varB += db * db;
    }
    if (varA == 0 || varB == 0) {
      return Double.NaN;
    }
    return cov / Math.sqrt(varA * varB);
  }

  private static TradingState mostSevere(TradingState a, TradingState b, TradingState c) {
    TradingState worst = a;
    if (b.ordinal() > worst.ordinal()) {
      worst = b;
    }
    if (c.ordinal() > worst.ordinal()) {
      worst = c;
    }
    return worst;
  }

  private static Scope.Kind killedScope(Ledger firm, Ledger account, Ledger strategy) {
    return firm.killed ? FIRM : account.killed ? ACCOUNT : strategy.killed ? STRATEGY : null;
  }

  private static String killedName(Ledger firm, Ledger account, Ledger strategy) {
    return firm.killed
        ? firm.name
        : account.killed ? account.name : strategy.killed ? strategy.name : null;
  }
}
