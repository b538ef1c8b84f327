package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.Action;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  /**
   * A random but valid stream: prices, bars, orders, partial fills, cancels, limit changes, and
   * timers that jump hours ahead, over instruments trading around the clock and in sessions.
   */
  static List<Event> randomEvents(long seed, int count) {
    final SplittableRandom random = new SplittableRandom(seed);
    final List<Event> events = new ArrayList<>();
    final String[] symbols = {"AAA", "BBB", "CCC", "DDD"};
    final String[] sessions = {
      "24x7", "24x7", "Mon-Fri 09:30-16:00 America/New_York", "Sun-Thu 18:00-17:00 America/Chicago"
    };
    events.add(new Event.Account(Event.NO_TIME, "A1", Fixed.ofLong(1_000_000), "USD"));
    events.add(new Event.Strategy(Event.NO_TIME, "S1", "A1", Fixed.ofLong(200_000)));
    events.add(new Event.Strategy(Event.NO_TIME, "S2", "A1", Fixed.ofLong(200_000)));
    for (int i = 0; i < symbols.length; i++) {
      events.add(
          new Event.Instrument(
              Event.NO_TIME,
              symbols[i],
              "X",
              "USD",
              Fixed.parse("0.01"),
              Fixed.ONE,
              Fixed.ONE,
              "equity",
              "tech",
              io.riskgate.core.session.TradingSession.parse(sessions[i])));
    }
    final double[] price = {100, 50, 20, 10};
    long t = 1_704_187_800_000_000_000L;
    final List<String> open = new ArrayList<>();
    final Map<String, Long> remaining = new java.util.HashMap<>();
    int orders = 0;
    int fills = 0;
    for (int i = 0; i < count; i++) {
      t += random.nextLong(1, 3_000_000_000L);
      if (random.nextInt(40) == 0) {
        t += random.nextLong(1, 6 * 3_600_000_000_000L);
        events.add(new Event.Timer(t));
        continue;
      }
      final int kind = random.nextInt(10);
      final int k = random.nextInt(symbols.length);
      if (kind < 3) {
        price[k] *= 1 + (random.nextDouble() - 0.5) * 0.02;
        final long mid =
            Math.max(Fixed.parse("1"), Fixed.ofDouble(Math.round(price[k] * 100) / 100.0));
        events.add(
            new Event.Price(
                t, symbols[k], mid - Fixed.parse("0.01"), mid + Fixed.parse("0.01"), mid));
      } else if (kind == 3) {
        final long c = Fixed.ofDouble(Math.round(price[k] * 100) / 100.0);
        events.add(
            new Event.Bar(t, symbols[k], c, c, c, c, Fixed.ofLong(random.nextInt(1, 100_000))));
      } else if (kind < 7) {
        final String id = "o" + (++orders);
        final long quantity = Fixed.ofLong(random.nextInt(1, 200));
        events.add(
            new Event.Order(
                t,
                id,
                "A1",
                random.nextBoolean() ? "S1" : "S2",
                symbols[k],
                random.nextBoolean() ? Side.BUY : Side.SELL,
                quantity,
                random.nextInt(4) == 0 ? 0 : Fixed.ofDouble(Math.round(price[k] * 100) / 100.0),
                0));
        open.add(id);
        remaining.put(id, quantity);
      } else if (kind < 9 && !open.isEmpty()) {
        final String id = open.get(random.nextInt(open.size()));
        final long left = remaining.get(id);
        final long quantity =
            random.nextBoolean() ? left : Math.max(Fixed.ONE, left / 2 / Fixed.ONE * Fixed.ONE);
        events.add(
            new Event.Fill(
                t,
                "f" + (++fills),
                id,
                quantity,
                Fixed.ofDouble(Math.round(price[k] * 100) / 100.0),
                Fixed.parse("0.5")));
        remaining.put(id, left - quantity);
        if (left == quantity) {
          open.remove(id);
        }
      } else if (!open.isEmpty()) {
        final String id = open.remove(random.nextInt(open.size()));
        events.add(new Event.Cancel(t, id));
      } else if (random.nextBoolean()) {
        events.add(
            new Event.Limits(
                t,
                Scope.parse("strategy:S1"),
                Map.of(
                    io.riskgate.core.limit.Limit.MAX_OPEN_ORDERS,
                    Fixed.ofLong(random.nextInt(5, 50))),
                "r"));
      } else {
        events.add(
            new Event.Limits(
                t,
                Scope.parse(random.nextBoolean() ? "firm" : "instrument:" + symbols[k]),
                Map.of(
                    io.riskgate.core.limit.Limit.MAX_PRICE_AGE_SECONDS,
                    Fixed.ofLong(random.nextInt(5, 600))),
                "r"));
      }
    }
    return events;
  }

  /** A sink that writes every output as text. */
  static OutputSink recorder(StringBuilder out) {
    return new OutputSink() {
      @Override
      public void onDecision(Decision d) {
        out.append(d.orderId()).append(d.approved()).append(d.checks()).append('\n');
      }

      @Override
      public void onStateChange(StateChange change) {
        out.append(change).append('\n');
      }

      @Override
      public void onAlert(Alert alert) {
        out.append(alert).append('\n');
      }

      @Override
      public void onAction(Action action) {
        out.append(action).append('\n');
      }
    };
  }

  /** Applies an event, writing a refusal (a fill of a rejected order, say) as text. */
  static void applyOrRecord(RiskEngine engine, Event event, StringBuilder out) {
    try {
      engine.apply(event);
    } catch (IllegalArgumentException refused) {
      out.append("refused ").append(refused.getMessage()).append('\n');
    }
  }

  /** Applies events, skipping those the engine refuses (fills of rejected orders). */
  static String run(List<Event> events, StringBuilder out) {
    final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), recorder(out));
    for (Event event : events) {
      applyOrRecord(engine, event, out);
    }
    return Long.toHexString(engine.stateHash());
  }

  @Test
  void sameEventsGiveIdenticalOutputsAndStateHash() {
    final long seed = 7L;
    final List<Event> events = randomEvents(seed, 20_000);
    final StringBuilder first = new StringBuilder();
    final StringBuilder second = new StringBuilder();
    final String hash1 = run(events, first);
    final String hash2 = run(events, second);
    assertEquals(hash1, hash2, "seed " + seed);
    assertEquals(first.toString(), second.toString(), "seed " + seed);
    final String other = run(randomEvents(seed + 1, 20_000), new StringBuilder());
    assertNotEquals(hash1, other, "different events should give a different state");
  }
}
