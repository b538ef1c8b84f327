package io.riskgate.core.engine;

import io.riskgate.core.breaker.BreakerState;
import io.riskgate.core.check.Decision;
import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.collections.SequentialKeySet;
import io.riskgate.core.event.Event;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.monitor.Monitor;
import io.riskgate.core.monitor.PriceStaleness;
import io.riskgate.core.report.HeadroomReport;
import io.riskgate.core.report.PositionHeadroom;
import io.riskgate.core.report.RiskReport;
import io.riskgate.core.report.RiskReporter;
import io.riskgate.core.sizing.PositionSizing;
import io.riskgate.core.snapshot.SnapshotFormatException;
import java.time.Instant;
import java.util.List;

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
public final class RiskEngine extends EngineState {
  static final long NANOS_PER_SECOND = 1_000_000_000L;

  final EngineConfig config;

  /** Where outputs go; not part of the state (a snapshot is restored with a new sink). */
  OutputSink sink;

  long now = Long.MIN_VALUE;
  long tradingDay = Long.MIN_VALUE;
  long nextDayStartNanos = Long.MIN_VALUE;

  /** The earliest expireAt of an open GTD order, or Long.MAX_VALUE. */
  long nextExpiryNanos = Long.MAX_VALUE;

  final SequentialKeySet orderKeysSeenToday;

  final Safeguards safeguards;
  final Monitor monitor;
  final PriceStaleness staleness;
  private final EngineReportState reportState = new EngineReportState(this);
  private final RiskReporter reporter;
  final PreTradeChecks checks;
  final PositionSizing sizing;
  final OrderRequest scratchOrder = new OrderRequest();

  // The event-language layer: text ids of orders and fills.
  DayIds orderKeysById = new DayIds(1024);
  DayIds fillIdsToday = new DayIds(1024);
  long nextOrderKey = 1;

  public RiskEngine(EngineConfig config, OutputSink sink) {
    this.config = config;
    this.sink = sink;
    this.orderKeysSeenToday = new SequentialKeySet(config.expectedOrdersPerDay());
    // The pipeline, wired here and nowhere else. An event goes through apply() to the room of its
    // concept, all on this thread, in this order:
    //   1. the clock and the day roll (advanceTime: OrderExpiry expires orders by their time in
    //      force, DayRoll starts the day, then the breakers' deadlines);
    //   2. reference data (ReferenceData) or market data (MarketData: a price or an FX rate;
    //      MarkAccounting revalues every holding and ledger) or an order: PreTradeChecks decides,
    //      FillAccounting reserves, OrderLifecycle amends and cancels, FillAccounting applies
    // fills;
    //   3. after every equity change (MarkAccounting.afterEquityChange): the Monitor's alerts, then
    //      the Safeguards (breaker.Breakers, kill.KillTriggers) and the portfolio-drawdown state;
    //   4. at the end of the event (Safeguards.afterEvent): PriceStaleness judges stale data, the
    //      kills decided during the event send their cancels and flattening orders, unconfirmed
    //      instructions are retried.
    // The state all of them work on is EngineState's (this class extends it). Outputs go to the
    // sink as they are decided. The snapshot (EngineSnapshot), the state digest
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
      MarketData.fxRate(this, rate);
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
    MarketData.price(this, timestampNanos, instrument, bid, ask, last);
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
    OrderLifecycle.cancel(this, timestampNanos, orderKey);
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
      OrderExpiry.expireGoodTillDate(this);
    }
    safeguards.onTime(timestampNanos);
  }

  /**
   * Starts the trading day {@code timestampNanos} falls in (see {@link DayRoll}); after the first
   * day, the day's order keys and ids are forgotten but those of open orders.
   */
  private void startTradingDay(long timestampNanos) {
    final boolean first = tradingDay == Long.MIN_VALUE;
    DayRoll.start(this, timestampNanos);
    if (!first) {
      forgetClosedOrders();
    }
    safeguards.onNewDay();
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

  // ---------------------------------------------------------------- lookups

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
    return EngineViews.lastFillStrategy(this, fillId);
  }

  /**
   * The trading day the engine is in, as days since 1970-01-01, or {@code Long.MIN_VALUE} before
   * the first timed event. It changes when the engine rolls the day and forgets closed order ids
   * and the day's fill ids.
   */
  public long currentTradingDay() {
    return tradingDay;
  }

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
}
