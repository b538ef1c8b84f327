package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.breaker.BreakerSettings;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.Action;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.venue.SimulatedVenue;
import java.util.ArrayList;
import java.util.List;

/**
 * A world for safeguard scenarios: account A1 (1,000,000) with strategy S1 (100,000), stocks AAA
 * and BBB on venue XNYS at tick 0.01, no limits but those a test sets, and a {@link SimulatedVenue}
 * between the engine and the recorded outputs. Every event first lets the venue deliver what is
 * due, so the venue's confirmations interleave with the test's events by time.
 */
final class SafeguardWorld implements OutputSink {
  static final long T0 = 1_704_187_800_000_000_000L; // 2024-01-02T09:30:00Z
  static final long SECOND = 1_000_000_000L;

  final List<Decision> decisions = new ArrayList<>();
  final List<StateChange> states = new ArrayList<>();
  final List<Alert> alerts = new ArrayList<>();
  final List<Action> actions = new ArrayList<>();
  final SimulatedVenue venue;
  final RiskEngine engine;
  long time = T0;
  int orderSequence;

  SafeguardWorld(SafeguardSettings safeguards) {
    this(safeguards, 0);
  }

  SafeguardWorld(SafeguardSettings safeguards, long venueLatencyNanos) {
    venue = new SimulatedVenue("XNYS", venueLatencyNanos, this);
    final EngineConfig d = EngineConfig.defaults();
    engine =
        new RiskEngine(
            new EngineConfig(
                d.tradingDayZone(),
                d.tradingDayStart(),
                d.markMode(),
                d.correlationScope(),
                d.returnHistoryCapacity(),
                5,
                3,
                d.priceSampleIntervalNanos(),
                d.liquidityLookbackDays(),
                d.expectedOrdersPerDay(),
                new LimitSet(),
                safeguards),
            venue);
    engine.apply(new Event.Account(T0, "A1", Fixed.ofLong(1_000_000), "USD"));
    engine.apply(new Event.Strategy(T0, "S1", "A1", Fixed.ofLong(100_000)));
    for (String symbol : new String[] {"AAA", "BBB"}) {
      engine.apply(
          new Event.Instrument(
              Event.NO_TIME,
              symbol,
              "XNYS",
              "USD",
              Fixed.parse("0.01"),
              Fixed.ONE,
              Fixed.ONE,
              "equity",
              "tech"));
    }
  }

  /** Manual kill only, no throttle, and these breaker settings at every scope. */
  static SafeguardSettings breakers(BreakerSettings breaker) {
    return SafeguardSettings.off().withBreakers(breaker);
  }

  /** Applies an event after delivering the venue's confirmations due by its time. */
  void apply(Event event) {
    deliver(event.timestampNanos() == Event.NO_TIME ? time : event.timestampNanos());
    engine.apply(event);
  }

  /** Delivers the venue's confirmations due at or before {@code until}. */
  void deliver(long until) {
    for (Event e : venue.due(until)) {
      engine.apply(e);
    }
  }

  long at(long seconds) {
    time = T0 + seconds * SECOND;
    return time;
  }

  long tick() {
    return time += SECOND;
  }

  /** A quote: bid marks longs, ask marks shorts. */
  void price(String symbol, String bid, String ask) {
    apply(venue.price(new Event.Price(tick(), symbol, Fixed.parse(bid), Fixed.parse(ask), 0)));
  }

  void timer(long timestampNanos) {
    time = timestampNanos;
    apply(new Event.Timer(timestampNanos));
  }

  Decision order(Side side, String symbol, String quantity, String price) {
    final Event.Order order =
        new Event.Order(
            tick(),
            "o" + (++orderSequence),
            "A1",
            "S1",
            symbol,
            side,
            Fixed.parse(quantity),
            price == null ? 0 : Fixed.parse(price),
            0);
    apply(venue.submit(order));
    return decisions.get(decisions.size() - 1);
  }

  /** An order the venue fills in full at once (its latency permitting). */
  void trade(Side side, String symbol, String quantity, String price) {
    final Decision d = order(side, symbol, quantity, price);
    if (!d.approved()) {
      throw new AssertionError("set-up trade rejected by " + d.firstFailure() + ": " + d.checks());
    }
    deliver(time + 60 * SECOND);
  }

  void kill(String scope) {
    apply(new Event.Kill(tick(), Scope.parse(scope), "officer"));
  }

  void rearm(String scope) {
    apply(new Event.Rearm(tick(), Scope.parse(scope), "officer"));
  }

  long net(String symbol) {
    for (PositionView p : engine.positions()) {
      if (p.symbol().equals(symbol)) {
        return p.quantity();
      }
    }
    return 0;
  }

  List<StateChange> states(String kind) {
    final List<StateChange> list = new ArrayList<>();
    for (StateChange s : states) {
      if (s.kind().equals(kind)) {
        list.add(s);
      }
    }
    return list;
  }

  StateChange lastState(String kind) {
    final List<StateChange> list = states(kind);
    if (list.isEmpty()) {
      throw new AssertionError("no " + kind + " state change in " + states);
    }
    return list.get(list.size() - 1);
  }

  List<Alert> alerts(String code) {
    final List<Alert> list = new ArrayList<>();
    for (Alert a : alerts) {
      if (a.code().equals(code)) {
        list.add(a);
      }
    }
    return list;
  }

  /** The last size answer: quantity, breaker scale factor (NaN when absent), blocking check. */
  long sizeQuantity;

  double sizeBreakerScale;
  io.riskgate.core.check.CheckCode sizeBlockedBy;

  @Override
  public void onSize(SizeAnswer answer) {
    sizeQuantity = answer.result().quantity();
    sizeBreakerScale =
        answer.result().has(io.riskgate.core.sizing.SizingFactor.BREAKER_SCALE)
            ? answer.result().valueOf(io.riskgate.core.sizing.SizingFactor.BREAKER_SCALE)
            : Double.NaN;
    sizeBlockedBy = answer.blockedBy();
  }

  @Override
  public void onDecision(Decision decision) {
    decisions.add(decision.copy());
  }

  @Override
  public void onStateChange(StateChange change) {
    states.add(change);
  }

  @Override
  public void onAlert(Alert alert) {
    alerts.add(alert);
  }

  @Override
  public void onAction(Action action) {
    actions.add(action);
  }
}
