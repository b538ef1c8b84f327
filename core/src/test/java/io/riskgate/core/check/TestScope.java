package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/** A scope with settable figures, for testing a check's rule without an engine. */
final class TestScope implements ScopeFigures {
  final LimitSet limits = new LimitSet();
  long equity;
  long grossExposure;
  boolean killed;

  static TestScope withEquity(long equity) {
    final TestScope scope = new TestScope();
    scope.equity = equity;
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
    return Scope.Kind.ACCOUNT;
  }

  @Override
  public String name() {
    return "A1";
  }

  @Override
  public LimitSet limits() {
    return limits;
  }

  @Override
  public long equity() {
    return equity;
  }

  @Override
  public long startOfDayEquity() {
    return equity;
  }

  @Override
  public long dailyPnl() {
    return 0;
  }

  @Override
  public long base() {
    return equity;
  }

  @Override
  public long highWaterMark() {
    return equity;
  }

  @Override
  public long drawdownAmount() {
    return 0;
  }

  @Override
  public double drawdownFraction() {
    return 0;
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
    return 1;
  }

  @Override
  public int messagesInWindowWith(long now) {
    return 1;
  }
}
