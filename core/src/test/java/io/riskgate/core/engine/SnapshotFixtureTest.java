package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.breaker.BreakerState;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.event.TimeInForce;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.session.TradingSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A snapshot written by format 5 is read by this code: the checked-in fixture {@code
 * snapshots/v5-rich.bin} restores to the state hash recorded beside it ({@code v5-rich.hash}), and
 * writing the restored engine again gives the fixture's bytes exactly. A change to what a snapshot
 * holds or how it is laid out fails here until it either reads the old bytes or bumps a version
 * (and a new fixture is checked in beside the old one).
 *
 * <p>The fixture is the state after {@link #scenario()}: three instruments (one in EUR with an
 * EUR/USD rate, one crypto, one in a New York session), two accounts' worth of strategies with
 * positions, partial fills and a fill that can still be busted, open orders GTC, DAY and GTD,
 * limits at four scopes with order and message rate windows, a strategy whose breaker tripped, a
 * killed strategy with its cancel instructions in flight, alerts, a venue down, execution-throttle
 * windows, a stale price, bars for volatility, and the day's order and fill ids.
 *
 * <p>To write the fixture again (only together with a new format version, keeping the old file and
 * its test): {@code ./mvnw -B test -pl core -Dtest=SnapshotFixtureTest
 * -Driskgate.snapshot.fixture.write=true}, run from the repository root; it overwrites {@code
 * core/src/test/resources/snapshots/v5-rich.bin} and {@code .hash}.
 */
class SnapshotFixtureTest {
  private static final String NAME = "v5-rich";
  private static final long T0 = EngineFixture.T0; // 2024-01-02T09:30:00Z, a Tuesday
  private static final long S = EngineFixture.SECOND;

  @Test
  void theCheckedInFormat5SnapshotIsReadAndWrittenBackByteForByte() throws IOException {
    if (Boolean.getBoolean("riskgate.snapshot.fixture.write")) {
      writeFixture();
    }
    final byte[] fixture = resource(NAME + ".bin");
    final long recordedHash =
        Long.parseUnsignedLong(
            new String(resource(NAME + ".hash"), StandardCharsets.US_ASCII).trim(), 16);

    final RiskEngine restored = RiskEngine.readSnapshot(fixture, config(), OutputSink.NONE);

    assertEquals(
        Long.toHexString(recordedHash),
        Long.toHexString(restored.stateHash()),
        "the fixture restores to the state hash recorded with it");
    assertArrayEquals(fixture, restored.writeSnapshot(), "written again, byte for byte");
    requireRich(restored);
  }

  @Test
  void theRestoredFixtureGoesOnAsTheEngineWould() throws IOException {
    final byte[] fixture = resource(NAME + ".bin");
    final RiskEngine restored = RiskEngine.readSnapshot(fixture, config(), OutputSink.NONE);
    final RiskEngine again = RiskEngine.readSnapshot(fixture, config(), OutputSink.NONE);
    final long t = lastTime(restored);
    final List<Event> tail =
        List.of(
            new Event.Price(t + S, "AAA", Fixed.parse("99.00"), Fixed.parse("99.02"), 0),
            new Event.Fill(
                t + 2 * S, "f-tail", "o-aaa-open", Fixed.ofLong(10), Fixed.parse("99.02"), 0),
            new Event.Cancel(t + 3 * S, "o-sap-gtd"),
            new Event.Timer(t + 4_000 * S));
    for (Event e : tail) {
      restored.apply(e);
      again.apply(e);
    }
    assertEquals(restored.stateHash(), again.stateHash());
    final byte[] after = restored.writeSnapshot();
    assertArrayEquals(
        after, RiskEngine.readSnapshot(after, config(), OutputSink.NONE).writeSnapshot());
  }

  private static long lastTime(RiskEngine engine) {
    long t = Long.MIN_VALUE;
    for (InstrumentView i : engine.instruments()) {
      t = Math.max(t, i.lastPriceNanos());
    }
    return Math.max(t, T0 + 4_000 * S);
  }

  /** What the fixture must hold, so that it keeps exercising every section. */
  private static void requireRich(RiskEngine engine) {
    assertEquals(3, engine.instruments().size());
    assertTrue(engine.ledger("firm").openOrders() >= 3, "open orders");
    assertTrue(engine.positions().size() >= 3, "positions");
    assertEquals(BreakerState.OPEN, engine.breakerState("strategy:S1"), "S1's breaker tripped");
    assertTrue(engine.ledger("strategy:S3").killed(), "S3 killed");
    assertFalse(engine.activeAlerts().isEmpty(), "alerts raised");
    assertTrue(engine.instruments().stream().anyMatch(InstrumentView::stale), "stale");
    assertFalse(engine.fxRates().isEmpty(), "an FX rate");
    assertNotNull(engine.openOrderStrategy("o-sap-gtd"), "the GTD order is open");
  }

  private static EngineConfig config() {
    return EngineConfig.defaults();
  }

  private static void writeFixture() throws IOException {
    final List<String> rejected = new ArrayList<>();
    final RiskEngine engine =
        new RiskEngine(
            config(),
            new OutputSink() {
              @Override
              public void onDecision(io.riskgate.core.check.Decision decision) {
                if (!decision.approved()) {
                  rejected.add(decision.checks().toString());
                }
              }
            });
    for (Event e : scenario()) {
      if (!rejected.isEmpty()) {
        throw new AssertionError("the fixture's scenario had an order rejected: " + rejected);
      }
      try {
        engine.apply(e);
      } catch (IllegalArgumentException refused) {
        throw new AssertionError("the fixture's scenario refused " + e + ": " + refused, refused);
      }
    }
    requireRich(engine);
    final byte[] bytes = engine.writeSnapshot();
    final Path dir = Path.of("src/test/resources/snapshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(NAME + ".bin"), bytes);
    Files.writeString(dir.resolve(NAME + ".hash"), Long.toHexString(engine.stateHash()) + "\n");
    // The resources were copied before the test ran: read back what was just written.
    assertArrayEquals(bytes, Files.readAllBytes(dir.resolve(NAME + ".bin")));
  }

  private static byte[] resource(String name) throws IOException {
    final Path written = Path.of("src/test/resources/snapshots", name);
    if (Boolean.getBoolean("riskgate.snapshot.fixture.write") && Files.exists(written)) {
      return Files.readAllBytes(written);
    }
    try (InputStream in = SnapshotFixtureTest.class.getResourceAsStream("/snapshots/" + name)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing test resource snapshots/" + name));
      }
      return in.readAllBytes();
    }
  }

  private static long px(String text) {
    return Fixed.parse(text);
  }

  /** The scenario the fixture was written from; every event is accepted. */
  static List<Event> scenario() {
    final List<Event> e = new ArrayList<>();
    final long tb = T0 - 11 * 86_400 * S; // reference data and bars start eleven days before
    e.add(new Event.Account(tb, "A1", Fixed.ofLong(1_000_000), "USD"));
    e.add(new Event.Strategy(tb, "S1", "A1", Fixed.ofLong(100_000)));
    e.add(new Event.Strategy(tb, "S2", "A1", Fixed.ofLong(200_000)));
    e.add(new Event.Strategy(tb, "S3", "A1", Fixed.ofLong(150_000)));
    e.add(
        new Event.Instrument(
            tb,
            "AAA",
            "XNYS",
            "USD",
            px("0.01"),
            Fixed.ONE,
            Fixed.ONE,
            "equity",
            "tech",
            TradingSession.parse("Mon-Fri 09:30-16:00 America/New_York")));
    e.add(
        new Event.Instrument(
            tb, "BTC-USD", "COIN", "USD", px("0.01"), px("0.001"), Fixed.ONE, "crypto", "coin"));
    e.add(
        new Event.Instrument(
            tb, "SAP", "XETR", "EUR", px("0.01"), Fixed.ONE, Fixed.ONE, "equity", "software"));
    e.add(
        new Event.Limits(
            tb,
            Scope.parse("account:A1"),
            Map.of(
                Limit.MIN_LIQUIDITY,
                LimitSet.UNSET,
                Limit.MAX_CORRELATION,
                LimitSet.UNSET,
                Limit.MAX_ORDERS_PER_SECOND,
                Fixed.ofLong(50),
                Limit.MAX_MESSAGES_PER_SECOND,
                Fixed.ofLong(80)),
            "officer"));
    e.add(
        new Event.Limits(
            tb,
            Scope.parse("strategy:S2"),
            Map.of(Limit.MAX_ORDER_QUANTITY, Fixed.ofLong(5_000)),
            "officer"));
    e.add(
        new Event.Limits(
            tb,
            Scope.parse("instrument:BTC-USD"),
            Map.of(Limit.MAX_ORDER_NOTIONAL, Fixed.ofLong(90_000)),
            "officer"));
    e.add(
        new Event.Limits(tb, Scope.FIRM, Map.of(Limit.MAX_OPEN_ORDERS, Fixed.ofLong(500)), "cro"));
    e.add(new Event.FxRate(tb, "EUR", "USD", px("1.0812"), px("1.0815")));
    e.add(new Event.VenueStatus(tb, "XNYS", true, 1.5));
    e.add(new Event.VenueStatus(tb, "XETR", true, 12.5));
    long t = T0;
    // Bars for volatility and returns, one a day over the week before.
    for (int d = 10; d >= 1; d--) {
      final long day = T0 - d * 86_400 * S;
      final long close = px("100") + Fixed.ofLong(d % 3);
      e.add(
          new Event.Bar(
              day,
              "AAA",
              close,
              close + px("1.5"),
              close - px("1.25"),
              close,
              Fixed.ofLong(20_000)));
    }
    t += S;
    e.add(new Event.Price(t, "AAA", px("100.00"), px("100.02"), px("100.01")));
    e.add(new Event.Price(t, "BTC-USD", px("42000.00"), px("42001.50"), 0));
    e.add(new Event.Price(t, "SAP", px("150.10"), px("150.14"), 0));
    e.add(new Event.Transfer(t, "A1", Fixed.ofLong(25_000)));
    // S1: a long in AAA that loses more than a tenth of its allocation: the breaker opens.
    t += S;
    e.add(
        order(t, "o-s1-aaa", "S1", "AAA", Side.BUY, 600, "100.02", TimeInForce.GTC, Event.NO_TIME));
    e.add(new Event.Fill(t + 1, "f-s1-1", "o-s1-aaa", Fixed.ofLong(400), px("100.02"), px("1.20")));
    e.add(new Event.Fill(t + 2, "f-s1-2", "o-s1-aaa", Fixed.ofLong(200), px("100.01"), px("0.60")));
    // S2: partial fills in SAP (EUR), an open DAY order and a GTD order; BTC partly filled.
    t += S;
    e.add(
        order(t, "o-s2-sap", "S2", "SAP", Side.BUY, 300, "150.14", TimeInForce.DAY, Event.NO_TIME));
    e.add(
        new Event.Fill(t + 1, "f-s2-sap", "o-s2-sap", Fixed.ofLong(120), px("150.13"), px("0.45")));
    e.add(
        order(
            t + 2,
            "o-sap-gtd",
            "S2",
            "SAP",
            Side.SELL,
            50,
            "151.00",
            TimeInForce.GTD,
            T0 + 3 * 86_400 * S));
    e.add(
        order(
            t + 3,
            "o-s2-btc",
            "S2",
            "BTC-USD",
            Side.BUY,
            1,
            "42001.50",
            TimeInForce.GTC,
            Event.NO_TIME));
    e.add(new Event.Fill(t + 4, "f-s2-btc", "o-s2-btc", px("0.4"), px("42001.00"), px("2.10")));
    e.add(
        order(
            t + 5,
            "o-aaa-open",
            "S2",
            "AAA",
            Side.BUY,
            100,
            "99.50",
            TimeInForce.GTC,
            Event.NO_TIME));
    // S3: a position and open orders, then killed: cancels and a flatten in flight.
    t += S;
    e.add(
        order(t, "o-s3-aaa", "S3", "AAA", Side.BUY, 200, "100.02", TimeInForce.GTC, Event.NO_TIME));
    e.add(new Event.Fill(t + 1, "f-s3-aaa", "o-s3-aaa", Fixed.ofLong(200), px("100.02"), 0));
    e.add(
        order(
            t + 2,
            "o-s3-rest",
            "S3",
            "SAP",
            Side.BUY,
            40,
            "150.00",
            TimeInForce.GTC,
            Event.NO_TIME));
    e.add(
        order(
            t + 3,
            "o-s3-sell",
            "S3",
            "AAA",
            Side.SELL,
            100,
            "101.00",
            TimeInForce.DAY,
            Event.NO_TIME));
    e.add(new Event.Kill(t + 4, Scope.parse("strategy:S3"), "officer"));
    // AAA falls 20 %: S1 loses about 12,000 on 100,000 (its breaker opens), alerts are raised.
    t += S;
    e.add(new Event.Price(t, "AAA", px("80.00"), px("80.02"), px("80.01")));
    e.add(new Event.Price(t + 1, "SAP", px("149.90"), px("149.96"), 0));
    e.add(new Event.FxRate(t + 2, "EUR", "USD", px("1.0790"), px("1.0794")));
    // Time passes with prices for everything but BTC: its price goes stale.
    for (int k = 1; k <= 12; k++) {
      t += 30 * S;
      e.add(
          new Event.Price(t, "AAA", px("80.00") + px("0.01") * k, px("80.02") + px("0.01") * k, 0));
      e.add(new Event.Price(t, "SAP", px("149.90"), px("149.96"), 0));
      e.add(new Event.Timer(t + 1));
    }
    return e;
  }

  private static Event.Order order(
      long t,
      String id,
      String strategy,
      String symbol,
      Side side,
      long quantity,
      String price,
      TimeInForce tif,
      long expireAt) {
    return new Event.Order(
        t, id, "A1", strategy, symbol, side, Fixed.ofLong(quantity), px(price), 0, tif, expireAt);
  }
}
