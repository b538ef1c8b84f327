package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.LimitSet;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of a busy engine: thousands of open orders carried over several trading days, partial
 * and whole fills, repeated fill ids, cancels, repeated order ids, and ids that are not ASCII or
 * are very long. The restored engine has the same state hash and gives the same outputs as the
 * engine that never stopped.
 */
class SnapshotOfManyOrdersTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long DAY = 86_400 * SECOND;
  private static final long T0 = 1_704_153_600_000_000_000L; // 2024-01-02T00:00:00Z
  private static final String[] SYMBOLS = {"AAA", "BBB", "CCC", "DDD", "EEE"};

  /** Default settings without account limits (nothing caps the open orders) and small tables. */
  static EngineConfig config(int expectedOrdersPerDay) {
    final EngineConfig d = EngineConfig.defaults();
    final KillSwitchSettings k = d.safeguards().killSwitch();
    // No kill for the position count (stale prices do not kill by default).
    final KillSwitchSettings kill =
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
            k.maxAttempts());
    return new EngineConfig(
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
        new LimitSet(),
        d.safeguards().withKillSwitch(kill));
  }

  /** Events of {@code days} trading days and the index of each day's first event. */
  record Stream(List<Event> events, List<Integer> dayStarts) {}

  static Stream busyDays(long seed, int days, int eventsPerDay) {
    final SplittableRandom random = new SplittableRandom(seed);
    final List<Event> events = new ArrayList<>();
    final List<Integer> dayStarts = new ArrayList<>();
    events.add(new Event.Account(T0, "A1", Fixed.ofLong(100_000_000), "USD"));
    for (int s = 1; s <= 3; s++) {
      events.add(new Event.Strategy(T0, "S" + s, "A1", Fixed.ofLong(20_000_000)));
    }
    for (String symbol : SYMBOLS) {
      events.add(
          new Event.Instrument(
              T0, symbol, "X", "USD", Fixed.parse("0.01"), Fixed.ONE, Fixed.ONE, "equity", "tech"));
    }
    final double[] price = {100, 50, 20, 10, 250};
    final List<String> open = new ArrayList<>();
    final Map<String, Long> remaining = new HashMap<>();
    final Map<String, Integer> symbolOf = new HashMap<>();
    int fills = 0;
    String lastFill = null;
    for (int day = 0; day < days; day++) {
      long t = T0 + day * DAY + 3_600 * SECOND;
      dayStarts.add(events.size());
      int ordersToday = 0;
      for (int k = 0; k < SYMBOLS.length; k++) {
        events.add(price(t, k, price));
      }
      for (int n = 0; n < eventsPerDay; n++) {
        t += random.nextLong(1, 4 * SECOND);
        final int kind = random.nextInt(20);
        if (kind < 2) {
          final int k = random.nextInt(SYMBOLS.length);
          price[k] *= 1 + (random.nextDouble() - 0.5) * 0.004;
          events.add(price(t, k, price));
        } else if (kind < 12) {
          final int k = random.nextInt(SYMBOLS.length);
          final String id;
          if (ordersToday++ == 3) {
            id = "long-" + day + "-" + "x".repeat(30_000);
          } else if (n % 97 == 5) {
            id = "ордер-" + day + "-" + n + "-€";
          } else {
            id = "d" + day + "-o" + n;
          }
          final long quantity = Fixed.ofLong(random.nextInt(1, 50));
          final long limit = Fixed.ofDouble(Math.round(price[k] * 100) / 100.0);
          events.add(
              new Event.Order(
                  t,
                  id,
                  "A1",
                  "S" + random.nextInt(1, 4),
                  SYMBOLS[k],
                  random.nextBoolean() ? Side.BUY : Side.SELL,
                  quantity,
                  limit,
                  0));
          open.add(id);
          remaining.put(id, quantity);
          symbolOf.put(id, k);
        } else if (kind == 12 && !open.isEmpty()) {
          // An id in use: refused as a duplicate, the original order unchanged.
          final String id = open.get(random.nextInt(open.size()));
          events.add(
              new Event.Order(
                  t, id, "A1", "S1", SYMBOLS[0], Side.BUY, Fixed.ONE, Fixed.ofLong(100), 0));
        } else if (kind < 16 && !open.isEmpty()) {
          final int i = random.nextInt(open.size());
          final String id = open.get(i);
          final long left = remaining.get(id);
          if (lastFill != null && random.nextInt(8) == 0) {
            // A fill id already applied: ignored.
            events.add(new Event.Fill(t, lastFill, id, Fixed.ONE, Fixed.ofLong(10), 0));
            continue;
          }
          final long quantity =
              random.nextInt(3) == 0 ? left : Math.max(Fixed.ONE, left / 2 / Fixed.ONE * Fixed.ONE);
          lastFill = fills % 89 == 3 ? "fill-" + fills + "-ü" : "f" + fills;
          fills++;
          final int k = symbolOf.get(id);
          events.add(
              new Event.Fill(
                  t,
                  lastFill,
                  id,
                  quantity,
                  Fixed.ofDouble(Math.round(price[k] * 100) / 100.0),
                  Fixed.parse("0.35")));
          if (quantity == left) {
            open.remove(i);
            remaining.remove(id);
          } else {
            remaining.put(id, left - quantity);
          }
        } else if (kind < 18 && !open.isEmpty()) {
          final String id = open.remove(random.nextInt(open.size()));
          remaining.remove(id);
          events.add(new Event.Cancel(t, id));
        } else {
          events.add(new Event.Timer(t));
        }
      }
    }
    return new Stream(events, dayStarts);
  }

  private static Event price(long t, int k, double[] price) {
    final long mid = Math.max(Fixed.parse("1"), Fixed.ofDouble(Math.round(price[k] * 100) / 100.0));
    return new Event.Price(
        t, SYMBOLS[k], mid - Fixed.parse("0.01"), mid + Fixed.parse("0.01"), mid);
  }

  @Test
  void busyDaysRestoreToTheSameStateAndOutputsAtEveryCut() {
    final long seed = 2_024L;
    final Stream stream = busyDays(seed, 4, 8_000);
    final List<Event> events = stream.events();
    final int n = events.size();
    final int[] cuts = {
      n / 5, stream.dayStarts().get(2), stream.dayStarts().get(2) + 6, 3 * n / 4 + 1, n - 1, n
    };
    final EngineConfig config = config(1_024);
    final StringBuilder referenceOutput = new StringBuilder();
    final RiskEngine reference = new RiskEngine(config, DeterminismTest.recorder(referenceOutput));
    final int[] outputAtCut = new int[cuts.length];
    for (int i = 0, c = 0; i <= n; i++) {
      while (c < cuts.length && cuts[c] == i) {
        outputAtCut[c++] = referenceOutput.length();
      }
      if (i < n) {
        DeterminismTest.applyOrRecord(reference, events.get(i), referenceOutput);
      }
    }
    assertTrue(referenceOutput.indexOf("DUPLICATE_ORDER") >= 0, "seed " + seed);

    final RiskEngine prefix = new RiskEngine(config, OutputSink.NONE);
    int applied = 0;
    for (int c = 0; c < cuts.length; c++) {
      final String where = "seed " + seed + " cut " + cuts[c];
      while (applied < cuts[c]) {
        DeterminismTest.applyOrRecord(prefix, events.get(applied++), new StringBuilder());
      }
      if (c > 0) {
        assertTrue(prefix.ledger("firm").openOrders() > 3_000, where + ": many open orders");
      }
      final StringBuilder tailOutput = new StringBuilder();
      final RiskEngine restored =
          RiskEngine.readSnapshot(
              prefix.writeSnapshot(), prefix.config(), DeterminismTest.recorder(tailOutput));
      assertEquals(prefix.stateHash(), restored.stateHash(), where);
      assertEquals(prefix.positions(), restored.positions(), where);
      assertEquals(prefix.ledger("account:A1"), restored.ledger("account:A1"), where);
      // A snapshot of the restored engine restores the same state again.
      assertEquals(
          prefix.stateHash(),
          RiskEngine.readSnapshot(restored.writeSnapshot(), restored.config(), OutputSink.NONE)
              .stateHash(),
          where);
      for (int i = cuts[c]; i < n; i++) {
        DeterminismTest.applyOrRecord(restored, events.get(i), tailOutput);
      }
      assertEquals(referenceOutput.substring(outputAtCut[c]), tailOutput.toString(), where);
      assertEquals(reference.stateHash(), restored.stateHash(), where);
    }
  }

  /** The order tables' unused capacity is not written: the snapshot grows with the orders. */
  @Test
  void snapshotSizeFollowsTheOrdersNotTheTablesCapacity() {
    final long seed = 5L;
    final Stream stream = busyDays(seed, 1, 2_000);
    final RiskEngine engine = new RiskEngine(config(1 << 21), OutputSink.NONE);
    for (Event event : stream.events()) {
      DeterminismTest.applyOrRecord(engine, event, new StringBuilder());
    }
    final byte[] snapshot = engine.writeSnapshot();
    // The day's order-key table alone holds 2^22 slots, 48 MB if it were written whole.
    assertTrue(snapshot.length < 2_000_000, "seed " + seed + ": " + snapshot.length + " bytes");
    assertEquals(
        engine.stateHash(),
        RiskEngine.readSnapshot(snapshot, engine.config(), OutputSink.NONE).stateHash());
  }

  @Test
  void aSnapshotOfTheEarlierFormatIsRefusedNamingItsVersion() {
    final byte[] snapshot = new RiskEngine(config(16), OutputSink.NONE).writeSnapshot();
    ByteBuffer.wrap(snapshot).putInt(8, 1);
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RiskEngine.readSnapshot(snapshot, config(16), OutputSink.NONE));
    assertEquals(
        "snapshot format version 1, this engine reads 5 (formats before 5 were Java serialization"
            + " of another version of the code)",
        e.getMessage());
  }
}
