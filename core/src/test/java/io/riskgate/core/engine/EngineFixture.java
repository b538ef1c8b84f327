package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.Action;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small world for engine tests: one account A1 (1,000,000), strategy S1 (100,000), stocks. The
 * safeguards (breakers, automatic kill triggers, throttle) are off unless a test passes a config
 * that turns them on, so that each check can be tested at its boundary alone.
 */
final class EngineFixture implements OutputSink {
  static final long T0 = 1_704_187_800_000_000_000L; // 2024-01-02T09:30:00Z
  static final long SECOND = 1_000_000_000L;

  final List<Decision> decisions = new ArrayList<>();
  final List<StateChange> states = new ArrayList<>();
  final List<Action> actions = new ArrayList<>();
  final RiskEngine engine;
  long time = T0;
  int orderSeq;
  int fillSeq;

  EngineFixture() {
    this(EngineConfig.defaults().withSafeguards(SafeguardSettings.off()));
  }

  EngineFixture(EngineConfig config) {
    engine = new RiskEngine(config, this);
    engine.apply(new Event.Account(T0, "A1", Fixed.ofLong(1_000_000), "USD"));
    engine.apply(new Event.Strategy(T0, "S1", "A1", Fixed.ofLong(100_000)));
    instrument("AAA");
    instrument("BBB");
  }

  /** An account config where only the limits under test are set. */
  static EngineConfig noDefaults() {
    final EngineConfig d = EngineConfig.defaults();
    return new EngineConfig(
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
        SafeguardSettings.off());
  }

  void instrument(String symbol) {
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

  @Override
  public void onDecision(Decision decision) {
    decisions.add(decision.copy());
  }

  @Override
  public void onAction(Action action) {
    actions.add(action);
  }

  @Override
  public void onStateChange(StateChange change) {
    states.add(change);
  }

  long tick() {
    return time += SECOND;
  }

  void price(String symbol, String bid, String ask) {
    engine.apply(new Event.Price(tick(), symbol, Fixed.parse(bid), Fixed.parse(ask), 0));
  }

  void last(String symbol, String last) {
    engine.apply(new Event.Price(tick(), symbol, 0, 0, Fixed.parse(last)));
  }

  void limits(String scope, Object... nameValue) {
    final Map<Limit, Long> values = new HashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      final Limit limit = Limit.byWireName((String) nameValue[i]);
      final Object v = nameValue[i + 1];
      values.put(
          limit,
          v == null
              ? LimitSet.UNSET
              : v instanceof Boolean b ? (b ? Fixed.ONE : 0) : Fixed.parse(v.toString()));
    }
    engine.apply(new Event.Limits(tick(), Scope.parse(scope), values, "test"));
  }

  Decision order(String id, String symbol, Side side, String quantity, String price) {
    engine.apply(
        new Event.Order(
            tick(),
            id,
            "A1",
            "S1",
            symbol,
            side,
            Fixed.parse(quantity),
            price == null ? 0 : Fixed.parse(price),
            0));
    return decisions.get(decisions.size() - 1);
  }

  Decision order(Side side, String quantity, String price) {
    return order("o" + (++orderSeq), "AAA", side, quantity, price);
  }

  /** Checks, then fills completely at {@code price}. */
  void trade(String symbol, Side side, String quantity, String price) {
    final String id = "t" + (++orderSeq);
    final Decision d = order(id, symbol, side, quantity, price);
    if (!d.approved()) {
      throw new AssertionError("set-up trade rejected by " + d.firstFailure() + ": " + d.checks());
    }
    engine.apply(
        new Event.Fill(
            tick(), "f" + (++fillSeq), id, Fixed.parse(quantity), Fixed.parse(price), 0));
  }

  Decision.Check check(Decision d, String code, String scope) {
    for (Decision.Check c : d.checks()) {
      if (c.code().name().equals(code) && (scope == null || scope.equals(c.scope()))) {
        return c;
      }
    }
    throw new AssertionError("no " + code + " check at " + scope + " in " + d.checks());
  }
}
