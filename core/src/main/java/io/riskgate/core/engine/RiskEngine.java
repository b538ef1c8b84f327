package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.Decision;
import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.SnapshotFormatException;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic risk engine: applies events in order and emits decisions and state changes.
 *
 * <p>Everything it knows arrives as an event, time included; it never reads a clock, does no I/O,
 * starts no threads and does not log. The same events in the same order give the same state (see
 * {@link #stateHash()}) and the same outputs. An event that is invalid against the current state
 * (unknown symbol, time going backwards, a fill larger than the order) is refused with an {@link
 * IllegalArgumentException} and changes nothing. Not thread-safe: one thread drives it.
 *
 * <p>Two ways in: {@link #apply(Event)} for the event language (ids as text), and the primitive
 * {@link #check(OrderRequest)}, {@link #fill} and {@link #price} for in-process callers that hold
 * dense ids, which allocate nothing.
 */
public final class RiskEngine {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  final EngineConfig config;

  /** Where outputs go; not part of the state (a snapshot is restored with a new sink). */
  OutputSink sink;

  long now = Long.MIN_VALUE;
  private long tradingDay = Long.MIN_VALUE;
  private long nextDayStartNanos = Long.MIN_VALUE;

  /** The earliest expireAt of an open GTD order, or Long.MAX_VALUE. */
  private long nextExpiryNanos = Long.MAX_VALUE;

  // Dense ids by name: not written in a snapshot, rebuilt from the definitions when one is read.
  private Map<String, Integer> instrumentIds = new HashMap<>();
  private Map<String, Integer> accountIds = new HashMap<>();
  private Map<String, Integer> strategyIds = new HashMap<>();

  InstrumentState[] instruments = new InstrumentState[16];
  int instrumentCount;
  LimitSet[] instrumentLimits = new LimitSet[16];

  final Ledger firm = new Ledger(Scope.Kind.FIRM, "", 0);
  Ledger[] accounts = new Ledger[4];
  int accountCount;
  Ledger[] strategies = new Ledger[4];
  int[] strategyAccount = new int[4];
  int strategyCount;

  /** Positions by strategy, then by instrument id; null until first used. */
  Position[][] positions = new Position[4][];

  /** Open orders; a snapshot writes them as flat arrays. */
  OpenOrders openOrders;

  final LongIntHashMap orderKeysSeenToday;

  /** The latest rate of every currency pair. */
  final FxRates fxRates = new FxRates();

  /** The account currency (the first account's), or null before any account. */
  String accountCurrency;

  /** Instruments in a currency other than the account currency. */
  int foreignInstruments;

  /** Bumped whenever any instrument gains a return: invalidates cached correlations. */
  long returnsEpoch;

  final Safeguards safeguards;
  final Monitor monitor;
  final PriceStaleness staleness;
  private final RiskReporter reporter;
  private final PreTradeChecks checks;
  private final PositionSizing sizing;
  private final OrderRequest scratchOrder = new OrderRequest();

  /** Scratch of {@link #fill}; not state, so not in a snapshot. */
  private Position.FillPreview fillPreview = new Position.FillPreview();

  /** Scratch of {@link #fill}: the fill's fee in the account currency. */
  private long fillFee;

  // The event-language layer: text ids of orders and fills.
  private DayIds orderKeysById = new DayIds(1024);
  private DayIds fillIdsToday = new DayIds(1024);
  private long nextOrderKey = 1;

  public RiskEngine(EngineConfig config, OutputSink sink) {
    this.config = config;
    this.sink = sink;
    this.openOrders = new OpenOrders(1 << 12);
    this.orderKeysSeenToday = new LongIntHashMap(config.expectedOrdersPerDay());
    this.safeguards = new Safeguards(this, config.safeguards());
    this.monitor = new Monitor(this, config.monitor());
    this.staleness = new PriceStaleness(this, config.monitor().stalePriceNanos());
    this.reporter = new RiskReporter(this, config.monitor());
    this.checks = new PreTradeChecks(this);
    this.sizing = new PositionSizing(this, checks);
  }

  /** The settings this engine runs under (a snapshot of it is read back under the same). */
  public EngineConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- the event language

  /**
   * Applies one event of the event language.
   *
   * @throws IllegalArgumentException when the event does not fit the engine's state; nothing
   *     changed
   */
  public void apply(Event event) {
    if (event instanceof Event.Order order) {
      applyOrder(order);
    } else if (event instanceof Event.Fill fill) {
      applyFill(fill);
    } else if (event instanceof Event.Price price) {
      price(
          price.timestampNanos(),
          requireInstrument(price.symbol()),
          price.bid(),
          price.ask(),
          price.last());
    } else if (event instanceof Event.Cancel cancel) {
      cancel(cancel.timestampNanos(), requireOpenOrderKey(cancel.orderId()));
    } else if (event instanceof Event.Amend amend) {
      amend(amend);
    } else if (event instanceof Event.OrderRejected rejected) {
      closeByVenue(rejected.timestampNanos(), requireOpenOrderKey(rejected.orderId()));
    } else if (event instanceof Event.OrderExpired expired) {
      closeByVenue(expired.timestampNanos(), requireOpenOrderKey(expired.orderId()));
    } else if (event instanceof Event.CancelAll cancelAll) {
      cancelAll(cancelAll);
    } else if (event instanceof Event.TradeBust bust) {
      rewriteLastFill(bust.timestampNanos(), bust.fillId(), 0, 0, 0);
    } else if (event instanceof Event.TradeCorrect correct) {
      rewriteLastFill(
          correct.timestampNanos(),
          correct.fillId(),
          correct.quantity(),
          correct.price(),
          correct.fee());
    } else if (event instanceof Event.Bar bar) {
      bar(bar);
    } else if (event instanceof Event.FxRate rate) {
      fxRate(rate);
    } else if (event instanceof Event.SizeRequest request) {
      size(request);
    } else if (event instanceof Event.Timer timer) {
      advanceTime(timer.timestampNanos());
      monitor.onTimer(now);
    } else if (event instanceof Event.ReportRequest request) {
      requireTimeNotBefore(request.timestampNanos());
      advanceTime(request.timestampNanos());
      sink.onReport(report(now));
    } else if (event instanceof Event.Instrument instrument) {
      defineInstrument(instrument);
    } else if (event instanceof Event.Account account) {
      defineAccount(account);
    } else if (event instanceof Event.Strategy strategy) {
      defineStrategy(strategy);
    } else if (event instanceof Event.Transfer transfer) {
      transfer(transfer);
    } else if (event instanceof Event.Limits limits) {
      setLimits(limits);
    } else if (event instanceof Event.TradingStateChange change) {
      setTradingState(change);
    } else if (event instanceof Event.Kill kill) {
      setKilled(kill.timestampNanos(), kill.scope(), true, kill.by());
    } else if (event instanceof Event.Rearm rearm) {
      setKilled(rearm.timestampNanos(), rearm.scope(), false, rearm.by());
    } else if (event instanceof Event.VenueStatus status) {
      requireTimeNotBefore(status.timestampNanos());
      advanceTime(status.timestampNanos());
      safeguards.onVenueStatus(status);
    } else if (event instanceof Event.BreakerReset reset) {
      final Ledger ledger = ledger(reset.scope());
      advanceTimeIfGiven(reset.timestampNanos());
      safeguards.resetBreaker(ledger, reset.by());
    } else {
      throw new IllegalArgumentException("unsupported event type " + event.type());
    }
    if (foreignInstruments > 0) {
      checkFxValuation();
    }
    safeguards.afterEvent();
  }

  private void applyOrder(Event.Order order) {
    requireTimeNotBefore(order.timestampNanos());
    final Integer account = accountIds.get(order.account());
    final Integer strategy = strategyIds.get(order.strategy());
    final Integer instrument = instrumentIds.get(order.symbol());
    final Long existing = orderKeysById.get(order.orderId());
    final long key = existing != null ? existing : nextOrderKey;
    scratchOrder.set(
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
    scratchOrder.timeInForce = order.timeInForce();
    scratchOrder.expireAtNanos = order.expireAt() == Event.NO_TIME ? 0 : order.expireAt();
    if (existing == null) {
      orderKeysById.put(order.orderId(), key);
      nextOrderKey++;
    }
    checks.check(scratchOrder);
  }

  /**
   * Checks an amend of an open order (see {@link Event.Amend}) and, when approved, moves its
   * reservation to the new quantity and price; a rejected amend leaves the order as it was.
   */
  private void amend(Event.Amend amend) {
    final long key = requireOpenOrderKey(amend.orderId());
    final int slot = openOrders.slot(key);
    requireTimeNotBefore(amend.timestampNanos());
    requireNotExpiredBy(slot, amend.timestampNanos());
    if (safeguards.isEngineOrder(key)) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "order \"" + amend.orderId() + "\" is the engine's own flattening order");
    }
    final long oldQuantity = openOrders.remaining[slot];
    final long oldPrice = openOrders.prices[slot];
    if (oldPrice == 0 && amend.price() != 0) {
      throw new IllegalArgumentException(
          "field \"price\": order \"" + amend.orderId() + "\" is a market order, it has no price");
    }
    final int book = openOrders.books[slot];
    final long quantity = amend.quantity() == 0 ? oldQuantity : amend.quantity();
    final long price = amend.price() == 0 ? oldPrice : amend.price();
    scratchOrder.set(
        amend.timestampNanos(),
        key,
        amend.orderId(),
        strategyAccount[book],
        book,
        openOrders.instruments[slot],
        openOrders.sides[slot] > 0 ? Side.BUY : Side.SELL,
        quantity,
        price,
        0);
    scratchOrder.timeInForce =
        io.riskgate.core.event.TimeInForce.ofOrdinal(openOrders.timesInForce[slot]);
    scratchOrder.expireAtNanos = openOrders.expireAt[slot];
    checks.amend(scratchOrder, slot, quantity <= oldQuantity && price == oldPrice);
  }

  /**
   * Takes an open order's reservation out of its holdings and ledgers' counts while an amend of it
   * is checked, so that the checks see the amended order in place of the old one; {@link
   * #restoreReservation} puts it back exactly.
   */
  void suspendReservation(int slot) {
    shiftReservation(slot, -openOrders.remaining[slot], -1);
  }

  void restoreReservation(int slot) {
    shiftReservation(slot, openOrders.remaining[slot], 1);
  }

  private void shiftReservation(int slot, long quantity, int orders) {
    final int book = openOrders.books[slot];
    final int instrument = openOrders.instruments[slot];
    final int sideSign = openOrders.sides[slot];
    final int accountId = strategyAccount[book];
    final InstrumentState state = instruments[instrument];
    addOpen(positions[book][instrument], sideSign, quantity);
    addOpen(state.accountHolding(accountId), sideSign, quantity);
    addOpen(state.firm, sideSign, quantity);
    strategies[book].openOrders += orders;
    accounts[accountId].openOrders += orders;
    firm.openOrders += orders;
  }

  /** Moves an approved amend's reservation to its new quantity and price. */
  void moveReservation(int slot, long quantity, long price) {
    final int book = openOrders.books[slot];
    final int instrument = openOrders.instruments[slot];
    final int sideSign = openOrders.sides[slot];
    final int accountId = strategyAccount[book];
    final InstrumentState state = instruments[instrument];
    final long delta = quantity - openOrders.remaining[slot];
    final Position position = positions[book][instrument];
    final Holding accountHolding = state.accountHolding(accountId);
    addOpen(position, sideSign, delta);
    addOpen(accountHolding, sideSign, delta);
    addOpen(state.firm, sideSign, delta);
    openOrders.remaining[slot] = quantity;
    openOrders.prices[slot] = price;
    updateExposure(position, state, strategies[book]);
    updateExposure(accountHolding, state, accounts[accountId]);
    updateExposure(state.firm, state, firm);
  }

  /** The venue closed an open order (rejected it, or it expired there): its reservation goes. */
  private void closeByVenue(long timestampNanos, long orderKey) {
    final int slot = openOrders.slot(orderKey);
    requireTimeNotBefore(timestampNanos);
    requireNotExpiredBy(slot, timestampNanos);
    advanceTime(timestampNanos);
    release(slot, openOrders.remaining[slot], true);
  }

  /**
   * Answers a cancel-all with one {@code cancel} action per open order of the scope (the engine's
   * own flattening orders excepted: the kill switch follows those); the orders stay reserved until
   * the venue confirms each cancel.
   */
  private void cancelAll(Event.CancelAll request) {
    final Scope scope = request.scope();
    final int instrument =
        scope.kind() == Scope.Kind.INSTRUMENT ? requireInstrument(scope.name()) : -1;
    final Ledger ledger = instrument >= 0 ? null : ledger(scope);
    advanceTimeIfGiven(request.timestampNanos());
    final String reason = "cancel-all" + (request.by().isEmpty() ? "" : " by " + request.by());
    for (int slot : openOrders.openSlots()) {
      final int book = openOrders.books[slot];
      final boolean inScope =
          ledger == null
              ? openOrders.instruments[slot] == instrument
              : switch (ledger.kind) {
                case FIRM -> true;
                case ACCOUNT -> strategyAccount[book] == ledger.id;
                default -> book == ledger.id;
              };
      if (!inScope || safeguards.isEngineOrder(openOrders.keys[slot])) {
        continue;
      }
      final Event.Instrument definition = instruments[openOrders.instruments[slot]].definition;
      sink.onAction(
          new Action(
              now,
              Action.Kind.CANCEL,
              scope,
              openOrders.ids[slot] != null
                  ? openOrders.ids[slot]
                  : Long.toString(openOrders.keys[slot]),
              accounts[strategyAccount[book]].name,
              strategies[book].name,
              definition.symbol(),
              definition.venue(),
              openOrders.sides[slot] > 0 ? Side.BUY : Side.SELL,
              openOrders.remaining[slot],
              1,
              reason));
    }
  }

  /** Answers a size request with a {@code size} output (see {@link PositionSizing}). */
  private void size(Event.SizeRequest request) {
    final int account = requireAccount(request.account());
    final int strategy = requireStrategy(request.strategy());
    final int instrument = requireInstrument(request.symbol());
    if (strategyAccount[strategy] != account) {
      throw new IllegalArgumentException(
          "strategy " + request.strategy() + " does not trade in account " + request.account());
    }
    requireTimeNotBefore(request.timestampNanos());
    advanceTime(request.timestampNanos());
    final io.riskgate.core.sizing.SizingResult result =
        sizing.size(request, account, strategy, instrument);
    sink.onSize(new SizeAnswer(request, result, sizing.blockedBy));
  }

  private void applyFill(Event.Fill fill) {
    final long key = requireOpenOrderKey(fill.orderId());
    if (fillIdsToday.contains(fill.fillId())) {
      requireTimeNotBefore(fill.timestampNanos());
      return;
    }
    pendingFillId = fill.fillId();
    try {
      fill(fill.timestampNanos(), key, fill.quantity(), fill.price(), fill.fee());
    } finally {
      pendingFillId = null;
    }
    fillIdsToday.put(fill.fillId(), 0);
  }

  private long requireOpenOrderKey(String orderId) {
    final Long key = orderKeysById.get(orderId);
    if (key == null || openOrders.slot(key) == LongIntHashMap.MISSING) {
      throw new EventRefusedException(
          key == null ? EventRefusedException.Kind.NOT_FOUND : EventRefusedException.Kind.CONFLICT,
          "order \"" + orderId + "\" is not open");
    }
    return key;
  }

  // ---------------------------------------------------------------- reference data

  private void defineInstrument(Event.Instrument definition) {
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
    final Integer existing = instrumentIds.get(definition.symbol());
    if (existing != null
        && instruments[existing].positionCount > 0
        && !sameValuation(instruments[existing].definition, definition)) {
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
    advanceTimeIfGiven(definition.timestampNanos());
    if (existing != null) {
      instruments[existing].define(definition);
      resolveFx(instruments[existing]);
      staleness.onDefined(existing);
      return;
    }
    final int id = instrumentCount++;
    if (id == instruments.length) {
      instruments = Arrays.copyOf(instruments, id * 2);
      instrumentLimits = Arrays.copyOf(instrumentLimits, id * 2);
    }
    instruments[id] =
        new InstrumentState(
            id, definition, config.returnHistoryCapacity(), config.liquidityLookbackDays());
    instrumentLimits[id] = new LimitSet();
    instrumentIds.put(definition.symbol(), id);
    resolveFx(instruments[id]);
    staleness.onDefined(id);
    firm.ensureInstrumentCapacity(instrumentCount);
    for (int i = 0; i < accountCount; i++) {
      accounts[i].ensureInstrumentCapacity(instrumentCount);
    }
    for (int i = 0; i < strategyCount; i++) {
      strategies[i].ensureInstrumentCapacity(instrumentCount);
      if (positions[i].length < instrumentCount) {
        positions[i] =
            Arrays.copyOf(positions[i], Math.max(instrumentCount, positions[i].length * 2));
      }
    }
  }

  private void defineAccount(Event.Account definition) {
    if (accountIds.containsKey(definition.account())) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "account "
              + definition.account()
              + " is already defined; use a transfer to change its capital");
    }
    requireAmountInRange("capital", definition.capital(), firm.base, "the firm's capital");
    if (accountCurrency != null && !accountCurrency.equals(definition.currency())) {
      throw new IllegalArgumentException(
          "account "
              + definition.account()
              + ": field \"currency\": "
              + definition.currency()
              + " differs from "
              + accountCurrency
              + ", the currency of the accounts defined before; all accounts of one engine"
              + " share one currency");
    }
    advanceTimeIfGiven(definition.timestampNanos());
    if (accountCurrency == null) {
      accountCurrency = definition.currency();
      for (int i = 0; i < instrumentCount; i++) {
        resolveFx(instruments[i]);
      }
    }
    final int id = accountCount++;
    if (id == accounts.length) {
      accounts = Arrays.copyOf(accounts, id * 2);
    }
    final Ledger ledger = new Ledger(Scope.Kind.ACCOUNT, definition.account(), id);
    ledger.limits.copyFrom(config.accountDefaults());
    ledger.sizeOrderWindow(ledger.limits.get(Limit.MAX_ORDERS_PER_SECOND));
    ledger.messages.resize(ledger.limits.get(Limit.MAX_MESSAGES_PER_SECOND));
    ledger.ensureInstrumentCapacity(Math.max(1, instrumentCount));
    ledger.base = definition.capital();
    ledger.updateHighWaterMark();
    ledger.startDay();
    accounts[id] = ledger;
    accountIds.put(definition.account(), id);
    firm.base += definition.capital();
    firm.updateHighWaterMark();
    firm.startOfDayEquity += definition.capital();
  }

  private void defineStrategy(Event.Strategy definition) {
    final Integer account = accountIds.get(definition.account());
    if (account == null) {
      throw new IllegalArgumentException(
          "strategy " + definition.strategy() + ": unknown account " + definition.account());
    }
    if (strategyIds.containsKey(definition.strategy())) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "strategy " + definition.strategy() + " is already defined");
    }
    requireAmountInRange("allocation", definition.allocation(), 0, "a strategy's allocation");
    advanceTimeIfGiven(definition.timestampNanos());
    final int id = strategyCount++;
    if (id == strategies.length) {
      strategies = Arrays.copyOf(strategies, id * 2);
      strategyAccount = Arrays.copyOf(strategyAccount, id * 2);
      positions = Arrays.copyOf(positions, id * 2);
    }
    final Ledger ledger = new Ledger(Scope.Kind.STRATEGY, definition.strategy(), id);
    ledger.ensureInstrumentCapacity(Math.max(1, instrumentCount));
    ledger.base = definition.allocation();
    ledger.updateHighWaterMark();
    ledger.startDay();
    strategies[id] = ledger;
    strategyAccount[id] = account;
    positions[id] = new Position[Math.max(4, instrumentCount)];
    strategyIds.put(definition.strategy(), id);
  }

  private void transfer(Event.Transfer transfer) {
    final Ledger account = accounts[requireAccount(transfer.account())];
    if (account.equity() + transfer.amount() <= 0) {
      throw new IllegalArgumentException(
          "withdrawal of "
              + Fixed.toString(-transfer.amount())
              + " would leave account "
              + transfer.account()
              + " without positive equity");
    }
    requireAmountInRange("amount", transfer.amount(), account.base, "the account's capital");
    requireAmountInRange("amount", transfer.amount(), firm.base, "the firm's capital");
    requireAmountInRange(
        "amount",
        transfer.amount(),
        Math.max(account.highWaterMark, firm.highWaterMark),
        "the high-water mark");
    requireTimeNotBefore(transfer.timestampNanos());
    advanceTime(transfer.timestampNanos());
    account.base += transfer.amount();
    account.highWaterMark += transfer.amount();
    account.startOfDayEquity += transfer.amount();
    firm.base += transfer.amount();
    firm.highWaterMark += transfer.amount();
    firm.startOfDayEquity += transfer.amount();
    account.updateHighWaterMark();
    firm.updateHighWaterMark();
  }

  private boolean sameValuation(Event.Instrument held, Event.Instrument next) {
    return held.venue().equals(next.venue())
        && java.util.Objects.equals(currencyOf(held), currencyOf(next))
        && held.tickSize() == next.tickSize()
        && held.lotSize() == next.lotSize()
        && held.multiplier() == next.multiplier();
  }

  /** The currency of an instrument's amounts: its own, or the account currency when it has none. */
  private String currencyOf(Event.Instrument definition) {
    return definition.currency() == null ? accountCurrency : definition.currency();
  }

  /**
   * Sets how the instrument's amounts convert into the account currency: none when it is in the
   * account currency (or no account exists yet), else the path {@link FxRates#resolve} chooses.
   */
  private void resolveFx(InstrumentState state) {
    final String currency = currencyOf(state.definition);
    final boolean foreign =
        currency != null && accountCurrency != null && !currency.equals(accountCurrency);
    if (!foreign) {
      if (state.fx != null) {
        foreignInstruments--;
      }
      state.fx = null;
      return;
    }
    final String pair = currency + "/" + accountCurrency;
    if (state.fx == null) {
      foreignInstruments++;
    }
    if (state.fx == null || !state.fx.pair.equals(pair)) {
      state.fx = new FxPath(pair);
    }
    fxRates.resolve(currency, accountCurrency, accountCurrency, state.fx);
  }

  /**
   * Refuses an amount that would take a total ({@code total + amount}) beyond the engine's range.
   */
  private static void requireAmountInRange(String field, long amount, long total, String what) {
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

  private void setLimits(Event.Limits change) {
    final LimitSet target = limitSet(change.scope());
    advanceTimeIfGiven(change.timestampNanos());
    for (Map.Entry<Limit, Long> entry : change.limits().entrySet()) {
      target.set(entry.getKey(), entry.getValue());
    }
    final Ledger ledger = ledgerOrNull(change.scope());
    if (ledger != null) {
      ledger.sizeOrderWindow(target.get(Limit.MAX_ORDERS_PER_SECOND));
      ledger.messages.resize(target.get(Limit.MAX_MESSAGES_PER_SECOND));
    }
    returnsEpoch++;
    staleness.onLimitsChanged();
  }

  private LimitSet limitSet(Scope scope) {
    if (scope.kind() == Scope.Kind.INSTRUMENT) {
      return instrumentLimits[requireInstrument(scope.name())];
    }
    return ledger(scope).limits;
  }

  private Ledger ledgerOrNull(Scope scope) {
    return scope.kind() == Scope.Kind.INSTRUMENT ? null : ledger(scope);
  }

  private Ledger ledger(Scope scope) {
    switch (scope.kind()) {
      case FIRM:
        return firm;
      case ACCOUNT:
        return accounts[requireAccount(scope.name())];
      case STRATEGY:
        return strategies[requireStrategy(scope.name())];
      default:
        throw new IllegalArgumentException("scope " + scope + " has no ledger");
    }
  }

  private void setTradingState(Event.TradingStateChange change) {
    final Ledger ledger = ledger(change.scope());
    advanceTimeIfGiven(change.timestampNanos());
    final TradingState from = ledger.state;
    ledger.state = change.state();
    safeguards.onTradingStateSet(ledger);
    if (from != change.state()) {
      sink.onStateChange(
          new StateChange(
              now,
              change.scope(),
              "tradingState",
              from.name(),
              change.state().name(),
              change.by().isEmpty() ? "set by event" : "set by " + change.by()));
    }
  }

  private void setKilled(long timestampNanos, Scope scope, boolean killed, String by) {
    final Ledger ledger = ledger(scope);
    advanceTimeIfGiven(timestampNanos);
    if (killed) {
      safeguards.kill(ledger, by);
    } else {
      safeguards.rearm(ledger, by);
    }
  }

  // ---------------------------------------------------------------- market data

  /**
   * Applies a quote or trade price (fixed-point; 0 = not given) and re-marks every position in the
   * instrument.
   */
  public void price(long timestampNanos, int instrument, long bid, long ask, long last) {
    final InstrumentState state = instrumentState(instrument);
    if (bid < 0 || ask < 0 || last < 0 || (bid == 0 && ask == 0 && last == 0)) {
      throw new IllegalArgumentException("price needs positive bid, ask or last");
    }
    if (bid > 0 && ask > 0 && bid > ask) {
      throw new IllegalArgumentException("bid is above ask");
    }
    requireTimeNotBefore(timestampNanos);
    final long previousReference = state.referencePrice();
    final long previousBid = state.bid;
    final long previousAsk = state.ask;
    final long previousLast = state.last;
    state.bid = bid;
    state.ask = ask;
    if (last > 0) {
      state.last = last;
    }
    if (!valueMarks(state)) {
      state.bid = previousBid;
      state.ask = previousAsk;
      state.last = previousLast;
      throw new IllegalArgumentException(
          "fields \"bid\", \"ask\", \"last\": a price of "
              + Fixed.toString(bid)
              + " / "
              + Fixed.toString(ask)
              + " / "
              + Fixed.toString(last)
              + " would value the positions in "
              + state.definition.symbol()
              + " beyond the largest amount the engine holds exactly (10,000,000,000)");
    }
    advanceTime(timestampNanos);
    state.lastPriceNanos = timestampNanos;
    if (!state.hasBars) {
      sampleClose(state, timestampNanos);
    }
    remarkInstrument(state);
    safeguards.onPrice(state, previousReference);
    staleness.onPrice(state);
    safeguards.afterEvent();
  }

  /**
   * Applies a conversion rate and re-values every position in a currency it converts. Refused whole
   * when a revalued amount, or a ledger's total of them, would leave the engine's range.
   */
  private void fxRate(Event.FxRate rate) {
    requireTimeNotBefore(rate.timestampNanos());
    int index = fxRates.find(rate.base(), rate.quote());
    final boolean added = index < 0;
    final long previousBid = added ? 0 : fxRates.bids[index];
    final long previousAsk = added ? 0 : fxRates.asks[index];
    final long previousTime = added ? 0 : fxRates.times[index];
    if (added) {
      index = fxRates.add(rate);
    } else {
      fxRates.set(index, rate.bid(), rate.ask(), rate.timestampNanos());
    }
    refreshFx(added);
    final InstrumentState beyond = revaluationBeyondRange();
    if (beyond != null) {
      if (added) {
        fxRates.removeLast();
      } else {
        fxRates.set(index, previousBid, previousAsk, previousTime);
      }
      refreshFx(added);
      throw new IllegalArgumentException(
          "fields \"bid\", \"ask\": a rate of "
              + Fixed.toString(rate.bid())
              + " / "
              + Fixed.toString(rate.ask())
              + " for "
              + rate.pair()
              + " would value the positions in "
              + beyond.definition.symbol()
              + " beyond the largest amount the engine holds exactly (10,000,000,000)");
    }
    advanceTime(rate.timestampNanos());
    for (int i = 0; i < instrumentCount; i++) {
      final InstrumentState state = instruments[i];
      if (state.fx != null && state.positionCount > 0) {
        remarkInstrument(state);
      }
    }
  }

  /** Re-chooses ({@code resolve}, a pair was added) or re-reads every foreign conversion. */
  private void refreshFx(boolean resolve) {
    for (int i = 0; i < instrumentCount; i++) {
      final InstrumentState state = instruments[i];
      if (state.fx != null) {
        if (resolve) {
          resolveFx(state);
        } else {
          fxRates.refresh(state.fx);
        }
      }
    }
  }

  /**
   * Values every held foreign instrument at the current rates into the holdings' pending fields and
   * returns the first whose amounts, or whose ledgers' totals over all of them together, would
   * leave the engine's range; null when all fit. Changes no total.
   */
  private InstrumentState revaluationBeyondRange() {
    final long[] strategyUnrealized = new long[strategyCount];
    final long[] strategyGross = new long[strategyCount];
    final long[] accountUnrealized = new long[accountCount];
    final long[] accountGross = new long[accountCount];
    long firmUnrealized = 0;
    long firmGross = 0;
    InstrumentState last = null;
    try {
      for (int i = 0; i < instrumentCount; i++) {
        final InstrumentState state = instruments[i];
        if (state.fx == null || state.positionCount == 0) {
          continue;
        }
        last = state;
        if (!valueMarks(state)) {
          return state;
        }
        for (int k = 0; k < state.positionCount; k++) {
          final Position p = state.positions[k];
          final long du = Math.subtractExact(p.pendingUnrealized, p.unrealized);
          final long de = Math.subtractExact(p.pendingExposure, p.exposure);
          final int a = strategyAccount[p.book];
          strategyUnrealized[p.book] = Math.addExact(strategyUnrealized[p.book], du);
          strategyGross[p.book] = Math.addExact(strategyGross[p.book], de);
          accountUnrealized[a] = Math.addExact(accountUnrealized[a], du);
          firmUnrealized = Math.addExact(firmUnrealized, du);
        }
        final Holding[] holdings = state.accountHoldings;
        for (int a = 0, n = Math.min(holdings.length, accountCount); a < n; a++) {
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
      boolean fits = totalsFit(firm, firmUnrealized, firmGross);
      for (int a = 0; a < accountCount && fits; a++) {
        fits = totalsFit(accounts[a], accountUnrealized[a], accountGross[a]);
      }
      for (int b = 0; b < strategyCount && fits; b++) {
        fits = totalsFit(strategies[b], strategyUnrealized[b], strategyGross[b]);
      }
      return fits ? null : last;
    } catch (ArithmeticException overflow) {
      return last;
    }
  }

  private static boolean totalsFit(Ledger ledger, long unrealizedDelta, long grossDelta) {
    return Math.abs(Math.addExact(ledger.unrealized, unrealizedDelta)) <= 2 * Fixed.MAX_AMOUNT
        && Fixed.isWithinAmountRange(Math.addExact(ledger.grossExposure, grossDelta));
  }

  /**
   * Raises a {@code NO_FX_RATE} alert (HIGH, scope of the instrument) when a position is held in a
   * currency whose conversion has no usable rate (none, or older than the firm's {@code
   * maxFxAgeSeconds}); it clears when a usable rate arrives or nothing is held any more. The
   * position keeps the value of the last rate meanwhile: there is never a default rate.
   */
  private void checkFxValuation() {
    final long limit = firm.limits.get(Limit.MAX_FX_AGE_SECONDS);
    for (int i = 0; i < instrumentCount; i++) {
      final InstrumentState state = instruments[i];
      final FxPath fx = state.fx;
      if (fx == null) {
        continue;
      }
      final boolean held = state.positionCount > 0;
      final long age = fx.exists() && now != Long.MIN_VALUE ? now - fx.timeNanos : Long.MAX_VALUE;
      final boolean usable =
          fx.exists() && (limit == LimitSet.UNSET || age <= limit / Fixed.ONE * NANOS_PER_SECOND);
      if (held && !usable && !state.fxAlerted) {
        final String key = "NO_FX_RATE|" + state.definition.symbol();
        state.fxAlerted = true;
        monitor.raise(
            key,
            Alert.Level.HIGH,
            "NO_FX_RATE",
            new Scope(Scope.Kind.INSTRUMENT, state.definition.symbol()),
            "position in "
                + state.definition.symbol()
                + " cannot be valued in "
                + accountCurrency
                + ": "
                + (fx.exists()
                    ? "the rate for " + fx.described + " is " + age / NANOS_PER_SECOND + " s old"
                    : "no rate for " + fx.pair),
            fx.exists() ? (double) age / NANOS_PER_SECOND : Double.NaN,
            limit == LimitSet.UNSET ? Double.NaN : Fixed.toDouble(limit),
            "send a rate for " + fx.pair + " or reduce the position");
      } else if (state.fxAlerted && (usable || !held)) {
        state.fxAlerted = false;
        monitor.clear(
            "NO_FX_RATE|" + state.definition.symbol(),
            fx.exists() ? (double) age / NANOS_PER_SECOND : Double.NaN,
            limit == LimitSet.UNSET ? Double.NaN : Fixed.toDouble(limit),
            usable ? "a usable rate arrived" : "no position held");
      }
    }
  }

  private void sampleClose(InstrumentState state, long timestampNanos) {
    final long bucket = Math.floorDiv(timestampNanos, config.priceSampleIntervalNanos());
    if (state.sampleBucket != Long.MIN_VALUE && bucket != state.sampleBucket) {
      final double close = Fixed.toDouble(state.sampleClose);
      state.volatility.update(close, close, close);
      if (state.addClose(state.sampleClose)) {
        returnsEpoch++;
      }
    }
    state.sampleBucket = bucket;
    state.sampleClose = state.referencePrice();
  }

  private void bar(Event.Bar bar) {
    final InstrumentState state = instruments[requireInstrument(bar.symbol())];
    requireTimeNotBefore(bar.timestampNanos());
    if (!barFits(state, bar.close())) {
      throw new IllegalArgumentException(
          "field \"close\": "
              + Fixed.toString(bar.close())
              + " would value the positions in "
              + state.definition.symbol()
              + " beyond the largest amount the engine holds exactly (10,000,000,000)");
    }
    advanceTime(bar.timestampNanos());
    state.lastPriceNanos = bar.timestampNanos();
    staleness.onPrice(state);
    state.hasBars = true;
    state.volatility.update(
        Fixed.toDouble(bar.high()), Fixed.toDouble(bar.low()), Fixed.toDouble(bar.close()));
    if (state.addClose(bar.close())) {
      returnsEpoch++;
    }
    final long traded = Fixed.notionalOrOverflow(bar.volume(), bar.close(), state.multiplier());
    state.addTradedNotional(
        tradingDay,
        traded != Fixed.OVERFLOW
            ? Fixed.toDouble(traded)
            : Fixed.toDouble(bar.volume())
                * Fixed.toDouble(bar.close())
                * Fixed.toDouble(state.multiplier()));
    state.last = bar.close();
    if (state.bid == 0 && state.ask == 0) {
      remarkInstrument(state); // valued by barFits before anything changed
    }
  }

  /**
   * True when a bar's close can be taken as the instrument's last price: when it marks the
   * positions (no quote), every amount stays in range. Changes nothing.
   */
  private boolean barFits(InstrumentState state, long close) {
    if (state.bid != 0 || state.ask != 0) {
      return true;
    }
    final long previousLast = state.last;
    state.last = close;
    final boolean fits = valueMarks(state);
    state.last = previousLast;
    return fits;
  }

  /**
   * Values every holding of the instrument at its current prices into the holdings' pending fields
   * ({@link Holding#pendingExposure}, {@link Position#pendingUnrealized}), and returns false when
   * any of them, or the total of a ledger it feeds, would leave the engine's range. Changes no
   * total: {@link #remarkInstrument} applies the pending values afterwards.
   */
  private boolean valueMarks(InstrumentState state) {
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
        final long mark = p.net == 0 ? 0 : state.markPrice(p.net, config.markMode());
        p.pendingUnrealized = state.unrealized(p.net, mark, p.cost);
        p.pendingExposure =
            reference == 0 ? 0 : state.checkedValue(p.worstQuantity(0, 0), reference);
        final long delta = Math.subtractExact(p.pendingUnrealized, p.unrealized);
        final Ledger strategy = strategies[p.book];
        final Ledger account = accounts[strategyAccount[p.book]];
        account.pendingUnrealized = Math.addExact(account.pendingUnrealized, delta);
        firm.pendingUnrealized = Math.addExact(firm.pendingUnrealized, delta);
        fits =
            unrealizedFits(strategy, delta)
                && unrealizedFits(account, account.pendingUnrealized)
                && unrealizedFits(firm, firm.pendingUnrealized)
                && grossFits(strategy, p);
      }
      final Holding[] holdings = state.accountHoldings;
      for (int a = 0, count = Math.min(holdings.length, accountCount); a < count && fits; a++) {
        final Holding h = holdings[a];
        if (h != null) {
          h.pendingExposure =
              reference == 0 ? 0 : state.checkedValue(h.worstQuantity(0, 0), reference);
          fits = grossFits(accounts[a], h);
        }
      }
      if (fits) {
        state.firm.pendingExposure =
            reference == 0 ? 0 : state.checkedValue(state.firm.worstQuantity(0, 0), reference);
        fits = grossFits(firm, state.firm);
      }
    } catch (ArithmeticException overflow) {
      fits = false;
    } finally {
      for (int i = 0; i < n; i++) {
        accounts[strategyAccount[list[i].book]].pendingUnrealized = 0;
      }
      firm.pendingUnrealized = 0;
    }
    return fits;
  }

  private static boolean unrealizedFits(Ledger ledger, long delta) {
    return Math.abs(Math.addExact(ledger.unrealized, delta)) <= 2 * Fixed.MAX_AMOUNT;
  }

  private static boolean grossFits(Ledger owner, Holding holding) {
    return Fixed.isWithinAmountRange(holding.pendingExposure)
        && Fixed.isWithinAmountRange(
            Math.addExact(owner.grossExposure - holding.exposure, holding.pendingExposure));
  }

  /** Applies the values {@link #valueMarks} computed for every holding of the instrument. */
  private void remarkInstrument(InstrumentState state) {
    final Position[] list = state.positions;
    for (int i = 0, n = state.positionCount; i < n; i++) {
      final Position position = list[i];
      final long delta = position.pendingUnrealized - position.unrealized;
      if (delta != 0) {
        position.unrealized = position.pendingUnrealized;
        strategies[position.book].unrealized += delta;
        accounts[strategyAccount[position.book]].unrealized += delta;
        firm.unrealized += delta;
      }
      applyPendingExposure(position, strategies[position.book]);
      monitor.onMarked(position, state, state.markPrice(position.net, config.markMode()));
    }
    if (state.positionCount > 0) { // else every holding's exposure is 0 already
      final Holding[] holdings = state.accountHoldings;
      for (int a = 0, n = Math.min(holdings.length, accountCount); a < n; a++) {
        if (holdings[a] != null) {
          applyPendingExposure(holdings[a], accounts[a]);
        }
      }
      applyPendingExposure(state.firm, firm);
    }
    for (int i = 0, n = state.positionCount; i < n; i++) {
      final int book = list[i].book;
      afterEquityChange(strategies[book]);
      afterEquityChange(accounts[strategyAccount[book]]);
    }
    afterEquityChange(firm);
  }

  private void remark(Position position, InstrumentState state) {
    final long mark = position.net == 0 ? 0 : state.markPrice(position.net, config.markMode());
    final long unrealized = state.unrealized(position.net, mark, position.cost);
    final long delta = unrealized - position.unrealized;
    if (delta != 0) {
      position.unrealized = unrealized;
      strategies[position.book].unrealized += delta;
      accounts[strategyAccount[position.book]].unrealized += delta;
      firm.unrealized += delta;
    }
  }

  private static void applyPendingExposure(Holding holding, Ledger owner) {
    owner.grossExposure += holding.pendingExposure - holding.exposure;
    holding.exposure = holding.pendingExposure;
  }

  private void updateExposure(Holding holding, InstrumentState state, Ledger owner) {
    final long price = state.referencePrice();
    final long exposure = price == 0 ? 0 : state.value(holding.worstQuantity(0, 0), price);
    owner.grossExposure += exposure - holding.exposure;
    holding.exposure = exposure;
  }

  private void afterEquityChange(Ledger ledger) {
    ledger.updateHighWaterMark();
    monitor.onLedger(ledger);
    safeguards.onEquityChange(ledger);
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
      sink.onStateChange(
          new StateChange(
              now,
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

  // ---------------------------------------------------------------- orders and fills

  /**
   * Checks an order and, when approved, reserves it as an open order. Allocates nothing.
   *
   * @return the engine's reused decision: read it before the next event
   * @throws IllegalArgumentException when the order's time is before the engine's time
   */
  public Decision check(OrderRequest order) {
    final Decision decision = checks.check(order);
    safeguards.afterEvent();
    return decision;
  }

  /** Cancels what remains of an open order. */
  public void cancel(long timestampNanos, long orderKey) {
    final int slot = openOrders.slot(orderKey);
    if (slot == LongIntHashMap.MISSING) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT, "order " + orderKey + " is not open");
    }
    requireTimeNotBefore(timestampNanos);
    requireNotExpiredBy(slot, timestampNanos);
    advanceTime(timestampNanos);
    final int book = openOrders.books[slot];
    strategies[book].messages.record(now);
    accounts[strategyAccount[book]].messages.record(now);
    firm.messages.record(now);
    release(slot, openOrders.remaining[slot], true);
    safeguards.afterEvent();
  }

  /**
   * Refuses an event at {@code timestampNanos} on an order that is due to expire by then: the clock
   * moving there expires it first (see {@link #advanceTime}).
   */
  private void requireNotExpiredBy(int slot, long timestampNanos) {
    final long expiry = expiryOf(slot);
    if (timestampNanos >= expiry) {
      final String id = openOrders.ids[slot];
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "order \""
              + (id != null ? id : Long.toString(openOrders.keys[slot]))
              + "\" expired at "
              + Instant.ofEpochSecond(0, expiry)
              + " ("
              + io.riskgate.core.event.TimeInForce.ofOrdinal(openOrders.timesInForce[slot])
                  .wireName()
              + ")");
    }
  }

  /** When the engine expires an open order by its time in force, ns; Long.MAX_VALUE for never. */
  private long expiryOf(int slot) {
    return switch (openOrders.timesInForce[slot]) {
      case 1, 2 -> nextDayStartNanos; // day, ioc
      case 3 -> openOrders.expireAt[slot]; // gtd
      default -> Long.MAX_VALUE;
    };
  }

  /**
   * Applies a fill of an open order. The caller applies each fill once ({@link #apply(Event)}
   * ignores a repeated fill id).
   */
  public void fill(long timestampNanos, long orderKey, long quantity, long price, long fee) {
    final int slot = openOrders.slot(orderKey);
    if (slot == LongIntHashMap.MISSING) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT, "order " + orderKey + " is not open");
    }
    if (quantity <= 0 || price <= 0 || fee < 0) {
      throw new IllegalArgumentException("fill needs positive quantity and price, fee >= 0");
    }
    if (quantity > openOrders.remaining[slot]) {
      throw new IllegalArgumentException(
          "fill quantity "
              + Fixed.toString(quantity)
              + " exceeds the remaining "
              + Fixed.toString(openOrders.remaining[slot])
              + " of order "
              + orderKey);
    }
    requireTimeNotBefore(timestampNanos);
    requireNotExpiredBy(slot, timestampNanos);
    final int book = openOrders.books[slot];
    final int instrument = openOrders.instruments[slot];
    final int sideSign = openOrders.sides[slot];
    final InstrumentState state = instruments[instrument];
    final Position position = position(book, instrument);
    final long signed = sideSign * quantity;
    requireFillInRange(state, position, sideSign, quantity, price, fee);
    advanceTime(timestampNanos);
    release(slot, quantity, false); // the fill re-tracks and re-values the holdings below

    if (state.referencePrice() == 0) {
      state.last = price;
    }
    final Ledger strategy = strategies[book];
    final int accountId = strategyAccount[book];
    final Ledger account = accounts[accountId];
    final long before = position.net;
    final long openedAt = position.openedAtNanos;
    final long costBefore = position.cost;
    final long tradePnlBefore = position.tradePnl;
    final long realized = position.apply(fillPreview, fillFee, timestampNanos);
    recordLastFill(
        position, before, costBefore, openedAt, tradePnlBefore, signed, price, fillFee, realized);
    if (before != 0 && Long.signum(before) != Long.signum(position.net)) {
      strategy.recordTrade(Fixed.toDouble(position.tradePnl));
      strategy.trades.record(Fixed.toDouble(position.tradePnl), timestampNanos - openedAt);
      monitor.onClosed(position, state);
      safeguards.onTradeClosed(strategy, account, position.tradePnl);
      position.tradePnl = 0;
    }
    strategy.realized += realized;
    account.realized += realized;
    firm.realized += realized;
    strategy.fees += fillFee;
    account.fees += fillFee;
    firm.fees += fillFee;
    final long traded = state.valueOrOverflow(quantity, price);
    strategy.addTraded(traded);
    account.addTraded(traded);
    firm.addTraded(traded);
    final Holding accountHolding = state.accountHolding(accountId);
    final long accountBefore = accountHolding.net;
    accountHolding.net += signed;
    final long firmBefore = state.firm.net;
    state.firm.net += signed;
    countPositionChange(strategy, before, position.net);
    countPositionChange(account, accountBefore, accountHolding.net);
    countPositionChange(firm, firmBefore, state.firm.net);
    trackInInstrument(position, state);
    remark(position, state);
    updateExposure(position, state, strategy);
    updateExposure(accountHolding, state, account);
    updateExposure(state.firm, state, firm);
    afterEquityChange(strategy);
    afterEquityChange(account);
    afterEquityChange(firm);
    safeguards.onFill(book, instrument, sideSign, orderKey);
    safeguards.afterEvent();
  }

  /**
   * Remembers the fill on the position for a bust or correction (see {@link Position#lastFillId}).
   */
  private void recordLastFill(
      Position position,
      long netBefore,
      long costBefore,
      long openedBefore,
      long tradePnlBefore,
      long signed,
      long price,
      long fee,
      long realized) {
    final boolean closesOrReverses =
        netBefore != 0 && Long.signum(netBefore) != Long.signum(position.net);
    position.lastFillId = closesOrReverses ? null : pendingFillId;
    position.lastFillSigned = signed;
    position.lastFillPrice = price;
    position.lastFillFee = fee;
    position.lastFillRealized = realized;
    position.lastFillDay = tradingDay;
    position.netBeforeLastFill = netBefore;
    position.costBeforeLastFill = costBefore;
    position.openedBeforeLastFill = openedBefore;
    position.tradePnlBeforeLastFill = tradePnlBefore;
  }

  /**
   * The fill id of the fill being applied through the event language; null on the primitive path.
   */
  private String pendingFillId;

  /**
   * Busts ({@code quantity} 0) or corrects the latest fill on its position: the position goes back
   * to what it was before the fill and, for a correction, takes the corrected fill instead; the
   * ledgers' realized PnL and fees move by the difference, the day's traded notional too (when the
   * fill was today), and everything is re-marked at the current prices. Refused, with nothing
   * changed, for an unknown fill, one that is not the latest on its position or that closed or
   * reversed it (its closed trade is in the statistics and breakers), a correction with a larger
   * quantity or one that would itself close or reverse the position, and any amount beyond range.
   */
  private void rewriteLastFill(
      long timestampNanos, String fillId, long quantity, long price, long fee) {
    requireTimeNotBefore(timestampNanos);
    Position position = null;
    for (int s = 0; s < strategyCount && position == null; s++) {
      for (Position p : positions[s]) {
        if (p != null && fillId.equals(p.lastFillId)) {
          position = p;
          break;
        }
      }
    }
    if (position == null) {
      throw new EventRefusedException(
          fillIdsToday.contains(fillId)
              ? EventRefusedException.Kind.CONFLICT
              : EventRefusedException.Kind.NOT_FOUND,
          "fill \""
              + fillId
              + "\" "
              + (fillIdsToday.contains(fillId)
                  ? "is not the latest fill on its position, or it closed or reversed the position:"
                      + " only such a latest fill can be busted or corrected"
                  : "is unknown (or not the latest fill on any position)"));
    }
    final Position p = position;
    if (instruments[p.instrument].fx != null) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "fill \""
              + fillId
              + "\": busts and corrections are supported for fills in the account's currency"
              + " only, and this instrument is in another");
    }
    final int sideSign = Long.signum(p.lastFillSigned);
    if (quantity > Math.abs(p.lastFillSigned)) {
      throw new IllegalArgumentException(
          "field \"quantity\": a correction may lower a fill's quantity, not raise it ("
              + Fixed.toString(quantity)
              + " > "
              + Fixed.toString(Math.abs(p.lastFillSigned))
              + ")");
    }
    final InstrumentState state = instruments[p.instrument];
    final Ledger strategy = strategies[p.book];
    final int accountId = strategyAccount[p.book];
    final Ledger account = accounts[accountId];
    final Holding accountHolding = state.accountHolding(accountId);
    final long newSigned = sideSign * quantity;
    final Position.FillPreview after = new Position.FillPreview();
    final long realizedDelta;
    final long feeDelta;
    final long tradedNew;
    try {
      if (quantity == 0) {
        after.net = p.netBeforeLastFill;
        after.cost = p.costBeforeLastFill;
        after.realized = 0;
      } else {
        final Position before = new Position(p.book, p.instrument);
        before.net = p.netBeforeLastFill;
        before.cost = p.costBeforeLastFill;
        before.preview(newSigned, price, state.multiplier(), after);
        if (before.net != 0 && Long.signum(before.net) != Long.signum(after.net)) {
          throw new EventRefusedException(
              EventRefusedException.Kind.CONFLICT,
              "fill \"" + fillId + "\": the corrected fill would close or reverse the position");
        }
      }
      realizedDelta = Math.subtractExact(after.realized, p.lastFillRealized);
      feeDelta = Math.subtractExact(fee, p.lastFillFee);
      tradedNew = quantity == 0 ? 0 : Fixed.notionalOrOverflow(quantity, price, state.multiplier());
      final long reference = state.referencePrice();
      final long mark = after.net == 0 ? 0 : state.markPrice(after.net, config.markMode());
      final long unrealized =
          mark == 0
              ? 0
              : Math.subtractExact(
                  Long.signum(after.net) * state.notional(Math.abs(after.net), mark), after.cost);
      final long unrealizedDelta = Math.subtractExact(unrealized, p.unrealized);
      final long netDelta = Math.subtractExact(newSigned, p.lastFillSigned);
      final boolean fits =
          tradedNew != Fixed.OVERFLOW
              && Fixed.isWithinAmountRange(after.cost)
              && Fixed.isWithinAmountRange(Math.addExact(p.realized, realizedDelta))
              && Fixed.isWithinAmountRange(Math.addExact(p.fees, feeDelta))
              && ledgerFits(strategy, realizedDelta, feeDelta, unrealizedDelta)
              && ledgerFits(account, realizedDelta, feeDelta, unrealizedDelta)
              && ledgerFits(firm, realizedDelta, feeDelta, unrealizedDelta)
              && holdingFits(strategy, p, after.net, state, reference)
              && holdingFits(
                  account,
                  accountHolding,
                  Math.addExact(accountHolding.net, netDelta),
                  state,
                  reference)
              && holdingFits(
                  firm, state.firm, Math.addExact(state.firm.net, netDelta), state, reference);
      if (!fits) {
        throw new IllegalArgumentException(
            "fill \""
                + fillId
                + "\": the position restored"
                + (quantity == 0 ? "" : " and corrected")
                + " would take an amount beyond the largest the engine holds exactly"
                + " (10,000,000,000)");
      }
    } catch (ArithmeticException overflow) {
      throw new IllegalArgumentException(
          "fill \"" + fillId + "\": the correction takes an amount beyond the engine's range");
    }
    advanceTime(timestampNanos);
    final long netDelta = newSigned - p.lastFillSigned;
    final long before = p.net;
    p.net = after.net;
    p.cost = after.cost;
    p.realized += realizedDelta;
    p.fees += feeDelta;
    p.openedAtNanos =
        p.netBeforeLastFill == 0 && after.net != 0 ? p.openedAtNanos : p.openedBeforeLastFill;
    p.tradePnl = p.tradePnlBeforeLastFill + after.realized - fee;
    strategy.realized += realizedDelta;
    account.realized += realizedDelta;
    firm.realized += realizedDelta;
    strategy.fees += feeDelta;
    account.fees += feeDelta;
    firm.fees += feeDelta;
    if (p.lastFillDay == tradingDay) {
      final long tradedOld =
          Fixed.notionalOrOverflow(Math.abs(p.lastFillSigned), p.lastFillPrice, state.multiplier());
      untrade(strategy, tradedOld, tradedNew);
      untrade(account, tradedOld, tradedNew);
      untrade(firm, tradedOld, tradedNew);
    }
    final long accountBefore = accountHolding.net;
    accountHolding.net += netDelta;
    final long firmBefore = state.firm.net;
    state.firm.net += netDelta;
    countPositionChange(strategy, before, p.net);
    countPositionChange(account, accountBefore, accountHolding.net);
    countPositionChange(firm, firmBefore, state.firm.net);
    if (quantity == 0) {
      p.lastFillId = null; // the fill before it is not kept: it cannot be busted in turn
    } else {
      p.lastFillSigned = newSigned;
      p.lastFillPrice = price;
      p.lastFillFee = fee;
      p.lastFillRealized = after.realized;
    }
    trackInInstrument(p, state);
    remark(p, state);
    updateExposure(p, state, strategy);
    updateExposure(accountHolding, state, account);
    updateExposure(state.firm, state, firm);
    afterEquityChange(strategy);
    afterEquityChange(account);
    afterEquityChange(firm);
  }

  /** Takes a busted or corrected fill's notional out of the day's total (unless saturated). */
  private static void untrade(Ledger ledger, long oldNotional, long newNotional) {
    if (ledger.dayTradedNotional != Long.MAX_VALUE && oldNotional != Fixed.OVERFLOW) {
      ledger.dayTradedNotional = Math.max(0, ledger.dayTradedNotional - oldNotional);
      ledger.addTraded(newNotional);
    }
  }

  /** True when a holding at {@code net} (its open orders unchanged) stays in range. */
  private static boolean holdingFits(
      Ledger owner, Holding holding, long net, InstrumentState state, long reference) {
    if (reference == 0) {
      return true;
    }
    final long worst =
        Math.max(
            Math.abs(Math.addExact(net, holding.openBuy)),
            Math.abs(Math.subtractExact(net, holding.openSell)));
    final long exposure = Fixed.notionalOrOverflow(worst, reference, state.multiplier());
    return Fixed.isWithinAmountRange(exposure)
        && Fixed.isWithinAmountRange(
            Fixed.addOrOverflow(owner.grossExposure - holding.exposure, exposure));
  }

  /**
   * Refuses a fill whose amounts would leave the engine's range, before anything changes: the
   * position's entry value, its realized PnL and fees, the worst-case exposure and unrealized PnL
   * of the position, the account's and the firm's holding, and the totals of the three ledgers,
   * each held within {@link Fixed#MAX_AMOUNT} (twice that for unrealized PnL, which can swing
   * either way). On success {@link #fillPreview} holds the position after the fill.
   */
  private void requireFillInRange(
      InstrumentState state,
      Position position,
      int sideSign,
      long quantity,
      long price,
      long feeInCurrency) {
    final int book = position.book;
    final Ledger strategy = strategies[book];
    final int accountId = strategyAccount[book];
    final Ledger account = accounts[accountId];
    final Holding accountHolding = state.accountHolding(accountId);
    final long signed = sideSign * quantity;
    if (state.fx != null && !state.fx.exists()) {
      throw new IllegalArgumentException(
          "no conversion rate for "
              + state.fx.pair
              + ": a fill in "
              + state.definition.symbol()
              + " cannot be booked in the account currency");
    }
    try {
      position.preview(signed, price, state.multiplier(), fillPreview);
      // Realized PnL and the fee are booked in the account currency at the rate of the fill.
      final long realized = state.convertSigned(fillPreview.realized);
      final long fee = state.convertCost(feeInCurrency);
      final long reference = state.referencePrice() == 0 ? price : state.referencePrice();
      final long mark =
          fillPreview.net == 0
              ? 0
              : state.referencePrice() == 0
                  ? price
                  : state.markPrice(fillPreview.net, config.markMode());
      final long unrealized = state.unrealized(fillPreview.net, mark, fillPreview.cost);
      final long unrealizedDelta = Math.subtractExact(unrealized, position.unrealized);
      final boolean fits =
          Fixed.isWithinAmountRange(fillPreview.cost)
              && Fixed.isWithinAmountRange(Math.addExact(position.realized, realized))
              && Fixed.isWithinAmountRange(Math.addExact(position.fees, fee))
              && Fixed.isWithinAmountRange(Math.subtractExact(position.tradePnl, fee) + realized)
              && ledgerFits(strategy, realized, fee, unrealizedDelta)
              && ledgerFits(account, realized, fee, unrealizedDelta)
              && ledgerFits(firm, realized, fee, unrealizedDelta)
              && exposureFits(
                  strategy, position, fillPreview.net, sideSign, quantity, state, reference)
              && exposureFits(
                  account,
                  accountHolding,
                  Math.addExact(accountHolding.net, signed),
                  sideSign,
                  quantity,
                  state,
                  reference)
              && exposureFits(
                  firm,
                  state.firm,
                  Math.addExact(state.firm.net, signed),
                  sideSign,
                  quantity,
                  state,
                  reference);
      if (fits) {
        fillPreview.realized = realized;
        fillFee = fee;
        return;
      }
    } catch (ArithmeticException overflow) {
      // the same answer as an amount beyond the range
    }
    throw new IllegalArgumentException(
        "fields \"quantity\", \"price\", \"fee\": a fill of "
            + Fixed.toString(quantity)
            + " at "
            + Fixed.toString(price)
            + " with fee "
            + Fixed.toString(feeInCurrency)
            + " would take an amount beyond the largest the engine holds exactly"
            + " (10,000,000,000)");
  }

  private static boolean ledgerFits(Ledger ledger, long realized, long fee, long unrealizedDelta) {
    return Fixed.isWithinAmountRange(Math.addExact(ledger.realized, realized))
        && Fixed.isWithinAmountRange(Math.addExact(ledger.fees, fee))
        && Math.abs(Math.addExact(ledger.unrealized, unrealizedDelta)) <= 2 * Fixed.MAX_AMOUNT;
  }

  /**
   * True when the holding's exposure after a fill, and its owner's gross exposure, stay in range.
   */
  private static boolean exposureFits(
      Ledger owner,
      Holding holding,
      long netAfter,
      int sideSign,
      long quantity,
      InstrumentState state,
      long reference) {
    final long openBuy = holding.openBuy - (sideSign > 0 ? quantity : 0);
    final long openSell = holding.openSell - (sideSign < 0 ? quantity : 0);
    final long worst =
        Math.max(
            Math.abs(Math.addExact(netAfter, openBuy)),
            Math.abs(Math.subtractExact(netAfter, openSell)));
    final long exposure = state.checkedValue(worst, reference);
    return Fixed.isWithinAmountRange(exposure)
        && Fixed.isWithinAmountRange(
            Math.addExact(owner.grossExposure - holding.exposure, exposure));
  }

  private static void countPositionChange(Ledger ledger, long before, long after) {
    if (before == 0 && after != 0) {
      ledger.openPositions++;
      ledger.holdingsEpoch++;
    } else if (before != 0 && after == 0) {
      ledger.openPositions--;
      ledger.holdingsEpoch++;
    } else if (Long.signum(before) != Long.signum(after)) {
      ledger.holdingsEpoch++;
    }
  }

  /** Reserves an approved order at the book, account and firm levels. */
  void reserve(OrderRequest order) {
    final InstrumentState state = instruments[order.instrument];
    final int sideSign = order.side.sign();
    openOrders.add(
        order.orderKey,
        order.orderId,
        order.strategy,
        order.instrument,
        sideSign,
        order.quantity,
        order.price,
        order.timeInForce.ordinal(),
        order.timeInForce == io.riskgate.core.event.TimeInForce.GTD ? order.expireAtNanos : 0);
    if (order.timeInForce == io.riskgate.core.event.TimeInForce.GTD) {
      nextExpiryNanos = Math.min(nextExpiryNanos, order.expireAtNanos);
    }
    final Position position = position(order.strategy, order.instrument);
    final Holding accountHolding = state.accountHolding(order.account);
    addOpen(position, sideSign, order.quantity);
    addOpen(accountHolding, sideSign, order.quantity);
    addOpen(state.firm, sideSign, order.quantity);
    strategies[order.strategy].openOrders++;
    accounts[order.account].openOrders++;
    firm.openOrders++;
    trackInInstrument(position, state);
    updateExposure(position, state, strategies[order.strategy]);
    updateExposure(accountHolding, state, accounts[order.account]);
    updateExposure(state.firm, state, firm);
  }

  /**
   * Releases {@code quantity} of an open order's reservation; closes the order at zero. With {@code
   * revalue}, re-tracks the position and re-values the three holdings' exposure (a fill does that
   * itself after moving the position).
   */
  private void release(int slot, long quantity, boolean revalue) {
    final int book = openOrders.books[slot];
    final int instrument = openOrders.instruments[slot];
    final int sideSign = openOrders.sides[slot];
    final int accountId = strategyAccount[book];
    final InstrumentState state = instruments[instrument];
    final Position position = positions[book][instrument];
    final Holding accountHolding = state.accountHolding(accountId);
    addOpen(position, sideSign, -quantity);
    addOpen(accountHolding, sideSign, -quantity);
    addOpen(state.firm, sideSign, -quantity);
    openOrders.remaining[slot] -= quantity;
    if (openOrders.remaining[slot] == 0) {
      openOrders.remove(slot);
      strategies[book].openOrders--;
      accounts[accountId].openOrders--;
      firm.openOrders--;
    }
    if (revalue) {
      trackInInstrument(position, state);
      updateExposure(position, state, strategies[book]);
      updateExposure(accountHolding, state, accounts[accountId]);
      updateExposure(state.firm, state, firm);
    }
  }

  private static void addOpen(Holding holding, int sideSign, long quantity) {
    if (sideSign > 0) {
      holding.openBuy += quantity;
    } else {
      holding.openSell += quantity;
    }
  }

  private void trackInInstrument(Position position, InstrumentState state) {
    final boolean heldBefore = state.positionCount > 0;
    if (position.net != 0 || position.openBuy != 0 || position.openSell != 0) {
      state.addPosition(position);
    } else {
      state.removePosition(position);
    }
    if (heldBefore != state.positionCount > 0) {
      staleness.onHoldingChanged(state);
    }
  }

  Position position(int book, int instrument) {
    Position[] row = positions[book];
    if (instrument >= row.length) {
      row = Arrays.copyOf(row, Math.max(instrument + 1, row.length * 2));
      positions[book] = row;
    }
    Position position = row[instrument];
    if (position == null) {
      position = new Position(book, instrument);
      row[instrument] = position;
    }
    return position;
  }

  /**
   * A limit as it applies to a book: the strategy's own value, else its account's, else the firm's;
   * {@link LimitSet#UNSET} when none of them sets it.
   */
  long bookLimit(int strategy, Limit limit) {
    long value = strategies[strategy].limits.get(limit);
    if (value == LimitSet.UNSET) {
      value = accounts[strategyAccount[strategy]].limits.get(limit);
    }
    return value == LimitSet.UNSET ? firm.limits.get(limit) : value;
  }

  /** The position of a book in an instrument, or null when it never traded or reserved. */
  Position positionOrNull(int book, int instrument) {
    final Position[] row = positions[book];
    return instrument < row.length ? row[instrument] : null;
  }

  // ---------------------------------------------------------------- time

  /** Refuses a time before the engine's clock. */
  void requireTimeNotBefore(long timestampNanos) {
    if (timestampNanos == Event.NO_TIME) {
      throw new IllegalArgumentException("ts is missing");
    }
    if (now != Long.MIN_VALUE && timestampNanos < now) {
      throw new IllegalArgumentException(
          "out-of-order timestamp "
              + Instant.ofEpochSecond(0, timestampNanos)
              + " is before the engine time "
              + Instant.ofEpochSecond(0, now));
    }
  }

  private void advanceTimeIfGiven(long timestampNanos) {
    if (timestampNanos != Event.NO_TIME) {
      requireTimeNotBefore(timestampNanos);
      advanceTime(timestampNanos);
    }
  }

  /** Moves the clock to {@code timestampNanos} (not before now) and rolls the trading day. */
  void advanceTime(long timestampNanos) {
    requireTimeNotBefore(timestampNanos);
    now = timestampNanos;
    if (timestampNanos >= nextDayStartNanos) {
      startTradingDay(timestampNanos);
    }
    if (timestampNanos >= nextExpiryNanos) {
      expireGoodTillDate();
    }
    safeguards.onTime(timestampNanos);
  }

  private void startTradingDay(long timestampNanos) {
    final ZonedDateTime local =
        Instant.ofEpochSecond(0, timestampNanos).atZone(config.tradingDayZone());
    LocalDate day = local.toLocalDate();
    if (local.toLocalTime().isBefore(config.tradingDayStart())) {
      day = day.minusDays(1);
    }
    final boolean first = tradingDay == Long.MIN_VALUE;
    if (!first) {
      expireDayOrders();
    }
    tradingDay = day.toEpochDay();
    final Instant next =
        day.plusDays(1)
            .atTime(config.tradingDayStart())
            .atZone(config.tradingDayZone())
            .toInstant();
    nextDayStartNanos = next.getEpochSecond() * NANOS_PER_SECOND + next.getNano();
    firm.startDay();
    for (int i = 0; i < accountCount; i++) {
      accounts[i].startDay();
    }
    for (int i = 0; i < strategyCount; i++) {
      strategies[i].startDay();
    }
    for (int i = 0; i < instrumentCount; i++) {
      instruments[i].rollDay(tradingDay);
    }
    if (!first) {
      forgetClosedOrders();
    }
    safeguards.onNewDay();
  }

  /** Expires the open day and ioc orders: the trading day they were good for has ended. */
  private void expireDayOrders() {
    for (int slot = 0, used = openOrders.used(); slot < used; slot++) {
      final int tif = openOrders.timesInForce[slot];
      if (openOrders.remaining[slot] > 0 && (tif == 1 || tif == 2)) {
        expire(slot, tif == 1 ? "day order, trading day ended" : "ioc order, trading day ended");
      }
    }
  }

  /** Expires the open GTD orders whose expireAt has come, and finds the next expiry. */
  private void expireGoodTillDate() {
    long next = Long.MAX_VALUE;
    for (int slot = 0, used = openOrders.used(); slot < used; slot++) {
      if (openOrders.remaining[slot] > 0 && openOrders.timesInForce[slot] == 3) {
        if (openOrders.expireAt[slot] <= now) {
          expire(slot, "gtd order reached its expireAt");
        } else {
          next = Math.min(next, openOrders.expireAt[slot]);
        }
      }
    }
    nextExpiryNanos = next;
  }

  private void expire(int slot, String reason) {
    final String id = openOrders.ids[slot];
    final Scope scope = strategies[openOrders.books[slot]].scope();
    final String name = id != null ? id : Long.toString(openOrders.keys[slot]);
    release(slot, openOrders.remaining[slot], true);
    sink.onStateChange(
        new StateChange(now, scope, "order", "OPEN", "EXPIRED", "order " + name + ": " + reason));
  }

  /**
   * Registers an order id the engine issues itself (a flattening order) and returns its key, or −1
   * when the id is already in use today.
   */
  long registerEngineOrder(String orderId) {
    if (orderKeysById.contains(orderId)) {
      return -1;
    }
    final long key = nextOrderKey++;
    orderKeysById.put(orderId, key);
    orderKeysSeenToday.put(key, 0);
    return key;
  }

  private void forgetClosedOrders() {
    orderKeysSeenToday.clear();
    fillIdsToday.clear();
    orderKeysById.clear();
    for (int slot : openOrders.openSlots()) {
      orderKeysSeenToday.put(openOrders.keys[slot], 0);
      if (openOrders.ids[slot] != null) {
        orderKeysById.put(openOrders.ids[slot], openOrders.keys[slot]);
      }
    }
  }

  long tradingDay() {
    return tradingDay;
  }

  // ---------------------------------------------------------------- lookups

  private int requireInstrument(String symbol) {
    final Integer id = instrumentIds.get(symbol);
    if (id == null) {
      throw new IllegalArgumentException("unknown instrument \"" + symbol + "\"");
    }
    return id;
  }

  private int requireAccount(String account) {
    final Integer id = accountIds.get(account);
    if (id == null) {
      throw new IllegalArgumentException("unknown account \"" + account + "\"");
    }
    return id;
  }

  private int requireStrategy(String strategy) {
    final Integer id = strategyIds.get(strategy);
    if (id == null) {
      throw new IllegalArgumentException("unknown strategy \"" + strategy + "\"");
    }
    return id;
  }

  private InstrumentState instrumentState(int instrument) {
    if (instrument < 0 || instrument >= instrumentCount) {
      throw new IllegalArgumentException("unknown instrument id " + instrument);
    }
    return instruments[instrument];
  }

  /** Dense id of an instrument, or −1. */
  public int instrumentId(String symbol) {
    return instrumentIds.getOrDefault(symbol, -1);
  }

  /** Dense id of an account, or −1. */
  public int accountId(String account) {
    return accountIds.getOrDefault(account, -1);
  }

  /** Dense id of a strategy, or −1. */
  public int strategyId(String strategy) {
    return strategyIds.getOrDefault(strategy, -1);
  }

  /** The engine's clock: the time of the latest timed event, ns, or Long.MIN_VALUE. */
  public long timeNanos() {
    return now;
  }

  // ---------------------------------------------------------------- read-only views

  /**
   * The strategy of the order open under {@code orderId} now, or null when no order is open under
   * that id (never used, or filled, cancelled or forgotten at a trading-day roll). The edge
   * authorizes a trader's fills and cancels with it.
   */
  public String openOrderStrategy(String orderId) {
    final Long key = orderKeysById.get(orderId);
    final int slot = key == null ? LongIntHashMap.MISSING : openOrders.slot(key);
    return slot == LongIntHashMap.MISSING ? null : strategies[openOrders.books[slot]].name;
  }

  /**
   * The strategy of the position whose latest fill (still open to a bust or correction) is {@code
   * fillId}, or null. The edge authorizes a trader's busts and corrections with it.
   */
  public String lastFillStrategy(String fillId) {
    for (int s = 0; s < strategyCount; s++) {
      for (Position p : positions[s]) {
        if (p != null && fillId.equals(p.lastFillId)) {
          return strategies[s].name;
        }
      }
    }
    return null;
  }

  /**
   * The trading day the engine is in, as days since 1970-01-01, or {@code Long.MIN_VALUE} before
   * the first timed event. It changes when the engine rolls the day and forgets closed order ids
   * and the day's fill ids.
   */
  public long currentTradingDay() {
    return tradingDay;
  }

  /** One position as a value, for reports and tests. */
  public record PositionView(
      String strategy,
      String account,
      String symbol,
      long quantity,
      long cost,
      long realizedPnl,
      long fees,
      long unrealizedPnl,
      long openBuy,
      long openSell,
      long openedAtNanos) {}

  /** Totals of one scope as a value: money in fixed-point. */
  public record LedgerView(
      String scope,
      long equity,
      long realizedPnl,
      long fees,
      long unrealizedPnl,
      long grossExposure,
      long highWaterMark,
      long dailyPnl,
      int openOrders,
      int openPositions,
      TradingState state,
      boolean killed) {}

  /**
   * One instrument as a value: its definition and the freshness of its price at the engine's time.
   *
   * @param lastPriceNanos time of the latest price or bar, or Long.MIN_VALUE
   * @param marketOpen whether its session is open at the engine's time
   * @param priceAgeNanos the age counted in the session (0 when closed; Long.MAX_VALUE with nothing
   *     to count from)
   * @param staleLimitNanos the age beyond which it is stale (see {@link PriceStaleness})
   * @param stale whether it is stale (its {@code STALE_PRICE} alert raised)
   */
  public record InstrumentView(
      Event.Instrument definition,
      long lastPriceNanos,
      boolean marketOpen,
      long priceAgeNanos,
      long staleLimitNanos,
      boolean stale) {}

  /** Every instrument in definition order; before any timed event none is open or aged. */
  public List<InstrumentView> instruments() {
    final List<InstrumentView> list = new ArrayList<>(instrumentCount);
    for (int i = 0; i < instrumentCount; i++) {
      final InstrumentState s = instruments[i];
      final boolean timed = now != Long.MIN_VALUE;
      list.add(
          new InstrumentView(
              s.definition,
              s.lastPriceNanos,
              timed && s.definition.session().windowAt(now).open(),
              timed ? staleness.ageNanos(i, now) : 0,
              staleness.alertLimitNanos(i),
              staleness.isStale(i)));
    }
    return list;
  }

  /** Every position with a quantity or open orders, in (strategy, instrument) order. */
  public List<PositionView> positions() {
    final List<PositionView> list = new ArrayList<>();
    for (int s = 0; s < strategyCount; s++) {
      for (Position p : positions[s]) {
        if (p != null && (p.net != 0 || p.openBuy != 0 || p.openSell != 0 || p.realized != 0)) {
          list.add(
              new PositionView(
                  strategies[s].name,
                  accounts[strategyAccount[s]].name,
                  instruments[p.instrument].definition.symbol(),
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

  /** Totals of a firm, account or strategy scope. */
  public LedgerView ledger(String scope) {
    final Ledger l = ledger(Scope.parse(scope));
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

  /**
   * The net exposure in {@code currency} (positions plus cash) of an account ({@code account} its
   * id) or of the firm ({@code account} −1), in the account currency: the unrealized PnL of the
   * positions in that currency, each converted at its side (see {@link #currencies}).
   */
  long netCurrencyExposure(String currency, int account) {
    long total = 0;
    for (int i = 0; i < instrumentCount; i++) {
      final InstrumentState state = instruments[i];
      if (state.fx == null || !currency.equals(state.currency())) {
        continue;
      }
      for (int k = 0; k < state.positionCount; k++) {
        final Position p = state.positions[k];
        if (account < 0 || strategyAccount[p.book] == account) {
          total += p.unrealized;
        }
      }
    }
    return total;
  }

  /**
   * The balance and net exposure of one currency in an account (or the firm), money in fixed-point.
   *
   * @param currency the currency
   * @param cash its cash balance, in that currency: for the account currency the capital with
   *     deposits, realized PnL and fees (all booked in it) less the entry value of the positions in
   *     it; for another currency minus the entry value of its positions (a fill pays in the
   *     instrument's currency, financed by a negative balance)
   * @param positions the market value of the positions in it, in that currency
   * @param net cash plus positions, in that currency
   * @param netInAccountCurrency the net converted into the account currency (positions at their
   *     side); for the account currency, the same as {@code net}
   */
  public record CurrencyView(
      String currency, long cash, long positions, long net, long netInAccountCurrency) {}

  /**
   * Balances and net exposure per currency of an account (its name), or of the firm (null), the
   * account currency first, then the others in alphabetical order; the sum of {@code
   * netInAccountCurrency} is the equity.
   */
  public List<CurrencyView> currencies(String account) {
    final int accountId = account == null ? -1 : requireAccount(account);
    final Ledger owner = accountId < 0 ? firm : accounts[accountId];
    final java.util.TreeMap<String, long[]> byCurrency = new java.util.TreeMap<>();
    long domesticCash = owner.base + owner.realized - owner.fees;
    long domesticValue = 0;
    long foreignNet = 0;
    for (int s = 0; s < strategyCount; s++) {
      if (accountId >= 0 && strategyAccount[s] != accountId) {
        continue;
      }
      for (Position p : positions[s]) {
        if (p == null || p.net == 0) {
          continue;
        }
        final InstrumentState state = instruments[p.instrument];
        final long mark = state.markPrice(p.net, config.markMode());
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
            accountCurrency == null ? "" : accountCurrency,
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

  /** True once the engine has met a rate or an instrument in a currency not the account's. */
  public boolean multiCurrency() {
    return foreignInstruments > 0 || fxRates.count > 0;
  }

  /** The account currency (the first account's), or null before any account. */
  public String accountCurrency() {
    return accountCurrency;
  }

  /** The latest rate of every currency pair, in the order they first arrived. */
  public List<Event.FxRate> fxRates() {
    final List<Event.FxRate> list = new ArrayList<>(fxRates.count);
    for (int i = 0; i < fxRates.count; i++) {
      list.add(
          new Event.FxRate(
              fxRates.times[i],
              fxRates.bases[i],
              fxRates.quotes[i],
              fxRates.bids[i],
              fxRates.asks[i]));
    }
    return list;
  }

  /** The circuit breaker state of a firm, account or strategy scope. */
  public BreakerState breakerState(String scope) {
    return ledger(Scope.parse(scope)).breaker.state;
  }

  /** The limits set at a scope. */
  public LimitSet limits(String scope) {
    final LimitSet copy = new LimitSet();
    copy.copyFrom(limitSet(Scope.parse(scope)));
    return copy;
  }

  /**
   * One scope's position limit in one instrument, as the {@code POSITION_LIMIT} check and sizing
   * compute it: {@code limit} the money the scope's limits allow ({@code Long.MAX_VALUE} when it
   * sets none), {@code used} the value of the larger side of the holding with its open orders at
   * the reference price, {@code buyRoom} and {@code sellRoom} the quantity an order of each side
   * may still add ({@code Long.MAX_VALUE} when unlimited; negative when beyond). {@code account}
   * names the account an instrument scope's limit is held at (null for the other scopes).
   */
  public record PositionHeadroom(
      String scope,
      String instrument,
      String account,
      long limit,
      long used,
      long buyRoom,
      long sellRoom) {}

  /** The position headroom of every scope in every held, priced instrument; reads only. */
  public List<PositionHeadroom> positionHeadroom() {
    return HeadroomReport.build(this);
  }

  /** The risk report of the current state (see {@link RiskReporter}); reads only. */
  public RiskReport report(long timestampNanos) {
    return reporter.build(timestampNanos, monitor.activeAlerts());
  }

  /** Alerts raised and not yet cleared, oldest first. */
  public List<Alert> activeAlerts() {
    return monitor.activeAlerts();
  }

  // ---------------------------------------------------------------- snapshots

  private static final long SNAPSHOT_MAGIC = 0x5249534B47415445L; // "RISKGATE"

  /** The snapshot format this engine writes and reads; older ones are refused (replay instead). */
  public static final int SNAPSHOT_VERSION = 5;

  private static final int HEADER_BYTES = 20;

  // Sections in the order they are written; each has its own format version (all 1 so far).
  private static final int SETTINGS = SnapshotReader.tag("SETS");
  private static final int CLOCK = SnapshotReader.tag("CLCK");
  private static final int LEDGERS = SnapshotReader.tag("LEDG");
  private static final int POSITIONS = SnapshotReader.tag("POSN");
  private static final int CURRENCIES = SnapshotReader.tag("CCY ");
  private static final int INSTRUMENTS = SnapshotReader.tag("INST");
  private static final int ORDERS = SnapshotReader.tag("ORDR");
  private static final int MONITOR = SnapshotReader.tag("MONI");
  private static final int SAFEGUARDS = SnapshotReader.tag("SAFE");
  private static final int STALENESS = SnapshotReader.tag("STAL");
  private static final int SECTIONS = 10;

  /** The size of the latest snapshot, to size the next one's buffer; not part of the state. */
  private int snapshotSizeHint;

  /**
   * The whole state as bytes, written section by section by the component that owns it; restored by
   * {@link #readSnapshot}. In memory only: writing it anywhere is the caller's job.
   *
   * <p>Layout (the header big-endian, the body little-endian):
   *
   * <pre>
   *  long  magic "RISKGATE"
   *  int   format version (5)
   *  int   CRC32C of the body
   *  int   length of the body
   *  body: int number of sections (10), then each section:
   *          int tag, int section version, int length, bytes
   *        SETS  fingerprint of the engine settings the state was built under
   *        CLCK  clock, trading day, next day start and expiry, id counter, returns epoch
   *        LEDG  the firm's, the accounts' and the strategies' ledgers, in definition order
   *        POSN  the positions of each strategy
   *        CCY   the account currency and the FX rates
   *        INST  the instruments, with their limits, in definition order
   *        ORDR  open orders, the order keys, order ids and fill ids of the day
   *        MONI  raised alerts, correlated pairs, the next report time
   *        SAFE  venue status, kills and instructions in flight, own orders, throttle windows
   *        STAL  stale instruments and their session windows
   * </pre>
   *
   * Every value is written by value and every collection in a defined order (definition order, slot
   * order, sorted keys or the order of events), so equal states give equal bytes. Settings and
   * scratch are not written: they come from the configuration given to {@link #readSnapshot}.
   */
  public byte[] writeSnapshot() {
    final long estimate =
        (1L << 16)
            + orderSectionEstimate()
            + orderKeysSeenToday.size() * 12L
            + instrumentCount * 1024L
            + (accountCount + strategyCount) * 8192L;
    final SnapshotWriter out =
        new SnapshotWriter(
            (int) Math.min(1 << 30, Math.max(estimate, snapshotSizeHint + snapshotSizeHint / 8L)));
    for (int i = 0; i < HEADER_BYTES; i++) {
      out.writeByte(0); // the header, filled in below
    }
    out.writeInt(SECTIONS);
    writeSettingsSection(out);
    writeClockSection(out);
    writeLedgerSection(out);
    writePositionSection(out);
    out.beginSection(CURRENCIES, 1);
    out.writeString(accountCurrency);
    out.writeInt(foreignInstruments);
    fxRates.write(out);
    out.endSection();
    writeInstrumentSection(out);
    writeOrderSection(out);
    out.beginSection(MONITOR, 1);
    monitor.write(out);
    out.endSection();
    out.beginSection(SAFEGUARDS, 1);
    safeguards.write(out);
    out.endSection();
    out.beginSection(STALENESS, 1);
    staleness.write(out);
    out.endSection();
    final byte[] snapshot = out.toByteArray();
    snapshotSizeHint = snapshot.length;
    final int length = snapshot.length - HEADER_BYTES;
    final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(snapshot, HEADER_BYTES, length);
    java.nio.ByteBuffer.wrap(snapshot)
        .putLong(SNAPSHOT_MAGIC)
        .putInt(SNAPSHOT_VERSION)
        .putInt((int) crc.getValue())
        .putInt(length);
    return snapshot;
  }

  /**
   * A first size for the order part of a snapshot, so that writing one seldom grows its buffer: a
   * few dozen bytes per open order, order id and fill id of the day.
   */
  private int orderSectionEstimate() {
    final long bytes =
        4096L + openOrders.size() * 64L + orderKeysById.size() * 8L + fillIdsToday.size() * 24L;
    return (int) Math.min(1 << 30, bytes);
  }

  /**
   * Restores an engine from {@link #writeSnapshot} bytes under {@code config} (the settings the
   * snapshot was taken under), sending its future outputs to {@code sink}.
   *
   * @throws SnapshotFormatException when the bytes are not an intact snapshot of this format, or
   *     were taken under other settings; the caller replays the journal instead
   */
  public static RiskEngine readSnapshot(byte[] snapshot, EngineConfig config, OutputSink sink) {
    final java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(snapshot);
    if (snapshot.length < HEADER_BYTES || header.getLong() != SNAPSHOT_MAGIC) {
      throw new SnapshotFormatException("not a Riskgate engine snapshot");
    }
    final int version = header.getInt();
    if (version != SNAPSHOT_VERSION) {
      throw new SnapshotFormatException(
          "snapshot format version "
              + version
              + ", this engine reads "
              + SNAPSHOT_VERSION
              + (version < SNAPSHOT_VERSION
                  ? " (formats before 5 were Java serialization of another version of the code)"
                  : ""));
    }
    final int expectedCrc = header.getInt();
    final int length = header.getInt();
    if (length != snapshot.length - HEADER_BYTES) {
      throw new SnapshotFormatException(
          "snapshot body is "
              + (snapshot.length - HEADER_BYTES)
              + " bytes, its header says "
              + length);
    }
    final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(snapshot, HEADER_BYTES, length);
    if ((int) crc.getValue() != expectedCrc) {
      throw new SnapshotFormatException("snapshot checksum mismatch: the snapshot is damaged");
    }
    final SnapshotReader in = new SnapshotReader(snapshot, HEADER_BYTES, length);
    final int sections = in.readInt();
    if (sections != SECTIONS) {
      throw new SnapshotFormatException(
          "snapshot has " + sections + " sections, format 5 has " + SECTIONS);
    }
    final RiskEngine engine = new RiskEngine(config, sink);
    engine.readSettingsSection(in);
    engine.readClockSection(in);
    engine.readLedgerSection(in);
    engine.readPositionSection(in);
    in.beginSection(CURRENCIES, 1);
    engine.accountCurrency = in.readString();
    engine.foreignInstruments = in.readInt();
    engine.fxRates.read(in);
    in.endSection();
    engine.readInstrumentSection(in);
    engine.readOrderSection(in);
    in.beginSection(MONITOR, 1);
    engine.monitor.read(in);
    in.endSection();
    in.beginSection(SAFEGUARDS, 1);
    engine.safeguards.read(in);
    in.endSection();
    in.beginSection(STALENESS, 1);
    engine.staleness.read(in);
    in.endSection();
    in.requireEnd();
    return engine;
  }

  /**
   * A digest of the settings' canonical text: a snapshot holds no settings, but refuses to be read
   * under settings other than those it was taken under (the state would not be the one a replay
   * under these settings builds).
   */
  private long settingsFingerprint() {
    final StateHasher h = new StateHasher();
    h.add(config.toString());
    return h.value();
  }

  private void writeSettingsSection(SnapshotWriter out) {
    out.beginSection(SETTINGS, 1);
    out.writeLong(settingsFingerprint());
    out.endSection();
  }

  private void readSettingsSection(SnapshotReader in) {
    in.beginSection(SETTINGS, 1);
    final long written = in.readLong();
    in.endSection();
    if (written != settingsFingerprint()) {
      throw new SnapshotFormatException(
          "snapshot was taken under other engine settings (fingerprint "
              + Long.toHexString(written)
              + ", these settings "
              + Long.toHexString(settingsFingerprint())
              + ")");
    }
  }

  private void writeClockSection(SnapshotWriter out) {
    out.beginSection(CLOCK, 1);
    out.writeLong(now);
    out.writeLong(tradingDay);
    out.writeLong(nextDayStartNanos);
    out.writeLong(nextExpiryNanos);
    out.writeLong(nextOrderKey);
    out.writeLong(returnsEpoch);
    out.endSection();
  }

  private void readClockSection(SnapshotReader in) {
    in.beginSection(CLOCK, 1);
    now = in.readLong();
    tradingDay = in.readLong();
    nextDayStartNanos = in.readLong();
    nextExpiryNanos = in.readLong();
    nextOrderKey = in.readLong();
    returnsEpoch = in.readLong();
    in.endSection();
  }

  private void writeLedgerSection(SnapshotWriter out) {
    out.beginSection(LEDGERS, 1);
    firm.write(out);
    out.writeInt(accountCount);
    for (int i = 0; i < accountCount; i++) {
      accounts[i].write(out);
    }
    out.writeInt(strategyCount);
    for (int i = 0; i < strategyCount; i++) {
      strategies[i].write(out);
      out.writeInt(strategyAccount[i]);
    }
    out.endSection();
  }

  private void readLedgerSection(SnapshotReader in) {
    in.beginSection(LEDGERS, 1);
    firm.readInPlace(in);
    accountCount = in.readCount(64);
    accounts = new Ledger[Math.max(4, accountCount)];
    for (int i = 0; i < accountCount; i++) {
      accounts[i] = Ledger.read(in, Scope.Kind.ACCOUNT, i);
      if (accountIds.put(accounts[i].name, i) != null) {
        throw in.invalid("account " + accounts[i].name + " written twice");
      }
    }
    strategyCount = in.readCount(64);
    strategies = new Ledger[Math.max(4, strategyCount)];
    strategyAccount = new int[strategies.length];
    positions = new Position[strategies.length][];
    for (int i = 0; i < strategyCount; i++) {
      strategies[i] = Ledger.read(in, Scope.Kind.STRATEGY, i);
      strategyAccount[i] = in.readInt();
      if (strategyAccount[i] < 0 || strategyAccount[i] >= accountCount) {
        throw in.invalid(
            "strategy " + strategies[i].name + " of account " + strategyAccount[i] + " unknown");
      }
      if (strategyIds.put(strategies[i].name, i) != null) {
        throw in.invalid("strategy " + strategies[i].name + " written twice");
      }
    }
    in.endSection();
  }

  private void writePositionSection(SnapshotWriter out) {
    out.beginSection(POSITIONS, 1);
    for (int i = 0; i < strategyCount; i++) {
      final Position[] row = positions[i];
      int n = 0;
      for (Position p : row) {
        n += p == null ? 0 : 1;
      }
      out.writeInt(row.length);
      out.writeInt(n);
      for (Position p : row) {
        if (p != null) {
          p.write(out);
        }
      }
    }
    out.endSection();
  }

  private void readPositionSection(SnapshotReader in) {
    in.beginSection(POSITIONS, 1);
    for (int i = 0; i < strategyCount; i++) {
      final int length = in.readCount(0);
      if (length > (1 << 24)) {
        throw in.invalid("a row of " + length + " positions");
      }
      final Position[] row = new Position[length];
      positions[i] = row;
      final int n = in.readCount(100, length, "positions of strategy " + strategies[i].name);
      for (int k = 0; k < n; k++) {
        final Position p = Position.readPosition(in);
        if (p.book != i
            || p.instrument < 0
            || p.instrument >= length
            || row[p.instrument] != null) {
          throw in.invalid("position of book " + p.book + " in instrument " + p.instrument);
        }
        row[p.instrument] = p;
      }
    }
    in.endSection();
  }

  private void writeInstrumentSection(SnapshotWriter out) {
    out.beginSection(INSTRUMENTS, 1);
    out.writeInt(instrumentCount);
    for (int i = 0; i < instrumentCount; i++) {
      instruments[i].write(out);
      instrumentLimits[i].write(out);
    }
    out.endSection();
  }

  private void readInstrumentSection(SnapshotReader in) {
    in.beginSection(INSTRUMENTS, 1);
    instrumentCount = in.readCount(100);
    instruments = new InstrumentState[Math.max(16, instrumentCount)];
    instrumentLimits = new LimitSet[instruments.length];
    for (int i = 0; i < instrumentCount; i++) {
      instruments[i] =
          InstrumentState.read(
              in,
              i,
              config.returnHistoryCapacity(),
              config.liquidityLookbackDays(),
              positions,
              strategyCount,
              accountCount,
              fxRates.count);
      instrumentLimits[i] = new LimitSet();
      instrumentLimits[i].read(in);
      if (instrumentIds.put(instruments[i].definition.symbol(), i) != null) {
        throw in.invalid("instrument " + instruments[i].definition.symbol() + " written twice");
      }
    }
    for (int b = 0; b < strategyCount; b++) {
      for (Position p : positions[b]) {
        if (p != null && p.instrument >= instrumentCount) {
          throw in.invalid("a position in instrument " + p.instrument + ", which does not exist");
        }
      }
    }
    final int capacity = Math.max(1, instrumentCount);
    firm.ensureInstrumentCapacity(capacity);
    for (int i = 0; i < accountCount; i++) {
      accounts[i].ensureInstrumentCapacity(capacity);
    }
    for (int i = 0; i < strategyCount; i++) {
      strategies[i].ensureInstrumentCapacity(capacity);
    }
    in.endSection();
  }

  /**
   * Open orders, the order keys of the day, and the day's order ids and fill ids, each in one
   * sequential pass. An order id whose order is still open is written once, with the order (see
   * {@link DayIds#write}).
   */
  private void writeOrderSection(SnapshotWriter out) {
    out.beginSection(ORDERS, 1);
    openOrders.write(out);
    orderKeysSeenToday.write(out);
    orderKeysById.write(out, openOrders);
    fillIdsToday.write(out, null);
    out.endSection();
  }

  private void readOrderSection(SnapshotReader in) {
    in.beginSection(ORDERS, 1);
    openOrders = OpenOrders.read(in);
    for (int slot : openOrders.openSlots()) {
      if (openOrders.books[slot] < 0
          || openOrders.books[slot] >= strategyCount
          || openOrders.instruments[slot] < 0
          || openOrders.instruments[slot] >= instrumentCount) {
        throw in.invalid(
            "an open order of book "
                + openOrders.books[slot]
                + " in instrument "
                + openOrders.instruments[slot]);
      }
    }
    orderKeysSeenToday.read(in);
    orderKeysById = DayIds.read(in, openOrders, 1024);
    fillIdsToday = DayIds.read(in, null, 1024);
    in.endSection();
  }

  // ---------------------------------------------------------------- state digest

  /** A 64-bit digest of the whole state; equal for engines that applied the same events. */
  public long stateHash() {
    final StateHasher h = new StateHasher();
    h.add(now);
    h.add(tradingDay);
    h.add(instrumentCount);
    for (int i = 0; i < instrumentCount; i++) {
      final InstrumentState s = instruments[i];
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
      h.add(instrumentLimits[i].toString());
    }
    hashLedger(h, firm);
    for (int i = 0; i < accountCount; i++) {
      hashLedger(h, accounts[i]);
    }
    for (int i = 0; i < strategyCount; i++) {
      hashLedger(h, strategies[i]);
      h.add(strategyAccount[i]);
      for (Position p : positions[i]) {
        if (p != null) {
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
      }
    }
    for (int slot : openOrders.openSlots()) {
      h.add(openOrders.keys[slot]);
      h.add(openOrders.ids[slot]);
      h.add(openOrders.books[slot]);
      h.add(openOrders.instruments[slot]);
      h.add(openOrders.sides[slot]);
      h.add(openOrders.remaining[slot]);
      h.add(openOrders.prices[slot]);
      if (openOrders.timesInForce[slot] != 0) { // GTC adds nothing: digests of GTC books unchanged
        h.add(openOrders.timesInForce[slot]);
        h.add(openOrders.expireAt[slot]);
      }
    }
    if (nextExpiryNanos != Long.MAX_VALUE) {
      h.add(nextExpiryNanos);
    }
    h.add(orderKeysSeenToday.size());
    h.add(fillIdsToday.size());
    h.add(orderKeysById.size());
    h.add(nextOrderKey);
    h.add(nextDayStartNanos);
    h.add(returnsEpoch);
    monitor.hashInto(h);
    safeguards.hashInto(h);
    staleness.addTo(h);
    // Currencies: absent from the digest of an engine that never met a rate or a foreign
    // instrument, so a single-currency state hashes as it did before currencies existed.
    if (fxRates.count > 0 || foreignInstruments > 0) {
      h.add(accountCurrency);
      fxRates.hashInto(h);
      h.add(foreignInstruments);
      for (int i = 0; i < instrumentCount; i++) {
        if (instruments[i].fx != null) {
          h.add(i);
          instruments[i].fx.hashInto(h);
          h.add(instruments[i].fxAlerted);
        }
      }
    }
    return h.value();
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
    h.add(l.breaker.state.ordinal());
    h.add(l.breaker.openedAtNanos);
    h.add(l.breaker.halfOpenAtNanos);
    h.add(l.breaker.lossRun);
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

  static boolean isRiskReducing(Position position, Side side, long quantity) {
    if (position == null) {
      return false;
    }
    if (side == Side.BUY) {
      return position.net < 0 && position.openBuy + quantity <= -position.net;
    }
    return position.net > 0 && position.openSell + quantity <= position.net;
  }
}
