package io.riskgate.core.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CloseOnlyAtrTest {

  @Test
  void meanOfLastNAbsoluteCloseChanges() {
    // Worked by hand: closes 10, 11, 9, 12, 12 give changes 1, 2, 3, 0; period 3.
    final CloseOnlyAtr atr = new CloseOnlyAtr(3);
    atr.update(10);
    atr.update(11);
    atr.update(9);
    assertTrue(Double.isNaN(atr.value()), "two changes are fewer than the period");
    atr.update(12);
    assertEquals(2.0, atr.value(), 1e-15);
    atr.update(12);
    assertEquals(5.0 / 3.0, atr.value(), 1e-15);
  }

  @Test
  void ignoresHighsAndLowsUnlikeTheTrueRange() {
    // A wide bar that closes where it opened: the true range sees it, close-only ATR does not.
    final CloseOnlyAtr closeOnly = new CloseOnlyAtr(1);
    final WilderAtr wilder = new WilderAtr(1);
    closeOnly.update(100);
    wilder.update(100, 100, 100);
    closeOnly.update(100);
    wilder.update(110, 90, 100);
    assertEquals(0.0, closeOnly.value(), 0.0);
    assertEquals(20.0, wilder.value(), 0.0);
  }

  @Test
  void constantPricesGiveZero() {
    final CloseOnlyAtr atr = new CloseOnlyAtr(4);
    for (int i = 0; i < 20; i++) {
      atr.update(7.25);
    }
    assertEquals(0.0, atr.value(), 0.0);
  }

  @Test
  void streamingEqualsBatchAndANaiveMeanOnRandomBars() {
    final RandomBars bars = new RandomBars(7L, 200_000);
    final int period = 20;
    final double[] batch = new double[bars.close.length];
    CloseOnlyAtr.compute(bars.close, batch.length, period, batch);
    final CloseOnlyAtr streaming = new CloseOnlyAtr(period);
    for (int i = 0; i < batch.length; i++) {
      streaming.update(bars.close[i]);
      assertEquals(Double.doubleToLongBits(batch[i]), Double.doubleToLongBits(streaming.value()));
    }
    // The compensated running sum does not drift: compare the end with a fresh mean.
    double naive = 0;
    for (int i = batch.length - period; i < batch.length; i++) {
      naive += Math.abs(bars.close[i] - bars.close[i - 1]);
    }
    assertEquals(naive / period, batch[batch.length - 1], 1e-12 * naive);
  }

  @Test
  void invalidCloseThrowsAndChangesNothing() {
    final CloseOnlyAtr atr = new CloseOnlyAtr(1);
    atr.update(10);
    atr.update(12);
    assertThrows(IllegalArgumentException.class, () -> atr.update(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> atr.update(-1));
    assertThrows(IllegalArgumentException.class, () -> atr.update(Double.POSITIVE_INFINITY));
    assertEquals(2.0, atr.value(), 0.0);
    atr.update(11);
    assertEquals(1.0, atr.value(), 0.0);
  }

  @Test
  void rejectsPeriodBelowOne() {
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new CloseOnlyAtr(0));
    assertEquals("close-only ATR period must be at least 1, got 0", e.getMessage());
  }

  @Test
  void batchNamesTheIndexOfAnInvalidClose() {
    final double[] close = {10, 11, Double.NaN};
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CloseOnlyAtr.compute(close, 3, 1, new double[3]));
    assertEquals("bar 2: close must be a finite positive price, got NaN", e.getMessage());
  }
}
