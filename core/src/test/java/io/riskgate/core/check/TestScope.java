package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/**
 * A scope with settable figures, for testing a rule (a check, a breaker) without an engine. Its
 * equity is the start-of-day equity plus the day's PnL; the high-water mark and the base are the
 * start-of-day equity, so a loss is the drawdown.
 */
public class TestScope implements ScopeFigures {
  public final LimitSet limits = new LimitSet();
  private final Scope.Kind kind;
  private final String name;
  public long startOfDayEquity;
  public long dailyPnl;
  public long grossExposure;
  public boolean killed;

  /** What the order and message rates count in their window, the order being checked included. */
  public int inWindow = 1;

  public TestScope(Scope.Kind kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  static TestScope withEquity(long equity) {
    final TestScope scope = new TestScope(Scope.Kind.ACCOUNT, "A1");
    scope.startOfDayEquity = equity;
    return scope;
  }

  /** One whole unit of an instrument at a price and multiplier one, no conversion. */
  static final InstrumentFigures INSTRUMENT =
      new InstrumentFigures() {
        @Override
        public String symbol() {
          return "XYZ";
        }

        @Override
        public long value(long quantity, long price) {
          return Fixed.notional(quantity, price, Fixed.ONE);
        }
      };

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
  public long equity() {
    return startOfDayEquity + dailyPnl;
  }

  @Override
  public long startOfDayEquity() {
    return startOfDayEquity;
  }

  @Override
  public long dailyPnl() {
    return dailyPnl;
  }

  @Override
  public long base() {
    return startOfDayEquity;
  }

  @Override
  public long highWaterMark() {
    return startOfDayEquity;
  }

  @Override
  public long drawdownAmount() {
    return Math.max(0, -dailyPnl);
  }

  @Override
  public double drawdownFraction() {
    return startOfDayEquity == 0 ? 0 : (double) drawdownAmount() / startOfDayEquity;
  }

  @Override
  public long grossExposure() {
    return grossExposure;
  }

  @Override
  public int openOrders() {
    return 0;
  }

  @Override
  public int openPositions() {
    return 0;
  }

  @Override
  public boolean killed() {
    return killed;
  }

  @Override
  public long dayTradedNotional() {
    return 0;
  }

  @Override
  public int ordersInWindowWith(long now) {
    return inWindow;
  }

  @Override
  public int messagesInWindowWith(long now) {
    return inWindow;
  }
}
