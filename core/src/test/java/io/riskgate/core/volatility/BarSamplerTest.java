package io.riskgate.core.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BarSamplerTest {
  private static final long MINUTE = 60_000_000_000L;

  @Test
  void aggregatesTicksOfOneIntervalIntoOhlc() {
    final BarSampler sampler = new BarSampler(MINUTE);
    assertFalse(sampler.onTick(MINUTE + 1, 100));
    assertFalse(sampler.onTick(MINUTE + 2, 102));
    assertFalse(sampler.onTick(MINUTE + 3, 99));
    assertFalse(sampler.onTick(2 * MINUTE - 1, 101));
    assertTrue(sampler.onTick(2 * MINUTE, 105), "first tick of the next minute closes the bar");
    assertEquals(MINUTE, sampler.completedStartNanos());
    assertEquals(100, sampler.completedOpen(), 0.0);
    assertEquals(102, sampler.completedHigh(), 0.0);
    assertEquals(99, sampler.completedLow(), 0.0);
    assertEquals(101, sampler.completedClose(), 0.0);
  }

  @Test
  void tickOpeningABarSetsItsHighAndLow() {
    final BarSampler sampler = new BarSampler(MINUTE);
    sampler.onTick(0, 100);
    sampler.onTick(MINUTE, 50);
    sampler.onTick(MINUTE + 5, 60);
    sampler.onTick(MINUTE + 6, 40);
    assertTrue(sampler.onTick(2 * MINUTE, 1));
    assertEquals(50, sampler.completedOpen(), 0.0);
    assertEquals(60, sampler.completedHigh(), 0.0);
    assertEquals(40, sampler.completedLow(), 0.0);
    assertEquals(40, sampler.completedClose(), 0.0);
  }

  @Test
  void timerClosesABarWhoseIntervalEnded() {
    final BarSampler sampler = new BarSampler(MINUTE);
    sampler.onTick(10, 100);
    assertFalse(sampler.onTimer(MINUTE - 1));
    assertTrue(sampler.onTimer(MINUTE));
    assertFalse(sampler.hasOpenBar());
    assertEquals(0, sampler.completedStartNanos());
    assertFalse(sampler.onTimer(5 * MINUTE), "nothing open, nothing to close");
  }

  @Test
  void emptyIntervalsProduceNoBar() {
    final BarSampler sampler = new BarSampler(MINUTE);
    sampler.onTick(0, 100);
    assertTrue(sampler.onTick(10 * MINUTE + 3, 120));
    assertEquals(0, sampler.completedStartNanos());
    assertTrue(sampler.onTick(11 * MINUTE, 121));
    assertEquals(10 * MINUTE, sampler.completedStartNanos());
    assertEquals(120, sampler.completedOpen(), 0.0);
  }

  @Test
  void timeGoingBackwardsIsRejectedAndChangesNothing() {
    final BarSampler sampler = new BarSampler(MINUTE);
    sampler.onTick(100, 10);
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sampler.onTick(99, 11));
    assertEquals("time went backwards: 99 ns is before the last time seen, 100 ns", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sampler.onTimer(50));
    assertTrue(sampler.onTick(MINUTE, 12));
    assertEquals(10, sampler.completedHigh(), 0.0);
  }

  @Test
  void badPriceIsRejected() {
    final BarSampler sampler = new BarSampler(MINUTE);
    assertThrows(IllegalArgumentException.class, () -> sampler.onTick(1, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> sampler.onTick(1, 0));
    assertFalse(sampler.hasOpenBar());
    assertThrows(IllegalArgumentException.class, () -> new BarSampler(0));
  }

  @Test
  void negativeTimestampsAlignToIntervalBoundaries() {
    final BarSampler sampler = new BarSampler(MINUTE);
    sampler.onTick(-1, 5);
    assertTrue(sampler.onTick(0, 6));
    assertEquals(-MINUTE, sampler.completedStartNanos());
  }
}
