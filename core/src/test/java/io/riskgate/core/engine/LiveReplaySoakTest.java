package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.event.TimeInForce;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.Scope;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first promise under a seeded random soak with hostile magnitudes: after every step the live
 * engine's state hash equals that of an engine that applied only the accepted events (the journal),
 * a refused event leaves the hash unchanged, and no event of any kind escapes as anything but a
 * refusal. Every few hundred steps the state is snapshotted, restored and snapshotted again: the
 * bytes and the hashes must be identical.
 *
 * <p>The stream mixes everyday traffic with what breaks engines: prices and quantities near the
 * fixed-point range, many fills on one position, huge fees and transfers, limits set to extremes,
 * timestamps going backwards, unknown ids, day rolls, kill and re-arm, trading states, size and
 * report requests, and conversion rates (FUT is quoted in EUR, PENNY in JPY: direct, inverse and
 * triangulated pairs, missing and stale rates, rates near the range). The seed is in the test name,
 * so a failure replays exactly.
 */
class LiveReplaySoakTest {
  private static final String[] SYMBOLS = {"AAA", "BTC", "FUT", "PENNY"};
  private static final String[] STRATEGIES = {"S1", "S2", "S3"};
  private static final long DAY = 86_400_000_000_000L;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 20261202})
  void liveStateEqualsReplayOfAcceptedEventsAfterEveryStep(long seed) {
    final SplittableRandom random = new SplittableRandom(seed);
    final List<Decision> liveDecisions = new ArrayList<>();
    final List<Decision> replayDecisions = new ArrayList<>();
    // Odd seeds run with every default limit and safeguard on, even ones with none but those the
    // stream sets, so that orders get far enough to be filled.
    final EngineConfig config =
        seed % 2 == 1 ? EngineConfig.defaults() : EngineFixture.noDefaults();
    final RiskEngine live = new RiskEngine(config, collecting(liveDecisions));
    final RiskEngine replay = new RiskEngine(config, collecting(replayDecisions));
    final Generator generator = new Generator(random);
    int accepted = 0;
    for (int step = 0; step < 6_000; step++) {
      final Event event;
      try {
        event = generator.next();
      } catch (IllegalArgumentException invalid) {
        continue; // refused by the event's own validation, before any engine sees it
      }
      final long before = live.stateHash();
      try {
        live.apply(event);
      } catch (IllegalArgumentException refused) {
        assertEquals(
            before,
            live.stateHash(),
            "seed "
                + seed
                + " step "
                + step
                + ": refused "
                + event
                + " ("
                + refused
                + ") changed the state");
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError(
            "seed " + seed + " step " + step + ": " + event + " escaped as " + e, e);
      }
      accepted++;
      generator.accepted(
          event,
          !liveDecisions.isEmpty() && liveDecisions.get(liveDecisions.size() - 1).approved());
      try {
        replay.apply(event);
      } catch (RuntimeException e) {
        throw new AssertionError(
            "seed " + seed + " step " + step + ": the replay refused " + event + ": " + e, e);
      }
      if (live.stateHash() != replay.stateHash()) {
        fail("seed " + seed + " step " + step + ": live and replay differ after " + event);
      }
      if (step % 750 == 0) {
        requireSnapshotRoundTrip(live, seed, step);
        // The whole state, not only what the hash covers: the snapshots are equal byte for byte.
        final byte[] a = live.writeSnapshot();
        final byte[] b = replay.writeSnapshot();
        assertArrayEquals(a, b, "seed " + seed + " step " + step);
      }
    }
    assertEquals(liveDecisions.size(), replayDecisions.size());
    for (int i = 0; i < liveDecisions.size(); i++) {
      assertEquals(liveDecisions.get(i).checks(), replayDecisions.get(i).checks());
    }
    requireSnapshotRoundTrip(live, seed, -1);

    if (accepted < 2_000
        || generator.rates < 50
        // A floor of coverage, not a measure: expiries, venue rejects, cancel-alls and orders
        // without a conversion rate close or refuse many orders before they are filled.
        || generator.fills < (seed % 2 == 1 ? 0 : 10)
        || generator.lifecycle < (seed % 2 == 1 ? 10 : 30)
        || generator.busts < (seed % 2 == 1 ? 0 : 3)
        || liveDecisions.size() < 500) {
      fail(
          "seed "
              + seed
              + ": the soak exercised too little: "
              + accepted
              + " accepted, "
              + generator.fills
              + " fills, "
              + generator.lifecycle
              + " amends, venue rejects and expiries, cancel-alls, busts and corrections ("
              + generator.busts
              + " busts and corrections), "
              + liveDecisions.size()
              + " decisions");
    }
  }

  private static void requireSnapshotRoundTrip(RiskEngine engine, long seed, int step) {
    final byte[] first = engine.writeSnapshot();
    final RiskEngine restored =
        RiskEngine.readSnapshot(first, engine.config(), new OutputSink() {});
    assertEquals(engine.stateHash(), restored.stateHash(), "seed " + seed + " step " + step);
    final byte[] second = restored.writeSnapshot();
    assertArrayEquals(first, second, "seed " + seed + " step " + step);
  }

  private static OutputSink collecting(List<Decision> into) {
    return new OutputSink() {
      @Override
      public void onDecision(Decision decision) {
        into.add(decision.copy());
      }
    };
  }

  /** Random events, mostly valid against what the engine accepted so far, some hostile. */
  private static final class Generator {
    private final SplittableRandom random;
    private final List<Event> setup = new ArrayList<>();
    private final List<String> open = new ArrayList<>();
    private final List<String> fillIds = new ArrayList<>();

    /** Fills of instruments in the account currency: only those can be busted or corrected. */
    private final List<String> homeFillIds = new ArrayList<>();

    private final Map<String, String> orderSymbols = new HashMap<>();
    private final Map<String, Long> remaining = new java.util.HashMap<>();
    private final double[] price = {100, 30_000, 4_000, 0.05};
    private long time = 1_704_187_800_000_000_000L;
    private int orders;
    int fills;
    int rates;
    int lifecycle;
    int busts;

    Generator(SplittableRandom random) {
      this.random = random;
      setup.add(new Event.Account(Event.NO_TIME, "A1", Fixed.ofLong(1_000_000), "USD"));
      setup.add(new Event.Account(Event.NO_TIME, "A2", Fixed.ofLong(50_000_000), "USD"));
      setup.add(new Event.Strategy(Event.NO_TIME, "S1", "A1", Fixed.ofLong(500_000)));
      setup.add(new Event.Strategy(Event.NO_TIME, "S2", "A1", Fixed.ofLong(500_000)));
      setup.add(new Event.Strategy(Event.NO_TIME, "S3", "A2", Fixed.ofLong(10_000_000)));
      setup.add(instrument("AAA", "USD", "0.01", "1", "1"));
      setup.add(instrument("BTC", null, "0.01", "0.0001", "1"));
      setup.add(instrument("FUT", "EUR", "0.25", "1", "50"));
      setup.add(instrument("PENNY", "JPY", "0.0001", "1", "1"));
      // EUR converts from the start; JPY only once a USD/JPY or EUR/JPY rate arrives.
      setup.add(new Event.FxRate(time, "EUR", "USD", Fixed.parse("1.08"), Fixed.parse("1.0802")));
    }

    private static Event instrument(
        String symbol, String currency, String tick, String lot, String multiplier) {
      return new Event.Instrument(
          Event.NO_TIME,
          symbol,
          "X",
          currency,
          Fixed.parse(tick),
          Fixed.parse(lot),
          Fixed.parse(multiplier),
          "equity",
          "tech");
    }

    void accepted(Event event, boolean lastDecisionApproved) {
      if (event instanceof Event.Amend
          || event instanceof Event.OrderRejected
          || event instanceof Event.OrderExpired
          || event instanceof Event.CancelAll
          || event instanceof Event.TradeBust
          || event instanceof Event.TradeCorrect) {
        lifecycle++;
      }
      if (event instanceof Event.TradeBust || event instanceof Event.TradeCorrect) {
        busts++;
      }
      if (event instanceof Event.Order order && lastDecisionApproved) {
        remaining.put(order.orderId(), order.quantity());
        open.add(order.orderId());
        orderSymbols.put(order.orderId(), order.symbol());
      } else if (event instanceof Event.Fill fill) {
        fills++;
        fillIds.add(fill.fillId());
        final String symbol = orderSymbols.get(fill.orderId());
        if ("AAA".equals(symbol) || "BTC".equals(symbol)) {
          homeFillIds.add(fill.fillId());
        }
        final long left = remaining.getOrDefault(fill.orderId(), 0L) - fill.quantity();
        remaining.put(fill.orderId(), left);
        if (left <= 0) {
          open.remove(fill.orderId());
        }
      } else if (event instanceof Event.Cancel cancel) {
        open.remove(cancel.orderId());
      } else if (event instanceof Event.FxRate) {
        rates++;
      } else if (event instanceof Event.Amend amend && lastDecisionApproved) {
        if (amend.quantity() != 0) {
          remaining.put(amend.orderId(), amend.quantity());
        }
      } else if (event instanceof Event.OrderRejected rejected) {
        open.remove(rejected.orderId());
      } else if (event instanceof Event.OrderExpired expired) {
        open.remove(expired.orderId());
      }
    }

    Event next() {
      if (!setup.isEmpty()) {
        return setup.remove(0);
      }
      time += random.nextInt(50) == 0 ? DAY / 3 : random.nextLong(1, 2_000_000_000L);
      final long ts = random.nextInt(200) == 0 ? time - 5_000_000_000L : time; // backwards
      final int k = random.nextInt(SYMBOLS.length);
      final String symbol = random.nextInt(300) == 0 ? "NOPE" : SYMBOLS[k];
      final int kind = random.nextInt(100);
      if (kind < 4) {
        return fxRate(ts);
      }
      if (kind < 25) {
        price[k] = Math.max(0.0001, price[k] * (1 + (random.nextDouble() - 0.5) * 0.02));
        final long last = hostile() ? hostilePrice() : onTick(price[k], k);
        final long spread = k == 3 ? Fixed.parse("0.0001") : Fixed.parse("0.25");
        return random.nextBoolean()
            ? new Event.Price(ts, symbol, 0, 0, last)
            : new Event.Price(ts, symbol, Math.max(spread, last - spread), last + spread, last);
      }
      if (kind < 30) {
        final long close = hostile() ? hostilePrice() : onTick(price[k], k);
        final long volume = hostile() ? Fixed.ofLong(90_000_000_000L) : Fixed.ofLong(1_000);
        return new Event.Bar(ts, symbol, close, close, close, close, volume);
      }
      if (kind < 55) {
        final String id = random.nextInt(40) == 0 && orders > 0 ? "o" + orders : "o" + ++orders;
        final long quantity =
            hostile()
                ? Fixed.ofLong(random.nextLong(1, 90_000_000_000L))
                : Fixed.ofLong(random.nextInt(1, 200));
        final long limitPrice =
            random.nextInt(4) == 0 ? 0 : hostile() ? hostilePrice() : onTick(price[k], k);
        final String strategy = STRATEGIES[random.nextInt(STRATEGIES.length)];
        final int t = random.nextInt(20);
        final TimeInForce tif =
            t < 4
                ? TimeInForce.DAY
                : t < 6 ? TimeInForce.GTD : t < 7 ? TimeInForce.IOC : TimeInForce.GTC;
        final long expireAt =
            tif == TimeInForce.GTD
                ? ts + random.nextLong(-1_000_000_000L, 30_000_000_000L)
                : Event.NO_TIME;
        return new Event.Order(
            ts,
            id,
            strategy.equals("S3") ? "A2" : "A1",
            strategy,
            symbol,
            random.nextBoolean() ? Side.BUY : Side.SELL,
            quantity,
            limitPrice,
            0,
            tif,
            expireAt);
      }
      if (kind < 80 && !open.isEmpty()) {
        final String id = open.get(random.nextInt(open.size()));
        final long left = remaining.get(id);
        final long quantity =
            random.nextBoolean() || left < 2 * Fixed.ONE
                ? left
                : Fixed.floorToStep(left / 2, Fixed.ONE);
        final long fillPrice = hostile() ? hostilePrice() : onTick(price[k], k);
        final long fee = hostile() ? Fixed.ofLong(80_000_000_000L) : Fixed.parse("0.35");
        return new Event.Fill(
            ts,
            "f" + random.nextInt(1_000_000),
            id,
            Math.max(Fixed.ONE / 10_000, quantity),
            fillPrice,
            fee);
      }
      if (kind < 82 && !open.isEmpty()) {
        return new Event.Cancel(ts, open.get(random.nextInt(open.size())));
      }
      if (kind < 84 && !open.isEmpty()) {
        final String id = open.get(random.nextInt(open.size()));
        final long quantity =
            random.nextInt(3) == 0
                ? 0
                : hostile()
                    ? Fixed.ofLong(random.nextLong(1, 90_000_000_000L))
                    : Fixed.ofLong(random.nextInt(1, 200));
        final long amendPrice =
            quantity != 0 && random.nextBoolean()
                ? 0
                : hostile() ? hostilePrice() : onTick(price[k], k);
        return new Event.Amend(ts, id, quantity, amendPrice);
      }
      if (kind < 85 && !open.isEmpty()) {
        final String id = open.get(random.nextInt(open.size()));
        return random.nextBoolean()
            ? new Event.OrderRejected(ts, id, "soak")
            : new Event.OrderExpired(ts, id);
      }
      if (kind < 88) {
        return new Event.Timer(ts);
      }
      if (kind < 90) {
        final long amount =
            hostile()
                ? Fixed.ofLong(90_000_000_000L) * (random.nextBoolean() ? 1 : -1)
                : Fixed.ofLong(random.nextInt(-5_000, 10_000) | 1);
        return new Event.Transfer(ts, random.nextBoolean() ? "A1" : "A2", amount);
      }
      if (kind < 92) {
        final Map<Limit, Long> limits = new EnumMap<>(Limit.class);
        final Limit[] names = {
          Limit.MAX_POSITION_FRACTION,
          Limit.MAX_POSITION_NOTIONAL,
          Limit.MAX_LEVERAGE,
          Limit.MAX_ORDER_NOTIONAL,
          Limit.MAX_DAILY_LOSS,
          Limit.PRICE_COLLAR,
          Limit.MAX_FX_AGE_SECONDS,
          Limit.MAX_CURRENCY_EXPOSURE,
          Limit.MAX_MESSAGES_PER_SECOND,
          Limit.MAX_DAILY_NOTIONAL,
          Limit.PREVENT_SELF_MATCH
        };
        final Limit name = names[random.nextInt(names.length)];
        final long value =
            name == Limit.PREVENT_SELF_MATCH
                ? (random.nextBoolean() ? Fixed.ONE : 0)
                : name == Limit.MAX_DAILY_NOTIONAL && !hostile()
                    ? Fixed.ofLong(random.nextInt(1, 2_000_000))
                    : hostile()
                        ? Fixed.ofLong(90_000_000_000L)
                        : Fixed.parse(random.nextInt(1, 100) + "");
        limits.put(name, value);
        final String[] scopes = {"firm", "account:A1", "strategy:S1", "instrument:AAA"};
        final Scope scope = Scope.parse(scopes[random.nextInt(4)]);
        if (scope.kind() == Scope.Kind.INSTRUMENT) {
          limits.remove(Limit.MAX_FX_AGE_SECONDS);
          limits.remove(Limit.MAX_CURRENCY_EXPOSURE);
        }
        return new Event.Limits(ts, scope, limits, "soak");
      }
      if (kind < 95) {
        final String[] scopes = {"strategy:S2", "account:A2", "firm"};
        final Scope scope = Scope.parse(scopes[random.nextInt(scopes.length)]);
        final int what = random.nextInt(12);
        return what < 2
            ? new Event.Kill(ts, scope, "soak")
            : what < 4
                ? new Event.CancelAll(
                    ts, random.nextBoolean() ? scope : Scope.parse("instrument:" + symbol), "soak")
                : new Event.Rearm(ts, scope, "soak");
      }
      if (kind < 97) {
        return new Event.TradingStateChange(
            ts,
            Scope.parse("strategy:S" + random.nextInt(1, 4)),
            random.nextInt(3) != 0
                ? TradingState.ACTIVE
                : TradingState.values()[random.nextInt(TradingState.values().length)],
            "soak");
      }
      if (kind < 99 && !fillIds.isEmpty() && random.nextBoolean()) {
        // Mostly fills in the account currency; now and then any fill (those in another currency
        // are refused whole).
        final List<String> ids =
            homeFillIds.isEmpty() || random.nextInt(4) == 0 ? fillIds : homeFillIds;
        final String fillId =
            ids.get(Math.max(0, ids.size() - 1 - random.nextInt(Math.min(5, ids.size()))));
        return random.nextBoolean()
            ? new Event.TradeBust(ts, fillId)
            : new Event.TradeCorrect(
                ts,
                fillId,
                hostile() ? Fixed.ofLong(90_000_000_000L) : Fixed.ofLong(random.nextInt(1, 100)),
                hostile() ? hostilePrice() : onTick(price[k], k),
                hostile() ? Fixed.ofLong(80_000_000_000L) : Fixed.parse("0.1"));
      }
      if (kind < 99) {
        return new Event.ReportRequest(ts);
      }
      return new Event.VenueStatus(ts, "X", random.nextInt(4) != 0, random.nextInt(500));
    }

    /** A rate of EUR/USD, USD/JPY, EUR/JPY or GBP/USD, now and then hostile. */
    private Event fxRate(long ts) {
      final String[][] pairs = {{"EUR", "USD"}, {"USD", "JPY"}, {"EUR", "JPY"}, {"GBP", "USD"}};
      final double[] levels = {1.08, 150, 162, 1.27};
      final int p = random.nextInt(pairs.length);
      final long bid =
          hostile()
              ? new long[] {Fixed.parse("92233720368"), Fixed.ofLong(10_000_000), 1}
                  [random.nextInt(3)]
              : Fixed.ofDouble(
                  Math.round(levels[p] * (1 + (random.nextDouble() - 0.5) * 0.02) * 1e4) / 1e4);
      final long ask = random.nextInt(50) == 0 ? bid - 1 : bid + random.nextInt(0, 5) * 10_000L;
      return new Event.FxRate(ts, pairs[p][0], pairs[p][1], bid, ask);
    }

    private boolean hostile() {
      return random.nextInt(12) == 0;
    }

    private long hostilePrice() {
      final long[] choices = {
        Fixed.parse("92233720368"), Fixed.ofLong(10_000_000_000L), Fixed.ofLong(99_889_692), 1
      };
      return choices[random.nextInt(choices.length)];
    }

    private static long onTick(double value, int k) {
      final long tick =
          k == 3 ? Fixed.parse("0.0001") : k == 2 ? Fixed.parse("0.25") : Fixed.parse("0.01");
      final long raw = Fixed.ofDouble(Math.min(value, 1e9));
      return Math.max(tick, Fixed.floorToStep(raw, tick));
    }
  }
}
