package io.riskgate.core.breaker;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.limit.Scope;
import java.util.Locale;

/**
 * The circuit breakers of the firm, every account and every strategy: what trips them, their
 * cool-down and probation, and the {@code CIRCUIT_OPEN} check. Each scope's breaker state lives in
 * its {@link CircuitBreaker}; this class holds the thresholds and the next timed transition.
 *
 * <p>CLOSED → OPEN when the daily return (daily PnL ÷ start-of-day equity) is at or below −loss
 * threshold, at or above the profit target (when on), the drawdown from the high-water mark is at
 * or above the drawdown limit (when on), or the scope closed N losing trades in a row within the
 * window. OPEN → HALF_OPEN when the cool-down has passed, evaluated on any timed event; but a level
 * trigger (daily loss, profit target, drawdown) that still holds at that moment re-opens the
 * breaker for a new cool-down instead (a {@code state} output OPEN → OPEN), so a breaker never goes
 * half-open into a loss it tripped on. Any trigger while HALF_OPEN → OPEN with a new cool-down;
 * HALF_OPEN → CLOSED after the probation period. A new trading day closes a breaker tripped by a
 * daily trigger (not one tripped by drawdown) and forgets losing streaks. A reset closes it at
 * once; a level trigger that still holds trips it again at the next mark.
 *
 * <p>While OPEN, risk-increasing orders fail {@code CIRCUIT_OPEN}. While HALF_OPEN, a
 * risk-increasing order passes only if its resulting position's notional is at most the half-open
 * scale of the tightest position allowance (worked out by the caller, see {@link #recordHalfOpen}).
 * Risk-reducing orders pass both. Time is an argument; nothing here reads a clock.
 */
public final class Breakers {
  private static final long SECOND = 1_000_000_000L;
  private static final String RISK_REDUCING = "risk-reducing";
  private static final String OPEN_REASON = "circuit breaker open";
  private static final String HALF_OPEN_REASON =
      "half-open: position capped at a fraction of its limit";

  private final BreakerSettings strategySettings;
  private final BreakerSettings accountSettings;
  private final BreakerSettings firmSettings;
  private final BreakerOutput output;

  /** Thresholds as fixed-point fractions, by {@link Scope.Kind} ordinal. */
  private final long[] lossFixed = new long[3];

  private final long[] profitFixed = new long[3];
  private final long[] drawdownFixed = new long[3];
  private final long[] halfOpenScaleFixed = new long[3];

  private long nextDeadline = Long.MAX_VALUE;

  public Breakers(
      BreakerSettings strategy,
      BreakerSettings account,
      BreakerSettings firm,
      BreakerOutput output) {
    this.strategySettings = strategy;
    this.accountSettings = account;
    this.firmSettings = firm;
    this.output = output;
    for (Scope.Kind kind :
        new Scope.Kind[] {Scope.Kind.FIRM, Scope.Kind.ACCOUNT, Scope.Kind.STRATEGY}) {
      final BreakerSettings b = settings(kind);
      lossFixed[kind.ordinal()] = Fixed.ofDouble(b.lossThreshold());
      profitFixed[kind.ordinal()] = Fixed.ofDouble(b.profitTarget());
      drawdownFixed[kind.ordinal()] = Fixed.ofDouble(b.drawdownLimit());
      halfOpenScaleFixed[kind.ordinal()] = Fixed.ofDouble(b.halfOpenScale());
    }
  }

  /** The breaker settings of a kind of scope. */
  public BreakerSettings settings(Scope.Kind kind) {
    return switch (kind) {
      case STRATEGY -> strategySettings;
      case ACCOUNT -> accountSettings;
      case FIRM -> firmSettings;
      default -> throw new IllegalArgumentException("no circuit breaker at " + kind + " scopes");
    };
  }

  /** The time of the next timed transition of any breaker, or {@link Long#MAX_VALUE}. */
  public long nextDeadline() {
    return nextDeadline;
  }

  /** Sets the next deadline as a snapshot recorded it. */
  public void restoreNextDeadline(long deadline) {
    nextDeadline = deadline;
  }

  // ---------------------------------------------------------------- triggers

  /** After a scope's equity changed (mark or fill): the level triggers. */
  public void onEquityChange(BreakerScope scope, long now) {
    final CircuitBreaker breaker = scope.breaker();
    if (breaker.state != BreakerState.OPEN) {
      final CircuitBreaker.Trigger trigger = levelTrigger(scope);
      if (trigger != null) {
        open(
            scope,
            trigger,
            (breaker.state == BreakerState.HALF_OPEN ? "re-tripped while half-open: " : "")
                + describe(trigger, scope),
            now);
      }
    }
  }

  /** A trade of this scope closed with {@code tradePnl}: the losing-streak trigger. */
  public void onTradeClosed(BreakerScope scope, long tradePnl, long now) {
    final BreakerSettings s = settings(scope.kind());
    final CircuitBreaker breaker = scope.breaker();
    if (breaker.recordTrade(tradePnl < 0, now, s.losingStreak(), s.losingStreakWindowNanos())) {
      if (breaker.state != BreakerState.OPEN) {
        open(
            scope,
            CircuitBreaker.Trigger.LOSING_STREAK,
            (breaker.state == BreakerState.HALF_OPEN ? "re-tripped while half-open: " : "")
                + s.losingStreak()
                + " consecutive losing trades within "
                + s.losingStreakWindowNanos() / SECOND
                + " s",
            now);
      }
    }
  }

  /** The clock moved to {@code now}: cool-downs and probations that ended. */
  public void onTime(long now, BreakerScopes all) {
    if (now >= nextDeadline) {
      deadlines(now, all);
    }
  }

  /** A new trading day began: daily triggers and losing streaks reset. */
  public void onNewDay(BreakerScopes all) {
    all.forEach(
        scope -> {
          final CircuitBreaker b = scope.breaker();
          b.lossRun = 0;
          if (b.state != BreakerState.CLOSED && b.trippedBy.daily) {
            final BreakerState from = b.state;
            b.state = BreakerState.CLOSED;
            b.trippedBy = CircuitBreaker.Trigger.NONE;
            output.onTransition(scope, from, "new trading day resets the daily triggers");
          }
        });
    recomputeDeadline(all);
  }

  /** An authorised person closes a scope's breaker. */
  public void reset(BreakerScope scope, String by, BreakerScopes all) {
    final CircuitBreaker b = scope.breaker();
    b.lossRun = 0;
    if (b.state == BreakerState.CLOSED) {
      return;
    }
    final BreakerState from = b.state;
    b.state = BreakerState.CLOSED;
    b.trippedBy = CircuitBreaker.Trigger.NONE;
    output.onTransition(scope, from, "reset by " + by);
    recomputeDeadline(all);
  }

  // ---------------------------------------------------------------- the check and sizing

  /**
   * The first half of the {@code CIRCUIT_OPEN} check. Records nothing and returns null when all
   * three breakers are CLOSED; records the result and returns null when one is OPEN or the order
   * reduces risk; otherwise returns the half-open scope whose scale caps the order, for {@link
   * #recordHalfOpen}. Changes nothing.
   */
  public BreakerScope checkOpen(
      Decision d,
      BreakerScope firm,
      BreakerScope account,
      BreakerScope strategy,
      boolean reducing) {
    final BreakerState fs = firm.breaker().state;
    final BreakerState as = account.breaker().state;
    final BreakerState ss = strategy.breaker().state;
    if (fs == BreakerState.CLOSED && as == BreakerState.CLOSED && ss == BreakerState.CLOSED) {
      return null;
    }
    final BreakerScope open =
        fs == BreakerState.OPEN
            ? firm
            : as == BreakerState.OPEN ? account : ss == BreakerState.OPEN ? strategy : null;
    if (open != null) {
      d.record(
          CheckCode.CIRCUIT_OPEN,
          reducing,
          1,
          0,
          open.kind(),
          open.name(),
          reducing ? RISK_REDUCING : OPEN_REASON);
      return null;
    }
    BreakerScope half = halfOpenTighter(null, firm);
    half = halfOpenTighter(half, account);
    half = halfOpenTighter(half, strategy);
    if (reducing) {
      d.record(CheckCode.CIRCUIT_OPEN, true, 0, 0, half.kind(), half.name(), RISK_REDUCING);
      return null;
    }
    return half;
  }

  /**
   * The second half of the check: the order's resulting position ({@code notional}) must be at most
   * {@code half}'s scale of {@code allowance}, the tightest position allowance over the order's
   * scopes.
   */
  public void recordHalfOpen(Decision d, BreakerScope half, long allowance, long notional) {
    final long cap = Fixed.multiply(halfOpenScaleFixed[half.kind().ordinal()], allowance);
    d.record(
        CheckCode.CIRCUIT_OPEN,
        notional <= cap,
        Fixed.toDouble(notional),
        Fixed.toDouble(cap),
        half.kind(),
        half.name(),
        HALF_OPEN_REASON);
  }

  /** The half-open scope with the smaller scale of {@code current} and {@code candidate}. */
  private BreakerScope halfOpenTighter(BreakerScope current, BreakerScope candidate) {
    if (candidate.breaker().state != BreakerState.HALF_OPEN) {
      return current;
    }
    if (current == null
        || halfOpenScaleFixed[candidate.kind().ordinal()]
            < halfOpenScaleFixed[current.kind().ordinal()]) {
      return candidate;
    }
    return current;
  }

  /**
   * The sizing scale of the breakers over a book: 0 when one is OPEN, the half-open scale, or 1.
   */
  public double scale(BreakerScope firm, BreakerScope account, BreakerScope strategy) {
    double scale = 1.0;
    for (BreakerScope l : new BreakerScope[] {firm, account, strategy}) {
      if (l.breaker().state == BreakerState.OPEN) {
        return 0.0;
      }
      if (l.breaker().state == BreakerState.HALF_OPEN) {
        scale = Math.min(scale, settings(l.kind()).halfOpenScale());
      }
    }
    return scale;
  }

  // ---------------------------------------------------------------- transitions

  private CircuitBreaker.Trigger levelTrigger(BreakerScope scope) {
    final int k = scope.kind().ordinal();
    final long startOfDay = scope.startOfDayEquity();
    if (startOfDay > 0) {
      final long daily = scope.dailyPnl();
      if (lossFixed[k] > 0 && -daily >= Fixed.multiply(lossFixed[k], startOfDay)) {
        return CircuitBreaker.Trigger.DAILY_LOSS;
      }
      if (profitFixed[k] > 0 && daily >= Fixed.multiply(profitFixed[k], startOfDay)) {
        return CircuitBreaker.Trigger.PROFIT_TARGET;
      }
    }
    if (drawdownFixed[k] > 0
        && scope.highWaterMark() > 0
        && scope.drawdownAmount() >= Fixed.multiply(drawdownFixed[k], scope.highWaterMark())) {
      return CircuitBreaker.Trigger.DRAWDOWN;
    }
    return null;
  }

  private String describe(CircuitBreaker.Trigger trigger, BreakerScope scope) {
    final BreakerSettings s = settings(scope.kind());
    final double dailyReturn =
        scope.startOfDayEquity() > 0 ? (double) scope.dailyPnl() / scope.startOfDayEquity() : 0;
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
              + fraction(scope.drawdownFraction())
              + " at or above "
              + fraction(s.drawdownLimit());
      default -> trigger.name();
    };
  }

  private void open(BreakerScope scope, CircuitBreaker.Trigger trigger, String reason, long now) {
    final CircuitBreaker b = scope.breaker();
    final BreakerState from = b.state;
    final BreakerSettings s = settings(scope.kind());
    b.state = BreakerState.OPEN;
    b.trippedBy = trigger;
    b.openedAtNanos = now;
    output.onTransition(scope, from, reason + "; cool-down " + seconds(s.coolDownNanos()) + " s");
    nextDeadline = Math.min(nextDeadline, b.deadline(s));
  }

  private void deadlines(long now, BreakerScopes all) {
    all.forEach(scope -> deadline(scope, now));
    recomputeDeadline(all);
  }

  private void deadline(BreakerScope scope, long now) {
    final CircuitBreaker b = scope.breaker();
    final BreakerSettings s = settings(scope.kind());
    if (b.state == BreakerState.OPEN && now >= b.deadline(s)) {
      final CircuitBreaker.Trigger trigger = levelTrigger(scope);
      if (trigger != null) {
        b.openedAtNanos = now;
        b.trippedBy = trigger;
        output.onTransition(
            scope,
            BreakerState.OPEN,
            "cool-down ended but "
                + describe(trigger, scope)
                + " still holds: re-opened for "
                + seconds(s.coolDownNanos())
                + " s");
      } else {
        b.state = BreakerState.HALF_OPEN;
        b.halfOpenAtNanos = now;
        output.onTransition(
            scope,
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
      output.onTransition(
          scope,
          BreakerState.HALF_OPEN,
          "probation of " + seconds(s.probationNanos()) + " s passed without a trigger");
    }
  }

  private void recomputeDeadline(BreakerScopes all) {
    final long[] min = {Long.MAX_VALUE};
    all.forEach(
        scope -> min[0] = Math.min(min[0], scope.breaker().deadline(settings(scope.kind()))));
    nextDeadline = min[0];
  }

  static String fraction(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  static String seconds(long nanos) {
    return nanos % SECOND == 0
        ? Long.toString(nanos / SECOND)
        : String.format(Locale.ROOT, "%.3f", (double) nanos / SECOND);
  }
}
