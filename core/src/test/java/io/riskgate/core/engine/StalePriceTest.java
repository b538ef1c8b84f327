package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.Action;
import io.riskgate.core.kill.KillSwitchSettings;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.session.TradingSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stale market data judged on time passing, per instrument, only while it is held and its market
 * open: the alert, the {@code STALE_PRICE} check, and the opt-in kill, in replays with nights,
 * weekends and timers.
 */
class StalePriceTest {
  private static final String NEW_YORK = "Mon-Fri 09:30-16:00 America/New_York";
  private static final long NS = 1;
  private static final long SECOND = 1_000_000_000L;

  static long t(String iso) {
    final Instant i = Instant.parse(iso);
    return i.getEpochSecond() * SECOND + i.getNano();
  }

  /** Account A1 (1,000,000), strategy S1, instrument XYZ with the given session; no limits. */
  static final class World implements OutputSink {
    final List<Decision> decisions = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<StateChange> states = new ArrayList<>();
    final List<Action> actions = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    RiskEngine engine;
    int orders;
    int fills;

    World(String session, boolean killOnStaleData) {
      this(
          EngineFixture.noDefaults()
              .withSafeguards(
                  SafeguardSettings.off()
                      .withKillSwitch(
                          KillSwitchSettings.manualOnly().withKillOnStaleData(killOnStaleData))),
          session);
    }

    World(EngineConfig config, String session) {
      engine = new RiskEngine(config, this);
      apply(new Event.Account(Event.NO_TIME, "A1", Fixed.ofLong(1_000_000), "USD"));
      apply(new Event.Strategy(Event.NO_TIME, "S1", "A1", Fixed.ofLong(100_000)));
      apply(
          new Event.Instrument(
              Event.NO_TIME,
              "XYZ",
              "XNYS",
              "USD",
              Fixed.parse("0.01"),
              Fixed.ONE,
              Fixed.ONE,
              "equity",
              "tech",
              TradingSession.parse(session)));
    }

    void apply(Event event) {
      events.add(event);
      engine.apply(event);
    }

    void price(long ts) {
      final long p = Fixed.parse("100.00");
      apply(new Event.Price(ts, "XYZ", p, p, 0));
    }

    void timer(long ts) {
      apply(new Event.Timer(ts));
    }

    Decision order(long ts, Side side, long quantity) {
      apply(
          new Event.Order(
              ts,
              "o" + (++orders),
              "A1",
              "S1",
              "XYZ",
              side,
              Fixed.ofLong(quantity),
              Fixed.parse("100.00"),
              0));
      return decisions.get(decisions.size() - 1);
    }

    /** Buys and fills {@code quantity} at {@code ts}. */
    void buy(long ts, long quantity) {
      final Decision d = order(ts, Side.BUY, quantity);
      assertTrue(d.approved(), d.checks().toString());
      apply(
          new Event.Fill(
              ts, "f" + (++fills), d.orderId(), Fixed.ofLong(quantity), Fixed.parse("100.00"), 0));
    }

    void limit(String scope, long seconds) {
      apply(
          new Event.Limits(
              Event.NO_TIME,
              Scope.parse(scope),
              Map.of(Limit.MAX_PRICE_AGE_SECONDS, Fixed.ofLong(seconds)),
              "officer"));
    }

    List<Alert> stale() {
      return alerts.stream().filter(a -> a.code().equals("STALE_PRICE")).toList();
    }

    boolean killed() {
      return engine.ledger("firm").killed();
    }

    @Override
    public void onDecision(Decision decision) {
      decisions.add(decision.copy());
    }

    @Override
    public void onAlert(Alert alert) {
      alerts.add(alert);
    }

    @Override
    public void onStateChange(StateChange change) {
      states.add(change);
    }

    @Override
    public void onAction(Action action) {
      actions.add(action);
    }
  }

  private static Decision.Check check(Decision d, CheckCode code, String scope) {
    for (Decision.Check c : d.checks()) {
      if (c.code() == code && scope.equals(c.scope())) {
        return c;
      }
    }
    throw new AssertionError("no " + code + " at " + scope + " in " + d.checks());
  }

  // ---------------------------------------------------------------- the night gap

  @Test
  void aPriceArrivingAfterANightGapKillsNothingEvenWithTheKillSwitchedOn() {
    // The replay of the issue: a position, its price last at 14:59, the next at 16:00, nothing in
    // between. The fresh price is not a reason to be stale, so nothing fires.
    final World w = new World("24x7", true);
    w.price(t("2024-01-02T14:58:00Z"));
    w.buy(t("2024-01-02T14:58:30Z"), 10);
    w.price(t("2024-01-02T14:59:00Z"));
    w.price(t("2024-01-02T16:00:00Z"));
    assertFalse(w.killed());
    assertTrue(w.actions.isEmpty(), w.actions.toString());
    assertTrue(w.stale().isEmpty(), w.stale().toString());
  }

  @Test
  void aNightOutsideTheSessionIsNotStaleAndAFreshPriceClearsTheAlert() {
    final World w = new World(NEW_YORK, true);
    w.price(t("2024-01-02T20:58:00Z")); // 15:58 in New York
    w.buy(t("2024-01-02T20:58:30Z"), 10);
    w.price(t("2024-01-02T20:59:00Z"));
    for (int hour = 21; hour <= 23; hour++) {
      w.timer(t("2024-01-02T" + hour + ":00:00Z"));
    }
    for (int hour = 0; hour <= 14; hour++) {
      w.timer(t(String.format("2024-01-03T%02d:00:00Z", hour)));
    }
    // The session opened at 14:30 UTC: the age counts from then, not from yesterday's price.
    w.timer(t("2024-01-03T14:31:00Z"));
    assertTrue(w.stale().isEmpty(), w.stale().toString());
    w.timer(t("2024-01-03T14:31:00Z") + NS);
    assertEquals(1, w.stale().size());
    final Alert raised = w.stale().get(0);
    assertTrue(raised.raised());
    assertEquals(new Scope(Scope.Kind.INSTRUMENT, "XYZ"), raised.scope());
    assertEquals(
        "XYZ market data stale: no price in the 60.000 s since the session opened, beyond 60 s",
        raised.message());
    assertEquals(60.000000001, raised.value(), 1e-12);
    assertEquals(60, raised.threshold());
    assertTrue(w.killed(), "the stale-data kill is on in this world, and the age passed the limit");
    w.price(t("2024-01-03T14:32:00Z"));
    assertEquals(2, w.stale().size());
    assertFalse(w.stale().get(1).raised());
    assertTrue(
        w.stale().get(1).message().endsWith("; a price arrived"), w.stale().get(1).message());
    assertTrue(w.engine.activeAlerts().stream().noneMatch(a -> a.code().equals("STALE_PRICE")));
  }

  // ---------------------------------------------------------------- what matters

  @Test
  void timersMakeAHeldInstrumentStaleButNotOneWithoutPositionOrOrders() {
    final World flat = new World("24x7", false);
    flat.price(t("2024-01-02T15:00:00Z"));
    flat.timer(t("2024-01-05T15:00:00Z"));
    assertTrue(flat.stale().isEmpty());

    final World held = new World("24x7", false);
    held.price(t("2024-01-02T15:00:00Z"));
    held.buy(t("2024-01-02T15:00:00Z"), 10);
    held.timer(t("2024-01-02T15:01:00Z"));
    assertTrue(held.stale().isEmpty(), "60 s old: at the limit, not beyond");
    held.timer(t("2024-01-02T15:01:00Z") + NS);
    assertEquals(1, held.stale().size());
    assertEquals(
        "XYZ market data stale: last price 60.000 s ago, beyond 60 s",
        held.stale().get(0).message());
    assertFalse(held.killed(), "the stale-data kill is off by default");
    // Selling the position ends what made the price matter, but the data is no fresher: the alert
    // stays until a price arrives, and a new position does not raise a second one.
    held.apply(
        new Event.Order(
            t("2024-01-02T15:02:00Z"),
            "close",
            "A1",
            "S1",
            "XYZ",
            Side.SELL,
            Fixed.ofLong(10),
            Fixed.parse("100.00"),
            0));
    assertEquals(1, held.stale().size(), "an open sell order still holds the instrument");
    held.apply(
        new Event.Fill(
            t("2024-01-02T15:02:01Z"), "fc", "close", Fixed.ofLong(10), Fixed.parse("100.00"), 0));
    assertEquals(0, held.engine.ledger("firm").openPositions());
    assertEquals(1, held.stale().size());
    assertTrue(held.engine.instruments().get(0).stale());
    held.buy(t("2024-01-02T15:03:00Z"), 5);
    held.timer(t("2024-01-02T15:04:00Z"));
    assertEquals(1, held.stale().size(), "still the one alert");
    held.price(t("2024-01-02T15:05:00Z"));
    assertEquals(2, held.stale().size());
    assertTrue(
        held.stale().get(1).message().endsWith("; a price arrived"), held.stale().get(1).message());
  }

  @Test
  void anInstrumentTradedOnAndOffWithADeadFeedRaisesOneAlert() {
    final World w = new World("24x7", false);
    w.price(t("2024-01-02T15:00:00Z"));
    for (int i = 0; i < 5; i++) {
      final long ts = t("2024-01-02T16:00:00Z") + i * SECOND;
      final Decision d = w.order(ts, Side.BUY, 1);
      assertTrue(d.approved());
      w.apply(new Event.Cancel(ts, d.orderId()));
    }
    assertEquals(1, w.stale().size(), w.stale().toString());
  }

  @Test
  void anOpenOrderAloneMakesThePriceMatter() {
    final World w = new World("24x7", false);
    w.price(t("2024-01-02T15:00:00Z"));
    assertTrue(w.order(t("2024-01-02T15:00:10Z"), Side.BUY, 10).approved());
    w.timer(t("2024-01-02T15:01:00Z") + NS);
    assertEquals(1, w.stale().size());
  }

  @Test
  void anyTimedEventPassesTimeNotOnlyTimers() {
    final World w = new World("24x7", false);
    w.apply(
        new Event.Instrument(
            Event.NO_TIME,
            "ABC",
            "XNYS",
            "USD",
            Fixed.parse("0.01"),
            Fixed.ONE,
            Fixed.ONE,
            "equity",
            "tech"));
    w.price(t("2024-01-02T15:00:00Z"));
    w.buy(t("2024-01-02T15:00:00Z"), 10);
    final long p = Fixed.parse("50.00");
    w.apply(new Event.Price(t("2024-01-02T15:05:00Z"), "ABC", p, p, 0));
    assertEquals(1, w.stale().size(), "a price of another instrument is time passing for XYZ");
  }

  @Test
  void outsideTheSessionNoAgeCountsAndAStaleInstrumentClearsWhenTheSessionCloses() {
    final World w = new World(NEW_YORK, false);
    w.price(t("2024-01-05T20:00:00Z")); // Friday 15:00 in New York
    w.buy(t("2024-01-05T20:00:00Z"), 10);
    w.timer(t("2024-01-05T20:30:00Z"));
    assertEquals(1, w.stale().size());
    w.timer(t("2024-01-05T21:00:00Z")); // the close
    assertEquals(2, w.stale().size());
    assertTrue(w.stale().get(1).message().endsWith("; the session closed"));
    w.timer(t("2024-01-06T15:00:00Z")); // Saturday
    w.timer(t("2024-01-08T14:30:00Z")); // Monday's open
    w.timer(t("2024-01-08T14:31:00Z"));
    assertEquals(2, w.stale().size(), "weekend and the first 60 s of Monday are not stale");
    w.timer(t("2024-01-08T14:31:00Z") + NS);
    assertEquals(3, w.stale().size());
    assertTrue(w.stale().get(2).raised());
  }

  @Test
  void theDeadlineIsExactWithoutTimersInBetween() {
    // One event long after the price: the first event past the limit raises the alert, whatever
    // it is; a limit set later is applied to every instrument at once.
    final World w = new World("24x7", false);
    w.limit("instrument:XYZ", 300);
    w.price(t("2024-01-02T15:00:00Z"));
    w.buy(t("2024-01-02T15:00:00Z"), 10);
    w.timer(t("2024-01-02T15:05:00Z"));
    assertTrue(w.stale().isEmpty());
    w.timer(t("2024-01-02T15:05:00Z") + NS);
    assertEquals(1, w.stale().size());
    assertEquals(300, w.stale().get(0).threshold());
    w.limit("instrument:XYZ", 600);
    assertEquals(2, w.stale().size(), "a looser limit clears it at once");
    assertTrue(w.stale().get(1).message().endsWith("; within the limit of 600 s now"));
  }

  @Test
  void aRedefinedSessionAppliesAtOnce() {
    final World w = new World("24x7", false);
    w.price(t("2024-01-06T12:00:00Z")); // a Saturday
    w.buy(t("2024-01-06T12:00:00Z"), 10);
    w.timer(t("2024-01-06T12:05:00Z"));
    assertEquals(1, w.stale().size());
    w.apply(
        new Event.Instrument(
            Event.NO_TIME,
            "XYZ",
            "XNYS",
            "USD",
            Fixed.parse("0.01"),
            Fixed.ONE,
            Fixed.ONE,
            "equity",
            "tech",
            TradingSession.parse(NEW_YORK)));
    assertEquals(2, w.stale().size(), "closed on Saturdays: no longer stale");
    assertTrue(w.stale().get(1).message().endsWith("; the session closed"));
    assertFalse(w.engine.instruments().get(0).marketOpen());
  }

  // ---------------------------------------------------------------- the pre-trade check

  @Test
  void staleRejectsRiskIncreasingOrdersStrictlyBeyondTheLimit() {
    final World w = new World("24x7", false);
    w.limit("instrument:XYZ", 30);
    final long priced = t("2024-01-02T15:00:00Z");
    w.price(priced);
    w.buy(priced, 100);
    final Decision atLimit = w.order(priced + 30 * SECOND, Side.BUY, 1);
    assertTrue(atLimit.approved(), atLimit.checks().toString());
    final Decision.Check at = check(atLimit, CheckCode.STALE_PRICE, "instrument:XYZ");
    assertTrue(at.passed());
    assertEquals(30.0, at.value());
    assertEquals(30.0, at.limit());
    assertNull(at.reason());
    final Decision beyond = w.order(priced + 30 * SECOND + NS, Side.BUY, 1);
    assertFalse(beyond.approved());
    assertEquals(CheckCode.STALE_PRICE, beyond.firstFailure());
    final Decision.Check over = check(beyond, CheckCode.STALE_PRICE, "instrument:XYZ");
    assertEquals(30.000000001, over.value(), 1e-12);
    assertEquals("price older than the limit", over.reason());
    final Decision reducing = w.order(priced + 40 * SECOND, Side.SELL, 50);
    assertTrue(reducing.approved(), reducing.checks().toString());
    assertEquals(
        "risk-reducing", check(reducing, CheckCode.STALE_PRICE, "instrument:XYZ").reason());
    w.price(priced + 41 * SECOND);
    assertTrue(w.order(priced + 41 * SECOND, Side.BUY, 1).approved(), "a fresh price unblocks");
  }

  @Test
  void everyScopeThatSetsTheLimitIsChecked() {
    final World w = new World("24x7", false);
    w.limit("account:A1", 10);
    w.limit("strategy:S1", 20);
    final long priced = t("2024-01-02T15:00:00Z");
    w.price(priced);
    final Decision d = w.order(priced + 15 * SECOND, Side.BUY, 1);
    assertFalse(check(d, CheckCode.STALE_PRICE, "account:A1").passed());
    assertTrue(check(d, CheckCode.STALE_PRICE, "strategy:S1").passed());
    assertEquals(2, d.checks().stream().filter(c -> c.code() == CheckCode.STALE_PRICE).count());
    final World none = new World("24x7", false);
    none.price(priced);
    assertFalse(
        none.order(priced + 3600 * SECOND, Side.BUY, 1).ran(CheckCode.STALE_PRICE),
        "no scope sets maxPriceAgeSeconds: the check does not run");
  }

  @Test
  void outsideTheSessionTheCheckPassesAndAtTheOpenItCountsFromTheOpen() {
    final World w = new World(NEW_YORK, false);
    w.limit("firm", 60);
    w.price(t("2024-01-02T20:59:00Z"));
    final Decision closed = w.order(t("2024-01-03T02:00:00Z"), Side.BUY, 1);
    final Decision.Check c = check(closed, CheckCode.STALE_PRICE, "firm");
    assertTrue(c.passed());
    assertEquals(0.0, c.value());
    assertEquals("market closed: the age is not counted", c.reason());
    assertTrue(w.order(t("2024-01-03T14:31:00Z"), Side.BUY, 1).approved());
    assertFalse(w.order(t("2024-01-03T14:31:00Z") + NS, Side.BUY, 1).approved());
  }

  // ---------------------------------------------------------------- the kill, state, snapshots

  @Test
  void theStaleDataKillIsOffByDefaultAndFiresOnTheAgePassingTheLimitWhenOn() {
    final EngineConfig defaults =
        EngineFixture.noDefaults()
            .withSafeguards(SafeguardSettings.off().withKillSwitch(KillSwitchSettings.defaults()));
    assertFalse(KillSwitchSettings.defaults().killOnStaleData());
    for (boolean on : new boolean[] {false, true}) {
      final EngineConfig config =
          on
              ? defaults.withSafeguards(
                  defaults
                      .safeguards()
                      .withKillSwitch(KillSwitchSettings.defaults().withKillOnStaleData(true)))
              : defaults;
      final World w = new World(config, "24x7");
      w.price(t("2024-01-02T15:00:00Z"));
      w.buy(t("2024-01-02T15:00:00Z"), 10);
      w.timer(t("2024-01-02T15:01:00Z"));
      assertFalse(w.killed());
      w.timer(t("2024-01-02T15:01:01Z"));
      assertEquals(1, w.stale().size());
      assertEquals(on, w.killed(), "killOnStaleData " + on);
      if (on) {
        final StateChange kill = w.states.get(w.states.size() - 1);
        assertEquals("KILLED", kill.to());
        assertEquals("XYZ market data stale: last price 61 s ago, beyond 60 s", kill.reason());
        assertEquals(Action.Kind.FLATTEN, w.actions.get(0).kind());
      }
    }
  }

  @Test
  void theStaleStateIsInTheHashAndSurvivesASnapshot() {
    final World w = new World(NEW_YORK, false);
    w.price(t("2024-01-05T20:00:00Z"));
    w.buy(t("2024-01-05T20:00:00Z"), 10);
    final World same = new World(NEW_YORK, false);
    for (Event e : w.events.subList(3, w.events.size())) {
      same.apply(e);
    }
    w.timer(t("2024-01-05T20:30:00Z"));
    assertTrue(w.engine.instruments().get(0).stale());
    same.timer(t("2024-01-05T20:30:00Z"));
    assertEquals(same.engine.stateHash(), w.engine.stateHash());

    final List<Alert> restoredAlerts = new ArrayList<>();
    final RiskEngine restored =
        RiskEngine.readSnapshot(
            w.engine.writeSnapshot(),
            w.engine.config(),
            new OutputSink() {
              @Override
              public void onAlert(Alert alert) {
                restoredAlerts.add(alert);
              }
            });
    assertEquals(w.engine.stateHash(), restored.stateHash());
    final long p = Fixed.parse("100.00");
    final Event fresh = new Event.Price(t("2024-01-05T20:31:00Z"), "XYZ", p, p, 0);
    restored.apply(fresh);
    w.apply(fresh);
    assertEquals(w.engine.stateHash(), restored.stateHash());
    assertEquals(1, restoredAlerts.size());
    assertFalse(restoredAlerts.get(0).raised(), "the restored engine knew XYZ was stale");
    final Event closed = new Event.Timer(t("2024-01-05T21:00:00Z"));
    restored.apply(closed);
    w.apply(closed);
    assertFalse(restored.instruments().get(0).marketOpen());
    assertEquals(w.engine.stateHash(), restored.stateHash());
  }

  @Test
  void theInstrumentViewShowsSessionAgeAndLimit() {
    final World w = new World(NEW_YORK, false);
    w.limit("instrument:XYZ", 90);
    w.price(t("2024-01-03T15:00:00Z"));
    w.timer(t("2024-01-03T15:00:45Z"));
    final InstrumentView v = w.engine.instruments().get(0);
    assertEquals(NEW_YORK, v.definition().session().toString());
    assertTrue(v.marketOpen());
    assertEquals(45 * SECOND, v.priceAgeNanos());
    assertEquals(90 * SECOND, v.staleLimitNanos());
    assertEquals(t("2024-01-03T15:00:00Z"), v.lastPriceNanos());
    assertFalse(v.stale(), "not held: never stale");
    assertEquals(LimitSet.UNSET, w.engine.limits("firm").get(Limit.MAX_PRICE_AGE_SECONDS));
  }
}
