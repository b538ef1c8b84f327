package io.riskgate.core.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import org.junit.jupiter.api.Test;

class DynamicSizerTest {
  private final DynamicSizer sizer = new DynamicSizer(DynamicSizerSettings.defaults());
  private final SizingResult out = new SizingResult();
  private static final long PRICE_50 = Fixed.ofLong(50);

  @Test
  void seedFormulaWithoutHistory() {
    // 2% of 100,000 × (0.5 + 1.5·1) × 1/(1 + 0.25) × 1 = 3,200 notional; at 50 that is 64 units.
    sizer.size(
        100_000, 1.0, 0.25, Double.NaN, Double.NaN, PRICE_50, SizingInstrument.wholeUnits(), out);
    assertEquals(Fixed.ofLong(64), out.quantity());
    assertEquals(Fixed.ofLong(3_200), out.notional());
    assertEquals(SizingStatus.SIZED, out.status());
    assertEquals(2.0, out.valueOf(SizingFactor.SIGNAL_MULTIPLIER), 0.0);
    assertEquals(0.8, out.valueOf(SizingFactor.VOLATILITY_MULTIPLIER), 0.0);
    assertEquals(1.0, out.valueOf(SizingFactor.PERFORMANCE_MULTIPLIER), 0.0);
    assertEquals(0.032, out.equityFraction(), 1e-15);
    assertFalse(out.has(SizingFactor.POSITION_LIMIT));
  }

  @Test
  void cappedAtThePositionLimit() {
    final DynamicSizer big = new DynamicSizer(new DynamicSizerSettings(0.08, 0.10, 0.25));
    // 8% × 2 × 1 = 16% > 10% limit.
    big.size(100_000, 1.0, 0.0, 0.0, 0.15, PRICE_50, SizingInstrument.wholeUnits(), out);
    assertEquals(10_000, out.valueOf(SizingFactor.POSITION_LIMIT), 1e-9);
    assertEquals(Fixed.ofLong(200), out.quantity());
  }

  @Test
  void performanceMultiplierIsMonotoneFromOneToTheFloor() {
    assertEquals(1.0, sizer.performanceMultiplier(Double.NaN, 0.15), 0.0);
    assertEquals(1.0, sizer.performanceMultiplier(0.05, Double.NaN), 0.0);
    assertEquals(1.0, sizer.performanceMultiplier(0.0, 0.15), 0.0);
    assertEquals(0.625, sizer.performanceMultiplier(0.075, 0.15), 1e-15);
    assertEquals(0.25, sizer.performanceMultiplier(0.15, 0.15), 1e-15);
    assertEquals(0.25, sizer.performanceMultiplier(0.40, 0.15), 1e-15);
    double previous = 1.0;
    for (int i = 0; i <= 300; i++) {
      final double m = sizer.performanceMultiplier(i * 0.001, 0.15);
      assertTrue(m <= previous, "non-increasing at drawdown " + i * 0.001);
      assertTrue(m >= 0.25, "never below the floor");
      previous = m;
    }
  }

  @Test
  void drawdownShrinksTheSize() {
    sizer.size(100_000, 1.0, 0.25, 0.075, 0.15, PRICE_50, SizingInstrument.wholeUnits(), out);
    assertEquals(Fixed.ofLong(40), out.quantity()); // 3,200 × 0.625 = 2,000 → 40
  }

  @Test
  void roundsDownToTheLotAndZeroBelowTheMinimum() {
    sizer.size(
        100_000,
        1.0,
        0.25,
        Double.NaN,
        Double.NaN,
        PRICE_50,
        new SizingInstrument(Fixed.ONE, Fixed.ofLong(10), 0),
        out);
    assertEquals(Fixed.ofLong(60), out.quantity());
    assertEquals(4.0, out.valueOf(SizingFactor.LOT_ROUNDING), 1e-9);
    sizer.size(
        100_000,
        1.0,
        0.25,
        Double.NaN,
        Double.NaN,
        PRICE_50,
        new SizingInstrument(Fixed.ONE, Fixed.ONE, Fixed.ofLong(100)),
        out);
    assertEquals(0, out.quantity());
    assertEquals(0, out.notional());
    assertEquals(SizingStatus.BELOW_MINIMUM_QUANTITY, out.status());
    assertEquals(100.0, out.valueOf(SizingFactor.MIN_QUANTITY), 0.0);
  }

  @Test
  void contractMultiplierDividesTheQuantity() {
    // Notional 3,200 on a contract worth 50 × price 4 = 200 per unit: 16 contracts.
    sizer.size(
        100_000,
        1.0,
        0.25,
        Double.NaN,
        Double.NaN,
        Fixed.ofLong(4),
        new SizingInstrument(Fixed.ofLong(50), Fixed.ONE, 0),
        out);
    assertEquals(Fixed.ofLong(16), out.quantity());
    assertEquals(Fixed.ofLong(3_200), out.notional());
  }

  @Test
  void fractionalLotsAreExactDespiteBinaryRounding() {
    // 3,200 / 0.1 is 31999.999999999996 in doubles; the size must still be 32,000 units.
    sizer.size(
        100_000,
        1.0,
        0.25,
        Double.NaN,
        Double.NaN,
        Fixed.parse("0.1"),
        new SizingInstrument(Fixed.ONE, Fixed.parse("0.001"), 0),
        out);
    assertEquals(Fixed.ofLong(32_000), out.quantity());
  }

  @Test
  void invalidInputThrowsAndLeavesThePreviousResult() {
    sizer.size(
        100_000, 1.0, 0.25, Double.NaN, Double.NaN, PRICE_50, SizingInstrument.wholeUnits(), out);
    final SizingInstrument units = SizingInstrument.wholeUnits();
    assertEquals(
        "signal strength must be between 0 and 1, got 1.5",
        assertThrows(
                IllegalArgumentException.class,
                () -> sizer.size(100_000, 1.5, 0.25, Double.NaN, Double.NaN, PRICE_50, units, out))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> sizer.size(100_000, Double.NaN, 0.25, Double.NaN, Double.NaN, PRICE_50, units, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> sizer.size(100_000, 0.5, -0.1, Double.NaN, Double.NaN, PRICE_50, units, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> sizer.size(0, 0.5, 0.25, Double.NaN, Double.NaN, PRICE_50, units, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> sizer.size(100_000, 0.5, 0.25, -0.01, 0.15, PRICE_50, units, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> sizer.size(100_000, 0.5, 0.25, 0.01, 0.0, PRICE_50, units, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> sizer.size(100_000, 0.5, 0.25, Double.NaN, Double.NaN, 0, units, out));
    assertEquals(Fixed.ofLong(64), out.quantity());
  }

  @Test
  void settingsReportEveryProblem() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new DynamicSizerSettings(0, Double.NaN, 2));
    assertEquals(
        "invalid dynamic sizer settings: base fraction must be above 0 and at most 1, got 0.0;"
            + " max position fraction must be a finite positive number, got NaN; performance floor"
            + " must be between 0 and 1, got 2.0",
        e.getMessage());
  }
}
