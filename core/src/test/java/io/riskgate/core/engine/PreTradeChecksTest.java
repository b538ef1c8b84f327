package io.riskgate.core.engine;

import static io.riskgate.core.event.Side.BUY;
import static io.riskgate.core.event.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.limit.TradingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One scenario per check, each at its boundary: just below, at, and just beyond the limit (equal
 * passes). Prices are quoted 99.99 / 100.01, so the reference price is 100.
 */
class PreTradeChecksTest {

  private static EngineFixture world() {
    final EngineFixture f = new EngineFixture(EngineFixture.noDefaults());
    f.price("AAA", "99.99", "100.01");
    f.price("BBB", "49.99", "50.01");
    return f;
  }

  @ParameterizedTest
  @CsvSource({"9,true", "10,true", "11,false"})
  void orderQuantityLimitAtItsBoundary(String quantity, boolean approved) {
    final EngineFixture f = world();
    f.limits("instrument:AAA", "maxOrderQuantity", "10");
    final Decision d = f.order(BUY, quantity, "100");
    assertEquals(approved, d.approved(), d.checks().toString());
    assertEquals(approved, f.check(d, "ORDER_QUANTITY_LIMIT", "instrument:AAA").passed());
  }

  @ParameterizedTest
  @CsvSource({"1000.01,true", "1000,true", "999.99,false"})
  void orderNotionalLimitAtItsBoundary(String limit, boolean approved) {
    final EngineFixture f = world();
    f.limits("strategy:S1", "maxOrderNotional", limit);
    final Decision d = f.order(BUY, "10", "100"); // 10 × 100 = 1,000
    assertEquals(approved, d.approved(), d.checks().toString());
    assertEquals(1000.0, f.check(d, "ORDER_NOTIONAL_LIMIT", "strategy:S1").value());
  }

  @ParameterizedTest
  @CsvSource({"104.99,true", "105.00,true", "105.01,false", "95.00,true", "94.99,false"})
  void priceCollarAroundTheReferencePrice(String price, boolean approved) {
    final EngineFixture f = world();
    f.limits("firm", "priceCollar", "0.05");
    final Decision d = f.order(BUY, "1", price);
    assertEquals(approved, d.approved(), d.checks().toString());
    assertEquals(approved, f.check(d, "PRICE_COLLAR", "firm").passed());
  }

  @ParameterizedTest
  @CsvSource({"999,true", "1000,true", "1001,false"})
  void positionFractionCountsTheResultingPosition(String quantity, boolean approved) {
    final EngineFixture f = world();
    f.limits("account:A1", "maxPositionFraction", "0.10");
    // 10% of 1,000,000 = 100,000 = 1,000 shares at the reference price 100.
    final Decision d = f.order(BUY, quantity, "100");
    assertEquals(approved, d.approved(), d.checks().toString());
    assertEquals(approved, f.check(d, "POSITION_LIMIT", "account:A1").passed());
  }

  @Test
  void openOrdersAndTheHeldPositionCountTowardThePositionLimit() {
    final EngineFixture f = world();
    f.limits("account:A1", "maxPositionFraction", "0.10");
    f.trade("AAA", BUY, "300", "99.99"); // bought at the bid: no unrealized loss
    assertTrue(f.order(BUY, "300", "100").approved()); // open: 300 held + 300 reserved
    assertTrue(f.order(BUY, "400", "100").approved()); // 1,000 in all: at the limit
    final Decision beyond = f.order(BUY, "1", "100");
    assertFalse(beyond.approved());
    assertEquals(0.1001, f.check(beyond, "POSITION_LIMIT", "account:A1").value(), 1e-12);
    // Cancelling a reservation frees its room again.
    f.engine.apply(new Event.Cancel(f.tick(), "o2"));
    assertTrue(f.order(BUY, "300", "100").approved());
  }

  @Test
  void partialFillsReduceTheReservationAndMoveItIntoThePosition() {
    final EngineFixture f = world();
    assertTrue(f.order("p1", "AAA", BUY, "100", "100").approved());
    f.engine.apply(new Event.Fill(f.tick(), "x1", "p1", Fixed.parse("40"), Fixed.parse("100"), 0));
    PositionView view = f.engine.positions().get(0);
    assertEquals(Fixed.parse("40"), view.quantity());
    assertEquals(Fixed.parse("60"), view.openBuy());
    assertEquals(1, f.engine.ledger("strategy:S1").openOrders());
    f.engine.apply(new Event.Fill(f.tick(), "x2", "p1", Fixed.parse("60"), Fixed.parse("100"), 0));
    view = f.engine.positions().get(0);
    assertEquals(Fixed.parse("100"), view.quantity());
    assertEquals(0, view.openBuy());
    assertEquals(0, f.engine.ledger("strategy:S1").openOrders());
    // A fill larger than what remains is refused and changes nothing.
    assertTrue(f.order("p2", "AAA", BUY, "5", "100").approved());
    final long hash = f.engine.stateHash();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            f.engine.apply(
                new Event.Fill(f.tick(), "x3", "p2", Fixed.parse("6"), Fixed.parse("100"), 0)));
    assertEquals(hash, f.engine.stateHash());
  }

  @ParameterizedTest
  @CsvSource({"9999,true", "10000,true", "10001,false"})
  void grossLeverageOfTheAccountAfterTheOrder(String quantity, boolean approved) {
    final EngineFixture f = world();
    f.limits("account:A1", "maxLeverage", "1");
    // Equity 1,000,000; leverage 1 allows 1,000,000 gross = 10,000 shares at 100.
    final Decision d = f.order(BUY, quantity, "100");
    assertEquals(approved, d.approved(), d.checks().toString());
  }

  @Test
  void grossLeverageAddsExposureInOtherInstruments() {
    final EngineFixture f = world();
    f.limits("account:A1", "maxLeverage", "1");
    f.trade("BBB", SELL, "10000", "50"); // short 500,000 of BBB, marked at the ask: equity 999,900
    assertTrue(f.order(BUY, "4999", "100").approved()); // gross 999,900
    assertFalse(f.order(BUY, "1", "100").approved());
  }

  @ParameterizedTest
  @CsvSource({"5,true", "5.00000001,false"})
  void declaredLeverageIsCheckedToo(String leverage, boolean approved) {
    final EngineFixture f = world();
    f.limits("account:A1", "maxLeverage", "5");
    f.engine.apply(
        new Event.Order(
            f.tick(),
            "L1",
            "A1",
            "S1",
            "AAA",
            BUY,
            Fixed.ONE,
            Fixed.parse("100"),
            Fixed.parse(leverage)));
    final Decision d = f.decisions.get(f.decisions.size() - 1);
    assertEquals(approved, d.approved(), d.checks().toString());
  }

  /** Buys 1,000 at 100, then moves the bid so that the loss is {@code loss}. */
  private static EngineFixture losing(String bid) {
    final EngineFixture f = world();
    f.trade("AAA", BUY, "1000", "100");
    f.price("AAA", bid, "100.01");
    return f;
  }

  @ParameterizedTest
  @CsvSource({"50.01,true", "50.00,true", "49.99,false"})
  void dailyLossOfTheAccountAgainstStartOfDayEquity(String bid, boolean approved) {
    final EngineFixture f = losing(bid);
    f.limits("account:A1", "maxDailyLoss", "0.05");
    // 5% of 1,000,000 = 50,000 = 1,000 shares losing 50.
    final Decision d = f.order(BUY, "1", "100");
    assertEquals(approved, d.approved(), d.checks().toString());
    assertEquals(approved, f.check(d, "DAILY_LOSS_LIMIT", "account:A1").passed());
    // A risk-reducing sell is never stopped by the daily loss.
    final Decision reduce = f.order(SELL, "10", bid);
    assertTrue(reduce.approved(), reduce.checks().toString());
    assertTrue(reduce.riskReducing());
  }

  @Test
  void dailyLossStartsAfreshAtTheTradingDayBoundary() {
    final EngineFixture f = losing("49");
    f.limits("account:A1", "maxDailyLoss", "0.05");
    assertFalse(f.order(BUY, "1", "100").approved());
    f.engine.apply(new Event.Timer(EngineFixture.T0 + 86_400 * EngineFixture.SECOND));
    f.time = EngineFixture.T0 + 86_400 * EngineFixture.SECOND;
    assertTrue(f.order(BUY, "1", "100").approved());
  }

  @ParameterizedTest
  @CsvSource({"85.01,true", "85.00,true", "84.99,false"})
  void strategyDrawdownAgainstItsAllocation(String bid, boolean approved) {
    final EngineFixture f = losing(bid);
    f.limits("strategy:S1", "maxStrategyDrawdown", "0.15");
    // 15% of the 100,000 allocation = 15,000 = 1,000 shares losing 15.
    final Decision d = f.order(BUY, "1", "100");
    assertEquals(approved, d.approved(), d.checks().toString());
    assertTrue(f.order(SELL, "1", bid).approved());
  }

  @Test
  void strategyDrawdownIsMeasuredFromTheHighWaterMarkSoAProfitIsNoDrawdown() {
    final EngineFixture f = world();
    f.limits("strategy:S1", "maxStrategyDrawdown", "0.15");
    f.trade("AAA", BUY, "1000", "100");
    f.price("AAA", "150", "150.02"); // +50,000 unrealized: high-water mark 150,000
    assertTrue(f.order(BUY, "1", "150").approved());
    f.price("AAA", "135", "135.02"); // 15,000 below the peak: at the limit
    assertTrue(f.order(BUY, "1", "135").approved());
    f.price("AAA", "134.98", "135.02");
    assertFalse(f.order(BUY, "1", "135").approved());
  }

  @Test
  void portfolioDrawdownPutsTheAccountInReducing() {
    final EngineFixture f = world();
    f.limits("account:A1", "maxPortfolioDrawdown", "0.25", "maxPositionFraction", null);
    f.trade("AAA", BUY, "5000", "100");
    f.price("AAA", "50", "50.02"); // 250,000 lost of 1,000,000: at the limit
    assertTrue(f.states.isEmpty());
    assertTrue(f.order(BUY, "1", "50.02").approved());
    f.price("AAA", "49.99", "50.01");
    assertEquals(1, f.states.size());
    assertEquals("REDUCING", f.states.get(0).to());
    final Decision more = f.order(BUY, "1", "50.01");
    assertFalse(more.approved());
    assertTrue(more.failed(CheckCode.TRADING_REDUCING));
    assertTrue(more.failed(CheckCode.PORTFOLIO_DRAWDOWN_LIMIT));
    assertTrue(f.order(SELL, "100", "49.99").approved());
  }

  @Test
  void orderRatePerOneSecondWindow() {
    final EngineFixture f = world();
    f.limits("strategy:S1", "maxOrdersPerSecond", "3");
    final long start = f.time + EngineFixture.SECOND;
    for (int i = 0; i < 4; i++) {
      f.time = start + i * 100_000_000L - EngineFixture.SECOND; // tick() adds a second
      final Decision d = f.order(BUY, "1", "100");
      assertEquals(i < 3, d.approved(), "order " + i + " " + d.checks());
    }
    // Every order is a message and counts, the rejected one too: at 1.2 s the window holds the
    // orders of 0.3 s (and this one) only.
    f.time = start + 1_200_000_000L - EngineFixture.SECOND;
    assertTrue(f.order(BUY, "1", "100").approved());
  }

  @Test
  void openOrderCountAndCancels() {
    final EngineFixture f = world();
    f.limits("account:A1", "maxOpenOrders", "2");
    assertTrue(f.order(BUY, "1", "100").approved());
    assertTrue(f.order(BUY, "1", "100").approved());
    assertTrue(f.order(BUY, "1", "100").failed(CheckCode.OPEN_ORDER_LIMIT));
    f.engine.apply(new Event.Cancel(f.tick(), "o1"));
    assertTrue(f.order(BUY, "1", "100").approved());
  }

  @Test
  void positionCountLimitsNewPositionsOnly() {
    final EngineFixture f = world();
    f.limits("strategy:S1", "maxPositions", "1");
    f.trade("AAA", BUY, "10", "100");
    assertTrue(f.order(BUY, "1", "100").approved()); // adds to the held one
    final Decision second = f.order("n1", "BBB", BUY, "1", "50");
    assertTrue(second.failed(CheckCode.POSITION_COUNT_LIMIT));
  }

  @Test
  void duplicateOrderIdIsRejectedWithoutTouchingTheFirst() {
    final EngineFixture f = world();
    assertTrue(f.order("dup", "AAA", BUY, "1", "100").approved());
    final Decision again = f.order("dup", "AAA", BUY, "1", "100");
    assertFalse(again.approved());
    assertEquals(CheckCode.DUPLICATE_ORDER, again.firstFailure());
    assertEquals(1, f.engine.ledger("strategy:S1").openOrders());
  }

  @Test
  void restrictedInstrumentAllowsOnlyReducing() {
    final EngineFixture f = world();
    f.trade("AAA", BUY, "10", "100");
    f.limits("instrument:AAA", "restricted", true);
    assertTrue(f.order(BUY, "1", "100").failed(CheckCode.INSTRUMENT_RESTRICTED));
    assertTrue(f.order(SELL, "5", "100").approved());
  }

  @Test
  void haltedStopsEverythingReducingStopsOnlyRiskIncreasing() {
    final EngineFixture f = world();
    f.trade("AAA", BUY, "10", "100");
    f.engine.apply(
        new Event.TradingStateChange(
            f.tick(),
            io.riskgate.core.limit.Scope.parse("strategy:S1"),
            TradingState.REDUCING,
            "risk"));
    assertTrue(f.order(BUY, "1", "100").failed(CheckCode.TRADING_REDUCING));
    assertTrue(f.order(SELL, "10", "100").approved());
    f.engine.apply(
        new Event.TradingStateChange(
            f.tick(),
            io.riskgate.core.limit.Scope.parse("account:A1"),
            TradingState.HALTED,
            "risk"));
    assertTrue(f.order(SELL, "1", "100").failed(CheckCode.TRADING_HALTED));
    assertEquals(2, f.states.size());
  }

  @Test
  void killSwitchBlocksEvenReducingUntilRearmed() {
    final EngineFixture f = world();
    f.trade("AAA", BUY, "10", "100");
    f.engine.apply(new Event.Kill(f.tick(), io.riskgate.core.limit.Scope.FIRM, "officer"));
    // The venue confirms the cancel of the engine's own flattening order.
    f.engine.apply(new Event.Cancel(f.tick(), "flatten-1"));
    final Decision d = f.order(SELL, "10", "100");
    assertTrue(d.riskReducing());
    assertTrue(d.failed(CheckCode.KILL_SWITCH));
    f.engine.apply(new Event.Rearm(f.tick(), io.riskgate.core.limit.Scope.FIRM, "officer"));
    assertTrue(f.order(SELL, "10", "100").approved());
  }

  @Test
  void unknownInstrumentNoPriceAndInvalidOrdersFailClosed() {
    final EngineFixture f = world();
    assertEquals(
        CheckCode.UNKNOWN_INSTRUMENT, f.order("u1", "ZZZ", BUY, "1", "100").firstFailure());
    f.instrument("CCC");
    assertEquals(CheckCode.NO_PRICE, f.order("u2", "CCC", BUY, "1", null).firstFailure());
    assertEquals(CheckCode.INVALID_ORDER, f.order(BUY, "1.5", "100").firstFailure()); // lot 1
    assertEquals(CheckCode.INVALID_ORDER, f.order(BUY, "1", "100.005").firstFailure()); // tick
    assertEquals(CheckCode.INVALID_ORDER, f.order(BUY, "0", "100").firstFailure());
    assertEquals(CheckCode.INVALID_ORDER, f.order(BUY, "-1", "100").firstFailure());
    assertEquals(0, f.engine.ledger("firm").openOrders());
  }

  @Test
  void outOfOrderTimestampsAreRefusedAndChangeNothing() {
    final EngineFixture f = world();
    final long hash = f.engine.stateHash();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            f.engine.apply(
                new Event.Order(
                    f.time - 1, "late", "A1", "S1", "AAA", BUY, Fixed.ONE, Fixed.parse("100"), 0)));
    assertEquals(hash, f.engine.stateHash());
  }

  /** Feeds daily bars of closes to two instruments; returns of BBB are {@code factor} × AAA's. */
  private static EngineFixture correlated(double factor) {
    final EngineFixture f = new EngineFixture(EngineFixture.noDefaults());
    double a = 100;
    double b = 50;
    final double[] moves = {0.01, -0.02, 0.015, 0.005, -0.01, 0.02, -0.005};
    for (double move : moves) {
      a *= 1 + move;
      b *= 1 + factor * move;
      bar(f, "AAA", a);
      bar(f, "BBB", b);
    }
    f.price("AAA", "99.99", "100.01");
    f.price("BBB", "49.99", "50.01");
    return f;
  }

  private static void bar(EngineFixture f, String symbol, double close) {
    final long c = Fixed.parse(String.format(java.util.Locale.ROOT, "%.2f", close));
    f.engine.apply(new Event.Bar(f.tick(), symbol, c, c, c, c, Fixed.ofLong(1000)));
  }

  @Test
  void correlationIsSignedByBothDirections() {
    final EngineFixture f = correlated(1.0);
    f.limits("account:A1", "maxCorrelation", "0.7");
    f.trade("AAA", BUY, "10", "100");
    final Decision concentrating = f.order("c1", "BBB", BUY, "10", "50");
    assertTrue(
        concentrating.failed(CheckCode.CORRELATION_LIMIT), concentrating.checks().toString());
    assertTrue(f.check(concentrating, "CORRELATION_LIMIT", "account:A1").value() > 0.99);
    final Decision hedge = f.order("c2", "BBB", SELL, "10", "50");
    assertTrue(hedge.approved(), hedge.checks().toString());
    assertTrue(f.check(hedge, "CORRELATION_LIMIT", "account:A1").value() < -0.99);
  }

  @Test
  void correlationNeedsTheMinimumObservations() {
    final EngineFixture f = world(); // no bars at all
    f.limits("account:A1", "maxCorrelation", "0.7");
    f.trade("AAA", BUY, "10", "100");
    final Decision d = f.order("c1", "BBB", BUY, "10", "50");
    assertTrue(d.approved());
    assertEquals(
        "not enough common history", f.check(d, "CORRELATION_LIMIT", "account:A1").reason());
  }

  @Test
  void liquidityFailsClosedWithoutVolumeHistoryAndComparesTheDailyAverage() {
    final EngineFixture f = world();
    f.limits("account:A1", "minLiquidity", "10000", "maxParticipation", "0.01");
    final Decision none = f.order(BUY, "1", "100");
    assertTrue(none.failed(CheckCode.LIQUIDITY_LIMIT));
    assertEquals("no volume history", f.check(none, "LIQUIDITY_LIMIT", "account:A1").reason());
    // One day with 100 shares traded at 100 = 10,000 notional: at the minimum.
    final long c = Fixed.parse("100");
    f.engine.apply(new Event.Bar(f.tick(), "AAA", c, c, c, c, Fixed.ofLong(100)));
    f.engine.apply(new Event.Timer(EngineFixture.T0 + 86_400 * EngineFixture.SECOND));
    f.time = EngineFixture.T0 + 86_400 * EngineFixture.SECOND;
    final Decision at = f.order(BUY, "1", "100"); // 100 notional = 1% of 10,000
    assertTrue(at.approved(), at.checks().toString());
    final Decision over = f.order(BUY, "2", "100");
    assertTrue(over.failed(CheckCode.LIQUIDITY_LIMIT));
  }

  @Test
  void everyCheckThatRanIsListedWithValueAndLimit() {
    final EngineFixture f = new EngineFixture(); // the seed's account defaults
    f.price("AAA", "99.99", "100.01");
    final Decision d = f.order(BUY, "10", "100");
    assertTrue(d.ran(CheckCode.POSITION_LIMIT));
    assertTrue(d.ran(CheckCode.LEVERAGE_LIMIT));
    assertTrue(d.ran(CheckCode.DAILY_LOSS_LIMIT));
    assertTrue(d.ran(CheckCode.STRATEGY_DRAWDOWN_LIMIT));
    assertTrue(d.ran(CheckCode.PORTFOLIO_DRAWDOWN_LIMIT));
    assertTrue(d.ran(CheckCode.CORRELATION_LIMIT));
    assertTrue(d.ran(CheckCode.LIQUIDITY_LIMIT));
    final Decision.Check position = f.check(d, "POSITION_LIMIT", "account:A1");
    assertEquals(0.001, position.value(), 1e-12);
    assertEquals(0.10, position.limit());
  }
}
