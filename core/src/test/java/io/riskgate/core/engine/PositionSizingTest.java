package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.sizing.SizingFactor;
import io.riskgate.core.sizing.SizingStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PositionSizingTest {

  /** Records size answers as copies of what matters. */
  private static final class Sizes implements OutputSink {
    final List<long[]> quantities = new ArrayList<>();
    final List<SizingStatus> statuses = new ArrayList<>();
    final List<CheckCode> blocked = new ArrayList<>();
    final List<Boolean> headroomPosition = new ArrayList<>();
    Decision last;

    @Override
    public void onSize(SizeAnswer answer) {
      quantities.add(new long[] {answer.result().quantity()});
      statuses.add(answer.result().status());
      blocked.add(answer.blockedBy());
      headroomPosition.add(answer.result().has(SizingFactor.HEADROOM_POSITION));
    }

    @Override
    public void onDecision(Decision decision) {
      last = decision.copy();
    }
  }

  private static Event.SizeRequest dynamic(
      long ts, String strategy, String symbol, Side side, double signal) {
    return new Event.SizeRequest(
        ts,
        "r",
        "A1",
        strategy,
        symbol,
        side,
        Event.Sizer.DYNAMIC,
        signal,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        0);
  }

  private static RiskEngine world(Sizes sink) {
    final RiskEngine engine = new RiskEngine(EngineFixture.noDefaults(), sink);
    engine.apply(new Event.Account(Event.NO_TIME, "A1", Fixed.ofLong(1_000_000), "USD"));
    engine.apply(new Event.Strategy(Event.NO_TIME, "S1", "A1", Fixed.ofLong(500_000)));
    engine.apply(
        new Event.Instrument(
            Event.NO_TIME,
            "AAA",
            "X",
            "USD",
            Fixed.parse("0.01"),
            Fixed.ONE,
            Fixed.ONE,
            "equity",
            "tech"));
    engine.apply(
        new Event.Price(EngineFixture.T0, "AAA", Fixed.parse("99.99"), Fixed.parse("100.01"), 0));
    return engine;
  }

  @Test
  void theSeedsSizerIsCutToThePositionHeadroom() {
    final Sizes sink = new Sizes();
    final RiskEngine engine = world(sink);
    // No volatility history: σ = 0. 2% × 500,000 × (0.5 + 1.5) = 20,000 at the ask 100.01.
    engine.apply(dynamic(EngineFixture.T0 + 1, "S1", "AAA", Side.BUY, 1.0));
    assertEquals(Fixed.ofLong(199), sink.quantities.get(0)[0]);
    assertEquals(SizingStatus.SIZED, sink.statuses.get(0));
    // A 10,000 position notional limit leaves 10,000 / 100 = 100 minus what is held.
    engine.apply(
        new Event.Limits(
            EngineFixture.T0 + 2,
            io.riskgate.core.limit.Scope.parse("strategy:S1"),
            java.util.Map.of(
                io.riskgate.core.limit.Limit.MAX_POSITION_NOTIONAL, Fixed.ofLong(10_000)),
            "t"));
    engine.apply(dynamic(EngineFixture.T0 + 3, "S1", "AAA", Side.BUY, 1.0));
    assertTrue(sink.headroomPosition.get(1));
    assertEquals(Fixed.ofLong(99), sink.quantities.get(1)[0]);
  }

  @Test
  void aKilledBookIsBlockedWithTheCheckNamed() {
    final Sizes sink = new Sizes();
    final RiskEngine engine = world(sink);
    engine.apply(
        new Event.Kill(EngineFixture.T0 + 1, io.riskgate.core.limit.Scope.FIRM, "officer"));
    engine.apply(dynamic(EngineFixture.T0 + 2, "S1", "AAA", Side.BUY, 0.5));
    assertEquals(0, sink.quantities.get(0)[0]);
    assertEquals(SizingStatus.BLOCKED, sink.statuses.get(0));
    assertEquals(CheckCode.KILL_SWITCH, sink.blocked.get(0));
  }

  @Test
  void kellyWithoutEnoughClosedTradesSizesZero() {
    final Sizes sink = new Sizes();
    final RiskEngine engine = world(sink);
    engine.apply(
        new Event.SizeRequest(
            EngineFixture.T0 + 1,
            "k",
            "A1",
            "S1",
            "AAA",
            Side.BUY,
            Event.Sizer.KELLY,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            0));
    assertEquals(0, sink.quantities.get(0)[0]);
    assertEquals(SizingStatus.NOT_ENOUGH_TRADES, sink.statuses.get(0));
  }

  /**
   * Random books, limits and market states (fixed seed): whenever a size is positive, an order of
   * exactly that size submitted at once is approved.
   */
  @Test
  void aSizedOrderSubmittedAtOnceIsNeverRejected() {
    final long seed = 2024L;
    final SplittableRandom random = new SplittableRandom(seed);
    int sized = 0;
    for (int world = 0; world < 60; world++) {
      final Sizes sink = new Sizes();
      final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), sink);
      engine.apply(
          new Event.Account(
              Event.NO_TIME, "A1", Fixed.ofLong(random.nextInt(100_000, 5_000_000)), "USD"));
      engine.apply(
          new Event.Strategy(
              Event.NO_TIME, "S1", "A1", Fixed.ofLong(random.nextInt(50_000, 1_000_000))));
      final String[] symbols = {"AAA", "BBB", "CCC"};
      for (String symbol : symbols) {
        engine.apply(
            new Event.Instrument(
                Event.NO_TIME,
                symbol,
                "X",
                "USD",
                Fixed.parse("0.01"),
                random.nextBoolean() ? Fixed.ONE : Fixed.parse("0.001"),
                Fixed.ONE,
                "equity",
                "tech"));
      }
      long t = EngineFixture.T0 - 40L * 86_400 * EngineFixture.SECOND;
      final double[] price = {100, 50, 20};
      for (int day = 0; day < 30; day++) {
        t += 86_400 * EngineFixture.SECOND;
        for (int k = 0; k < 3; k++) {
          price[k] *= 1 + (random.nextDouble() - 0.5) * 0.04;
          final long c = Fixed.ofDouble(Math.round(price[k] * 100) / 100.0);
          engine.apply(
              new Event.Bar(
                  t + k,
                  symbols[k],
                  c,
                  c + Fixed.parse("0.5"),
                  c - Fixed.parse("0.5"),
                  c,
                  Fixed.ofLong(random.nextInt(100, 100_000))));
        }
      }
      t = EngineFixture.T0;
      final java.util.Map<io.riskgate.core.limit.Limit, Long> limits = new java.util.HashMap<>();
      limits.put(
          io.riskgate.core.limit.Limit.MAX_LEVERAGE,
          Fixed.parse(String.valueOf(random.nextInt(1, 6))));
      limits.put(
          io.riskgate.core.limit.Limit.MAX_ORDER_NOTIONAL,
          Fixed.ofLong(random.nextInt(1_000, 200_000)));
      limits.put(io.riskgate.core.limit.Limit.MAX_PARTICIPATION, Fixed.parse("0.05"));
      limits.put(
          io.riskgate.core.limit.Limit.MAX_POSITION_NOTIONAL,
          Fixed.ofLong(random.nextInt(5_000, 400_000)));
      engine.apply(
          new Event.Limits(t, io.riskgate.core.limit.Scope.parse("strategy:S1"), limits, "t"));
      int orders = 0;
      for (int step = 0; step < 40; step++) {
        t += EngineFixture.SECOND;
        final int k = random.nextInt(3);
        final long mid = Fixed.ofDouble(Math.round(price[k] * 100) / 100.0);
        engine.apply(
            new Event.Price(
                t, symbols[k], mid - Fixed.parse("0.01"), mid + Fixed.parse("0.01"), mid));
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final Event.Sizer sizer = Event.Sizer.values()[random.nextInt(4)];
        t += 1;
        engine.apply(
            new Event.SizeRequest(
                t,
                "r" + step,
                "A1",
                "S1",
                symbols[k],
                side,
                sizer,
                random.nextDouble(),
                0.55,
                120,
                -100,
                0.01,
                2,
                0.15,
                0));
        final long quantity = sink.quantities.get(sink.quantities.size() - 1)[0];
        if (quantity > 0) {
          sized++;
          final String id = "o" + (++orders);
          engine.apply(new Event.Order(t, id, "A1", "S1", symbols[k], side, quantity, 0, 0));
          assertTrue(
              sink.last.approved(),
              "seed "
                  + seed
                  + " world "
                  + world
                  + " step "
                  + step
                  + " sizer "
                  + sizer
                  + ": "
                  + sink.last.checks());
          if (random.nextBoolean()) {
            engine.apply(new Event.Fill(t, "f" + id, id, quantity, mid, 0));
          }
        }
      }
    }
    assertTrue(sized > 100, "too few positive sizes to mean anything: " + sized);
  }
}
