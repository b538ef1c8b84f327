package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.event.TimeInForce;
import io.riskgate.core.kill.Action;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order lifecycle after the check: amend (cancel/replace), what venues report (rejected,
 * expired), time in force, cancel-all, and the controls on the flow (message rate, daily notional,
 * self-match). After every scenario a fresh engine replays the accepted events: the same state hash
 * and the same snapshot bytes.
 */
class OrderLifecycleTest {
  private static final long DAY = 86_400_000_000_000L;

  private final EngineFixture f = new EngineFixture(EngineFixture.noDefaults());
  private final List<Event> journal = new ArrayList<>();

  private void apply(Event event) {
    f.engine.apply(event);
    journal.add(event);
  }

  private IllegalArgumentException refuse(Event event) {
    final long before = f.engine.stateHash();
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> f.engine.apply(event));
    assertEquals(before, f.engine.stateHash(), "a refused " + event.type() + " changed the state");
    return e;
  }

  @AfterEach
  void replayEqualsLive() {
    final EngineFixture replay = new EngineFixture(EngineFixture.noDefaults());
    journal.forEach(replay.engine::apply);
    assertEquals(f.engine.stateHash(), replay.engine.stateHash());
    assertEquals(
        java.util.Arrays.toString(f.engine.writeSnapshot()),
        java.util.Arrays.toString(replay.engine.writeSnapshot()));
    final RiskEngine restored =
        RiskEngine.readSnapshot(f.engine.writeSnapshot(), f.engine.config(), new OutputSink() {});
    assertEquals(f.engine.stateHash(), restored.stateHash());
  }

  private void last(String price) {
    apply(new Event.Price(f.tick(), "AAA", 0, 0, Fixed.parse(price)));
  }

  private void limit(String scope, Limit limit, String value) {
    final Map<Limit, Long> values = new HashMap<>();
    values.put(
        limit,
        value == null
            ? LimitSet.UNSET
            : value.equals("true") ? Fixed.ONE : value.equals("false") ? 0 : Fixed.parse(value));
    apply(new Event.Limits(f.tick(), Scope.parse(scope), values, "test"));
  }

  private Decision order(String id, Side side, String quantity, String price) {
    return order(f.tick(), id, side, quantity, price, TimeInForce.GTC, Event.NO_TIME);
  }

  private Decision order(
      long ts, String id, Side side, String quantity, String price, TimeInForce tif, long expire) {
    apply(
        new Event.Order(
            ts,
            id,
            "A1",
            "S1",
            "AAA",
            side,
            Fixed.parse(quantity),
            price == null ? 0 : Fixed.parse(price),
            0,
            tif,
            expire));
    return lastDecision();
  }

  private Decision amend(String id, String quantity, String price) {
    apply(
        new Event.Amend(
            f.tick(),
            id,
            quantity == null ? 0 : Fixed.parse(quantity),
            price == null ? 0 : Fixed.parse(price)));
    return lastDecision();
  }

  private void fill(String fillId, String orderId, String quantity, String price) {
    apply(new Event.Fill(f.tick(), fillId, orderId, Fixed.parse(quantity), Fixed.parse(price), 0));
  }

  private Decision lastDecision() {
    return f.decisions.get(f.decisions.size() - 1);
  }

  private PositionView position() {
    return f.engine.positions().get(0);
  }

  private int openOrders() {
    return f.engine.ledger("strategy:S1").openOrders();
  }

  // ---------------------------------------------------------------- amend

  @Test
  void amendUpIsCheckedWithTheAmendedQuantityInPlaceOfTheOld() {
    last("100");
    limit("strategy:S1", Limit.MAX_POSITION_NOTIONAL, "10000");
    assertTrue(order("o1", Side.BUY, "60", "100").approved());
    // 110 in place of 60: 11,000 > 10,000 (added to the 60 it would have been 17,000).
    final Decision up = amend("o1", "110", null);
    assertFalse(up.approved());
    assertTrue(up.amend());
    assertEquals(CheckCode.POSITION_LIMIT, up.firstFailure());
    assertEquals(11_000, f.check(up, "POSITION_LIMIT", "strategy:S1").value(), 0);
    assertEquals(Fixed.ofLong(60), position().openBuy(), "a rejected amend leaves the order");
    assertEquals(1, openOrders());
    assertEquals(Fixed.ofLong(6_000), f.engine.ledger("strategy:S1").grossExposure());
    // 100 in place of 60: exactly at the limit, which passes; the reservation moves.
    final Decision atLimit = amend("o1", "100", null);
    assertTrue(atLimit.approved(), atLimit.checks().toString());
    assertEquals(10_000, f.check(atLimit, "POSITION_LIMIT", "strategy:S1").value(), 0);
    assertEquals(Fixed.ofLong(100), position().openBuy());
    assertEquals(1, openOrders());
    assertEquals(Fixed.ofLong(10_000), f.engine.ledger("strategy:S1").grossExposure());
    // The fill may now take the whole amended quantity.
    fill("f1", "o1", "100", "100");
    assertEquals(Fixed.ofLong(100), position().quantity());
    assertEquals(0, position().openBuy());
    assertEquals(0, openOrders());
  }

  @Test
  void amendOfThePriceIsHeldToTheCollar() {
    last("100");
    limit("firm", Limit.PRICE_COLLAR, "0.05");
    assertTrue(order("o1", Side.BUY, "10", "99").approved());
    final Decision far = amend("o1", null, "106");
    assertEquals(CheckCode.PRICE_COLLAR, far.firstFailure());
    assertEquals(0.06, f.check(far, "PRICE_COLLAR", "firm").value(), 1e-12);
    final Decision near = amend("o1", "5", "105");
    assertTrue(near.approved());
    assertFalse(near.riskReducing(), "a new price is more than a lower quantity");
    assertEquals(Fixed.ofLong(5), position().openBuy());
    assertEquals(Fixed.ofLong(500), f.engine.ledger("strategy:S1").grossExposure());
  }

  @Test
  void amendThatOnlyLowersTheQuantityPassesButForTheKillState() {
    last("100");
    assertTrue(order("o1", Side.BUY, "10", "100").approved());
    apply(
        new Event.TradingStateChange(
            f.tick(), Scope.parse("strategy:S1"), TradingState.HALTED, "test"));
    assertEquals(CheckCode.TRADING_HALTED, amend("o1", "12", null).firstFailure());
    final Decision lower = amend("o1", "8", null);
    assertTrue(lower.approved(), lower.checks().toString());
    assertTrue(lower.riskReducing());
    assertEquals(Fixed.ofLong(8), position().openBuy());
    apply(new Event.Kill(f.tick(), Scope.parse("strategy:S1"), "test"));
    final Decision killed = amend("o1", "4", null);
    assertEquals(CheckCode.KILL_SWITCH, killed.firstFailure());
    assertEquals(Fixed.ofLong(8), position().openBuy());
  }

  @Test
  void amendOfAnOrderThatIsNotOpenIsRefused() {
    last("100");
    assertTrue(order("o1", Side.BUY, "10", null).approved());
    final IllegalArgumentException market = refuse(new Event.Amend(f.tick(), "o1", 0, Fixed.ONE));
    assertTrue(market.getMessage().contains("market order"), market.getMessage());
    apply(new Event.Cancel(f.tick(), "o1"));
    final IllegalArgumentException closed = refuse(new Event.Amend(f.tick(), "o1", Fixed.ONE, 0));
    assertEquals(EventRefusedException.Kind.CONFLICT, ((EventRefusedException) closed).kind());
    final IllegalArgumentException unknown =
        refuse(new Event.Amend(f.tick(), "nope", Fixed.ONE, 0));
    assertEquals(EventRefusedException.Kind.NOT_FOUND, ((EventRefusedException) unknown).kind());
  }

  // ---------------------------------------------------------------- venue reports

  @Test
  void venueRefusalOfAnApprovedAmendPutsTheReservationBackWithFillsSinceTakenOff() {
    last("100");
    limit("strategy:S1", Limit.MAX_POSITION_NOTIONAL, "10000");
    assertTrue(order("o1", Side.BUY, "10", "99").approved());
    final Decision up = amend("o1", "30", "100");
    assertTrue(up.approved(), up.checks().toString());
    assertEquals(Fixed.ofLong(30), position().openBuy());
    // The venue still works the original 10 at 99 and fills 3 of it before refusing the replace.
    fill("f1", "o1", "3", "99");
    apply(new Event.AmendRejected(f.tick(), "o1", Fixed.ofLong(7), Fixed.ofLong(99), "too late"));
    assertEquals(Fixed.ofLong(7), position().openBuy());
    assertEquals(Fixed.ofLong(3), position().quantity());
    assertEquals(1, openOrders());
    // 3 held and 7 open: the exposure of the original 10, not of the amended 30.
    assertEquals(Fixed.ofLong(1_000), f.engine.ledger("strategy:S1").grossExposure());
    // The order is the original again: it fills to its original size, no more.
    fill("f2", "o1", "7", "99");
    assertEquals(0, openOrders());
    assertEquals(Fixed.ofLong(10), position().quantity());
  }

  @Test
  void venueRefusalOfAReducingAmendRestoresTheQuantityEvenUnderTheKillSwitch() {
    last("100");
    assertTrue(order("o1", Side.SELL, "10", "100").approved());
    assertTrue(amend("o1", "4", null).approved());
    apply(new Event.Kill(f.tick(), Scope.parse("strategy:S1"), "test"));
    // Not a check: the venue holds the order at 10, and the reservation must say so.
    apply(new Event.AmendRejected(f.tick(), "o1", Fixed.ofLong(10), 0, ""));
    assertEquals(Fixed.ofLong(10), position().openSell());
    assertEquals(Fixed.ofLong(1_000), f.engine.ledger("strategy:S1").grossExposure());
  }

  @Test
  void amendRejectedOfAnOrderThatIsNotOpenOrWithAPriceForAMarketOrderIsRefused() {
    last("100");
    assertTrue(order("m1", Side.BUY, "10", null).approved());
    final IllegalArgumentException market =
        refuse(new Event.AmendRejected(f.tick(), "m1", Fixed.ONE, Fixed.ONE, ""));
    assertTrue(market.getMessage().contains("market order"), market.getMessage());
    apply(new Event.Cancel(f.tick(), "m1"));
    final IllegalArgumentException closed =
        refuse(new Event.AmendRejected(f.tick(), "m1", Fixed.ONE, 0, ""));
    assertEquals(EventRefusedException.Kind.CONFLICT, ((EventRefusedException) closed).kind());
    final IllegalArgumentException unknown =
        refuse(new Event.AmendRejected(f.tick(), "nope", Fixed.ONE, 0, ""));
    assertEquals(EventRefusedException.Kind.NOT_FOUND, ((EventRefusedException) unknown).kind());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Event.AmendRejected(f.tick(), "m1", 0, 0, ""),
        "what remains open must be positive");
  }

  @Test
  void venueRejectReleasesTheReservation() {
    last("100");
    assertTrue(order("o1", Side.SELL, "10", "100").approved());
    assertEquals(Fixed.ofLong(10), position().openSell());
    apply(new Event.OrderRejected(f.tick(), "o1", "venue: unknown symbol"));
    assertEquals(0, openOrders());
    assertEquals(0, f.engine.ledger("strategy:S1").grossExposure());
    assertTrue(f.engine.positions().isEmpty());
    refuse(new Event.Fill(f.tick(), "f1", "o1", Fixed.ONE, Fixed.ofLong(100), 0));
  }

  @Test
  void dayOrdersExpireAtTheTradingDayBoundaryAndGtcOrdersStay() {
    last("100");
    final long t = f.tick();
    order(t, "day", Side.BUY, "10", "100", TimeInForce.DAY, Event.NO_TIME);
    order(t, "gtc", Side.BUY, "5", "100", TimeInForce.GTC, Event.NO_TIME);
    order(t, "ioc", Side.BUY, "1", "100", TimeInForce.IOC, Event.NO_TIME);
    assertEquals(3, openOrders());
    // 2024-01-02T09:30Z plus a few seconds; the next day starts at midnight UTC.
    final long midnight = 1_704_240_000_000_000_000L;
    apply(new Event.Timer(midnight - 1));
    assertEquals(3, openOrders());
    final IllegalArgumentException late =
        refuse(new Event.Fill(midnight, "f1", "day", Fixed.ONE, Fixed.ofLong(100), 0));
    assertTrue(
        late.getMessage().contains("expired at 2024-01-03T00:00:00Z (day)"), late.getMessage());
    f.states.clear();
    apply(new Event.Timer(midnight));
    assertEquals(1, openOrders());
    assertEquals(Fixed.ofLong(5), position().openBuy());
    assertEquals(2, f.states.size());
    assertEquals("EXPIRED", f.states.get(0).to());
    assertTrue(f.states.get(0).reason().startsWith("order day:"), f.states.get(0).reason());
  }

  @Test
  void gtdOrdersExpireAtTheirExpireAtByEventTime() {
    last("100");
    final long t = f.tick();
    final Decision past = order(t, "late", Side.BUY, "1", "100", TimeInForce.GTD, t);
    assertEquals(CheckCode.INVALID_ORDER, past.firstFailure());
    order(t, "g1", Side.BUY, "10", "100", TimeInForce.GTD, t + 10 * EngineFixture.SECOND);
    order(t, "g2", Side.BUY, "20", "100", TimeInForce.GTD, t + 20 * EngineFixture.SECOND);
    apply(new Event.Timer(t + 10 * EngineFixture.SECOND - 1));
    assertEquals(2, openOrders());
    refuse(new Event.Cancel(t + 10 * EngineFixture.SECOND, "g1"));
    apply(new Event.Price(t + 10 * EngineFixture.SECOND, "AAA", 0, 0, Fixed.ofLong(100)));
    assertEquals(1, openOrders());
    assertEquals(Fixed.ofLong(20), position().openBuy());
    apply(new Event.Timer(t + 25 * EngineFixture.SECOND));
    assertEquals(0, openOrders());
  }

  @Test
  void venueExpiryReleasesAnyOrder() {
    last("100");
    assertTrue(order("o1", Side.BUY, "10", "100").approved());
    fill("f1", "o1", "4", "100");
    apply(new Event.OrderExpired(f.tick(), "o1"));
    assertEquals(0, openOrders());
    assertEquals(Fixed.ofLong(4), position().quantity());
    assertEquals(0, position().openBuy());
  }

  // ---------------------------------------------------------------- controls

  @Test
  void messageRateCountsOrdersAmendsAndCancels() {
    last("100");
    limit("strategy:S1", Limit.MAX_MESSAGES_PER_SECOND, "3");
    final long t = f.tick();
    order(t, "o1", Side.BUY, "1", "100", TimeInForce.GTC, Event.NO_TIME);
    apply(new Event.Amend(t, "o1", Fixed.ofLong(2), 0));
    assertTrue(lastDecision().approved());
    apply(new Event.Cancel(t, "o1"));
    final Decision fourth = order(t, "o2", Side.BUY, "1", "100", TimeInForce.GTC, Event.NO_TIME);
    assertEquals(CheckCode.MESSAGE_RATE_LIMIT, fourth.firstFailure());
    assertEquals(4, f.check(fourth, "MESSAGE_RATE_LIMIT", "strategy:S1").value(), 0);
    // One second later the window has moved on.
    final Decision later =
        order(t + EngineFixture.SECOND, "o3", Side.BUY, "1", "100", TimeInForce.GTC, Event.NO_TIME);
    assertTrue(later.approved(), later.checks().toString());
    assertEquals(1, f.check(later, "MESSAGE_RATE_LIMIT", "strategy:S1").value(), 0);
  }

  @Test
  void dailyNotionalCountsTodaysFillsAndOpenOrdersAndResetsAtTheDayRoll() {
    last("100");
    limit("account:A1", Limit.MAX_DAILY_NOTIONAL, "10000");
    assertTrue(order("o1", Side.BUY, "50", "100").approved());
    fill("f1", "o1", "50", "100");
    final Decision second = order("o2", Side.SELL, "40", "100");
    assertTrue(second.approved());
    assertEquals(9_000, f.check(second, "DAILY_NOTIONAL_LIMIT", "account:A1").value(), 0);
    // A sale counts as much as a purchase: 5,000 filled + 4,000 open + 1,100 = 10,100.
    final Decision third = order("o3", Side.BUY, "11", "100");
    assertEquals(CheckCode.DAILY_NOTIONAL_LIMIT, third.firstFailure());
    assertEquals(10_100, f.check(third, "DAILY_NOTIONAL_LIMIT", "account:A1").value(), 0);
    assertEquals(10_000, f.check(third, "DAILY_NOTIONAL_LIMIT", "account:A1").limit(), 0);
    // An amend is counted with its new quantity in place of the old one.
    final Decision amended = amend("o2", "50", null);
    assertTrue(amended.approved());
    assertEquals(10_000, f.check(amended, "DAILY_NOTIONAL_LIMIT", "account:A1").value(), 0);
    apply(new Event.Cancel(f.tick(), "o2"));
    apply(new Event.Timer(f.time += DAY));
    final Decision nextDay = order("o4", Side.BUY, "100", "100");
    assertTrue(nextDay.approved(), nextDay.checks().toString());
    assertEquals(10_000, f.check(nextDay, "DAILY_NOTIONAL_LIMIT", "account:A1").value(), 0);
  }

  @Test
  void selfMatchRejectsAnOrderThatCouldTradeWithTheAccountsOwnOrder() {
    last("100");
    limit("account:A1", Limit.PREVENT_SELF_MATCH, "true");
    assertTrue(order("s1", Side.SELL, "10", "101").approved());
    final Decision below = order("b1", Side.BUY, "10", "100");
    assertTrue(below.approved(), below.checks().toString());
    final Decision crossing = order("b2", Side.BUY, "10", "101");
    assertEquals(CheckCode.SELF_MATCH, crossing.firstFailure());
    assertTrue(
        f.check(crossing, "SELF_MATCH", "account:A1").reason().contains("own order s1"),
        crossing.checks().toString());
    assertEquals(CheckCode.SELF_MATCH, order("b3", Side.BUY, "1", null).firstFailure());
    // An amend that would cross is rejected too, and the order keeps its price.
    assertEquals(CheckCode.SELF_MATCH, amend("b1", null, "101").firstFailure());
    limit("account:A1", Limit.PREVENT_SELF_MATCH, "false");
    assertTrue(order("b4", Side.BUY, "10", "101").approved());
  }

  @Test
  void cancelAllAsksTheVenueToCancelEveryOpenOrderOfTheScope() {
    last("100");
    assertTrue(order("o1", Side.BUY, "10", "100").approved());
    assertTrue(order("o2", Side.SELL, "5", "101").approved());
    f.actions.clear();
    apply(new Event.CancelAll(f.tick(), Scope.parse("strategy:S1"), "risk-officer"));
    assertEquals(2, f.actions.size());
    assertEquals(Action.Kind.CANCEL, f.actions.get(0).kind());
    assertEquals("o1", f.actions.get(0).orderId());
    assertEquals(Fixed.ofLong(5), f.actions.get(1).quantity());
    assertEquals("cancel-all by risk-officer", f.actions.get(1).reason());
    assertEquals(2, openOrders(), "reserved until the venue confirms");
    apply(new Event.Cancel(f.tick(), "o1"));
    apply(new Event.Cancel(f.tick(), "o2"));
    assertEquals(0, openOrders());
    refuse(new Event.CancelAll(f.tick(), Scope.parse("strategy:NOPE"), "x"));
  }
}
