package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.breaker.BreakerScope;
import io.riskgate.core.breaker.CircuitBreaker;
import io.riskgate.core.kill.KillScope;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.monitor.MonitoredScope;
import io.riskgate.core.monitor.RiskLevel;
import io.riskgate.core.report.ReportedScope;

/**
 * The running totals of one scope that owns money: the firm, an account or a strategy. Equity is
 * {@code base + realized − fees + unrealized}, where the base is the firm's and accounts' capital
 * plus deposits minus withdrawals, or a strategy's allocation.
 */
final class Ledger implements BreakerScope, ReportedScope, MonitoredScope, KillScope {
  final Scope.Kind kind;
  final String name;
  final int id;
  final LimitSet limits = new LimitSet();

  long base;
  long realized;
  long fees;
  long unrealized;
  long grossExposure;

  /**
   * Scratch of the engine's marking: unrealized PnL change summed before it is applied; 0 between
   * events.
   */
  long pendingUnrealized;

  long highWaterMark;
  long startOfDayPnl;
  long startOfDayEquity;
  int openOrders;
  int openPositions;
  TradingState state = TradingState.ACTIVE;
  boolean killed;
  boolean drawdownBreached;

  /** The scope's circuit breaker. */
  final CircuitBreaker breaker = new CircuitBreaker();

  /** Automatic kill conditions holding at the last evaluation, a bit set (see Safeguards). */
  int killConditions;

  /**
   * Times of the most recent orders, oldest first from {@code orderTimesHead}: at most as many as
   * the rate limit; {@link #ordersInWindowWith} evicts those older than one second.
   */
  long[] orderTimes = new long[0];

  int orderTimesHead;
  int orderTimesSize;

  /** Orders, amends and cancels of the last second, for {@code maxMessagesPerSecond}. */
  final RateWindow messages = new RateWindow();

  /**
   * Gross notional of today's fills; {@code Long.MAX_VALUE} once beyond a long (then every daily
   * notional limit is breached, as it would be by the exact sum).
   */
  long dayTradedNotional;

  /** Bumped whenever the set of instruments held (or their sides) changes. */
  long holdingsEpoch;

  /**
   * Cached correlation results, three longs per (instrument, side) side by side so that a lookup
   * touches one cache line: the value's bits, the returns epoch and the holdings epoch it was
   * computed at.
   */
  long[] correlationCache = new long[0];

  /** Net PnL of the most recent closed trades (a strategy's), a ring, for Kelly estimates. */
  final double[] tradeProfits = new double[500];

  /** Closed-trade statistics (a strategy's), for the risk report. */
  final io.riskgate.core.stats.TradeStatistics trades =
      new io.riskgate.core.stats.TradeStatistics();

  /**
   * Monitoring alerts raised for this scope, a bit set (see {@link
   * io.riskgate.core.monitor.Monitor}).
   */
  int alertFlags;

  RiskLevel riskLevel = RiskLevel.LOW;

  /** Equity at the start of each trading day, a ring: the daily equity curve. */
  final long[] dailyEquity = new long[2520];

  int dailyEquityCount;
  int dailyEquityNext;

  int tradeCount;
  int tradeNext;

  void recordTrade(double profit) {
    tradeProfits[tradeNext] = profit;
    tradeNext = tradeNext + 1 == tradeProfits.length ? 0 : tradeNext + 1;
    if (tradeCount < tradeProfits.length) {
      tradeCount++;
    }
  }

  Ledger(Scope.Kind kind, String name, int id) {
    this.kind = kind;
    this.name = name;
    this.id = id;
  }

  @Override
  public long pnl() {
    return realized - fees + unrealized;
  }

  @Override
  public long equity() {
    return base + pnl();
  }

  @Override
  public long dailyPnl() {
    return pnl() - startOfDayPnl;
  }

  /** Drawdown amount from the high-water mark (non-negative). */
  @Override
  public long drawdownAmount() {
    return Math.max(0, highWaterMark - equity());
  }

  /** Drawdown as a fraction of the high-water mark, for display and statistics. */
  @Override
  public double drawdownFraction() {
    return highWaterMark <= 0 ? 0.0 : (double) drawdownAmount() / highWaterMark;
  }

  @Override
  public long realized() {
    return realized;
  }

  @Override
  public long unrealized() {
    return unrealized;
  }

  @Override
  public long fees() {
    return fees;
  }

  @Override
  public RiskLevel riskLevel() {
    return riskLevel;
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public void setKilled(boolean killed) {
    this.killed = killed;
  }

  @Override
  public void setRiskLevel(RiskLevel level) {
    riskLevel = level;
  }

  @Override
  public int alertFlags() {
    return alertFlags;
  }

  @Override
  public void setAlertFlags(int flags) {
    alertFlags = flags;
  }

  @Override
  public TradingState tradingState() {
    return state;
  }

  @Override
  public io.riskgate.core.stats.TradeStatistics trades() {
    return trades;
  }

  void updateHighWaterMark() {
    final long equity = equity();
    if (equity > highWaterMark) {
      highWaterMark = equity;
    }
  }

  /**
   * Simple returns of the daily equity curve, oldest first (empty with fewer than two days); never
   * below −1.
   */
  @Override
  public double[] dailyReturns() {
    final int n = dailyEquityCount;
    final double[] returns = new double[Math.max(0, n - 1)];
    final int first = (dailyEquityNext - n + dailyEquity.length) % dailyEquity.length;
    for (int k = 1; k < n; k++) {
      final long previous = dailyEquity[(first + k - 1) % dailyEquity.length];
      final long current = dailyEquity[(first + k) % dailyEquity.length];
      // Equity falling to zero or below is ruin, a return of −1 (a simple return cannot be lower);
      // after ruin there is no capital to return on.
      returns[k - 1] =
          previous <= 0
              ? Double.NaN
              : current <= 0 ? -1.0 : (double) (current - previous) / previous;
    }
    return returns;
  }

  void startDay() {
    dailyEquity[dailyEquityNext] = equity();
    dailyEquityNext = dailyEquityNext + 1 == dailyEquity.length ? 0 : dailyEquityNext + 1;
    if (dailyEquityCount < dailyEquity.length) {
      dailyEquityCount++;
    }
    startOfDayPnl = pnl();
    startOfDayEquity = equity();
    dayTradedNotional = 0;
  }

  /** Adds a fill's notional ({@link Fixed#OVERFLOW} when it overflowed) to today's total. */
  void addTraded(long notional) {
    final long sum = Fixed.addOrOverflow(dayTradedNotional, notional);
    dayTradedNotional = notional == Fixed.OVERFLOW || sum == Fixed.OVERFLOW ? Long.MAX_VALUE : sum;
  }

  @Override
  public Scope scope() {
    return kind == Scope.Kind.FIRM ? Scope.FIRM : new Scope(kind, name);
  }

  /** Resizes the rate window to a limit of {@code perSecondFixed} orders. */
  void sizeOrderWindow(long perSecondFixed) {
    final int capacity =
        perSecondFixed == LimitSet.UNSET
            ? 0
            : (int) Math.min(1_000_000, perSecondFixed / Fixed.ONE);
    if (orderTimes.length != capacity) {
      orderTimes = new long[capacity];
      orderTimesHead = 0;
      orderTimesSize = 0;
    }
  }

  /**
   * Orders in the one-second window ending at {@code now}, counting one more at {@code now}. Times
   * only move forward, so orders that left the window are dropped for good: amortized O(1).
   */
  @Override
  public int ordersInWindowWith(long now) {
    final long from = now - 1_000_000_000L;
    final long[] times = orderTimes;
    while (orderTimesSize > 0 && times[orderTimesHead] <= from) {
      orderTimesHead = orderTimesHead + 1 == times.length ? 0 : orderTimesHead + 1;
      orderTimesSize--;
    }
    return orderTimesSize + 1;
  }

  void recordOrderTime(long now) {
    final long[] times = orderTimes;
    if (times.length == 0) {
      return;
    }
    if (orderTimesSize == times.length) {
      orderTimesHead = orderTimesHead + 1 == times.length ? 0 : orderTimesHead + 1;
      orderTimesSize--;
    }
    int tail = orderTimesHead + orderTimesSize;
    if (tail >= times.length) {
      tail -= times.length;
    }
    times[tail] = now;
    orderTimesSize++;
  }

  void ensureInstrumentCapacity(int instruments) {
    final int needed = instruments * 2;
    if (correlationCache.length < needed * 3) {
      correlationCache = new long[Math.max(needed, correlationCache.length / 3 * 2) * 3];
      for (int k = 1; k < correlationCache.length; k += 3) {
        correlationCache[k] = -1L;
      }
    }
  }

  // ---------------------------------------------------------------- the checks' view

  @Override
  public CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public Scope.Kind kind() {
    return kind;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public LimitSet limits() {
    return limits;
  }

  @Override
  public long startOfDayEquity() {
    return startOfDayEquity;
  }

  @Override
  public long base() {
    return base;
  }

  @Override
  public long highWaterMark() {
    return highWaterMark;
  }

  @Override
  public long grossExposure() {
    return grossExposure;
  }

  @Override
  public int openOrders() {
    return openOrders;
  }

  @Override
  public int openPositions() {
    return openPositions;
  }

  @Override
  public boolean killed() {
    return killed;
  }

  @Override
  public long dayTradedNotional() {
    return dayTradedNotional;
  }

  @Override
  public int messagesInWindowWith(long now) {
    return messages.countWith(now);
  }
}
