package io.riskgate.core.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.Decision;
import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The headroom caps of a size over a hand-made state, with no engine: one account with one
 * strategy, one domestic instrument worth 100 a unit, the book long 2 units.
 */
class HeadroomCapsTest {
  private static final long UNIT = Fixed.ONE;
  private static final long PRICE = Fixed.ofLong(100);
  private static final SizingInstrument RULES = new SizingInstrument(Fixed.ONE, 1, 0);

  private final Book book = new Book();
  private final SizingResult result = new SizingResult();

  @BeforeEach
  void setUp() {
    book.position.net = 2 * UNIT;
    book.instrument.firm.net = 2 * UNIT;
    book.instrument.account.net = 2 * UNIT;
    result.reset();
    result.applyQuantity(50.0, PRICE, RULES);
    assertEquals(50 * UNIT, result.quantity());
  }

  @Test
  void noLimitsCapNothing() {
    cap();
    assertEquals(50 * UNIT, result.quantity());
    assertFalse(result.has(SizingFactor.HEADROOM_POSITION));
    assertFalse(result.has(SizingFactor.HEADROOM_ORDER));
  }

  @Test
  void aPositionLimitLeavesWhatTheHoldingDoesNotTake() {
    // 1,000 allows just under 10 units at 100 (equal passes, so the last step is one tick short);
    // the book holds 2 of them.
    book.account.limits.set(Limit.MAX_POSITION_NOTIONAL, Fixed.ofLong(1_000));
    cap();
    assertEquals(8 * UNIT - 1, result.quantity());
    assertTrue(result.has(SizingFactor.HEADROOM_POSITION));
  }

  @Test
  void theTightestScopeWins() {
    book.account.limits.set(Limit.MAX_POSITION_NOTIONAL, Fixed.ofLong(1_000));
    book.firm.limits.set(Limit.MAX_POSITION_NOTIONAL, Fixed.ofLong(500));
    book.strategy.limits.set(Limit.MAX_ORDER_QUANTITY, 4 * UNIT);
    cap();
    assertEquals(3 * UNIT - 1, result.quantity());
  }

  @Test
  void anOrderQuantityLimitCapsTheOrderAlone() {
    book.instrumentLimits.set(Limit.MAX_ORDER_QUANTITY, 4 * UNIT);
    cap();
    assertEquals(4 * UNIT, result.quantity());
    assertTrue(result.has(SizingFactor.HEADROOM_ORDER));
  }

  @Test
  void aSellIsHeldAgainstTheShortSide() {
    // Selling first closes the 2 units held, then may go 10 units (less a tick) short.
    book.account.limits.set(Limit.MAX_POSITION_NOTIONAL, Fixed.ofLong(1_000));
    HeadroomCaps.cap(book, result, Side.SELL.sign(), 0, 0, 0, PRICE, PRICE);
    assertEquals(12 * UNIT - 1, result.quantity());
  }

  private void cap() {
    HeadroomCaps.cap(book, result, Side.BUY.sign(), 0, 0, 0, PRICE, PRICE);
  }

  /** A scope with its limits and an equity of 10,000. */
  private static final class TestScope implements ScopeFigures {
    final LimitSet limits = new LimitSet();
    final Scope.Kind kind;

    TestScope(Scope.Kind kind) {
      this.kind = kind;
    }

    @Override
    public Scope.Kind kind() {
      return kind;
    }

    @Override
    public String name() {
      return kind.name();
    }

    @Override
    public LimitSet limits() {
      return limits;
    }

    @Override
    public long equity() {
      return Fixed.ofLong(10_000);
    }

    @Override
    public long startOfDayEquity() {
      return equity();
    }

    @Override
    public long dailyPnl() {
      return 0;
    }

    @Override
    public long base() {
      return equity();
    }

    @Override
    public long highWaterMark() {
      return equity();
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
      return 0;
    }

    @Override
    public int openOrders() {
      return 0;
    }

    @Override
    public int openPositions() {
      return 1;
    }

    @Override
    public boolean killed() {
      return false;
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

  /** A domestic spot instrument, no volume history. */
  private static final class TestInstrument implements SizedInstrument {
    final Holding firm = new Holding();
    final Holding account = new Holding();

    @Override
    public String symbol() {
      return "XYZ";
    }

    @Override
    public long value(long quantity, long price) {
      return Fixed.notional(quantity, price, Fixed.ONE);
    }

    @Override
    public long referencePrice() {
      return PRICE;
    }

    @Override
    public long executablePrice(int sideSign) {
      return PRICE;
    }

    @Override
    public long multiplier() {
      return Fixed.ONE;
    }

    @Override
    public long lotSize() {
      return 1;
    }

    @Override
    public boolean foreign() {
      return false;
    }

    @Override
    public boolean rateKnown() {
      return true;
    }

    @Override
    public long toAccountCurrency(long amount) {
      return amount;
    }

    @Override
    public double rateFactor(boolean highSide) {
      return 1.0;
    }

    @Override
    public double historicalVolatility() {
      return Double.NaN;
    }

    @Override
    public double atr() {
      return Double.NaN;
    }

    @Override
    public double averageDailyNotional() {
      return Double.NaN;
    }

    @Override
    public Holding firmHolding() {
      return firm;
    }

    @Override
    public Holding accountHolding(int account) {
      return this.account;
    }
  }

  /** Account 0, strategy 0 in it, instrument 0; the book's position in it. */
  private static final class Book implements SizingState {
    final TestScope firm = new TestScope(Scope.Kind.FIRM);
    final TestScope account = new TestScope(Scope.Kind.ACCOUNT);
    final TestScope strategy = new TestScope(Scope.Kind.STRATEGY);
    final LimitSet instrumentLimits = new LimitSet();
    final TestInstrument instrument = new TestInstrument();
    final Position position = new Position(0, 0);

    @Override
    public SizedInstrument instrument(int id) {
      return instrument;
    }

    @Override
    public ScopeFigures firm() {
      return firm;
    }

    @Override
    public ScopeFigures account(int id) {
      return account;
    }

    @Override
    public ScopeFigures strategy(int id) {
      return strategy;
    }

    @Override
    public LimitSet instrumentLimits(int id) {
      return instrumentLimits;
    }

    @Override
    public Position position(int strategyId, int instrumentId) {
      return position;
    }

    @Override
    public long bookLimit(int strategyId, Limit limit) {
      return LimitSet.UNSET;
    }

    @Override
    public double[] tradeProfits(int strategyId) {
      return new double[0];
    }

    @Override
    public int tradeCount(int strategyId) {
      return 0;
    }

    @Override
    public double breakerScale(int accountId, int strategyId) {
      return 1.0;
    }

    @Override
    public Decision dryRun(
        long timestampNanos,
        int accountId,
        int strategyId,
        int instrumentId,
        Side side,
        long quantity,
        long price) {
      throw new AssertionError("the caps run no checks");
    }
  }
}
