package io.riskgate.core.engine;

import static io.riskgate.core.engine.SafeguardWorld.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.Action;
import io.riskgate.core.kill.KillSwitchSettings;
import io.riskgate.core.monitor.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kill switch end to end through the simulated venue: who or what trips it, the cancels and
 * flattening orders it sends, their confirmations and retries, and re-arming.
 */
class KillSwitchTest {
  private static final KillSwitchSettings MANUAL = KillSwitchSettings.manualOnly();

  /** Manual kill only, retries every 5 s up to {@code attempts}, plus the given trigger values. */
  private static KillSwitchSettings only(
      double drawdown,
      double critical,
      int positions,
      double dailyLoss,
      boolean venueDown,
      double latencyMs,
      boolean staleData,
      double tickJump,
      int attempts) {
    return new KillSwitchSettings(
        drawdown,
        critical,
        positions,
        dailyLoss,
        venueDown,
        latencyMs,
        staleData,
        tickJump,
        5 * SECOND,
        attempts);
  }

  private static SafeguardWorld world(KillSwitchSettings kill) {
    final SafeguardWorld w = new SafeguardWorld(SafeguardSettings.off().withKillSwitch(kill));
    w.price("AAA", "100.00", "100.00");
    w.price("BBB", "50.00", "50.00");
    return w;
  }

  /** Long 100 AAA, short 40 BBB, and a resting buy of 10 AAA (order o3). */
  private static SafeguardWorld book(KillSwitchSettings kill) {
    final SafeguardWorld w = world(kill);
    w.trade(Side.BUY, "AAA", "100", "100.00");
    w.trade(Side.SELL, "BBB", "40", "50.00");
    w.venue.fillApprovedOrders(false);
    assertTrue(w.order(Side.BUY, "AAA", "10", "99.00").approved());
    w.venue.fillApprovedOrders(true);
    return w;
  }

  private static Action action(SafeguardWorld w, Action.Kind kind, String symbol) {
    for (Action a : w.actions) {
      if (a.kind() == kind && a.symbol().equals(symbol)) {
        return a;
      }
    }
    throw new AssertionError("no " + kind + " of " + symbol + " in " + w.actions);
  }

  @Test
  void manualKillCancelsEveryOrderFlattensEveryPositionAndStaysKilledUntilRearmed() {
    final SafeguardWorld w = book(MANUAL);
    w.venue.latency(2 * SECOND);
    w.kill("firm");
    final StateChange killed = w.lastState("kill");
    assertEquals("KILLED", killed.to());
    assertEquals("kill switch by officer", killed.reason());
    final Alert alert = w.alerts("KILL_SWITCH").get(0);
    assertEquals(Alert.Level.CRITICAL, alert.level());
    assertTrue(alert.raised());

    assertEquals(3, w.actions.size(), w.actions.toString());
    final Action cancel = action(w, Action.Kind.CANCEL, "AAA");
    assertEquals("o3", cancel.orderId());
    assertEquals(Fixed.ofLong(10), cancel.quantity());
    final Action sellAaa = action(w, Action.Kind.FLATTEN, "AAA");
    assertEquals(Side.SELL, sellAaa.side());
    assertEquals(Fixed.ofLong(100), sellAaa.quantity());
    assertEquals("XNYS", sellAaa.venue());
    assertEquals(1, sellAaa.attempt());
    final Action buyBbb = action(w, Action.Kind.FLATTEN, "BBB");
    assertEquals(Side.BUY, buyBbb.side());
    assertEquals(Fixed.ofLong(40), buyBbb.quantity());

    // Before the venue confirms, every new order is rejected, risk-reducing ones too.
    assertEquals(CheckCode.KILL_SWITCH, w.order(Side.BUY, "BBB", "1", "50.00").firstFailure());
    final Decision reducing = w.order(Side.SELL, "AAA", "1", "100.00");
    assertTrue(reducing.failed(CheckCode.KILL_SWITCH));

    w.timer(w.time + 3 * SECOND);
    assertEquals(0, w.net("AAA"));
    assertEquals(0, w.net("BBB"));
    assertEquals(0, w.engine.ledger("firm").openOrders());
    w.timer(w.time + 30 * SECOND);
    assertEquals(3, w.actions.size(), "confirmed instructions are not retried");
    assertTrue(w.engine.ledger("firm").killed());

    w.rearm("firm");
    assertEquals("ARMED", w.lastState("kill").to());
    assertFalse(w.alerts("KILL_SWITCH").get(1).raised());
    assertTrue(w.order(Side.BUY, "BBB", "1", "50.00").approved());
  }

  @Test
  void strategyKillLeavesOtherScopesTrading() {
    final SafeguardWorld w = book(MANUAL);
    w.kill("strategy:S1");
    assertEquals(3, w.actions.size());
    assertTrue(w.engine.ledger("strategy:S1").killed());
    assertFalse(w.engine.ledger("account:A1").killed());
    final Decision d = w.order(Side.BUY, "BBB", "1", "50.00");
    assertEquals("strategy:S1", CircuitBreakerTest.check(d, CheckCode.KILL_SWITCH).scope());
  }

  @Test
  void partialConfirmationsAreRetriedOnlyWhereUnconfirmed() {
    final SafeguardWorld w = book(MANUAL);
    w.venue.lose(a -> a.kind() == Action.Kind.FLATTEN && a.symbol().equals("BBB"));
    w.kill("firm");
    final long killedAt = w.time;
    w.deliver(killedAt);
    assertEquals(0, w.net("AAA"));
    assertEquals(Fixed.ofLong(-40), w.net("BBB"));
    w.timer(killedAt + 5 * SECOND - 1);
    assertEquals(3, w.actions.size());
    w.venue.lose(a -> false);
    w.timer(killedAt + 5 * SECOND);
    assertEquals(4, w.actions.size());
    final Action retry = w.actions.get(3);
    assertEquals(Action.Kind.FLATTEN, retry.kind());
    assertEquals("BBB", retry.symbol());
    assertEquals(2, retry.attempt());
    assertEquals(action(w, Action.Kind.FLATTEN, "BBB").orderId(), retry.orderId());
    w.timer(killedAt + 6 * SECOND);
    assertEquals(0, w.net("BBB"));
  }

  @Test
  void retriesExhaustedRaiseACriticalAlertOncePerInstruction() {
    final SafeguardWorld w = book(only(0, 0, 0, 0, false, 0, false, 0, 3));
    w.apply(w.venue.disconnect(w.tick()));
    w.kill("firm");
    final long killedAt = w.time;
    for (int s = 5; s <= 30; s += 5) {
      w.timer(killedAt + s * SECOND);
    }
    // 3 instructions × 3 attempts, then one alert each.
    assertEquals(9, w.actions.size());
    final List<Alert> exhausted = w.alerts("RETRIES_EXHAUSTED");
    assertEquals(3, exhausted.size());
    for (Alert a : exhausted) {
      assertEquals(Alert.Level.CRITICAL, a.level());
      assertEquals(killedAt + 15 * SECOND, a.timestampNanos());
      assertTrue(a.message().startsWith("retries exhausted"));
    }
    assertEquals(Fixed.ofLong(100), w.net("AAA"));
  }

  @Test
  void fillRacingTheCancelIsFlattenedTooOnTheNextRetry() {
    final SafeguardWorld w = book(MANUAL);
    w.venue.lose(a -> a.kind() == Action.Kind.CANCEL);
    w.kill("firm");
    final long killedAt = w.time;
    w.deliver(killedAt);
    // The resting buy of 10 fills at the venue before any cancel arrives.
    w.apply(
        new Event.Fill(killedAt + SECOND, "late", "o3", Fixed.ofLong(10), Fixed.parse("99"), 0));
    assertEquals(Fixed.ofLong(10), w.net("AAA"));
    w.timer(killedAt + 5 * SECOND);
    final Action last = w.actions.get(w.actions.size() - 1);
    assertEquals(Action.Kind.FLATTEN, last.kind());
    assertEquals(Fixed.ofLong(10), last.quantity());
    w.timer(killedAt + 6 * SECOND);
    assertEquals(0, w.net("AAA"));
  }

  @Test
  void drawdownBeyondThirtyPercentKillsTheAccountAndTheFirm() {
    final SafeguardWorld w = world(only(0.30, 0, 0, 0, false, 0, false, 0, 5));
    w.trade(Side.BUY, "AAA", "10000", "100.00");
    w.price("AAA", "70.00", "70.00"); // 300,000 of 1,000,000: at the threshold
    assertFalse(w.engine.ledger("account:A1").killed());
    w.price("AAA", "69.99", "69.99");
    assertTrue(w.engine.ledger("account:A1").killed());
    assertTrue(w.engine.ledger("firm").killed());
    assertTrue(w.states("kill").get(0).reason().startsWith("drawdown 0.3001 beyond 0.3000"));
  }

  @Test
  void riskLevelCriticalKillsAtTwentyPercentDrawdown() {
    final SafeguardWorld w = world(only(0, 0.20, 0, 0, false, 0, false, 0, 5));
    w.trade(Side.BUY, "AAA", "10000", "100.00");
    w.price("AAA", "80.00", "80.00");
    assertFalse(w.engine.ledger("firm").killed());
    w.price("AAA", "79.99", "79.99");
    assertTrue(w.engine.ledger("firm").killed());
    assertTrue(w.lastState("kill").reason().startsWith("risk level CRITICAL"));
  }

  @Test
  void moreThanTheMaximumPositionsKills() {
    final SafeguardWorld w = world(only(0, 0, 1, 0, false, 0, false, 0, 5));
    w.trade(Side.BUY, "AAA", "10", "100.00");
    assertFalse(w.engine.ledger("firm").killed());
    w.trade(Side.BUY, "BBB", "10", "50.00");
    assertTrue(w.engine.ledger("account:A1").killed());
    assertTrue(w.engine.ledger("firm").killed());
    assertEquals("2 open positions, more than 1", w.states("kill").get(0).reason());
    // One flattening order per position although two scopes were killed.
    assertEquals(2, w.actions.size(), w.actions.toString());
  }

  @Test
  void dailyLossBeyondFifteenPercentKills() {
    final SafeguardWorld w = world(only(0, 0, 0, 0.15, false, 0, false, 0, 5));
    w.trade(Side.BUY, "AAA", "2000", "100.00");
    w.price("AAA", "25.00", "25.00"); // −150,000: at the threshold
    assertFalse(w.engine.ledger("firm").killed());
    w.price("AAA", "24.99", "24.99");
    assertTrue(w.engine.ledger("firm").killed());
    assertTrue(w.lastState("kill").reason().startsWith("daily loss 0.1500"));
  }

  @Test
  void venueDisconnectKillsAndRetriesFlattenAfterReconnect() {
    final SafeguardWorld w = book(only(0, 0, 0, 0, true, 0, false, 0, 5));
    w.apply(w.venue.disconnect(w.tick()));
    final long killedAt = w.time;
    assertTrue(w.engine.ledger("firm").killed());
    assertEquals("venue XNYS disconnected", w.lastState("kill").reason());
    assertEquals(3, w.actions.size());
    w.deliver(killedAt + SECOND);
    assertEquals(Fixed.ofLong(100), w.net("AAA"), "the disconnected venue lost the instructions");
    w.apply(w.venue.reconnect(killedAt + 2 * SECOND, 5));
    w.timer(killedAt + 5 * SECOND);
    assertEquals(6, w.actions.size());
    w.timer(killedAt + 6 * SECOND);
    assertEquals(0, w.net("AAA"));
    assertEquals(0, w.net("BBB"));
    assertEquals(0, w.engine.ledger("firm").openOrders());
  }

  @Test
  void rearmedWhileTheConditionHoldsItFiresOnlyOnItsNextOnset() {
    final SafeguardWorld w = world(only(0, 0, 0, 0, true, 0, false, 0, 5));
    w.apply(w.venue.disconnect(w.tick()));
    w.rearm("firm");
    w.apply(w.venue.disconnect(w.tick()));
    assertFalse(w.engine.ledger("firm").killed());
    w.apply(w.venue.reconnect(w.tick(), 1));
    w.apply(w.venue.disconnect(w.tick()));
    assertTrue(w.engine.ledger("firm").killed());
  }

  @Test
  void latencyBeyondTheThresholdKills() {
    final SafeguardWorld w = world(only(0, 0, 0, 0, false, 500, false, 0, 5));
    w.apply(new Event.VenueStatus(w.tick(), "XNYS", true, 500));
    assertFalse(w.engine.ledger("firm").killed());
    w.apply(new Event.VenueStatus(w.tick(), "XNYS", true, 500.5));
    assertTrue(w.engine.ledger("firm").killed());
    assertEquals(
        "venue XNYS round-trip latency 500.5 ms beyond 500.0 ms", w.lastState("kill").reason());
  }

  @Test
  void staleMarketDataOfAHeldInstrumentKillsOnATimedEventWhenSwitchedOn() {
    final SafeguardWorld w = world(only(0, 0, 0, 0, false, 0, true, 0, 5));
    w.trade(Side.BUY, "AAA", "10", "100.00");
    w.price("AAA", "100.00", "100.00");
    final long priced = w.time;
    w.timer(priced + 60 * SECOND);
    assertFalse(w.engine.ledger("firm").killed());
    w.timer(priced + 60 * SECOND + 1);
    assertTrue(w.engine.ledger("firm").killed());
    assertEquals(
        "AAA market data stale: last price 60.000 s ago, beyond 60 s",
        w.lastState("kill").reason());
  }

  @Test
  void staleDataOfAnInstrumentNotHeldDoesNotKill() {
    final SafeguardWorld w = world(only(0, 0, 0, 0, false, 0, true, 0, 5));
    w.timer(w.time + 600 * SECOND);
    assertFalse(w.engine.ledger("firm").killed());
  }

  @Test
  void aBadTickKills() {
    final SafeguardWorld w = world(only(0, 0, 0, 0, false, 0, false, 0.25, 5));
    w.price("AAA", "125.00", "125.00"); // +25%: at the threshold
    assertFalse(w.engine.ledger("firm").killed());
    w.price("AAA", "156.26", "156.26"); // +25.008%
    assertTrue(w.engine.ledger("firm").killed());
    assertTrue(w.lastState("kill").reason().startsWith("bad tick: AAA moved from 125 to 156.26"));
  }

  @Test
  void invalidSettingsAreReportedTogether() {
    final IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> new KillSwitchSettings(-1, 2, -1, Double.NaN, true, -1, false, -1, 0, 0));
    for (String name :
        new String[] {
          "maxDrawdown",
          "criticalDrawdown",
          "maxPositions",
          "maxDailyLoss",
          "maxVenueLatencyMs",
          "maxTickJump",
          "retryIntervalNanos",
          "maxAttempts"
        }) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }
}
