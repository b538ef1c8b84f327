package io.riskgate.server.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.event.Event;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServerSnapshotTest {

  private static ServerSnapshot sample() {
    final OrderStrategies orders = new OrderStrategies();
    orders.putIfAbsent("o1", "S1");
    orders.putIfAbsent("ordre-é", "S2");
    return new ServerSnapshot(
        List.of("engine x", "instrument y"),
        List.of("A1", "A2"),
        List.of("S1", "S2"),
        orders.prefix(),
        new byte[] {1, 2, 3, 4, 5});
  }

  /** A captured prefix does not change while more order ids are recorded, across chunks. */
  @Test
  void capturedOrderLogIgnoresLaterOrders() {
    final OrderStrategies orders = new OrderStrategies();
    for (int i = 0; i < 20_000; i++) {
      orders.putIfAbsent("o" + i, "S" + (i % 3));
    }
    orders.putIfAbsent("o7", "S9");
    final OrderStrategies.Prefix prefix = orders.prefix();
    for (int i = 20_000; i < 70_000; i++) {
      orders.putIfAbsent("o" + i, "S1");
    }
    assertEquals(20_000, prefix.size());
    assertEquals(70_000, orders.size());
    assertEquals("o19999", prefix.orderId(19_999));
    assertEquals("S1", prefix.strategy(7));
    assertEquals("S1", orders.get("o7"));
  }

  @Test
  void encodedSnapshotReadsBackTheSame() {
    final ServerSnapshot back = ServerSnapshot.decode(sample().encode());
    assertEquals(sample().configuration(), back.configuration());
    assertEquals(sample().accounts(), back.accounts());
    assertEquals(sample().strategies(), back.strategies());
    assertEquals(sample().orderStrategies(), back.orderStrategies());
    assertEquals(Map.of("o1", "S1", "ordre-é", "S2"), back.orderStrategies());
    assertArrayEquals(sample().engine(), back.engine());
  }

  @Test
  void everyCutOfTheBytesIsRefusedWithAReason() {
    final byte[] bytes = sample().encode();
    for (int length = 0; length < bytes.length; length++) {
      final byte[] cut = java.util.Arrays.copyOf(bytes, length);
      final IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ServerSnapshot.decode(cut));
      assertTrue(e.getMessage().contains("snapshot"), e.getMessage());
    }
    final byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IllegalArgumentException.class, () -> ServerSnapshot.decode(longer));
  }

  @Test
  void randomBytesAreRefusedNeverMisread() {
    final long seed = 77L;
    System.out.println("ServerSnapshotTest seed " + seed);
    final Random random = new Random(seed);
    for (int i = 0; i < 1_000; i++) {
      final byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      if (i % 2 == 0 && bytes.length >= 8) {
        java.nio.ByteBuffer.wrap(bytes).putInt(ServerSnapshot.MAGIC).putInt(ServerSnapshot.VERSION);
      }
      assertThrows(IllegalArgumentException.class, () -> ServerSnapshot.decode(bytes));
    }
  }

  @Test
  void engineBytesOfAnotherKindAreRefusedByTheEngine() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EngineAgent.restore(
                    sample(), 5, null, new io.riskgate.server.metrics.ServerMetrics()));
    assertTrue(e.getMessage().contains("not a Riskgate engine snapshot"), e.getMessage());
  }

  @Test
  void configurationLinesDoNotDependOnTheOrderOfALimitsMap() {
    final Map<Limit, Long> forward = new LinkedHashMap<>();
    forward.put(Limit.MAX_LEVERAGE, 300_000_000L);
    forward.put(Limit.MAX_DAILY_LOSS, 5_000_000L);
    final Map<Limit, Long> backward = new LinkedHashMap<>();
    backward.put(Limit.MAX_DAILY_LOSS, 5_000_000L);
    backward.put(Limit.MAX_LEVERAGE, 300_000_000L);
    final Scope scope = new Scope(Scope.Kind.ACCOUNT, "A1");
    final List<String> a =
        ServerSnapshot.configurationLines(
            EngineConfig.defaults(), List.of(new Event.Limits(0, scope, forward, "config")));
    final List<String> b =
        ServerSnapshot.configurationLines(
            EngineConfig.defaults(), List.of(new Event.Limits(0, scope, backward, "config")));
    assertEquals(a, b);
    assertTrue(a.get(1).contains("maxLeverage=3"), a.get(1));
  }

  @Test
  void theFirstDifferenceIsNamed() {
    final ServerSnapshot s = sample();
    assertNull(s.differenceFrom(List.of("engine x", "instrument y")));
    assertTrue(
        s.differenceFrom(List.of("engine z", "instrument y"))
            .contains("item 0 was [engine x] when the snapshot was taken and is now [engine z]"));
    assertTrue(
        s.differenceFrom(List.of("engine x", "instrument y", "account q"))
            .contains("1 reference item(s) the snapshot does not, the first [account q]"));
    assertTrue(
        s.differenceFrom(List.of("engine x"))
            .contains("1 reference item(s) the configuration no longer has, the first"));
  }
}
