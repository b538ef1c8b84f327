package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.snapshot.SnapshotFormatException;
import io.riskgate.core.snapshot.SnapshotReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The layout of format 5: by value, versioned per section, refused clearly when it does not fit.
 */
class SnapshotFormatTest {
  private static final long T0 = EngineFixture.T0;
  private static final long S = EngineFixture.SECOND;

  /**
   * Java serialization wrote a text shared by two fields once and referred to it the second time,
   * so two engines in the same state wrote different bytes when one had its texts shared (the live
   * engine: one id object in the order, its fill, its position) and the other not (a replay parsing
   * each field anew). Format 5 writes every text by value.
   */
  /**
   * A strategy's row of positions has a slot per instrument, and only the held ones are written: a
   * last strategy that holds nothing among many instruments wrote a row longer than the bytes left,
   * and the reader refused its own snapshot (found by the HTTP API's fuzzing).
   */
  @Test
  void aStrategyHoldingNothingAmongManyInstrumentsIsReadBack() {
    final EngineFixture f = new EngineFixture();
    for (int i = 0; i < 8; i++) {
      f.instrument("I" + i);
    }
    f.engine.apply(new Event.Strategy(T0, "S2", "A1", Fixed.ofLong(100_000)));
    final byte[] snapshot = f.engine.writeSnapshot();
    final RiskEngine restored =
        RiskEngine.readSnapshot(snapshot, f.engine.config(), OutputSink.NONE);
    assertEquals(f.engine.stateHash(), restored.stateHash());
    assertArrayEquals(snapshot, restored.writeSnapshot());
  }

  @Test
  void sharedAndUnsharedTextsWriteTheSameBytes() {
    final RiskEngine shared = new RiskEngine(EngineConfig.defaults(), OutputSink.NONE);
    final RiskEngine copied = new RiskEngine(EngineConfig.defaults(), OutputSink.NONE);
    for (Event e : events(text -> text)) {
      shared.apply(e);
    }
    for (Event e : events(String::new)) {
      copied.apply(e);
    }
    assertEquals(shared.stateHash(), copied.stateHash());
    final byte[] a = shared.writeSnapshot();
    assertArrayEquals(a, copied.writeSnapshot());
    final RiskEngine restored = RiskEngine.readSnapshot(a, shared.config(), OutputSink.NONE);
    assertArrayEquals(a, restored.writeSnapshot());
  }

  /** One id used as order id, fill id and strategy name; {@code copy} makes each use its own. */
  private static List<Event> events(UnaryOperator<String> copy) {
    final String id = "X1";
    final String symbol = "AAA";
    return List.of(
        new Event.Account(T0, copy.apply("A1"), Fixed.ofLong(1_000_000), "USD"),
        new Event.Strategy(T0, copy.apply(id), copy.apply("A1"), Fixed.ofLong(100_000)),
        new Event.Instrument(
            T0,
            copy.apply(symbol),
            copy.apply("X"),
            "USD",
            Fixed.parse("0.01"),
            Fixed.ONE,
            Fixed.ONE,
            copy.apply("equity"),
            copy.apply("tech")),
        new Event.Limits(
            T0,
            io.riskgate.core.limit.Scope.parse("account:A1"),
            java.util.Map.of(
                io.riskgate.core.limit.Limit.MIN_LIQUIDITY,
                io.riskgate.core.limit.LimitSet.UNSET,
                io.riskgate.core.limit.Limit.MAX_CORRELATION,
                io.riskgate.core.limit.LimitSet.UNSET),
            "t"),
        new Event.Price(T0 + S, copy.apply(symbol), Fixed.parse("100"), Fixed.parse("100.02"), 0),
        new Event.Order(
            T0 + 2 * S,
            copy.apply(id),
            copy.apply("A1"),
            copy.apply(id),
            copy.apply(symbol),
            Side.BUY,
            Fixed.ofLong(300),
            Fixed.parse("100.02"),
            0),
        new Event.Fill(
            T0 + 3 * S,
            copy.apply(id),
            copy.apply(id),
            Fixed.ofLong(100),
            Fixed.parse("100.02"),
            0),
        new Event.Order(
            T0 + 4 * S,
            copy.apply("X2"),
            copy.apply("A1"),
            copy.apply(id),
            copy.apply(symbol),
            Side.BUY,
            Fixed.ofLong(10),
            Fixed.parse("100.00"),
            0));
  }

  @Test
  void aSectionOfANewerVersionIsRefusedNamingTheSection() {
    final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), OutputSink.NONE);
    final byte[] snapshot = engine.writeSnapshot();
    final int at = sectionAt(snapshot, "CLCK");
    ByteBuffer.wrap(snapshot).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(at + 4, 2);
    resign(snapshot);
    final SnapshotFormatException e =
        assertThrows(
            SnapshotFormatException.class,
            () -> RiskEngine.readSnapshot(snapshot, engine.config(), OutputSink.NONE));
    assertEquals(
        "snapshot section CLCK has format version 2, this code reads 1 to 1", e.getMessage());
  }

  @Test
  void aSnapshotTakenUnderOtherSettingsIsRefused() {
    final byte[] snapshot =
        new RiskEngine(EngineConfig.defaults(), OutputSink.NONE).writeSnapshot();
    final SnapshotFormatException e =
        assertThrows(
            SnapshotFormatException.class,
            () -> RiskEngine.readSnapshot(snapshot, EngineFixture.noDefaults(), OutputSink.NONE));
    assertTrue(e.getMessage().startsWith("snapshot was taken under other engine settings"));
  }

  /**
   * Damage that the checksum does not catch (the checksum written again over it) is either read as
   * other values or refused as a snapshot that cannot be read; it never escapes as an index error
   * or an allocation out of range, and a snapshot cut short is always refused.
   */
  @Test
  void damagedSectionsAreRefusedAsUnreadable() throws Exception {
    final byte[] fixture;
    try (var in = getClass().getResourceAsStream("/snapshots/v5-rich.bin")) {
      fixture = in.readAllBytes();
    }
    final SplittableRandom random = new SplittableRandom(5);
    int refused = 0;
    int truncatedRefused = 0;
    for (int round = 0; round < 400; round++) {
      final byte[] damaged;
      if (round % 4 == 0) {
        damaged = java.util.Arrays.copyOf(fixture, 20 + random.nextInt(fixture.length - 20));
        ByteBuffer.wrap(damaged).putInt(16, damaged.length - 20);
      } else {
        damaged = fixture.clone();
        for (int k = 0; k <= round % 3; k++) {
          damaged[20 + random.nextInt(fixture.length - 20)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      resign(damaged);
      try {
        RiskEngine.readSnapshot(damaged, EngineConfig.defaults(), OutputSink.NONE);
      } catch (IllegalArgumentException expected) {
        refused++;
        truncatedRefused += round % 4 == 0 ? 1 : 0;
      } catch (RuntimeException | OutOfMemoryError e) {
        throw new AssertionError("round " + round + ": escaped as " + e, e);
      }
    }
    // A flipped bit in a price or a time reads as another value; a cut is always found.
    assertEquals(100, truncatedRefused, "every cut snapshot refused");
    assertTrue(refused > 150, refused + " of 400 damaged snapshots refused");
  }

  /** The offset of a section's tag in a snapshot. */
  private static int sectionAt(byte[] snapshot, String tag) {
    final int value = SnapshotReader.tag(tag);
    final ByteBuffer b = ByteBuffer.wrap(snapshot).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 20; i + 4 <= snapshot.length; i++) {
      if (b.getInt(i) == value) {
        return i;
      }
    }
    throw new AssertionError("no section " + tag);
  }

  /** Writes the body's checksum again, as a snapshot damaged before it was checksummed would be. */
  private static void resign(byte[] snapshot) {
    final CRC32C crc = new CRC32C();
    crc.update(snapshot, 20, snapshot.length - 20);
    ByteBuffer.wrap(snapshot).putInt(12, (int) crc.getValue());
  }
}
