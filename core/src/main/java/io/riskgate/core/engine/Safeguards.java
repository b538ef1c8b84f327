package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.check.PositionLimit;
import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's safeguards, the protections that act by themselves: circuit breakers per scope, the
 * kill switch with its automatic triggers and its flattening, and the repeated-execution throttle.
 * Driven by the engine's hooks (equity changes, fills, prices, time); decides, emits {@code state},
 * {@code alert} and {@code action} outputs, and never reads a clock.
 *
 * <p><b>Circuit breakers</b> (firm, every account, every strategy). CLOSED → OPEN when the daily
 * return (daily PnL ÷ start-of-day equity) is at or below −loss threshold, at or above the profit
 * target (when on), the drawdown from the high-water mark is at or above the drawdown limit (when
 * on), or the scope closed N losing trades in a row within the window. OPEN → HALF_OPEN when the
 * cool-down has passed, evaluated on any timed event; but a level trigger (daily loss, profit
 * target, drawdown) that still holds at that moment re-opens the breaker for a new cool-down
 * instead (a {@code state} output OPEN → OPEN), so a breaker never goes half-open into a loss it
 * tripped on. Any trigger while HALF_OPEN → OPEN with a new cool-down; HALF_OPEN → CLOSED after the
 * probation period. A new trading day closes a breaker tripped by a daily trigger (not one tripped
 * by drawdown) and forgets losing streaks. A {@code breakerReset} event closes it at once; a level
 * trigger that still holds trips it again at the next mark.
 *
 * <p>While OPEN, risk-increasing orders fail {@code CIRCUIT_OPEN}. While HALF_OPEN, a
 * risk-increasing order passes only if the book's resulting position in the instrument (held + open
 * orders on that side + the order, at the reference price) is at most the half-open scale (25%) of
 * the tightest position allowance that applies to the order: the smallest of every {@code
 * maxPositionNotional} and {@code maxPositionFraction} × equity at the firm, account, strategy and
 * instrument scopes (measured as the position check measures them), or the strategy's equity when
 * none is set. Risk-reducing orders pass both; only the kill switch blocks them.
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
  private static final String RISK_REDUCING = "risk-reducing";
  private static final String OPEN_REASON = "circuit breaker open";
  private static final String HALF_OPEN_REASON =
      "half-open: position capped at a fraction of its limit";

  private static final int KILL_DRAWDOWN = 1;
  private static final int KILL_CRITICAL = 2;
  private static final int KILL_POSITIONS = 4;
  private static final int KILL_DAILY_LOSS = 8;
  private static final int KILL_STALE = 16;
  private static final int PORTFOLIO =
      KILL_DRAWDOWN | KILL_CRITICAL | KILL_POSITIONS | KILL_DAILY_LOSS;

  private final RiskEngine engine;
  private final SafeguardSettings settings;
  private final KillSwitchSettings kill;

  /** Breaker thresholds as fixed-point fractions, by {@link Scope.Kind} ordinal. */
  private final long[] lossFixed = new long[3];

  private final long[] profitFixed = new long[3];
  private final long[] drawdownFixed = new long[3];
  private final long[] halfOpenScaleFixed = new long[3];
  private final long killDrawdown;
  private final long killCritical;
  private final long killDailyLoss;

  private long nextBreakerDeadline = Long.MAX_VALUE;
  // Sorted maps: a snapshot writes them in venue order.
  private final Map<String, Boolean> venueDown = new TreeMap<>();
  private final Map<String, Boolean> venueSlow = new TreeMap<>();

  private final List<Ledger> pendingKills = new ArrayList<>();
  private final List<Instruction> instructions = new ArrayList<>();
  private final LongIntHashMap engineOrders = new LongIntHashMap(64);
  private final OrderRequest flattenOrder = new OrderRequest();
  private long nextRetryNanos = Long.MAX_VALUE;
  private long flattenSequence;

  private ExecutionRing[][] rings = new ExecutionRing[4][];

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

  /** Fill times of one (strategy, instrument, side), the most recent {@code capacity}. */
  private static final class ExecutionRing {
    final long[] times;
    int next;
    int size;

    ExecutionRing(int capacity) {
      times = new long[capacity];
    }
  }

  /**
   * Adds the safeguards' own state to a digest: venue status, kills pending and the cancel and
   * flatten instructions in flight with their retries, the engine's own orders, the retry and
   * breaker deadlines, and the execution-throttle windows.
   */
  void hashInto(StateHasher h) {
    h.add(nextBreakerDeadline);
    h.add(nextRetryNanos);
    h.add(flattenSequence);
    h.add(venueDown.toString());
    h.add(venueSlow.toString());
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
    h.add(rings.length);
    for (ExecutionRing[] row : rings) {
      if (row == null) {
        h.add(-1);
        continue;
      }
      h.add(row.length);
      for (ExecutionRing ring : row) {
        if (ring == null) {
          h.add(-1);
          continue;
        }
        h.add(ring.next);
        h.add(ring.size);
        for (long t : ring.times) {
          h.add(t);
        }
      }
    }
  }

  Safeguards(RiskEngine engine, SafeguardSettings settings) {
    this.engine = engine;
    this.settings = settings;
    this.kill = settings.killSwitch();
    for (Scope.Kind kind :
        new Scope.Kind[] {Scope.Kind.FIRM, Scope.Kind.ACCOUNT, Scope.Kind.STRATEGY}) {
      final BreakerSettings b = settings.breaker(kind);
      lossFixed[kind.ordinal()] = Fixed.ofDouble(b.lossThreshold());
      profitFixed[kind.ordinal()] = Fixed.ofDouble(b.profitTarget());
      drawdownFixed[kind.ordinal()] = Fixed.ofDouble(b.drawdownLimit());
      halfOpenScaleFixed[kind.ordinal()] = Fixed.ofDouble(b.halfOpenScale());
    }
    killDrawdown = Fixed.ofDouble(kill.maxDrawdown());
    killCritical = Fixed.ofDouble(kill.criticalDrawdown());
    killDailyLoss = Fixed.ofDouble(kill.maxDailyLoss());
  }

  // ---------------------------------------------------------------- hooks from the engine

  /** After a ledger's equity changed (mark or fill): level triggers of breaker and kill switch. */
  void onEquityChange(Ledger ledger) {
    final CircuitBreaker breaker = ledger.breaker;
    if (breaker.state != BreakerState.OPEN) {
      final CircuitBreaker.Trigger trigger = levelTrigger(ledger);
      if (trigger != null) {
        open(
            ledger,
            trigger,
            (breaker.state == BreakerState.HALF_OPEN ? "re-tripped while half-open: " : "")
                + describe(trigger, ledger));
      }
    }
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
    final BreakerSettings s = settings.breaker(ledger.kind);
    if (ledger.breaker.recordTrade(
        tradePnl < 0, engine.now, s.losingStreak(), s.losingStreakWindowNanos())) {
      if (ledger.breaker.state != BreakerState.OPEN) {
        open(
            ledger,
            CircuitBreaker.Trigger.LOSING_STREAK,
            (ledger.breaker.state == BreakerState.HALF_OPEN ? "re-tripped while half-open: " : "")
                + s.losingStreak()
                + " consecutive losing trades within "
                + s.losingStreakWindowNanos() / SECOND
                + " s");
      }
    }
  }

  /** A fill of an open order was applied: the repeated-execution throttle. */
  void onFill(int book, int instrument, int sideSign, long orderKey) {
    final int max = settings.throttle().maxExecutions();
    if (max == 0 || engineOrders.get(orderKey) != LongIntHashMap.MISSING) {
      return;
    }
    if (book >= rings.length) {
      rings = Arrays.copyOf(rings, Math.max(book + 1, rings.length * 2));
    }
    ExecutionRing[] row = rings[book];
    final int key = instrument * 2 + (sideSign > 0 ? 0 : 1);
    if (row == null || key >= row.length) {
      row =
          row == null
              ? new ExecutionRing[Math.max(8, key + 2)]
              : Arrays.copyOf(row, Math.max(key + 2, row.length * 2));
      rings[book] = row;
    }
    ExecutionRing ring = row[key];
    if (ring == null) {
      ring = new ExecutionRing(max);
      row[key] = ring;
    }
    final long now = engine.now;
    final boolean beyond =
        ring.size == max && ring.times[ring.next] > now - settings.throttle().windowNanos();
    ring.times[ring.next] = now;
    ring.next = ring.next + 1 == max ? 0 : ring.next + 1;
    if (ring.size < max) {
      ring.size++;
    }
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
    if (ledger.kind == Scope.Kind.STRATEGY
        && ledger.id < rings.length
        && rings[ledger.id] != null) {
      for (ExecutionRing ring : rings[ledger.id]) {
        if (ring != null) {
          ring.size = 0;
          ring.next = 0;
        }
      }
    }
  }

  /** A price of an instrument was applied; {@code previousReference} is the one before it. */
  void onPrice(InstrumentState instrument, long previousReference) {
    final long reference = instrument.referencePrice();
    if (kill.maxTickJump() > 0 && previousReference > 0 && reference > 0) {
      final double jump = Math.abs((double) reference / previousReference - 1.0);
      if (jump > kill.maxTickJump()) {
        trigger(
            engine.firm,
            "bad tick: "
                + instrument.definition.symbol()
                + " moved from "
                + Fixed.toString(previousReference)
                + " to "
                + Fixed.toString(reference)
                + ", a jump of "
                + fraction(jump)
                + " beyond "
                + fraction(kill.maxTickJump()),
            jump,
            kill.maxTickJump());
      }
    }
  }

  /**
   * An instrument's market data went stale ({@code stale}, with the alert's message, age and limit
   * in seconds), or no instrument is stale any more: the firm's stale-data kill condition, which
   * kills the firm when {@link KillSwitchSettings#killOnStaleData()} is on.
   */
  void onStaleData(boolean stale, String message, double ageSeconds, double limitSeconds) {
    final Ledger firm = engine.firm;
    if (!stale) {
      firm.killConditions &= ~KILL_STALE;
      return;
    }
    firm.killConditions |= KILL_STALE;
    if (kill.killOnStaleData()) {
      trigger(firm, message, ageSeconds, limitSeconds);
    }
  }

  /** A venue reported its connectivity and latency. */
  void onVenueStatus(Event.VenueStatus status) {
    final boolean down = !status.connected();
    final boolean wasDown = venueDown.getOrDefault(status.venue(), false);
    venueDown.put(status.venue(), down);
    if (down && !wasDown && kill.killOnVenueDisconnect()) {
      trigger(engine.firm, "venue " + status.venue() + " disconnected", 1, 0);
    }
    final boolean slow =
        kill.maxVenueLatencyMs() > 0 && status.latencyMs() > kill.maxVenueLatencyMs();
    final boolean wasSlow = venueSlow.getOrDefault(status.venue(), false);
    venueSlow.put(status.venue(), slow);
    if (slow && !wasSlow) {
      trigger(
          engine.firm,
          "venue "
              + status.venue()
              + " round-trip latency "
              + status.latencyMs()
              + " ms beyond "
              + kill.maxVenueLatencyMs()
              + " ms",
          status.latencyMs(),
          kill.maxVenueLatencyMs());
    }
  }

  /** The clock moved to {@code now}: breaker cool-downs and probations. */
  void onTime(long now) {
    if (now >= nextBreakerDeadline) {
      breakerDeadlines(now);
    }
  }

  /** A new trading day began: daily breaker triggers and losing streaks reset. */
  void onNewDay() {
    forEachLedger(
        ledger -> {
          final CircuitBreaker b = ledger.breaker;
          b.lossRun = 0;
          if (b.state != BreakerState.CLOSED && b.trippedBy.daily) {
            final BreakerState from = b.state;
            b.state = BreakerState.CLOSED;
            b.trippedBy = CircuitBreaker.Trigger.NONE;
            breakerOutput(ledger, from, "new trading day resets the daily triggers");
          }
        });
    recomputeBreakerDeadline();
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
    final CircuitBreaker b = ledger.breaker;
    b.lossRun = 0;
    if (b.state == BreakerState.CLOSED) {
      return;
    }
    final BreakerState from = b.state;
    b.state = BreakerState.CLOSED;
    b.trippedBy = CircuitBreaker.Trigger.NONE;
    breakerOutput(ledger, from, "reset by " + by);
    recomputeBreakerDeadline();
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
    final BreakerState fs = firm.breaker.state;
    final BreakerState as = account.breaker.state;
    final BreakerState ss = strategy.breaker.state;
    if (fs == BreakerState.CLOSED && as == BreakerState.CLOSED && ss == BreakerState.CLOSED) {
      return;
    }
    final Ledger open =
        fs == BreakerState.OPEN
            ? firm
            : as == BreakerState.OPEN ? account : ss == BreakerState.OPEN ? strategy : null;
    if (open != null) {
      d.record(
          CheckCode.CIRCUIT_OPEN,
          reducing,
          1,
          0,
          open.kind,
          open.name,
          reducing ? RISK_REDUCING : OPEN_REASON);
      return;
    }
    Ledger half = halfOpenTighter(null, firm);
    half = halfOpenTighter(half, account);
    half = halfOpenTighter(half, strategy);
    final long scale = halfOpenScaleFixed[half.kind.ordinal()];
    if (reducing) {
      d.record(CheckCode.CIRCUIT_OPEN, true, 0, 0, half.kind, half.name, RISK_REDUCING);
      return;
    }
    final long reference = instrument.referencePrice();
    if (reference <= 0) {
      return;
    }
    final long cap = Fixed.multiply(scale, halfOpenAllowance(firm, account, strategy, order));
    final int sign = order.side.sign();
    final long resulting =
        position == null ? sign * order.quantity : position.resultingQuantity(sign, order.quantity);
    final long notional = instrument.value(Math.abs(resulting), reference);
    d.record(
        CheckCode.CIRCUIT_OPEN,
        notional <= cap,
        Fixed.toDouble(notional),
        Fixed.toDouble(cap),
        half.kind,
        half.name,
        HALF_OPEN_REASON);
  }

  /** The half-open ledger with the smaller scale of {@code current} and {@code candidate}. */
  private Ledger halfOpenTighter(Ledger current, Ledger candidate) {
    if (candidate.breaker.state != BreakerState.HALF_OPEN) {
      return current;
    }
    if (current == null
        || halfOpenScaleFixed[candidate.kind.ordinal()]
            < halfOpenScaleFixed[current.kind.ordinal()]) {
      return candidate;
    }
    return current;
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
    double scale = 1.0;
    for (Ledger l : new Ledger[] {firm, account, strategy}) {
      if (l.breaker.state == BreakerState.OPEN) {
        return 0.0;
      }
      if (l.breaker.state == BreakerState.HALF_OPEN) {
        scale = Math.min(scale, settings.breaker(l.kind).halfOpenScale());
      }
    }
    return scale;
  }

  // ---------------------------------------------------------------- breakers

  private CircuitBreaker.Trigger levelTrigger(Ledger ledger) {
    final int k = ledger.kind.ordinal();
    final long startOfDay = ledger.startOfDayEquity;
    if (startOfDay > 0) {
      final long daily = ledger.dailyPnl();
      if (lossFixed[k] > 0 && -daily >= Fixed.multiply(lossFixed[k], startOfDay)) {
        return CircuitBreaker.Trigger.DAILY_LOSS;
      }
      if (profitFixed[k] > 0 && daily >= Fixed.multiply(profitFixed[k], startOfDay)) {
        return CircuitBreaker.Trigger.PROFIT_TARGET;
      }
    }
    if (drawdownFixed[k] > 0
        && ledger.highWaterMark > 0
        && ledger.drawdownAmount() >= Fixed.multiply(drawdownFixed[k], ledger.highWaterMark)) {
      return CircuitBreaker.Trigger.DRAWDOWN;
    }
    return null;
  }

  private String describe(CircuitBreaker.Trigger trigger, Ledger ledger) {
    final BreakerSettings s = settings.breaker(ledger.kind);
    final double dailyReturn =
        ledger.startOfDayEquity > 0 ? (double) ledger.dailyPnl() / ledger.startOfDayEquity : 0;
    return switch (trigger) {
      case DAILY_LOSS ->
          "daily return " + fraction(dailyReturn) + " at or below -" + fraction(s.lossThreshold());
      case PROFIT_TARGET ->
          "daily return "
              + fraction(dailyReturn)
              + " at or above the profit target "
              + fraction(s.profitTarget());
      case DRAWDOWN ->
          "drawdown "
              + fraction(ledger.drawdownFraction())
              + " at or above "
              + fraction(s.drawdownLimit());
      default -> trigger.name();
    };
  }

  private void open(Ledger ledger, CircuitBreaker.Trigger trigger, String reason) {
    final CircuitBreaker b = ledger.breaker;
    final BreakerState from = b.state;
    b.state = BreakerState.OPEN;
    b.trippedBy = trigger;
    b.openedAtNanos = engine.now;
    breakerOutput(
        ledger,
        from,
        reason + "; cool-down " + seconds(settings.breaker(ledger.kind).coolDownNanos()) + " s");
    nextBreakerDeadline = Math.min(nextBreakerDeadline, b.deadline(settings.breaker(ledger.kind)));
  }

  private void breakerDeadlines(long now) {
    forEachLedger(
        ledger -> {
          final CircuitBreaker b = ledger.breaker;
          final BreakerSettings s = settings.breaker(ledger.kind);
          if (b.state == BreakerState.OPEN && now >= b.deadline(s)) {
            final CircuitBreaker.Trigger trigger = levelTrigger(ledger);
            if (trigger != null) {
              b.openedAtNanos = now;
              b.trippedBy = trigger;
              breakerOutput(
                  ledger,
                  BreakerState.OPEN,
                  "cool-down ended but "
                      + describe(trigger, ledger)
                      + " still holds: re-opened for "
                      + seconds(s.coolDownNanos())
                      + " s");
            } else {
              b.state = BreakerState.HALF_OPEN;
              b.halfOpenAtNanos = now;
              breakerOutput(
                  ledger,
                  BreakerState.OPEN,
                  "cool-down of "
                      + seconds(s.coolDownNanos())
                      + " s ended: sizes capped at "
                      + fraction(s.halfOpenScale())
                      + " of normal for a probation of "
                      + seconds(s.probationNanos())
                      + " s");
            }
          } else if (b.state == BreakerState.HALF_OPEN && now >= b.deadline(s)) {
            b.state = BreakerState.CLOSED;
            b.trippedBy = CircuitBreaker.Trigger.NONE;
            breakerOutput(
                ledger,
                BreakerState.HALF_OPEN,
                "probation of " + seconds(s.probationNanos()) + " s passed without a trigger");
          }
        });
    recomputeBreakerDeadline();
  }

  private void recomputeBreakerDeadline() {
    final long[] min = {Long.MAX_VALUE};
    forEachLedger(
        ledger ->
            min[0] = Math.min(min[0], ledger.breaker.deadline(settings.breaker(ledger.kind))));
    nextBreakerDeadline = min[0];
  }

  private void breakerOutput(Ledger ledger, BreakerState from, String reason) {
    engine.sink.onStateChange(
        new StateChange(
            engine.now,
            ledger.scope(),
            "breaker",
            from.name(),
            ledger.breaker.state.name(),
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
    int active = 0;
    final long drawdown = ledger.drawdownAmount();
    if (killDrawdown > 0 && drawdown > Fixed.multiply(killDrawdown, ledger.highWaterMark)) {
      active |= KILL_DRAWDOWN;
    }
    if (killCritical > 0 && drawdown > Fixed.multiply(killCritical, ledger.highWaterMark)) {
      active |= KILL_CRITICAL;
    }
    if (kill.maxPositions() > 0 && ledger.openPositions > kill.maxPositions()) {
      active |= KILL_POSITIONS;
    }
    if (killDailyLoss > 0
        && ledger.startOfDayEquity > 0
        && -ledger.dailyPnl() > Fixed.multiply(killDailyLoss, ledger.startOfDayEquity)) {
      active |= KILL_DAILY_LOSS;
    }
    final int rising = active & ~ledger.killConditions;
    ledger.killConditions = (ledger.killConditions & ~PORTFOLIO) | active;
    if (rising == 0 || ledger.killed) {
      return;
    }
    if ((rising & KILL_DRAWDOWN) != 0) {
      trigger(
          ledger,
          "drawdown "
              + fraction(ledger.drawdownFraction())
              + " beyond "
              + fraction(kill.maxDrawdown()),
          ledger.drawdownFraction(),
          kill.maxDrawdown());
    } else if ((rising & KILL_CRITICAL) != 0) {
      trigger(
          ledger,
          "risk level CRITICAL: drawdown "
              + fraction(ledger.drawdownFraction())
              + " beyond "
              + fraction(kill.criticalDrawdown()),
          ledger.drawdownFraction(),
          kill.criticalDrawdown());
    } else if ((rising & KILL_POSITIONS) != 0) {
      trigger(
          ledger,
          ledger.openPositions + " open positions, more than " + kill.maxPositions(),
          ledger.openPositions,
          kill.maxPositions());
    } else {
      final double loss = (double) -ledger.dailyPnl() / ledger.startOfDayEquity;
      trigger(
          ledger,
          "daily loss " + fraction(loss) + " beyond " + fraction(kill.maxDailyLoss()),
          loss,
          kill.maxDailyLoss());
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
            "cancelling every open order and flattening every position in scope; re-arm when safe"));
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
    out.writeLong(nextBreakerDeadline);
    out.writeLong(nextRetryNanos);
    out.writeLong(flattenSequence);
    writeVenues(out, venueDown);
    writeVenues(out, venueSlow);
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
    out.writeInt(rings.length);
    for (ExecutionRing[] row : rings) {
      out.writeInt(row == null ? -1 : row.length);
      if (row == null) {
        continue;
      }
      for (ExecutionRing ring : row) {
        out.writeInt(ring == null ? -1 : ring.times.length);
        if (ring != null) {
          out.writeLongs(ring.times, ring.times.length);
          out.writeInt(ring.next);
          out.writeInt(ring.size);
        }
      }
    }
  }

  /** Replaces the safeguards' state with what {@link #write} wrote; the ledgers are read. */
  void read(SnapshotReader in) {
    nextBreakerDeadline = in.readLong();
    nextRetryNanos = in.readLong();
    flattenSequence = in.readLong();
    readVenues(in, venueDown);
    readVenues(in, venueSlow);
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
    final int books = in.readCount(4);
    rings = new ExecutionRing[books][];
    final int max = settings.throttle().maxExecutions();
    for (int b = 0; b < books; b++) {
      final int keys = in.readInt();
      if (keys < -1 || keys > 8L * engine.instrumentCount + 16) {
        throw in.invalid("throttle rings of book " + b + ": " + keys);
      }
      if (keys < 0) {
        continue;
      }
      final ExecutionRing[] row = new ExecutionRing[keys];
      rings[b] = row;
      for (int k = 0; k < keys; k++) {
        final int capacity = in.readInt();
        if (capacity == -1) {
          continue;
        }
        if (capacity != max) {
          throw in.invalid("a throttle ring of " + capacity + " fills, the settings say " + max);
        }
        final ExecutionRing ring = new ExecutionRing(capacity);
        in.readLongs(ring.times, capacity);
        ring.next = in.readInt();
        ring.size = in.readInt();
        if (ring.next < 0 || ring.next >= capacity || ring.size < 0 || ring.size > capacity) {
          throw in.invalid("a throttle ring at " + ring.next + " with " + ring.size + " fills");
        }
        row[k] = ring;
      }
    }
  }

  private static void writeVenues(SnapshotWriter out, Map<String, Boolean> venues) {
    out.writeInt(venues.size());
    for (Map.Entry<String, Boolean> entry : venues.entrySet()) {
      out.writeString(entry.getKey());
      out.writeBoolean(entry.getValue());
    }
  }

  private static void readVenues(SnapshotReader in, Map<String, Boolean> venues) {
    venues.clear();
    final int n = in.readCount(2);
    for (int i = 0; i < n; i++) {
      venues.put(in.readStringNonNull("venue"), in.readBoolean());
    }
    if (venues.size() != n) {
      throw in.invalid("a venue written twice");
    }
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
