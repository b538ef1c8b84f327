package io.riskgate.bench;

import io.riskgate.core.Fixed;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.OrderRequest;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.engine.SafeguardSettings;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.KillSwitchSettings;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A realistic engine for benchmarks: 1,000 instruments with 61 daily bars each (return history for
 * correlation, volume for liquidity), 20 strategies in one account, 200 open positions, and every
 * limit of the pre-trade checks set at some scope.
 */
final class EngineWorld {
  static final int INSTRUMENTS = 1_000;
  static final int STRATEGIES = 20;
  static final int POSITIONS = 200;
  static final long DAY = 86_400_000_000_000L;
  static final long START = 1_704_153_600_000_000_000L; // 2024-01-02T00:00:00Z

  final RiskEngine engine;
  final int account;
  final int[] strategies = new int[STRATEGIES];
  final int[] instruments = new int[INSTRUMENTS];
  final long[] prices = new long[INSTRUMENTS];
  long now;
  long nextKey = 1;

  EngineWorld(boolean allChecks, int expectedOrdersPerDay) {
    final EngineConfig d = EngineConfig.defaults();
    final EngineConfig config =
        new EngineConfig(
            d.tradingDayZone(),
            d.tradingDayStart(),
            d.markMode(),
            d.correlationScope(),
            d.returnHistoryCapacity(),
            d.defaultCorrelationLookback(),
            d.defaultCorrelationMinObservations(),
            d.priceSampleIntervalNanos(),
            d.liquidityLookbackDays(),
            expectedOrdersPerDay,
            allChecks ? LimitSet.accountDefaults() : new LimitSet(),
            benchSafeguards(d.safeguards()));
    engine = new RiskEngine(config, OutputSink.NONE);
    final SplittableRandom random = new SplittableRandom(1);
    engine.apply(new Event.Account(Event.NO_TIME, "A1", Fixed.ofLong(1_000_000_000), "USD"));
    account = engine.accountId("A1");
    for (int s = 0; s < STRATEGIES; s++) {
      engine.apply(new Event.Strategy(Event.NO_TIME, "S" + s, "A1", Fixed.ofLong(50_000_000)));
      strategies[s] = engine.strategyId("S" + s);
    }
    final double[] level = new double[INSTRUMENTS];
    for (int i = 0; i < INSTRUMENTS; i++) {
      engine.apply(
          new Event.Instrument(
              Event.NO_TIME,
              "I" + i,
              "V" + (i % 3),
              "USD",
              Fixed.parse("0.01"),
              Fixed.ONE,
              Fixed.ONE,
              "equity",
              "sector" + (i % 11)));
      instruments[i] = engine.instrumentId("I" + i);
      level[i] = 20 + random.nextDouble() * 200;
    }
    // 61 daily bars: 60 returns, correlated through a common factor.
    now = START - 62 * DAY;
    for (int day = 0; day < 61; day++) {
      now += DAY;
      final double market = random.nextGaussian() * 0.01;
      for (int i = 0; i < INSTRUMENTS; i++) {
        level[i] *= 1 + market * 0.5 + random.nextGaussian() * 0.01;
        final long close = Math.max(Fixed.ONE, Fixed.ofDouble(Math.round(level[i] * 100) / 100.0));
        engine.apply(
            new Event.Bar(now + i, "I" + i, close, close, close, close, Fixed.ofLong(1_000_000)));
        prices[i] = close;
      }
    }
    now = START + 10 * 3_600_000_000_000L; // 10:00 on the benchmark day
    for (int i = 0; i < INSTRUMENTS; i++) {
      engine.apply(
          new Event.Price(
              now,
              "I" + i,
              prices[i] - Fixed.parse("0.01"),
              prices[i] + Fixed.parse("0.01"),
              prices[i]));
    }
    if (allChecks) {
      setLimits(
          Scope.FIRM,
          Map.of(
              Limit.MAX_ORDER_NOTIONAL,
              Fixed.ofLong(50_000_000),
              Limit.MAX_LEVERAGE,
              Fixed.ofLong(10),
              Limit.MAX_ORDERS_PER_SECOND,
              Fixed.ofLong(100_000),
              Limit.MAX_OPEN_ORDERS,
              Fixed.ofLong(10_000),
              Limit.MAX_DAILY_LOSS,
              Fixed.parse("0.1")));
      setLimits(
          new Scope(Scope.Kind.ACCOUNT, "A1"),
          Map.of(
              Limit.MAX_POSITIONS,
              Fixed.ofLong(1_000),
              Limit.MAX_PARTICIPATION,
              Fixed.parse("0.5"),
              Limit.PRICE_COLLAR,
              Fixed.parse("0.1"),
              Limit.MAX_CORRELATION,
              Fixed.parse("0.99")));
      for (int s = 0; s < STRATEGIES; s++) {
        setLimits(
            new Scope(Scope.Kind.STRATEGY, "S" + s),
            Map.of(
                Limit.MAX_ORDER_QUANTITY,
                Fixed.ofLong(100_000),
                Limit.MAX_POSITION_NOTIONAL,
                Fixed.ofLong(20_000_000),
                Limit.MAX_STRATEGY_DRAWDOWN,
                Fixed.parse("0.2"),
                Limit.MAX_OPEN_ORDERS,
                Fixed.ofLong(1_000),
                Limit.MAX_ORDERS_PER_SECOND,
                Fixed.ofLong(50_000)));
      }
      for (int i = 0; i < INSTRUMENTS; i++) {
        setLimits(
            new Scope(Scope.Kind.INSTRUMENT, "I" + i),
            Map.of(Limit.RESTRICTED, 0L, Limit.MAX_ORDER_QUANTITY, Fixed.ofLong(200_000)));
      }
    }
    // 200 positions: 10 per strategy, long or short, filled.
    final OrderRequest order = new OrderRequest();
    for (int p = 0; p < POSITIONS; p++) {
      final int s = p % STRATEGIES;
      final int i = (p * 37) % INSTRUMENTS;
      final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      final long quantity = Fixed.ofLong(100 + random.nextInt(900));
      now += 1_000;
      final long key = nextKey++;
      order.set(
          now, key, null, account, strategies[s], instruments[i], side, quantity, prices[i], 0);
      if (!engine.check(order).approved()) {
        throw new IllegalStateException("set-up order rejected: " + engine.check(order).checks());
      }
      engine.fill(now, key, quantity, prices[i], 0);
    }
  }

  /**
   * The default safeguards without the automatic kill trigger this world would trip by design: it
   * holds 200 positions (more than 20). Stale data, which moving days ahead without prices makes,
   * does not kill by default.
   */
  private static SafeguardSettings benchSafeguards(SafeguardSettings d) {
    final KillSwitchSettings k = d.killSwitch();
    return d.withKillSwitch(
        new KillSwitchSettings(
            k.maxDrawdown(),
            k.criticalDrawdown(),
            0,
            k.maxDailyLoss(),
            k.killOnVenueDisconnect(),
            k.maxVenueLatencyMs(),
            false,
            k.maxTickJump(),
            k.retryIntervalNanos(),
            k.maxAttempts()));
  }

  private void setLimits(Scope scope, Map<Limit, Long> values) {
    engine.apply(new Event.Limits(Event.NO_TIME, scope, new EnumMap<>(values), "bench"));
  }

  /** Moves to the next trading day (clears the day's order ids), outside any measurement. */
  void nextDay() {
    now = ((now - START) / DAY + 1) * DAY + START + 3_600_000_000_000L;
    engine.apply(new Event.Timer(now));
  }
}
