package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.breaker.BreakerState;
import io.riskgate.core.check.Decision;
import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.collections.SequentialKeySet;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.monitor.Monitor;
import io.riskgate.core.monitor.PriceStaleness;
import io.riskgate.core.position.Position;
import io.riskgate.core.report.HeadroomReport;
import io.riskgate.core.report.PositionHeadroom;
import io.riskgate.core.report.RiskReport;
import io.riskgate.core.report.RiskReporter;
import io.riskgate.core.sizing.PositionSizing;
import io.riskgate.core.snapshot.SnapshotFormatException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
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
  static final long NANOS_PER_SECOND = 1_000_000_000L;

  final EngineConfig config;

  /** Where outputs go; not part of the state (a snapshot is restored with a new sink). */
  OutputSink sink;

  long now = Long.MIN_VALUE;
  long tradingDay = Long.MIN_VALUE;
  long nextDayStartNanos = Long.MIN_VALUE;

  /** The earliest expireAt of an open GTD order, or Long.MAX_VALUE. */
  long nextExpiryNanos = Long.MAX_VALUE;

  // Dense ids by name: not written in a snapshot, rebuilt from the definitions when one is read.
  Map<String, Integer> instrumentIds = new HashMap<>();
  Map<String, Integer> accountIds = new HashMap<>();
  Map<String, Integer> strategyIds = new HashMap<>();

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

  final SequentialKeySet orderKeysSeenToday;

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
  private final EngineReportState reportState = new EngineReportState(this);
  private final RiskReporter reporter;
  final PreTradeChecks checks;
  final PositionSizing sizing;
  final OrderRequest scratchOrder = new OrderRequest();

  /** Scratch of {@link #fill}; not state, so not in a snapshot. */
  Position.FillPreview fillPreview = new Position.FillPreview();

  /** Scratch of {@link #fill}: the fill's fee in the account currency. */
  long fillFee;

  // The event-language layer: text ids of orders and fills.
  DayIds orderKeysById = new DayIds(1024);
  DayIds fillIdsToday = new DayIds(1024);
  long nextOrderKey = 1;

  public RiskEngine(EngineConfig config, OutputSink sink) {
    this.config = config;
    this.sink = sink;
    this.openOrders = new OpenOrders(1 << 12);
    this.orderKeysSeenToday = new SequentialKeySet(config.expectedOrdersPerDay());
    // The pipeline, wired here and nowhere else. An event goes through apply() to the room of its
    // concept, all on this thread, in this order:
    //   1. the clock and the day roll (advanceTime: expiries, start of day, breaker deadlines);
    //   2. reference data (ReferenceData) or market data (price, fxRate; MarkAccounting revalues
    //      every holding and ledger) or an order: PreTradeChecks decides, FillAccounting reserves,
    //      OrderLifecycle amends and cancels, FillAccounting applies fills;
    //   3. after every equity change (MarkAccounting.afterEquityChange): the Monitor's alerts, then
    //      the Safeguards (breaker.Breakers, kill.KillTriggers) and the portfolio-drawdown state;
    //   4. at the end of the event (Safeguards.afterEvent): PriceStaleness judges stale data, the
    //      kills decided during the event send their cancels and flattening orders, unconfirmed
    //      instructions are retried.
    // Outputs go to the sink as they are decided. The snapshot (EngineSnapshot), the state digest
    // (EngineStateHash) and the views (EngineViews) read this state and change nothing. The rooms
    // outside this package (monitor, report, sizing, kill) see the state only through the narrow
    // views the Engine*State classes implement over it, and send through them.
    this.safeguards = new Safeguards(this, config.safeguards());
    final EngineMonitorState monitorState = new EngineMonitorState(this);
    this.monitor = new Monitor(monitorState, monitorState, config.monitor());
    this.staleness =
        new PriceStaleness(
            monitorState,
            monitor,
            (stale, message, age, limit) -> safeguards.onStaleData(stale, message, age, limit),
            config.monitor().stalePriceNanos());
    this.reporter = new RiskReporter(reportState, config.monitor());
    this.checks = new PreTradeChecks(this);
    this.sizing = new PositionSizing(new EngineSizingState(this, checks));
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
    // One branch per event type, longer than 60 lines on purpose: the whole dispatch reads in one
    // place, and each branch is one call into the room that applies it.
    if (event instanceof Event.Order order) {
      OrderLifecycle.applyOrder(this, order);
    } else if (event instanceof Event.Fill fill) {
      OrderLifecycle.applyFill(this, fill);
    } else if (event instanceof Event.Price price) {
      price(
          price.timestampNanos(),
          requireInstrument(price.symbol()),
          price.bid(),
          price.ask(),
          price.last());
    } else if (event instanceof Event.Cancel cancel) {
      cancel(cancel.timestampNanos(), OrderLifecycle.requireOpenOrderKey(this, cancel.orderId()));
    } else if (event instanceof Event.Amend amend) {
      OrderLifecycle.amend(this, amend);
    } else if (event instanceof Event.AmendRejected rejected) {
      OrderLifecycle.amendRejected(this, rejected);
    } else if (event instanceof Event.OrderRejected rejected) {
      OrderLifecycle.closeByVenue(
          this,
          rejected.timestampNanos(),
          OrderLifecycle.requireOpenOrderKey(this, rejected.orderId()));
    } else if (event instanceof Event.OrderExpired expired) {
      OrderLifecycle.closeByVenue(
          this,
          expired.timestampNanos(),
          OrderLifecycle.requireOpenOrderKey(this, expired.orderId()));
    } else if (event instanceof Event.CancelAll cancelAll) {
      OrderLifecycle.cancelAll(this, cancelAll);
    } else if (event instanceof Event.TradeBust bust) {
      FillCorrection.rewriteLastFill(this, bust.timestampNanos(), bust.fillId(), 0, 0, 0);
    } else if (event instanceof Event.TradeCorrect correct) {
      FillCorrection.rewriteLastFill(
          this,
          correct.timestampNanos(),
          correct.fillId(),
          correct.quantity(),
          correct.price(),
          correct.fee());
    } else if (event instanceof Event.Bar bar) {
      MarkAccounting.bar(this, bar);
    } else if (event instanceof Event.FxRate rate) {
      fxRate(rate);
    } else if (event instanceof Event.SizeRequest request) {
      OrderLifecycle.size(this, request);
    } else if (event instanceof Event.Timer timer) {
      advanceTime(timer.timestampNanos());
      monitor.onTimer(now);
    } else if (event instanceof Event.ReportRequest request) {
      requireTimeNotBefore(request.timestampNanos());
      advanceTime(request.timestampNanos());
      sink.onReport(report(now));
    } else if (event instanceof Event.Instrument instrument) {
      ReferenceData.defineInstrument(this, instrument);
    } else if (event instanceof Event.Account account) {
      ReferenceData.defineAccount(this, account);
    } else if (event instanceof Event.Strategy strategy) {
      ReferenceData.defineStrategy(this, strategy);
    } else if (event instanceof Event.Transfer transfer) {
      ReferenceData.transfer(this, transfer);
    } else if (event instanceof Event.Limits limits) {
      ReferenceData.setLimits(this, limits);
    } else if (event instanceof Event.TradingStateChange change) {
      ReferenceData.setTradingState(this, change);
    } else if (event instanceof Event.Kill kill) {
      ReferenceData.setKilled(this, kill.timestampNanos(), kill.scope(), true, kill.by());
    } else if (event instanceof Event.Rearm rearm) {
      ReferenceData.setKilled(this, rearm.timestampNanos(), rearm.scope(), false, rearm.by());
    } else if (event instanceof Event.VenueStatus status) {
      requireTimeNotBefore(status.timestampNanos());
      advanceTime(status.timestampNanos());
      safeguards.onVenueStatus(status);
    } else if (event instanceof Event.BreakerReset reset) {
      final Ledger ledger = ReferenceData.ledger(this, reset.scope());
      advanceTimeIfGiven(reset.timestampNanos());
      safeguards.resetBreaker(ledger, reset.by());
    } else {
      throw new IllegalArgumentException("unsupported event type " + event.type());
    }
    if (foreignInstruments > 0) {
      MarkAccounting.checkFxValuation(this);
    }
    safeguards.afterEvent();
  }

  // The reservations of an open order while an amendment is checked (see OrderLifecycle).

  void suspendReservation(int slot) {
    OrderLifecycle.suspendReservation(this, slot);
  }

  void restoreReservation(int slot) {
    OrderLifecycle.restoreReservation(this, slot);
  }

  void moveReservation(int slot, long quantity, long price) {
    OrderLifecycle.moveReservation(this, slot, quantity, price);
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
    if (!MarkAccounting.valueMarks(this, state)) {
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
      MarkAccounting.sampleClose(this, state, timestampNanos);
    }
    MarkAccounting.remarkInstrument(this, state);
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
    final InstrumentState beyond = MarkAccounting.revaluationBeyondRange(this);
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
        MarkAccounting.remarkInstrument(this, state);
      }
    }
  }

  /** Re-chooses ({@code resolve}, a pair was added) or re-reads every foreign conversion. */
  private void refreshFx(boolean resolve) {
    for (int i = 0; i < instrumentCount; i++) {
      final InstrumentState state = instruments[i];
      if (state.fx != null) {
        if (resolve) {
          ReferenceData.resolveFx(this, state);
        } else {
          fxRates.refresh(state.fx);
        }
      }
    }
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
    FillAccounting.release(this, slot, openOrders.remaining[slot], true);
    safeguards.afterEvent();
  }

  /**
   * Refuses an event at {@code timestampNanos} on an order that is due to expire by then: the clock
   * moving there expires it first (see {@link #advanceTime}).
   */
  void requireNotExpiredBy(int slot, long timestampNanos) {
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
   * ignores a repeated fill id). See {@link FillAccounting#fill}.
   */
  public void fill(long timestampNanos, long orderKey, long quantity, long price, long fee) {
    FillAccounting.fill(this, timestampNanos, orderKey, quantity, price, fee);
  }

  /** Reserves an approved order's notional as an open order (see {@link FillAccounting}). */
  void reserve(OrderRequest order) {
    FillAccounting.reserve(this, order);
  }

  /**
   * The fill id of the fill being applied through the event language; null on the primitive path.
   */
  String pendingFillId;

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

  void advanceTimeIfGiven(long timestampNanos) {
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
    FillAccounting.release(this, slot, openOrders.remaining[slot], true);
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
    orderKeysSeenToday.add(key);
    return key;
  }

  private void forgetClosedOrders() {
    orderKeysSeenToday.clear();
    fillIdsToday.clear();
    orderKeysById.clear();
    for (int slot : openOrders.openSlots()) {
      orderKeysSeenToday.add(openOrders.keys[slot]);
      if (openOrders.ids[slot] != null) {
        orderKeysById.put(openOrders.ids[slot], openOrders.keys[slot]);
      }
    }
  }

  long tradingDay() {
    return tradingDay;
  }

  // ---------------------------------------------------------------- lookups

  int requireInstrument(String symbol) {
    final Integer id = instrumentIds.get(symbol);
    if (id == null) {
      throw new IllegalArgumentException("unknown instrument \"" + symbol + "\"");
    }
    return id;
  }

  int requireAccount(String account) {
    final Integer id = accountIds.get(account);
    if (id == null) {
      throw new IllegalArgumentException("unknown account \"" + account + "\"");
    }
    return id;
  }

  int requireStrategy(String strategy) {
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
    return EngineViews.instruments(this);
  }

  /** Every position with a quantity or open orders, in (strategy, instrument) order. */
  public List<PositionView> positions() {
    return EngineViews.positions(this);
  }

  /** Totals of a firm, account or strategy scope. */
  public LedgerView ledger(String scope) {
    return EngineViews.ledger(this, scope);
  }

  /**
   * The net exposure in {@code currency} (positions plus cash) of an account ({@code account} its
   * id) or of the firm ({@code account} −1), in the account currency: the unrealized PnL of the
   * positions in that currency, each converted at its side (see {@link #currencies}).
   */
  long netCurrencyExposure(String currency, int account) {
    return EngineViews.netCurrencyExposure(this, currency, account);
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
    return EngineViews.currencies(this, account);
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
    return EngineViews.fxRates(this);
  }

  /** The circuit breaker state of a firm, account or strategy scope. */
  public BreakerState breakerState(String scope) {
    return ReferenceData.ledger(this, Scope.parse(scope)).breaker.state();
  }

  /** The limits set at a scope. */
  public LimitSet limits(String scope) {
    final LimitSet copy = new LimitSet();
    copy.copyFrom(ReferenceData.limitSet(this, Scope.parse(scope)));
    return copy;
  }

  /** The position headroom of every scope in every held, priced instrument; reads only. */
  public List<PositionHeadroom> positionHeadroom() {
    return HeadroomReport.build(reportState);
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

  /** The snapshot format this engine writes and reads; older ones are refused (replay instead). */
  public static final int SNAPSHOT_VERSION = EngineSnapshot.SNAPSHOT_VERSION;

  /** The size of the latest snapshot, to size the next one's buffer; not part of the state. */
  int snapshotSizeHint;

  /**
   * The whole state as bytes (layout at {@link EngineSnapshot#write}); restored by {@link
   * #readSnapshot}. In memory only: writing it anywhere is the caller's job.
   */
  public byte[] writeSnapshot() {
    return EngineSnapshot.write(this);
  }

  /**
   * Restores an engine from {@link #writeSnapshot} bytes under {@code config} (the settings the
   * snapshot was taken under), sending its future outputs to {@code sink}.
   *
   * @throws SnapshotFormatException when the bytes are not an intact snapshot of this format, or
   *     were taken under other settings; the caller replays the journal instead
   */
  public static RiskEngine readSnapshot(byte[] snapshot, EngineConfig config, OutputSink sink) {
    return EngineSnapshot.read(snapshot, config, sink);
  }

  // ---------------------------------------------------------------- state digest

  /** A 64-bit digest of the whole state; equal for engines that applied the same events. */
  public long stateHash() {
    return EngineStateHash.of(this);
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
