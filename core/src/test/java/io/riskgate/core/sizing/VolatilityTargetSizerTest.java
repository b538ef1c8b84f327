package io.riskgate.core.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.riskgate.core.Fixed;
import org.junit.jupiter.api.Test;

class VolatilityTargetSizerTest {
  private final SizingResult out = new SizingResult();

  @Test
  void notionalIsTargetTimesEquityOverVolatility() {
    // Target 10% on 1,000,000 with σ = 20%: notional 500,000, whose volatility is 100,000 = 10%.
    final VolatilityTargetSizer sizer = new VolatilityTargetSizer(0.10);
    sizer.size(1_000_000, 0.20, Fixed.ofLong(100), SizingInstrument.wholeUnits(), out);
    assertEquals(Fixed.ofLong(5_000), out.quantity());
    assertEquals(Fixed.ofLong(500_000), out.notional());
    assertEquals(0.5, out.equityFraction(), 1e-15);
    assertEquals(
        0.10 * 1_000_000,
        Fixed.toDouble(out.notional()) * out.valueOf(SizingFactor.VOLATILITY),
        1e-6);
  }

  @Test
  void lowVolatilityLeversUp() {
    final VolatilityTargetSizer sizer = new VolatilityTargetSizer(0.10);
    sizer.size(1_000_000, 0.05, Fixed.ofLong(100), SizingInstrument.wholeUnits(), out);
    assertEquals(Fixed.ofLong(2_000_000), out.notional());
  }

  @Test
  void rejectsUndefinedVolatility() {
    final VolatilityTargetSizer sizer = new VolatilityTargetSizer(0.10);
    assertThrows(
        IllegalArgumentException.class,
        () -> sizer.size(1_000_000, Double.NaN, Fixed.ONE, SizingInstrument.wholeUnits(), out));
    assertThrows(
        IllegalArgumentException.class,
        () -> sizer.size(1_000_000, 0.0, Fixed.ONE, SizingInstrument.wholeUnits(), out));
    assertThrows(IllegalArgumentException.class, () -> new VolatilityTargetSizer(-0.1));
  }
}
