package io.riskgate.core.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrueRangeTest {

  @Test
  void matchesTaLibTrangeReferenceValues() {
    // TA-Lib src/tools/ta_regtest/ta_test_func/test_trange.c, "TRANGE TEST": on the bars of
    // test_data.c the output starting at bar 1 has 3.535 at offset 0, 9.685 at 12, 5.125 at 40 and
    // 2.88 at 250; TA-Lib's checker accepts a difference up to 0.01.
    final int n = TaLibReferenceBars.HIGH.length;
    final double[] out = new double[n];
    TrueRange.compute(
        TaLibReferenceBars.HIGH, TaLibReferenceBars.LOW, TaLibReferenceBars.CLOSE, n, out);
    assertEquals(3.535, out[1], 1e-9);
    assertEquals(9.685, out[13], 1e-9);
    assertEquals(5.125, out[41], 1e-9);
    assertEquals(2.88, out[251], 1e-9);
  }

  @Test
  void firstBarIsHighMinusLow() {
    assertEquals(2.5, TrueRange.of(12.0, 9.5, Double.NaN), 0.0);
  }

  @Test
  void gapUpUsesDistanceFromPreviousClose() {
    // Previous close 10, bar 12..13: the range is 1 but the true range spans from 10 to 13.
    assertEquals(3.0, TrueRange.of(13.0, 12.0, 10.0), 0.0);
  }

  @Test
  void gapDownUsesDistanceFromPreviousClose() {
    assertEquals(4.0, TrueRange.of(8.0, 6.0, 10.0), 0.0);
  }

  @Test
  void insideBarIsItsRange() {
    assertEquals(2.0, TrueRange.of(11.0, 9.0, 10.0), 0.0);
  }

  @Test
  void batchRejectsInvalidBarNamingItsIndex() {
    final double[] high = {10, 11, Double.NaN};
    final double[] low = {9, 10, 9};
    final double[] close = {9.5, 10.5, 9.5};
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrueRange.compute(high, low, close, 3, new double[3]));
    assertTrue(
        e.getMessage().startsWith("bar 2: high must be a finite positive price"), e::getMessage);
  }

  @Test
  void batchRejectsShortOutputArray() {
    final double[] a = {10, 11};
    assertThrows(
        IllegalArgumentException.class, () -> TrueRange.compute(a, a, a, 2, new double[1]));
  }
}
