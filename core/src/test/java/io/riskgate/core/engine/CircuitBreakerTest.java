package io.riskgate.core.engine;

import static io.riskgate.core.engine.SafeguardWorld.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.breaker.BreakerSettings;
import io.riskgate.core.breaker.BreakerState;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.KillSwitchSettings;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.throttle.ThrottleSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every transition of the circuit breaker, driven by event time, at the strategy S1 (allocation
 * 100,000): the seed's 10% daily loss is a loss of 10,000.
 */
class CircuitBreakerTest {
  private static final BreakerSettings SEED = BreakerSettings.defaults();

  private static BreakerSettings with(
      double loss, double profit, double drawdown, int streak, long streakWindowSeconds) {
    return new BreakerSettings(
        loss,
        profit,
        drawdown,
        streak,
        streakWindowSeconds * SECOND,
        SEED.coolDownNanos(),
        SEED.probationNanos(),
        SEED.halfOpenScale());
  }

  /** Long 1,000 AAA at 100 (no PnL yet). */
  private static SafeguardWorld longAaa(BreakerSettings breaker) {
    final SafeguardWorld w = new SafeguardWorld(SafeguardWorld.breakers(breaker));
    w.price("AAA", "100.00", "100.00");
    w.price("BBB", "50.00", "50.00");
    w.trade(Side.BUY, "AAA", "1000", "100.00");
    assertEquals(Fixed.ofLong(1000), w.net("AAA"));
    return w;
  }

  /** Trips S1's breaker on the daily loss and returns the time it opened. */
  private static long tripOnLoss(SafeguardWorld w) {
    w.price("AAA", "90.00", "90.02");
    assertEquals(BreakerState.OPEN, w.engine.breakerState("strategy:S1"));
    return w.lastState("breaker").timestampNanos();
  }

  @Test
  void opensWhenTheDailyReturnReachesMinusTheLossThresholdNotBefore() {
    final SafeguardWorld w = longAaa(SEED);
    w.price("AAA", "90.01", "90.02"); // −9,990: return −0.0999
    assertEquals(BreakerState.CLOSED, w.engine.breakerState("strategy:S1"));
    assertTrue(w.states("breaker").isEmpty());
    w.price("AAA", "90.00", "90.02"); // −10,000: return −0.1000, at the threshold
    final StateChange change = w.lastState("breaker");
    assertEquals(Scope.parse("strategy:S1"), change.scope());
    assertEquals("CLOSED", change.from());
    assertEquals("OPEN", change.to());
    assertTrue(
        change.reason().startsWith("daily return -0.1000 at or below -0.1000"), change.reason());
    assertEquals(BreakerState.CLOSED, w.engine.breakerState("account:A1"));
  }

  @Test
  void openRejectsRiskIncreasingOrdersAndPassesRiskReducingOnes() {
    final SafeguardWorld w = longAaa(SEED);
    tripOnLoss(w);
    final Decision buy = w.order(Side.BUY, "BBB", "1", "50.00");
    assertEquals(CheckCode.CIRCUIT_OPEN, buy.firstFailure());
    final Decision sell = w.order(Side.SELL, "AAA", "100", "90.00");
    assertTrue(sell.approved(), sell.checks().toString());
    assertTrue(sell.riskReducing());
  }

  @Test
  void profitTargetTripsOnlyWhenEnabled() {
    final SafeguardWorld off = longAaa(SEED);
    off.price("AAA", "125.00", "125.00");
    assertEquals(BreakerState.CLOSED, off.engine.breakerState("strategy:S1"));

    final SafeguardWorld on = longAaa(with(0.10, 0.20, 0, 0, 3600));
    on.price("AAA", "119.99", "120.00"); // +19,990
    assertEquals(BreakerState.CLOSED, on.engine.breakerState("strategy:S1"));
    on.price("AAA", "120.00", "120.01"); // +20,000: return +0.20
    assertEquals(BreakerState.OPEN, on.engine.breakerState("strategy:S1"));
    assertTrue(on.lastState("breaker").reason().contains("profit target 0.2000"));
  }

  @Test
  void drawdownFromTheHighWaterMarkTripsWhenEnabled() {
    final SafeguardWorld w = longAaa(with(0.10, 0, 0.05, 0, 3600));
    w.price("AAA", "110.00", "110.00"); // equity 110,000: new high-water mark
    w.price("AAA", "104.51", "104.51"); // 5,490 below: 0.0499
    assertEquals(BreakerState.CLOSED, w.engine.breakerState("strategy:S1"));
    w.price("AAA", "104.50", "104.50"); // 5,500 below 110,000: 0.05
    assertEquals(BreakerState.OPEN, w.engine.breakerState("strategy:S1"));
    assertTrue(w.lastState("breaker").reason().startsWith("drawdown 0.0500"));
  }

  @Test
  void losingStreakWithinTheWindowTripsAndAWinStartsItOver() {
    final SafeguardWorld w = new SafeguardWorld(SafeguardWorld.breakers(with(0.10, 0, 0, 3, 3600)));
    w.price("AAA", "100.00", "100.00");
    // loss, loss, win, loss, loss: no streak of three.
    final String[] exits = {"99.00", "99.00", "101.00", "99.00", "99.00"};
    for (String exit : exits) {
      w.trade(Side.BUY, "AAA", "10", "100.00");
      w.trade(Side.SELL, "AAA", "10", exit);
    }
    assertEquals(BreakerState.CLOSED, w.engine.breakerState("strategy:S1"));
    w.trade(Side.BUY, "AAA", "10", "100.00");
    w.trade(Side.SELL, "AAA", "10", "99.00"); // the third loss in a row
    assertEquals(BreakerState.OPEN, w.engine.breakerState("strategy:S1"));
    assertTrue(w.lastState("breaker").reason().startsWith("3 consecutive losing trades"));
  }

  @Test
  void losingStreakSpreadBeyondTheWindowDoesNotTrip() {
    final SafeguardWorld w = new SafeguardWorld(SafeguardWorld.breakers(with(0.10, 0, 0, 2, 60)));
    w.price("AAA", "100.00", "100.00");
    w.trade(Side.BUY, "AAA", "10", "100.00");
    w.trade(Side.SELL, "AAA", "10", "99.00");
    w.timer(w.time + 120 * SECOND);
    w.price("AAA", "100.00", "100.00");
    w.trade(Side.BUY, "AAA", "10", "100.00");
    w.trade(Side.SELL, "AAA", "10", "99.00");
    assertEquals(BreakerState.CLOSED, w.engine.breakerState("strategy:S1"));
  }

  @Test
  void coolDownMovesOpenToHalfOpenOnATimedEventNotBefore() {
    final SafeguardWorld w = longAaa(SEED);
    final long opened = tripOnLoss(w);
    w.price("AAA", "95.00", "95.00"); // recovered to −5%
    w.timer(opened + 300 * SECOND - 1);
    assertEquals(BreakerState.OPEN, w.engine.breakerState("strategy:S1"));
    w.timer(opened + 300 * SECOND);
    assertEquals(BreakerState.HALF_OPEN, w.engine.breakerState("strategy:S1"));
    final StateChange change = w.lastState("breaker");
    assertEquals("OPEN", change.from());
    assertEquals("HALF_OPEN", change.to());
    assertTrue(change.reason().startsWith("cool-down of 300 s ended"), change.reason());
  }

  @Test
  void levelTriggerStillHoldingWhenTheCoolDownEndsReopensTheBreaker() {
    final SafeguardWorld w = longAaa(SEED);
    final long opened = tripOnLoss(w);
    w.timer(opened + 300 * SECOND);
    assertEquals(BreakerState.OPEN, w.engine.breakerState("strategy:S1"));
    final StateChange change = w.lastState("breaker");
    assertEquals("OPEN", change.from());
    assertEquals("OPEN", change.to());
    assertTrue(change.reason().startsWith("cool-down ended but daily return"), change.reason());
    // A new cool-down from the re-opening: half-open 300 s later once the loss has eased.
    w.price("AAA", "95.00", "95.00");
    w.timer(opened + 599 * SECOND);
    assertEquals(BreakerState.OPEN, w.engine.breakerState("strategy:S1"));
    w.timer(opened + 600 * SECOND);
    assertEquals(BreakerState.HALF_OPEN, w.engine.breakerState("strategy:S1"));
  }

  private static SafeguardWorld halfOpen() {
    final SafeguardWorld w = longAaa(SEED);
    final long opened = tripOnLoss(w);
    w.price("AAA", "95.00", "95.00");
    w.timer(opened + 300 * SECOND);
    assertEquals(BreakerState.HALF_OPEN, w.engine.breakerState("strategy:S1"));
    return w;
  }

  @Test
  void anyTriggerWhileHalfOpenReopensWithANewCoolDown() {
    final SafeguardWorld w = halfOpen();
    w.price("AAA", "89.00", "89.00");
    assertEquals(BreakerState.OPEN, w.engine.breakerState("strategy:S1"));
    final StateChange change = w.lastState("breaker");
    assertEquals("HALF_OPEN", change.from());
    assertTrue(change.reason().startsWith("re-tripped while half-open: daily return"));
    w.price("AAA", "95.00", "95.00");
    w.timer(change.timestampNanos() + 300 * SECOND);
    assertEquals(BreakerState.HALF_OPEN, w.engine.breakerState("strategy:S1"));
  }

  @Test
  void halfOpenClosesAfterProbationWithoutATrigger() {
    final SafeguardWorld w = halfOpen();
    final long since = w.lastState("breaker").timestampNanos();
    w.timer(since + 300 * SECOND - 1);
    assertEquals(BreakerState.HALF_OPEN, w.engine.breakerState("strategy:S1"));
    w.timer(since + 300 * SECOND);
    assertEquals(BreakerState.CLOSED, w.engine.breakerState("strategy:S1"));
    assertTrue(w.lastState("breaker").reason().startsWith("probation of 300 s passed"));
  }

  @Test
  void halfOpenCapsTheResultingPositionAtAQuarterOfTheTightestPositionLimit() {
    final SafeguardWorld w = halfOpen();
    w.apply(
        new Event.Limits(
            w.tick(),
            Scope.parse("strategy:S1"),
            Map.of(Limit.MAX_POSITION_NOTIONAL, Fixed.ofLong(400_000)),
            "officer"));
    // Cap: 0.25 × 400,000 = 100,000 of BBB at 50 = 2,000 shares.
    final Decision over = w.order(Side.BUY, "BBB", "2001", "50.00");
    assertEquals(CheckCode.CIRCUIT_OPEN, over.firstFailure());
    final Decision at = w.order(Side.BUY, "BBB", "2000", "50.00");
    assertTrue(at.approved(), at.checks().toString());
    final Decision.Check check = check(at, CheckCode.CIRCUIT_OPEN);
    assertEquals(100_000.0, check.value());
    assertEquals(100_000.0, check.limit());
    // The approved 2,000 are now open: one more share is over the cap.
    assertEquals(CheckCode.CIRCUIT_OPEN, w.order(Side.BUY, "BBB", "1", "50.00").firstFailure());
    // Risk-reducing orders pass.
    assertTrue(w.order(Side.SELL, "AAA", "500", "95.00").approved());
  }

  @Test
  void sizingScalesByTheBreakerAndItsSizeIsApproved() {
    final SafeguardWorld w = halfOpen();
    w.apply(sizeRequest(w.tick(), Side.BUY, "BBB"));
    assertEquals(0.25, w.sizeBreakerScale);
    assertTrue(w.sizeQuantity > 0);
    final Decision d = w.order(Side.BUY, "BBB", Fixed.toString(w.sizeQuantity), null);
    assertTrue(d.approved(), d.checks().toString());

    final SafeguardWorld open = longAaa(SEED);
    tripOnLoss(open);
    open.apply(sizeRequest(open.tick(), Side.BUY, "BBB"));
    assertEquals(0, open.sizeQuantity);
    assertEquals(0.0, open.sizeBreakerScale);
    assertEquals(CheckCode.CIRCUIT_OPEN, open.sizeBlockedBy);
  }

  private static Event.SizeRequest sizeRequest(long ts, Side side, String symbol) {
    return new Event.SizeRequest(
        ts,
        "r",
        "A1",
        "S1",
        symbol,
        side,
        Event.Sizer.DYNAMIC,
        1.0,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        0);
  }

  @Test
  void aNewTradingDayResetsADailyTrigger() {
    final SafeguardWorld w = longAaa(SEED);
    tripOnLoss(w);
    w.timer(SafeguardWorld.T0 + (14 * 3600 + 30 * 60) * SECOND - 1);
    assertEquals(BreakerState.OPEN, w.engine.breakerState("strategy:S1"));
    w.timer(SafeguardWorld.T0 + (14 * 3600 + 30 * 60) * SECOND); // 2024-01-03T00:00Z
    assertEquals(BreakerState.CLOSED, w.engine.breakerState("strategy:S1"));
    assertEquals("new trading day resets the daily triggers", w.lastState("breaker").reason());
    assertTrue(w.order(Side.BUY, "BBB", "1", "50.00").approved());
  }

  @Test
  void aNewTradingDayKeepsADrawdownTrip() {
    final SafeguardWorld w = longAaa(with(0.50, 0, 0.05, 0, 3600));
    w.price("AAA", "94.00", "94.00");
    assertEquals(BreakerState.OPEN, w.engine.breakerState("strategy:S1"));
    w.timer(SafeguardWorld.T0 + (14 * 3600 + 30 * 60) * SECOND);
    assertEquals(BreakerState.OPEN, w.engine.breakerState("strategy:S1"));
  }

  @Test
  void anAuthorisedResetClosesTheBreaker() {
    final SafeguardWorld w = longAaa(SEED);
    tripOnLoss(w);
    w.apply(new Event.BreakerReset(w.tick(), Scope.parse("strategy:S1"), "risk-officer"));
    assertEquals(BreakerState.CLOSED, w.engine.breakerState("strategy:S1"));
    final StateChange change = w.lastState("breaker");
    assertEquals("OPEN", change.from());
    assertEquals("reset by risk-officer", change.reason());
    assertTrue(w.order(Side.BUY, "BBB", "1", "50.00").approved());
  }

  @Test
  void aResetNeedsANamedPersonAndABreakerScope() {
    final IllegalArgumentException noName =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> new Event.BreakerReset(1, Scope.parse("strategy:S1"), " "));
    assertTrue(noName.getMessage().contains("authorised person"));
    final IllegalArgumentException instrument =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> new Event.BreakerReset(1, Scope.parse("instrument:AAA"), "x"));
    assertTrue(instrument.getMessage().contains("firm, account or strategy"));
  }

  @Test
  void accountAndFirmBreakersTripOnTheirOwnDailyReturn() {
    final BreakerSettings strategyOff = with(0, 0, 0, 0, 3600);
    final SafeguardWorld w =
        new SafeguardWorld(
            new SafeguardSettings(
                strategyOff,
                with(0.01, 0, 0, 0, 3600),
                SEED,
                KillSwitchSettings.manualOnly(),
                new ThrottleSettings(0, SECOND)));
    w.price("AAA", "100.00", "100.00");
    w.trade(Side.BUY, "AAA", "1000", "100.00");
    w.price("AAA", "90.00", "90.00"); // −10,000 of the account's 1,000,000: −1%
    assertEquals(BreakerState.CLOSED, w.engine.breakerState("strategy:S1"));
    assertEquals(BreakerState.OPEN, w.engine.breakerState("account:A1"));
    assertEquals(BreakerState.CLOSED, w.engine.breakerState("firm"));
    final Decision d = w.order(Side.BUY, "BBB", "1", "50.00");
    assertFalse(d.approved());
    assertEquals("account:A1", check(d, CheckCode.CIRCUIT_OPEN).scope());
  }

  @Test
  void invalidSettingsAreReportedTogether() {
    final IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> new BreakerSettings(Double.NaN, -1, 2, -1, 0, 0, 0, 0));
    for (String name :
        new String[] {
          "lossThreshold",
          "profitTarget",
          "drawdownLimit",
          "losingStreak",
          "losingStreakWindowNanos",
          "coolDownNanos",
          "probationNanos",
          "halfOpenScale"
        }) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }

  static Decision.Check check(Decision d, CheckCode code) {
    for (Decision.Check c : d.checks()) {
      if (c.code() == code) {
        return c;
      }
    }
    throw new AssertionError("no " + code + " in " + d.checks());
  }
}
