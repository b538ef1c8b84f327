package io.riskgate.core.engine;

import io.riskgate.core.breaker.BreakerScope;
import io.riskgate.core.breaker.BreakerScopes;
import io.riskgate.core.breaker.BreakerState;
import io.riskgate.core.breaker.Breakers;
import io.riskgate.core.check.Decision;
import io.riskgate.core.check.PositionLimit;
import io.riskgate.core.event.Event;
import io.riskgate.core.kill.KillSwitch;
import io.riskgate.core.kill.KillSwitchSettings;
import io.riskgate.core.kill.KillTriggers;
import io.riskgate.core.kill.KillTrip;
import io.riskgate.core.kill.VenueWatch;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.monitor.PriceStaleness;
import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import io.riskgate.core.throttle.ExecutionThrottle;
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

  private final ExecutionThrottle throttle;

  /** The kill switch's cancels, flattening orders and retries. */
  private final KillSwitch killSwitch;

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
    final EngineKillState killState = new EngineKillState(engine);
    this.killSwitch = new KillSwitch(killState, killState, kill);
    this.firmTrip =
        (reason, value, threshold) -> killSwitch.trigger(engine.firm, reason, value, threshold);
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
    if (!throttle.on() || killSwitch.isEngineOrder(orderKey)) {
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
      killSwitch.trigger(firm, message, ageSeconds, limitSeconds);
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
    killSwitch.afterEvent();
  }

  // ---------------------------------------------------------------- people

  /** A person pressed the kill switch of a scope. */
  void kill(Ledger ledger, String by) {
    killSwitch.kill(ledger, by);
  }

  /** A person re-armed a killed scope: its unconfirmed instructions are no longer followed. */
  void rearm(Ledger ledger, String by) {
    killSwitch.rearm(ledger, by);
  }

  /** Whether the open order under {@code key} is one the engine sent itself to flatten. */
  boolean isEngineOrder(long key) {
    return killSwitch.isEngineOrder(key);
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
          ledger,
          rising,
          (reason, value, threshold) -> killSwitch.trigger(ledger, reason, value, threshold));
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
    killSwitch.writeHead(out);
    venues.write(out);
    killSwitch.writeTail(out);
    throttle.write(out);
  }

  /** Replaces the safeguards' state with what {@link #write} wrote; the ledgers are read. */
  void read(SnapshotReader in) {
    breakers.restoreNextDeadline(in.readLong());
    killSwitch.readHead(in);
    venues.read(in);
    killSwitch.readTail(in);
    throttle.read(in, engine.instrumentCount);
  }
}
