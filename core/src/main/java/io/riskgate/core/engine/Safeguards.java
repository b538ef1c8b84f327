package io.riskgate.core.engine;

import io.riskgate.core.breaker.BreakerScope;
import io.riskgate.core.breaker.BreakerScopes;
import io.riskgate.core.breaker.BreakerState;
import io.riskgate.core.breaker.Breakers;
import io.riskgate.core.check.Decision;
import io.riskgate.core.check.PositionLimit;
import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.Action;
import io.riskgate.core.kill.KillSwitchSettings;
import io.riskgate.core.kill.KillTriggers;
import io.riskgate.core.kill.KillTrip;
import io.riskgate.core.kill.VenueWatch;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import io.riskgate.core.snapshot.StateHasher;
import io.riskgate.core.throttle.ExecutionThrottle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The engine's safeguards, the protections that act by themselves, connected to the engine's state:
 * the circuit breakers ({@link io.riskgate.core.breaker.Breakers}, which decide; this class hands
 * them the ledgers, turns their transitions into {@code state} outputs and works out the half-open
 * cap's position allowance), the kill switch (its triggers are decided by {@link
 * io.riskgate.core.kill.KillTriggers} and {@link io.riskgate.core.kill.VenueWatch}; this class
 * kills, cancels, flattens and retries) and the repeated-execution throttle ({@link
 * io.riskgate.core.throttle.ExecutionThrottle} counts; this class halts the strategy). Driven by
 * the engine's hooks (equity changes, fills, prices, time); emits {@code state}, {@code alert} and
 * {@code action} outputs, and never reads a clock.
 *
 * <p><b>Circuit breakers</b> (firm, every account, every strategy): see {@code Breakers} for the
 * transitions. While HALF_OPEN, a risk-increasing order passes only if the book's resulting
 * position in the instrument (held + open orders on that side + the order, at the reference price)
 * is at most the half-open scale (25%) of the tightest position allowance that applies to the
 * order: the smallest of every {@code maxPositionNotional} and {@code maxPositionFraction} × equity
 * at the firm, account, strategy and instrument scopes (measured as the position check measures
 * them), or the strategy's equity when none is set. Risk-reducing orders pass both; only the kill
 * switch blocks them.
 *
 * <p><b>Kill switch.</b> Tripped by a person ({@code kill}) or automatically: portfolio triggers at
 * the firm and each account, system triggers (venue down or slow, a bad tick, and when switched on
 * an instrument's market data going stale, as {@link PriceStaleness} judges it) at the firm.
 * Automatic triggers fire on the transition into their condition; after a re-arm a condition that
 * still holds does not fire again until it has cleared. On a kill the engine emits a CRITICAL alert
 * and, at the end of the event, a {@code cancel} action for every open order in scope and a {@code
 * flatten} action (an order of the engine's own, reserved without checks) for every position in
 * scope. Each is tracked until its order is no longer open (the {@code cancel} or {@code fill}
 * events confirm it); on timed events an unconfirmed one is sent again after the retry interval, up
 * to the maximum attempts, then a CRITICAL {@code RETRIES_EXHAUSTED} alert is raised. Positions in
 * a killed scope that no flattening order covers (a fill that raced the cancel) get a new one. The
 * scope stays killed until a {@code rearm}.
 *
 * <p><b>Throttle.</b> More than N fills of the same instrument and side by a strategy within the
 * window (times in {@code (now − window, now]}) put the strategy in HALTED, with a HIGH alert,
 * until a {@code tradingState} event sets it again. The engine's own flattening fills are not
 * counted.
 */
final class Safeguards {
  private static final long SECOND = 1_000_000_000L;

  private final RiskEngine engine;
  private final SafeguardSettings settings;
  private final KillSwitchSettings kill;

  /** The circuit breakers' thresholds and next timed transition. */
  private final Breakers breakers;

  /** The firm, the accounts and the strategies in that order, as the breakers visit them. */
  private final BreakerScopes allScopes = action -> forEachLedger(action::accept);

  private final KillTriggers killTriggers;

  private final VenueWatch venues;

  /** An automatic trigger of the firm's kill switch. */
  private final KillTrip firmTrip;

  private final List<Ledger> pendingKills = new ArrayList<>();
  private final List<Instruction> instructions = new ArrayList<>();
  private final LongIntHashMap engineOrders = new LongIntHashMap(64);
  private final OrderRequest flattenOrder = new OrderRequest();
  private long nextRetryNanos = Long.MAX_VALUE;
  private long flattenSequence;

  private final ExecutionThrottle throttle;

  /** One cancel or flatten the engine sent and waits to see confirmed. */
  private static final class Instruction {
    final Action.Kind kind;
    final Ledger scope;
    final long orderKey;
    final String orderId;
    final int book;
    final int instrument;
    final Side side;
    int attempts = 1;
    long lastAttemptNanos;
    boolean exhausted;

    Instruction(
        Action.Kind kind,
        Ledger scope,
        long orderKey,
        String orderId,
        int book,
        int instrument,
        Side side,
        long now) {
      this.kind = kind;
      this.scope = scope;
      this.orderKey = orderKey;
      this.orderId = orderId;
      this.book = book;
      this.instrument = instrument;
      this.side = side;
      this.lastAttemptNanos = now;
    }
  }

  /**
   * Adds the safeguards' own state to a digest: venue status, kills pending and the cancel and
   * flatten instructions in flight with their retries, the engine's own orders, the retry and
   * breaker deadlines, and the execution-throttle windows.
   */
  void hashInto(StateHasher h) {
    h.add(breakers.nextDeadline());
    h.add(nextRetryNanos);
    h.add(flattenSequence);
    venues.hashInto(h);
    h.add(pendingKills.size());
    for (Ledger l : pendingKills) {
      h.add(l.scope().toString());
    }
    h.add(instructions.size());
    for (Instruction i : instructions) {
      h.add(i.kind.ordinal());
      h.add(i.scope.scope().toString());
      h.add(i.orderKey);
      h.add(i.orderId);
      h.add(i.book);
      h.add(i.instrument);
      h.add(i.side == null ? -1 : i.side.ordinal());
      h.add(i.attempts);
      h.add(i.lastAttemptNanos);
      h.add(i.exhausted);
    }
    h.add(engineOrders.size());
    throttle.hashInto(h);
  }

  Safeguards(RiskEngine engine, SafeguardSettings settings) {
    this.engine = engine;
    this.settings = settings;
    this.kill = settings.killSwitch();
    this.throttle = new ExecutionThrottle(settings.throttle());
    this.breakers =
        new Breakers(
            settings.strategyBreaker(),
            settings.accountBreaker(),
            settings.firmBreaker(),
            this::breakerOutput);
    this.killTriggers = new KillTriggers(kill);
    this.venues = new VenueWatch(kill);
    this.firmTrip = (reason, value, threshold) -> trigger(engine.firm, reason, value, threshold);
  }

  // ---------------------------------------------------------------- hooks from the engine

  /** After a ledger's equity changed (mark or fill): level triggers of breaker and kill switch. */
  void onEquityChange(Ledger ledger) {
    breakers.onEquityChange(ledger, engine.now);
    if (ledger.kind != Scope.Kind.STRATEGY) {
      portfolioKillTriggers(ledger);
    }
  }

  /** A position of a strategy closed (or flipped) with this trade PnL. */
  void onTradeClosed(Ledger strategy, Ledger account, long tradePnl) {
    tradeClosed(strategy, tradePnl);
    tradeClosed(account, tradePnl);
    tradeClosed(engine.firm, tradePnl);
  }

  private void tradeClosed(Ledger ledger, long tradePnl) {
    breakers.onTradeClosed(ledger, tradePnl, engine.now);
  }

  /** A fill of an open order was applied: the repeated-execution throttle. */
  void onFill(int book, int instrument, int sideSign, long orderKey) {
    if (!throttle.on() || engineOrders.get(orderKey) != LongIntHashMap.MISSING) {
      return;
    }
    final long now = engine.now;
    final int max = settings.throttle().maxExecutions();
    final boolean beyond = throttle.onFill(book, instrument, sideSign, now);
    final Ledger strategy = engine.strategies[book];
    if (beyond && strategy.state != TradingState.HALTED) {
      final TradingState from = strategy.state;
      strategy.state = TradingState.HALTED;
      final String reason =
          "repeated executions: more than "
              + max
              + " "
              + (sideSign > 0 ? "buy" : "sell")
              + " fills of "
              + engine.instruments[instrument].definition.symbol()
              + " within "
              + seconds(settings.throttle().windowNanos())
              + " s (RTS 6 Art. 15(3)); a person must set the strategy active again";
      engine.sink.onStateChange(
          new StateChange(
              now,
              strategy.scope(),
              "tradingState",
              from.name(),
              TradingState.HALTED.name(),
              reason));
      engine.sink.onAlert(
          new Alert(
              now,
              Alert.Level.HIGH,
              "REPEATED_EXECUTION",
              strategy.scope(),
              true,
              reason,
              max + 1,
              max,
              "review the strategy, then set it active"));
    }
  }

  /** A person set a scope's trading state: a strategy's throttle windows start over. */
  void onTradingStateSet(Ledger ledger) {
    if (ledger.kind == Scope.Kind.STRATEGY) {
      throttle.reset(ledger.id);
    }
  }

  /** A price of an instrument was applied; {@code previousReference} is the one before it. */
  void onPrice(InstrumentState instrument, long previousReference) {
    killTriggers.onPrice(
        instrument.definition.symbol(), previousReference, instrument.referencePrice(), firmTrip);
  }

  /**
   * An instrument's market data went stale ({@code stale}, with the alert's message, age and limit
   * in seconds), or no instrument is stale any more: the firm's stale-data kill condition, which
   * kills the firm when {@link KillSwitchSettings#killOnStaleData()} is on.
   */
  void onStaleData(boolean stale, String message, double ageSeconds, double limitSeconds) {
    final Ledger firm = engine.firm;
    if (!stale) {
      firm.killConditions &= ~KillTriggers.STALE;
      return;
    }
    firm.killConditions |= KillTriggers.STALE;
    if (kill.killOnStaleData()) {
      trigger(firm, message, ageSeconds, limitSeconds);
    }
  }

  /** A venue reported its connectivity and latency. */
  void onVenueStatus(Event.VenueStatus status) {
    venues.onStatus(status.venue(), status.connected(), status.latencyMs(), firmTrip);
  }

  /** The clock moved to {@code now}: breaker cool-downs and probations. */
  void onTime(long now) {
    breakers.onTime(now, allScopes);
  }

  /** A new trading day began: daily breaker triggers and losing streaks reset. */
  void onNewDay() {
    breakers.onNewDay(allScopes);
  }

  /**
   * Runs what an event left to do: judges stale market data, executes new kills, retries
   * unconfirmed instructions.
   */
  void afterEvent() {
    engine.staleness.afterEvent();
    if (!pendingKills.isEmpty()) {
      for (int i = 0; i < pendingKills.size(); i++) {
        execute(pendingKills.get(i));
      }
      pendingKills.clear();
    }
    if (engine.now >= nextRetryNanos) {
      retry(engine.now);
    }
  }

  // ---------------------------------------------------------------- people

  /** A person pressed the kill switch of a scope. */
  void kill(Ledger ledger, String by) {
    trigger(ledger, "kill switch" + (by.isEmpty() ? "" : " by " + by), 1, 0);
  }

  /** A person re-armed a killed scope: its unconfirmed instructions are no longer followed. */
  void rearm(Ledger ledger, String by) {
    if (!ledger.killed) {
      return;
    }
    ledger.killed = false;
    final String reason = "re-armed" + (by.isEmpty() ? "" : " by " + by);
    engine.sink.onStateChange(
        new StateChange(engine.now, ledger.scope(), "kill", "KILLED", "ARMED", reason));
    engine.sink.onAlert(
        new Alert(
            engine.now,
            Alert.Level.CRITICAL,
            "KILL_SWITCH",
            ledger.scope(),
            false,
            reason,
            0,
            0,
            "trading may resume"));
    pendingKills.remove(ledger);
    instructions.removeIf(i -> i.scope == ledger);
  }

  /** An authorised person closes a scope's breaker. */
  void resetBreaker(Ledger ledger, String by) {
    breakers.reset(ledger, by, allScopes);
  }

  // ---------------------------------------------------------------- checks and sizing

  /**
   * The {@code CIRCUIT_OPEN} check, recorded when a breaker of the order's firm, account or
   * strategy is not CLOSED (see the class comment for the half-open cap). Changes nothing.
   */
  void checkBreakers(
      Decision d,
      OrderRequest order,
      Ledger firm,
      Ledger account,
      Ledger strategy,
      InstrumentState instrument,
      Position position,
      boolean reducing) {
    final BreakerScope half = breakers.checkOpen(d, firm, account, strategy, reducing);
    if (half == null) {
      return;
    }
    final long reference = instrument.referencePrice();
    if (reference <= 0) {
      return;
    }
    final long allowance = halfOpenAllowance(firm, account, strategy, order);
    final int sign = order.side.sign();
    final long resulting =
        position == null ? sign * order.quantity : position.resultingQuantity(sign, order.quantity);
    breakers.recordHalfOpen(d, half, allowance, instrument.value(Math.abs(resulting), reference));
  }

  private long halfOpenAllowance(Ledger firm, Ledger account, Ledger strategy, OrderRequest order) {
    long allowance = Long.MAX_VALUE;
    // The position limit's own allowance (PositionLimit), the smallest over the order's scopes.
    allowance = Math.min(allowance, PositionLimit.allowance(firm.limits, firm.equity()));
    allowance = Math.min(allowance, PositionLimit.allowance(account.limits, account.equity()));
    allowance = Math.min(allowance, PositionLimit.allowance(strategy.limits, strategy.equity()));
    allowance =
        Math.min(
            allowance,
            PositionLimit.allowance(engine.instrumentLimits[order.instrument], account.equity()));
    return allowance == Long.MAX_VALUE ? Math.max(0, strategy.equity()) : allowance;
  }

  /**
   * The sizing scale of the breakers over a book: 0 when one is OPEN, the half-open scale, or 1.
   */
  double breakerScale(Ledger firm, Ledger account, Ledger strategy) {
    return breakers.scale(firm, account, strategy);
  }

  /** A breaker's transition becomes a {@code state} output. */
  private void breakerOutput(BreakerScope scope, BreakerState from, String reason) {
    engine.sink.onStateChange(
        new StateChange(
            engine.now,
            scope.scope(),
            "breaker",
            from.name(),
            scope.breaker().state().name(),
            reason));
  }

  private interface LedgerAction {
    void on(Ledger ledger);
  }

  private void forEachLedger(LedgerAction action) {
    action.on(engine.firm);
    for (int i = 0; i < engine.accountCount; i++) {
      action.on(engine.accounts[i]);
    }
    for (int i = 0; i < engine.strategyCount; i++) {
      action.on(engine.strategies[i]);
    }
  }

  // ---------------------------------------------------------------- kill switch

  private void portfolioKillTriggers(Ledger ledger) {
    final int active = killTriggers.portfolioConditions(ledger);
    final int rising = active & ~ledger.killConditions;
    ledger.killConditions = KillTriggers.withPortfolio(ledger.killConditions, active);
    if (rising != 0 && !ledger.killed) {
      killTriggers.onRising(
          ledger, rising, (reason, value, threshold) -> trigger(ledger, reason, value, threshold));
    }
  }

  /** Kills a scope: state output, CRITICAL alert; the orders go out at the end of the event. */
  private void trigger(Ledger ledger, String reason, double value, double threshold) {
    if (ledger.killed) {
      return;
    }
    ledger.killed = true;
    engine.sink.onStateChange(
        new StateChange(engine.now, ledger.scope(), "kill", "ARMED", "KILLED", reason));
    engine.sink.onAlert(
        new Alert(
            engine.now,
            Alert.Level.CRITICAL,
            "KILL_SWITCH",
            ledger.scope(),
            true,
            reason,
            value,
            threshold,
            "cancelling every open order and flattening every position in scope; re-arm when"
                + " safe"));
    pendingKills.add(ledger);
  }

  /** Whether the open order under {@code key} is one the engine sent itself to flatten. */
  boolean isEngineOrder(long key) {
    return engineOrders.get(key) != LongIntHashMap.MISSING;
  }

  private boolean inScope(Ledger scope, int book) {
    return switch (scope.kind) {
      case FIRM -> true;
      case ACCOUNT -> engine.strategyAccount[book] == scope.id;
      case STRATEGY -> book == scope.id;
      default -> false;
    };
  }

  private void execute(Ledger scope) {
    final OpenOrders open = engine.openOrders;
    for (int slot : open.openSlots()) {
      final long key = open.keys[slot];
      if (!inScope(scope, open.books[slot])
          || engineOrders.get(key) != LongIntHashMap.MISSING
          || tracked(key)) {
        continue;
      }
      final Instruction cancel =
          new Instruction(
              Action.Kind.CANCEL,
              scope,
              key,
              open.ids[slot] != null ? open.ids[slot] : Long.toString(key),
              open.books[slot],
              open.instruments[slot],
              open.sides[slot] > 0 ? Side.BUY : Side.SELL,
              engine.now);
      instructions.add(cancel);
      emit(cancel, open.remaining[slot], "kill switch: cancel open order");
    }
    flattenScope(scope);
    nextRetryNanos = Math.min(nextRetryNanos, engine.now + kill.retryIntervalNanos());
  }

  private boolean tracked(long key) {
    for (Instruction i : instructions) {
      if (i.orderKey == key) {
        return true;
      }
    }
    return false;
  }

  /** Sends a flattening order for every position in scope not already covered by one. */
  private void flattenScope(Ledger scope) {
    for (int book = 0; book < engine.strategyCount; book++) {
      if (!inScope(scope, book)) {
        continue;
      }
      for (Position p : engine.positions[book]) {
        if (p == null || p.net == 0) {
          continue;
        }
        final Side side = p.net > 0 ? Side.SELL : Side.BUY;
        long covered = 0;
        for (Instruction i : instructions) {
          if (i.kind == Action.Kind.FLATTEN
              && i.book == book
              && i.instrument == p.instrument
              && i.side == side) {
            final int slot = engine.openOrders.slot(i.orderKey);
            covered += slot == LongIntHashMap.MISSING ? 0 : engine.openOrders.remaining[slot];
          }
        }
        final long needed = Math.abs(p.net) - covered;
        if (needed > 0) {
          flatten(scope, book, p.instrument, side, needed);
        }
      }
    }
  }

  private void flatten(Ledger scope, int book, int instrument, Side side, long quantity) {
    long key;
    String id;
    do {
      id = "flatten-" + (++flattenSequence);
      key = engine.registerEngineOrder(id);
    } while (key < 0);
    flattenOrder.set(
        engine.now, key, id, engine.strategyAccount[book], book, instrument, side, quantity, 0, 0);
    engine.reserve(flattenOrder);
    engineOrders.put(key, 0);
    final Instruction flatten =
        new Instruction(Action.Kind.FLATTEN, scope, key, id, book, instrument, side, engine.now);
    instructions.add(flatten);
    emit(flatten, quantity, "kill switch: flatten position");
  }

  private void emit(Instruction i, long quantity, String reason) {
    engine.sink.onAction(
        new Action(
            engine.now,
            i.kind,
            i.scope.scope(),
            i.orderId,
            engine.accounts[engine.strategyAccount[i.book]].name,
            engine.strategies[i.book].name,
            engine.instruments[i.instrument].definition.symbol(),
            engine.instruments[i.instrument].definition.venue(),
            i.side,
            quantity,
            i.attempts,
            reason));
  }

  private void retry(long now) {
    nextRetryNanos = Long.MAX_VALUE;
    for (Iterator<Instruction> it = instructions.iterator(); it.hasNext(); ) {
      final Instruction i = it.next();
      final int slot = engine.openOrders.slot(i.orderKey);
      if (slot == LongIntHashMap.MISSING) {
        it.remove();
        continue;
      }
      if (i.exhausted) {
        continue;
      }
      if (now >= i.lastAttemptNanos + kill.retryIntervalNanos()) {
        if (i.attempts < kill.maxAttempts()) {
          i.attempts++;
          i.lastAttemptNanos = now;
          emit(
              i,
              engine.openOrders.remaining[slot],
              i.kind == Action.Kind.CANCEL
                  ? "kill switch: cancel not confirmed, retry"
                  : "kill switch: flatten not confirmed, retry");
        } else {
          i.exhausted = true;
          engine.sink.onAlert(
              new Alert(
                  now,
                  Alert.Level.CRITICAL,
                  "RETRIES_EXHAUSTED",
                  i.scope.scope(),
                  true,
                  "retries exhausted: "
                      + (i.kind == Action.Kind.CANCEL ? "cancel of " : "flatten order ")
                      + i.orderId
                      + " not confirmed after "
                      + i.attempts
                      + " attempts",
                  i.attempts,
                  kill.maxAttempts(),
                  "act at the venue by hand"));
          continue;
        }
      }
      nextRetryNanos = Math.min(nextRetryNanos, i.lastAttemptNanos + kill.retryIntervalNanos());
    }
    final List<Ledger> killed = new ArrayList<>();
    forEachLedger(
        ledger -> {
          if (ledger.killed) {
            killed.add(ledger);
          }
        });
    for (Ledger ledger : killed) {
      final int before = instructions.size();
      flattenScope(ledger);
      if (instructions.size() != before) {
        nextRetryNanos = Math.min(nextRetryNanos, now + kill.retryIntervalNanos());
      }
    }
  }

  // ---------------------------------------------------------------- formatting

  private static String fraction(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static String seconds(long nanos) {
    return nanos % SECOND == 0
        ? Long.toString(nanos / SECOND)
        : String.format(Locale.ROOT, "%.3f", (double) nanos / SECOND);
  }

  /**
   * Writes the safeguards' state: the deadlines, venue status (sorted by venue), the kills pending
   * and the instructions in flight in their order (a scope by its kind and dense id), the engine's
   * own orders, the flatten sequence and the throttle's rings as they are. The thresholds are
   * settings, worked out again from the configuration.
   */
  void write(SnapshotWriter out) {
    out.writeLong(breakers.nextDeadline());
    out.writeLong(nextRetryNanos);
    out.writeLong(flattenSequence);
    venues.write(out);
    out.writeInt(pendingKills.size());
    for (Ledger l : pendingKills) {
      writeLedgerRef(out, l);
    }
    out.writeInt(instructions.size());
    for (Instruction i : instructions) {
      out.writeEnum(i.kind);
      writeLedgerRef(out, i.scope);
      out.writeLong(i.orderKey);
      out.writeString(i.orderId);
      out.writeInt(i.book);
      out.writeInt(i.instrument);
      out.writeEnum(i.side);
      out.writeInt(i.attempts);
      out.writeLong(i.lastAttemptNanos);
      out.writeBoolean(i.exhausted);
    }
    engineOrders.write(out);
    throttle.write(out);
  }

  /** Replaces the safeguards' state with what {@link #write} wrote; the ledgers are read. */
  void read(SnapshotReader in) {
    breakers.restoreNextDeadline(in.readLong());
    nextRetryNanos = in.readLong();
    flattenSequence = in.readLong();
    venues.read(in);
    pendingKills.clear();
    final int kills = in.readCount(5);
    for (int k = 0; k < kills; k++) {
      pendingKills.add(readLedgerRef(in));
    }
    instructions.clear();
    final int n = in.readCount(30);
    for (int k = 0; k < n; k++) {
      final Action.Kind kind = in.readEnumNonNull(Action.Kind.class);
      final Ledger scope = readLedgerRef(in);
      final long orderKey = in.readLong();
      final String orderId = in.readString();
      final int book = in.readInt();
      final int instrument = in.readInt();
      final Side side = in.readEnum(Side.class);
      final Instruction i =
          new Instruction(kind, scope, orderKey, orderId, book, instrument, side, 0);
      i.attempts = in.readInt();
      i.lastAttemptNanos = in.readLong();
      i.exhausted = in.readBoolean();
      instructions.add(i);
    }
    engineOrders.read(in);
    throttle.read(in, engine.instrumentCount);
  }

  private static void writeLedgerRef(SnapshotWriter out, Ledger ledger) {
    out.writeByte(ledger.kind.ordinal());
    out.writeInt(ledger.id);
  }

  private Ledger readLedgerRef(SnapshotReader in) {
    final int kind = in.readByte();
    final int id = in.readInt();
    if (kind == Scope.Kind.FIRM.ordinal() && id == 0) {
      return engine.firm;
    }
    if (kind == Scope.Kind.ACCOUNT.ordinal() && id >= 0 && id < engine.accountCount) {
      return engine.accounts[id];
    }
    if (kind == Scope.Kind.STRATEGY.ordinal() && id >= 0 && id < engine.strategyCount) {
      return engine.strategies[id];
    }
    throw in.invalid("a scope of kind " + kind + " and id " + id + " that does not exist");
  }
}
