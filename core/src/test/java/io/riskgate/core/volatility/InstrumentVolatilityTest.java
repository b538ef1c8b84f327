package io.riskgate.core.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InstrumentVolatilityTest {

  @Test
  void holdsTheSameNumbersAsTheSeparateEstimators() {
    final VolatilitySettings settings = new VolatilitySettings(5, 10, 365, 0.9, ReturnType.LOG);
    final InstrumentVolatility all = new InstrumentVolatility(settings);
    final WilderAtr atr = new WilderAtr(5);
    final CloseOnlyAtr closeOnly = new CloseOnlyAtr(5);
    final HistoricalVolatility hv = new HistoricalVolatility(10, 365, ReturnType.LOG);
    final EwmaVolatility ewma = new EwmaVolatility(0.9, 365, ReturnType.LOG);
    final RandomBars bars = new RandomBars(11L, 500);
    for (int i = 0; i < bars.close.length; i++) {
      all.update(bars.high[i], bars.low[i], bars.close[i]);
      atr.update(bars.high[i], bars.low[i], bars.close[i]);
      closeOnly.update(bars.close[i]);
      hv.update(bars.close[i]);
      ewma.update(bars.close[i]);
      assertEquals(atr.value(), all.atr(), 0.0);
      assertEquals(atr.trueRange(), all.trueRange(), 0.0);
      assertEquals(closeOnly.value(), all.closeOnlyAtr(), 0.0);
      assertEquals(hv.value(), all.historicalVolatility(), 0.0);
      assertEquals(ewma.value(), all.ewmaVolatility(), 0.0);
    }
    assertEquals(500, all.barCount());
  }

  @Test
  void rejectedBarChangesNoEstimator() {
    final InstrumentVolatility v =
        new InstrumentVolatility(new VolatilitySettings(2, 2, 252, 0.94, ReturnType.SIMPLE));
    v.update(10, 9, 9.5);
    v.update(11, 10, 10.5);
    v.update(12, 10, 11);
    final double atr = v.atr();
    final double closeAtr = v.closeOnlyAtr();
    final double hv = v.historicalVolatility();
    final double ewma = v.ewmaVolatility();
    assertThrows(IllegalArgumentException.class, () -> v.update(12, 13, 12.5));
    assertThrows(IllegalArgumentException.class, () -> v.update(12, 11, Double.NaN));
    assertEquals(atr, v.atr(), 0.0);
    assertEquals(closeAtr, v.closeOnlyAtr(), 0.0);
    assertEquals(hv, v.historicalVolatility(), 0.0);
    assertEquals(ewma, v.ewmaVolatility(), 0.0);
    assertEquals(3, v.barCount());
  }

  @Test
  void settingsReportEveryProblemAtOnce() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new VolatilitySettings(0, 1, 0, 1.0, null));
    assertEquals(
        "invalid volatility settings: ATR period must be at least 1, got 0; volatility window"
            + " must be at least 2, got 1; periods per year must be at least 1, got 0; EWMA lambda"
            + " must be strictly between 0 and 1, got 1.0; return type is required",
        e.getMessage());
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    final VolatilitySettings d = VolatilitySettings.defaults();
    assertEquals(14, d.atrPeriod());
    assertEquals(252, d.periodsPerYear());
    assertEquals(0.94, d.ewmaLambda(), 0.0);
    assertEquals(365, d.withPeriodsPerYear(365).periodsPerYear());
    assertTrue(d.returnType() == ReturnType.SIMPLE);
  }
}
