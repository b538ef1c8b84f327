package io.riskgate.core.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WilderAtrTest {
  private static final double[] H = TaLibReferenceBars.HIGH;
  private static final double[] L = TaLibReferenceBars.LOW;
  private static final double[] C = TaLibReferenceBars.CLOSE;

  @Test
  void matchesTaLibAtr14ReferenceValues() {
    // TA-Lib src/tools/ta_regtest/ta_test_func/test_trange.c, "ATR TEST" with period 14 and no
    // unstable period: the output begins at bar 14 with 3.578, then 3.4876, 3.55 (offset 2), 3.245
    // (12), 3.394 (13), 3.413 (14) and 3.26 at offset 237 (bar 251). TA-Lib's own checker accepts
    // a difference up to 0.01 (TA_REAL_EQ(..., 0.01) in ta_test_util.c), which the 3.55 needs;
    // the others are printed truncated, so each is checked to one unit of its last printed digit.
    final int n = H.length;
    final double[] atr = new double[n];
    WilderAtr.compute(H, L, C, n, 14, atr);
    for (int i = 0; i < 14; i++) {
      assertTrue(Double.isNaN(atr[i]), "undefined before bar 14, index " + i);
    }
    assertEquals(3.578, atr[14], 1e-3);
    assertEquals(3.4876, atr[15], 1e-4);
    assertEquals(3.55, atr[16], 0.01);
    assertEquals(3.245, atr[26], 1e-3);
    assertEquals(3.394, atr[27], 1e-3);
    assertEquals(3.413, atr[28], 1e-3);
    assertEquals(3.26, atr[251], 0.01);
  }

  @Test
  void firstValueIsMeanOfTrueRangesOfBarsOneToN() {
    final double[] tr = new double[H.length];
    TrueRange.compute(H, L, C, H.length, tr);
    double sum = 0;
    for (int i = 1; i <= 14; i++) {
      sum += tr[i];
    }
    final WilderAtr atr = new WilderAtr(14);
    for (int i = 0; i <= 14; i++) {
      atr.update(H[i], L[i], C[i]);
    }
    assertEquals(sum / 14, atr.value(), 1e-12);
    atr.update(H[15], L[15], C[15]);
    assertEquals((sum / 14 * 13 + tr[15]) / 14, atr.value(), 1e-12);
  }

  @Test
  void undefinedWithFewerBarsThanThePeriodPlusOne() {
    final WilderAtr atr = new WilderAtr(5);
    for (int i = 0; i < 5; i++) {
      atr.update(H[i], L[i], C[i]);
      assertTrue(Double.isNaN(atr.value()));
      assertFalse(atr.isReady());
    }
    atr.update(H[5], L[5], C[5]);
    assertTrue(atr.isReady());
    assertFalse(Double.isNaN(atr.value()));
  }

  @Test
  void periodOneIsTheLatestTrueRange() {
    final WilderAtr atr = new WilderAtr(1);
    atr.update(10, 9, 9.5);
    assertTrue(Double.isNaN(atr.value()));
    atr.update(12, 11, 11.5);
    assertEquals(2.5, atr.value(), 0.0);
    atr.update(11, 10.5, 11);
    assertEquals(1.0, atr.value(), 0.0);
  }

  @Test
  void constantPricesGiveZero() {
    final WilderAtr atr = new WilderAtr(3);
    for (int i = 0; i < 10; i++) {
      atr.update(50, 50, 50);
    }
    assertEquals(0.0, atr.value(), 0.0);
  }

  @Test
  void gapIsCountedThroughThePreviousClose() {
    final WilderAtr atr = new WilderAtr(2);
    atr.update(10, 10, 10);
    atr.update(10, 10, 10);
    atr.update(10, 10, 10);
    assertEquals(0.0, atr.value(), 0.0);
    atr.update(15, 14, 14.5); // gap up: TR = 15 − 10 = 5
    assertEquals(2.5, atr.value(), 0.0);
    assertEquals(5.0, atr.trueRange(), 0.0);
  }

  @Test
  void streamingEqualsBatchBitForBitOnRandomBars() {
    final RandomBars bars = new RandomBars(20261124L, 5_000);
    for (int period : new int[] {1, 2, 14, 100}) {
      final double[] batch = new double[bars.close.length];
      WilderAtr.compute(bars.high, bars.low, bars.close, batch.length, period, batch);
      final WilderAtr streaming = new WilderAtr(period);
      for (int i = 0; i < batch.length; i++) {
        streaming.update(bars.high[i], bars.low[i], bars.close[i]);
        assertEquals(
            Double.doubleToLongBits(batch[i]),
            Double.doubleToLongBits(streaming.value()),
            "period " + period + ", bar " + i);
      }
    }
  }

  @Test
  void invalidBarThrowsAndChangesNothing() {
    final WilderAtr atr = new WilderAtr(2);
    atr.update(10, 9, 9.5);
    atr.update(11, 10, 10.5);
    atr.update(12, 10, 11);
    final double before = atr.value();
    final double[][] bad = {
      {Double.NaN, 9, 10},
      {11, Double.NaN, 10},
      {11, 9, Double.NaN},
      {Double.POSITIVE_INFINITY, 9, 10},
      {11, 9, Double.POSITIVE_INFINITY},
      {9, 11, 10},
      {11, 0, 10},
      {11, -1, 10},
      {11, 9, 0},
    };
    for (double[] b : bad) {
      assertThrows(IllegalArgumentException.class, () -> atr.update(b[0], b[1], b[2]));
    }
    assertEquals(before, atr.value(), 0.0);
    assertEquals(3, atr.barCount());
    atr.update(12, 11, 11.5);
    assertEquals((before + Math.max(1.0, 1.0)) / 2, atr.value(), 1e-12);
  }

  @Test
  void highBelowLowMessageNamesBothPrices() {
    final WilderAtr atr = new WilderAtr(2);
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> atr.update(9, 11, 10));
    assertEquals("high 9.0 is below low 11.0", e.getMessage());
  }

  @Test
  void nanMessageNamesTheField() {
    final WilderAtr atr = new WilderAtr(2);
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> atr.update(10, 9, Double.NaN));
    assertEquals("close must be a finite positive price, got NaN", e.getMessage());
  }

  @Test
  void rejectsPeriodBelowOne() {
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new WilderAtr(0));
    assertEquals("ATR period must be at least 1, got 0", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> WilderAtr.compute(H, L, C, 3, 0, new double[3]));
  }

  @Test
  void batchNamesTheIndexOfAnInvalidBar() {
    final double[] h = {10, 11, 12};
    final double[] l = {9, 10, 13};
    final double[] c = {9.5, 10.5, 12.5};
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> WilderAtr.compute(h, l, c, 3, 1, new double[3]));
    assertEquals("bar 2: high 12.0 is below low 13.0", e.getMessage());
  }

  @Test
  void resetForgetsEverything() {
    final WilderAtr atr = new WilderAtr(1);
    atr.update(10, 9, 9.5);
    atr.update(11, 10, 10.5);
    atr.reset();
    assertEquals(0, atr.barCount());
    assertTrue(Double.isNaN(atr.value()));
    atr.update(10, 9, 9.5);
    assertTrue(Double.isNaN(atr.value()));
  }
}
