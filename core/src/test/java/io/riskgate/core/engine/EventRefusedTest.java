package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import org.junit.jupiter.api.Test;

/** Refusals carry their kind as a value, and the open order of an id names its strategy. */
class EventRefusedTest {
  private static final long DAY = 86_400L * EngineFixture.SECOND;

  private static EventRefusedException.Kind kindOf(EngineFixture f, Event event) {
    final long hash = f.engine.stateHash();
    final EventRefusedException e =
        assertThrows(EventRefusedException.class, () -> f.engine.apply(event));
    assertEquals(hash, f.engine.stateHash(), "a refused event changes nothing");
    return e.kind();
  }

  @Test
  void definingAnAccountOrAStrategyTwiceIsAConflict() {
    final EngineFixture f = new EngineFixture();
    assertEquals(
        EventRefusedException.Kind.CONFLICT,
        kindOf(f, new Event.Account(f.tick(), "A1", Fixed.ONE, "USD")));
    assertEquals(
        EventRefusedException.Kind.CONFLICT,
        kindOf(f, new Event.Strategy(f.tick(), "S1", "A1", Fixed.ONE)));
  }

  @Test
  void anUnknownOrderIdIsNotFoundAndAClosedOneIsAConflict() {
    final EngineFixture f = new EngineFixture(EngineFixture.noDefaults());
    f.price("AAA", "10", "10.01");
    assertEquals(
        EventRefusedException.Kind.NOT_FOUND, kindOf(f, new Event.Cancel(f.tick(), "nope")));
    assertTrue(f.order("o1", "AAA", Side.BUY, "10", "10.01").approved());
    f.engine.apply(new Event.Cancel(f.tick(), "o1"));
    assertEquals(EventRefusedException.Kind.CONFLICT, kindOf(f, new Event.Cancel(f.tick(), "o1")));
    assertEquals(
        EventRefusedException.Kind.CONFLICT,
        kindOf(f, new Event.Fill(f.tick(), "f1", "o1", Fixed.ONE, Fixed.parse("10"), 0)));
    final IllegalArgumentException direct =
        assertThrows(IllegalArgumentException.class, () -> f.engine.cancel(f.tick(), 999));
    assertEquals(EventRefusedException.Kind.CONFLICT, ((EventRefusedException) direct).kind());
  }

  @Test
  void otherRefusalsAreInvalid() {
    final EngineFixture f = new EngineFixture();
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> f.engine.apply(new Event.Price(f.tick(), "NOPE", Fixed.ONE, Fixed.ONE, 0)));
    assertTrue(!(e instanceof EventRefusedException), e.toString());
  }

  @Test
  void theOpenOrderOfAnIdNamesItsStrategyUntilItIsClosedOrForgotten() {
    final EngineFixture f = new EngineFixture(EngineFixture.noDefaults());
    f.price("AAA", "10", "10.01");
    assertNull(f.engine.openOrderStrategy("o1"));
    assertTrue(f.order("o1", "AAA", Side.BUY, "10", "10.01").approved());
    assertTrue(f.order("o2", "AAA", Side.BUY, "10", "10.01").approved());
    assertEquals("S1", f.engine.openOrderStrategy("o1"));
    f.engine.apply(new Event.Fill(f.tick(), "f1", "o1", Fixed.ofLong(10), Fixed.parse("10"), 0));
    assertNull(f.engine.openOrderStrategy("o1"), "filled completely");
    final long today = f.engine.currentTradingDay();
    f.time += DAY;
    f.price("AAA", "10", "10.01");
    assertEquals(today + 1, f.engine.currentTradingDay());
    assertNull(f.engine.openOrderStrategy("o1"));
    assertEquals("S1", f.engine.openOrderStrategy("o2"), "open orders live through the roll");
    assertEquals(EventRefusedException.Kind.NOT_FOUND, kindOf(f, new Event.Cancel(f.tick(), "o1")));
  }
}
