package io.riskgate.core.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistoricalVolatilityTest {
  // J. C. Hull, "Options, Futures, and Other Derivatives", chapter on the Black-Scholes-Merton
  // model, table "Computation of volatility" (Table 15.1 in the 9th edition): 21 daily closes,
  // log returns with sum 0.09531 and sum of squares 0.00326, daily sd 0.01216, annualized with 252
  // trading days 0.193 (19.3%).
  private static final double[] HULL_CLOSES = {
    20.00, 20.10, 19.90, 20.00, 20.50, 20.25, 20.90, 20.90, 20.90, 20.75, 20.75, 21.00, 21.10,
    20.90, 20.90, 21.25, 21.40, 21.40, 21.25, 21.75, 22.00
  };

  @Test
  void matchesHullsWorkedExampleWithLogReturns() {
    final HistoricalVolatility hv = new HistoricalVolatility(20, 252, ReturnType.LOG);
    for (double c : HULL_CLOSES) {
      hv.update(c);
    }
    assertEquals(0.01216, hv.periodValue(), 5e-6);
    assertEquals(0.193, hv.value(), 5e-4);
  }

  @Test
  void simpleReturnsMatchATwoPassComputation() {
    final HistoricalVolatility hv = new HistoricalVolatility(20);
    for (double c : HULL_CLOSES) {
      hv.update(c);
    }
    final double[] r = new double[20];
    double mean = 0;
    for (int i = 1; i < HULL_CLOSES.length; i++) {
      r[i - 1] = HULL_CLOSES[i] / HULL_CLOSES[i - 1] - 1.0;
      mean += r[i - 1];
    }
    mean /= 20;
    double ss = 0;
    for (double x : r) {
      ss += (x - mean) * (x - mean);
    }
    assertEquals(Math.sqrt(ss / 19) * Math.sqrt(252), hv.value(), 1e-14);
  }

  @Test
  void windowKeepsOnlyTheLastNReturns() {
    // Window 2 over closes 100, 110, 110, 121: the last two returns are 0 and 0.1.
    final HistoricalVolatility hv = new HistoricalVolatility(2, 1, ReturnType.SIMPLE);
    hv.update(100);
    hv.update(110);
    assertTrue(Double.isNaN(hv.value()), "one return is fewer than the window");
    hv.update(110);
    hv.update(121);
    assertEquals(Math.sqrt(0.005), hv.value(), 1e-15);
  }

  @Test
  void cryptoAnnualizesOver365Periods() {
    final HistoricalVolatility equities = new HistoricalVolatility(20, 252, ReturnType.SIMPLE);
    final HistoricalVolatility crypto = new HistoricalVolatility(20, 365, ReturnType.SIMPLE);
    for (double c : HULL_CLOSES) {
      equities.update(c);
      crypto.update(c);
    }
    assertEquals(equities.value() * Math.sqrt(365.0 / 252.0), crypto.value(), 1e-15);
  }

  @Test
  void fewerBarsThanTheWindowGiveNaN() {
    final HistoricalVolatility hv = new HistoricalVolatility(20);
    for (int i = 0; i < 20; i++) {
      hv.update(HULL_CLOSES[i]);
      assertTrue(Double.isNaN(hv.value()), "after " + (i + 1) + " closes");
    }
    hv.update(HULL_CLOSES[20]);
    assertTrue(hv.isReady());
  }

  @Test
  void constantPricesGiveZero() {
    final HistoricalVolatility hv = new HistoricalVolatility(5);
    for (int i = 0; i < 30; i++) {
      hv.update(33.3);
    }
    assertEquals(0.0, hv.value(), 0.0);
  }

  @Test
  void streamingEqualsBatchOnRandomBars() {
    final RandomBars bars = new RandomBars(99L, 20_000);
    for (ReturnType type : ReturnType.values()) {
      final double[] batch = new double[bars.close.length];
      HistoricalVolatility.compute(bars.close, batch.length, 30, 365, type, batch);
      final HistoricalVolatility hv = new HistoricalVolatility(30, 365, type);
      for (int i = 0; i < batch.length; i++) {
        hv.update(bars.close[i]);
        assertEquals(Double.doubleToLongBits(batch[i]), Double.doubleToLongBits(hv.value()));
      }
    }
  }

  @Test
  void invalidCloseThrowsAndChangesNothing() {
    final HistoricalVolatility hv = new HistoricalVolatility(2, 1, ReturnType.SIMPLE);
    hv.update(100);
    hv.update(110);
    hv.update(121);
    final double before = hv.value();
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> hv.update(Double.NaN));
    assertEquals("close must be a finite positive price, got NaN", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> hv.update(0.0));
    assertEquals(before, hv.value(), 0.0);
    hv.update(121);
    assertEquals(Math.sqrt(0.005), hv.value(), 1e-15);
  }

  @Test
  void rejectsInvalidSettings() {
    assertEquals(
        "volatility window must be at least 2, got 1",
        assertThrows(IllegalArgumentException.class, () -> new HistoricalVolatility(1))
            .getMessage());
    assertEquals(
        "periods per year must be at least 1, got 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> new HistoricalVolatility(5, 0, ReturnType.SIMPLE))
            .getMessage());
  }
}
