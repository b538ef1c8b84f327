package io.riskgate.core.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import org.junit.jupiter.api.Test;

class SizingResultTest {
  private final SizingResult out = new SizingResult();
  private final SizingInstrument lotsOfTen = new SizingInstrument(Fixed.ONE, Fixed.ofLong(10), 0);

  @Test
  void capRoundsDownToTheLotAndRecordsTheReason() {
    out.applyQuantity(95, Fixed.ofLong(20), lotsOfTen);
    assertEquals(Fixed.ofLong(90), out.quantity());
    out.capQuantity(Fixed.ofLong(47), SizingFactor.HEADROOM_POSITION);
    assertEquals(Fixed.ofLong(40), out.quantity());
    assertEquals(Fixed.ofLong(800), out.notional());
    assertEquals(47.0, out.valueOf(SizingFactor.HEADROOM_POSITION), 0.0);
    out.capQuantity(Fixed.ofLong(1000), SizingFactor.HEADROOM_LEVERAGE);
    assertEquals(Fixed.ofLong(40), out.quantity(), "a looser cap changes nothing");
    out.capQuantity(-5, SizingFactor.HEADROOM_DAILY_LOSS);
    assertEquals(0, out.quantity());
    assertEquals(SizingStatus.CAPPED_TO_ZERO, out.status());
  }

  @Test
  void breakerScaleRoundsDown() {
    out.applyQuantity(90, Fixed.ofLong(20), lotsOfTen);
    out.scaleQuantity(0.25, SizingFactor.BREAKER_SCALE);
    assertEquals(Fixed.ofLong(20), out.quantity()); // 22.5 → 20
    out.scaleQuantity(0.0, SizingFactor.BREAKER_SCALE);
    assertEquals(0, out.quantity());
    assertEquals(SizingStatus.CAPPED_TO_ZERO, out.status());
    assertThrows(
        IllegalArgumentException.class, () -> out.scaleQuantity(1.5, SizingFactor.BREAKER_SCALE));
  }

  @Test
  void capBelowTheMinimumQuantityGivesZero() {
    final SizingInstrument min30 =
        new SizingInstrument(Fixed.ONE, Fixed.ofLong(10), Fixed.ofLong(30));
    out.applyQuantity(90, Fixed.ofLong(20), min30);
    out.capQuantity(Fixed.ofLong(25), SizingFactor.HEADROOM_POSITION);
    assertEquals(0, out.quantity());
    assertEquals(SizingStatus.BELOW_MINIMUM_QUANTITY, out.status());
  }

  @Test
  void breakdownIsBoundedAndOrdered() {
    for (int i = 0; i < SizingResult.CAPACITY; i++) {
      out.addFactor(SizingFactor.BREAKER_SCALE, i);
    }
    assertEquals(SizingResult.CAPACITY, out.factorCount());
    assertEquals(3.0, out.factorValue(3), 0.0);
    assertThrows(IllegalStateException.class, () -> out.addFactor(SizingFactor.EQUITY, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> out.factor(SizingResult.CAPACITY));
    out.reset();
    assertEquals(0, out.factorCount());
    assertTrue(Double.isNaN(out.valueOf(SizingFactor.BREAKER_SCALE)));
  }

  @Test
  void factorKeysAreCamelCase() {
    assertEquals("headroomDailyLoss", SizingFactor.HEADROOM_DAILY_LOSS.key());
    assertEquals("atr", SizingFactor.ATR.key());
    assertEquals("lotRounding", SizingFactor.LOT_ROUNDING.key());
  }

  @Test
  void rejectsNegativeOrNonFiniteAmounts() {
    assertThrows(
        IllegalArgumentException.class,
        () -> out.applyNotional(-1, Fixed.ONE, SizingInstrument.wholeUnits()));
    assertThrows(
        IllegalArgumentException.class,
        () -> out.applyQuantity(Double.NaN, Fixed.ONE, SizingInstrument.wholeUnits()));
    assertThrows(
        IllegalArgumentException.class,
        () -> out.applyQuantity(1e12, Fixed.ONE, SizingInstrument.wholeUnits()));
  }

  @Test
  void instrumentRulesAreValidated() {
    assertEquals(
        "lot size must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> new SizingInstrument(Fixed.ONE, 0, 0))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SizingInstrument(0, Fixed.ONE, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new SizingInstrument(Fixed.ONE, Fixed.ONE, -1));
  }
}
