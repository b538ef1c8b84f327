package io.riskgate.core.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import org.junit.jupiter.api.Test;

class FixedFractionalSizerTest {
  private final SizingResult out = new SizingResult();

  @Test
  void risksTheFractionOverAnAtrStop() {
    // 1% of 100,000 = 1,000 at risk; stop 2 × ATR 2.5 = 5 away: 200 units, whichever the price.
    final FixedFractionalSizer sizer = new FixedFractionalSizer(0.01, 2.0);
    sizer.size(100_000, 2.5, Fixed.ofLong(40), SizingInstrument.wholeUnits(), out);
    assertEquals(Fixed.ofLong(200), out.quantity());
    assertEquals(Fixed.ofLong(8_000), out.notional());
    assertEquals(1_000, out.valueOf(SizingFactor.RISK_PER_TRADE), 1e-9);
    assertEquals(5.0, out.valueOf(SizingFactor.STOP_DISTANCE), 0.0);
    assertEquals(0.08, out.equityFraction(), 1e-12);
  }

  @Test
  void contractMultiplierScalesTheRiskPerContract() {
    // A futures contract with multiplier 50: a 5-point stop risks 250 per contract → 4 contracts.
    final FixedFractionalSizer sizer = new FixedFractionalSizer(0.01, 2.0);
    sizer.size(
        100_000,
        2.5,
        Fixed.ofLong(4_000),
        new SizingInstrument(Fixed.ofLong(50), Fixed.ONE, 0),
        out);
    assertEquals(Fixed.ofLong(4), out.quantity());
  }

  @Test
  void undefinedAtrIsRejected() {
    final FixedFractionalSizer sizer = new FixedFractionalSizer(0.01, 2.0);
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> sizer.size(100_000, Double.NaN, Fixed.ONE, SizingInstrument.wholeUnits(), out));
    assertTrue(e.getMessage().startsWith("ATR must be a finite positive number"), e::getMessage);
    assertThrows(
        IllegalArgumentException.class,
        () -> sizer.size(100_000, 0.0, Fixed.ONE, SizingInstrument.wholeUnits(), out));
    assertThrows(IllegalArgumentException.class, () -> new FixedFractionalSizer(0, 2));
    assertThrows(IllegalArgumentException.class, () -> new FixedFractionalSizer(0.01, -1));
  }
}
