package io.riskgate.core.monitor;

import io.riskgate.core.check.Decision;
import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.session.TradingSession;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Whether each instrument's market data is fresh, judged as event time passes (any timed event,
 * timers included), per instrument, and only while it matters: the instrument has a position or an
 * open order, and its market is open (its {@link TradingSession}).
 *
 * <p><b>Age.</b> While the session is open, the age of an instrument's price is the time since the
 * later of its last {@code price} or {@code bar} and the opening of the session; outside the
 * session no age is counted. So the night between two sessions never makes a price stale, and at
 * the opening a price from the evening before is as fresh as the session is old. An instrument that
 * never had a price and trades around the clock has no age to count from: it is stale at once.
 *
 * <p><b>Stale.</b> An instrument that matters goes stale when its age is strictly beyond its limit:
 * {@code maxPriceAgeSeconds} at the instrument's scope, else at the firm's, else the monitoring
 * setting {@link MonitorSettings#stalePriceNanos()} (60 s). Going stale raises a WARNING alert
 * {@code STALE_PRICE} at the instrument's scope and, when {@link
 * io.riskgate.core.kill.KillSwitchSettings#killOnStaleData()} is on, trips the firm's kill switch.
 * It stays stale until its age is back within the limit (a fresh price, or a looser limit) or its
 * session closes, which clear the alert; the position and its orders going away do not (the data is
 * no fresher), so an instrument traded on and off while its feed is dead raises one alert, not one
 * per order. The arrival of a price is never itself a reason to go stale: the price is recorded
 * before the state is judged, at the end of the event.
 *
 * <p><b>Orders.</b> The {@code STALE_PRICE} pre-trade check runs for every scope of the order
 * (firm, account, strategy, instrument) that sets {@code maxPriceAgeSeconds}: a risk-increasing
 * order fails it when the instrument's age is strictly beyond that limit (equal passes); a
 * risk-reducing order passes. The decision carries the measured age and the limit in seconds.
 *
 * <p><b>Cost.</b> The end of each event costs a comparison with the earliest moment any
 * instrument's state could change (its price ageing past the limit, its session opening or
 * closing); instruments whose price, holdings or definition changed during the event are judged
 * alone, and all of them only when that moment has come or a limit changed. Each instrument keeps
 * the session window it is in until the window ends, so the session rules are consulted twice per
 * session.
 */
public final class PriceStaleness {
  private static final long SECOND = 1_000_000_000L;
  private static final Scope.Kind FIRM = Scope.Kind.FIRM;
  private static final Scope.Kind ACCOUNT = Scope.Kind.ACCOUNT;
  private static final Scope.Kind STRATEGY = Scope.Kind.STRATEGY;
  private static final Scope.Kind INSTRUMENT = Scope.Kind.INSTRUMENT;
  private static final String CODE = "STALE_PRICE";

  final MonitorState state;
  private final Monitor monitor;
  private final StaleDataTrip trip;
  private final long defaultLimitNanos;

  /** Per instrument id: stale now (its alert is raised). */
  boolean[] stale = new boolean[16];

  /** Per instrument id: when it went stale, or {@link Long#MIN_VALUE}. */
  long[] staleSinceNanos = filled(16, Long.MIN_VALUE);

  int staleCount;

  // The session window each instrument is in, kept until it ends; worked out again from the
  // definition and the clock when it has (Long.MIN_VALUE: not yet known).
  boolean[] sessionOpen = new boolean[16];
  long[] sessionStartNanos = filled(16, Long.MIN_VALUE);
  long[] sessionUntilNanos = filled(16, Long.MIN_VALUE);

  /** The earliest time at which some instrument's state may change; all are judged then. */
  long nextScanNanos = Long.MAX_VALUE;

  /** Instruments to judge at the end of the event (price, holdings or definition changed). */
  int[] pending = new int[16];

  boolean[] isPending = new boolean[16];
  int pendingCount;

  public PriceStaleness(
      MonitorState state, Monitor monitor, StaleDataTrip trip, long defaultLimitNanos) {
    this.state = state;
    this.monitor = monitor;
    this.trip = trip;
    this.defaultLimitNanos = defaultLimitNanos;
  }

  private static long[] filled(int length, long value) {
    final long[] array = new long[length];
    Arrays.fill(array, value);
    return array;
  }

  // ---------------------------------------------------------------- hooks from the engine

  /** An instrument was defined or redefined (its session may be new). */
  public void onDefined(int instrument) {
    ensureCapacity(instrument + 1);
    sessionUntilNanos[instrument] = Long.MIN_VALUE;
    markPending(instrument);
  }

  /** A price or bar of the instrument was recorded. */
  public void onPrice(MonitoredInstrument instrument) {
    if (stale[instrument.id()]) {
      markPending(instrument.id());
    }
  }

  /** The instrument gained its first or lost its last position or open order. */
  public void onHoldingChanged(MonitoredInstrument instrument) {
    markPending(instrument.id());
  }

  /** A limit changed somewhere: every instrument is judged again at the end of the event. */
  public void onLimitsChanged() {
    nextScanNanos = Long.MIN_VALUE;
  }

  /** Judges what the event may have changed, at the engine's time. */
  public void afterEvent() {
    final long now = state.now();
    if (now == Long.MIN_VALUE) {
      return;
    }
    if (now >= nextScanNanos) {
      long next = Long.MAX_VALUE;
      for (int i = 0; i < state.instrumentCount(); i++) {
        next = Math.min(next, judge(i, now));
      }
      nextScanNanos = next;
      clearPending();
    } else if (pendingCount > 0) {
      for (int k = 0; k < pendingCount; k++) {
        nextScanNanos = Math.min(nextScanNanos, judge(pending[k], now));
      }
      clearPending();
    }
  }

  private void markPending(int instrument) {
    ensureCapacity(instrument + 1);
    if (!isPending[instrument]) {
      isPending[instrument] = true;
      if (pendingCount == pending.length) {
        pending = Arrays.copyOf(pending, pendingCount * 2);
      }
      pending[pendingCount++] = instrument;
    }
  }

  private void clearPending() {
    for (int k = 0; k < pendingCount; k++) {
      isPending[pending[k]] = false;
    }
    pendingCount = 0;
  }

  // ---------------------------------------------------------------- judging

  /**
   * Raises or clears the instrument's staleness as of {@code now}; returns the earliest time at
   * which it may change by time alone.
   */
  private long judge(int i, long now) {
    refreshSession(i, now);
    final MonitoredInstrument instrument = state.instrument(i);
    final boolean matters = instrument.positionCount() > 0;
    final boolean open = sessionOpen[i];
    final long limit = limitNanos(i);
    final long age = open ? age(instrument, i, now) : 0;
    final boolean beyond = open && age > limit;
    if (beyond && matters && !stale[i]) {
      goStale(instrument, i, now, age, limit);
    } else if (!beyond && stale[i]) {
      final String why;
      if (!open) {
        why = "the session closed";
      } else if (instrument.lastPriceNanos() >= staleSinceNanos[i]) {
        why = "a price arrived";
      } else {
        why = "within the limit of " + seconds(limit) + " s now";
      }
      clear(instrument, i, age, limit, why);
    }
    if (stale[i]) {
      return sessionUntilNanos[i];
    }
    if (!matters) {
      return Long.MAX_VALUE;
    }
    if (!open) {
      return sessionUntilNanos[i];
    }
    final long from = Math.max(instrument.lastPriceNanos(), sessionStartNanos[i]);
    final long staleAt = from > Long.MAX_VALUE - limit - 1 ? Long.MAX_VALUE : from + limit + 1;
    return Math.min(staleAt, sessionUntilNanos[i]);
  }

  private void goStale(MonitoredInstrument instrument, int i, long now, long age, long limit) {
    stale[i] = true;
    staleSinceNanos[i] = now;
    staleCount++;
    final String symbol = instrument.symbol();
    final String what;
    if (age == Long.MAX_VALUE) {
      what = "no price yet";
    } else if (instrument.lastPriceNanos() < sessionStartNanos[i]) {
      what = "no price in the " + seconds(age) + " s since the session opened";
    } else {
      what = "last price " + seconds(age) + " s ago";
    }
    final String message =
        symbol + " market data stale: " + what + ", beyond " + seconds(limit) + " s";
    final double ageSeconds = ageSeconds(age);
    monitor.raise(
        key(symbol),
        Alert.Level.WARNING,
        CODE,
        new Scope(INSTRUMENT, symbol),
        message,
        ageSeconds,
        (double) limit / SECOND,
        "check the market data feed of " + symbol);
    trip.onStaleData(true, message, ageSeconds, (double) limit / SECOND);
  }

  private void clear(MonitoredInstrument instrument, int i, long age, long limit, String why) {
    stale[i] = false;
    staleSinceNanos[i] = Long.MIN_VALUE;
    staleCount--;
    monitor.clear(key(instrument.symbol()), ageSeconds(age), (double) limit / SECOND, why);
    if (staleCount == 0) {
      trip.onStaleData(false, null, 0, 0);
    }
  }

  private void refreshSession(int i, long now) {
    if (now < sessionUntilNanos[i]) {
      return;
    }
    final TradingSession.Window w = state.instrument(i).session().windowAt(now);
    sessionOpen[i] = w.open();
    sessionStartNanos[i] = w.startNanos();
    sessionUntilNanos[i] = w.untilNanos();
  }

  /**
   * The age counted in the open session; {@link Long#MAX_VALUE} when there is nothing to count
   * from.
   */
  private long age(MonitoredInstrument instrument, int i, long now) {
    final long from = Math.max(instrument.lastPriceNanos(), sessionStartNanos[i]);
    return from == Long.MIN_VALUE ? Long.MAX_VALUE : now - from;
  }

  /** The instrument's staleness limit: its own, else the firm's, else the monitoring default. */
  private long limitNanos(int i) {
    long limit = state.instrumentLimits(i).get(Limit.MAX_PRICE_AGE_SECONDS);
    if (limit == LimitSet.UNSET) {
      limit = state.firm().limits().get(Limit.MAX_PRICE_AGE_SECONDS);
    }
    return limit == LimitSet.UNSET ? defaultLimitNanos : nanos(limit);
  }

  /** A limit in seconds (fixed-point) as nanoseconds: exact, since 1e-8 s is 10 ns. */
  static long nanos(long fixedSeconds) {
    return fixedSeconds > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : fixedSeconds * 10;
  }

  // ---------------------------------------------------------------- the pre-trade check

  /**
   * The {@code STALE_PRICE} check of an order, once for every scope that sets {@code
   * maxPriceAgeSeconds}. Changes nothing but the instrument's remembered session window.
   */
  public void checkOrder(
      Decision d,
      ScopeFigures firm,
      ScopeFigures account,
      ScopeFigures strategy,
      LimitSet instrumentLimits,
      MonitoredInstrument instrument,
      boolean reducing) {
    final long f = firm.limits().get(Limit.MAX_PRICE_AGE_SECONDS);
    final long a = account.limits().get(Limit.MAX_PRICE_AGE_SECONDS);
    final long s = strategy.limits().get(Limit.MAX_PRICE_AGE_SECONDS);
    final long n = instrumentLimits.get(Limit.MAX_PRICE_AGE_SECONDS);
    if (f == LimitSet.UNSET && a == LimitSet.UNSET && s == LimitSet.UNSET && n == LimitSet.UNSET) {
      return;
    }
    final int i = instrument.id();
    final long now = state.now();
    refreshSession(i, now);
    final boolean open = sessionOpen[i];
    final long age = open ? age(instrument, i, now) : 0;
    StalePriceCheck.record(d, f, FIRM, firm.name(), age, open, reducing);
    StalePriceCheck.record(d, a, ACCOUNT, account.name(), age, open, reducing);
    StalePriceCheck.record(d, s, STRATEGY, strategy.name(), age, open, reducing);
    StalePriceCheck.record(d, n, INSTRUMENT, instrument.symbol(), age, open, reducing);
  }

  // ---------------------------------------------------------------- state, views

  /** Whether the instrument is stale now. */
  public boolean isStale(int instrument) {
    return instrument < stale.length && stale[instrument];
  }

  /** The staleness limit that applies to the instrument's alert, in nanoseconds. */
  public long alertLimitNanos(int instrument) {
    return limitNanos(instrument);
  }

  /**
   * The age of the instrument's price at {@code now} as this class counts it (0 outside the
   * session, {@link Long#MAX_VALUE} with nothing to count from), without remembering anything.
   */
  public long ageNanos(int instrument, long now) {
    final MonitoredInstrument figures = state.instrument(instrument);
    final TradingSession.Window w = figures.session().windowAt(now);
    if (!w.open()) {
      return 0;
    }
    final long from = Math.max(figures.lastPriceNanos(), w.startNanos());
    return from == Long.MIN_VALUE ? Long.MAX_VALUE : now - from;
  }

  private static String key(String symbol) {
    return CODE + "|" + symbol;
  }

  static double ageSeconds(long age) {
    return age == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : (double) age / SECOND;
  }

  private static String seconds(long nanos) {
    return nanos % SECOND == 0
        ? Long.toString(nanos / SECOND)
        : String.format(Locale.ROOT, "%.3f", (double) nanos / SECOND);
  }

  void ensureCapacity(int size) {
    if (size <= stale.length) {
      return;
    }
    final int old = stale.length;
    final int length = Math.max(size, old * 2);
    stale = Arrays.copyOf(stale, length);
    isPending = Arrays.copyOf(isPending, length);
    sessionOpen = Arrays.copyOf(sessionOpen, length);
    staleSinceNanos = Arrays.copyOf(staleSinceNanos, length);
    sessionStartNanos = Arrays.copyOf(sessionStartNanos, length);
    sessionUntilNanos = Arrays.copyOf(sessionUntilNanos, length);
    Arrays.fill(staleSinceNanos, old, length, Long.MIN_VALUE);
    Arrays.fill(sessionStartNanos, old, length, Long.MIN_VALUE);
    Arrays.fill(sessionUntilNanos, old, length, Long.MIN_VALUE);
  }

  /**
   * Writes, per instrument, whether it is stale and since when and the session window it is in,
   * then the count of stale instruments, the next scan time and the instruments still waiting to be
   * judged, in order (see {@link StalenessSnapshot}).
   */
  public void write(SnapshotWriter out) {
    StalenessSnapshot.write(this, out);
  }

  /** Replaces the state with what {@link #write} wrote, for the instruments already read. */
  public void read(SnapshotReader in) {
    StalenessSnapshot.read(this, in);
  }
}
