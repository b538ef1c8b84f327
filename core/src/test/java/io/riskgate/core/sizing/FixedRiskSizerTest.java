package io.riskgate.core.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.riskgate.core.Fixed;
import org.junit.jupiter.api.Test;

/**
 * Reference values from NautilusTrader's {@code FixedRiskSizer} tests
 * (tests/unit_tests/risk/test_sizing.py, one currency, rate 1) and hand-computed ones.
 */
class FixedRiskSizerTest {
  private final SizingResult result = new SizingResult();

  private long size(
      String equity,
      double risk,
      String entry,
      String stop,
      String rate,
      String commission,
      String hardLimit,
      String lot) {
    new FixedRiskSizer(risk)
        .size(
            Fixed.parse(equity),
            Fixed.parse(entry),
            Fixed.parse(stop),
            Fixed.parse(rate),
            Fixed.parse(commission),
            Fixed.parse(hardLimit),
            Fixed.parse(entry),
            new SizingInstrument(Fixed.ONE, Fixed.parse(lot), 0),
            result);
    return result.quantity();
  }

  @Test
  void nautilusSingleUnitSize() {
    // equity 1,000,000, risk 0.001, entry 1.00100, stop 1.00000, lots of 1,000 → 1,000,000.
    assertEquals(
        Fixed.ofLong(1_000_000),
        size("1000000", 0.001, "1.00100", "1.00000", "1", "0", "0", "1000"));
    assertEquals(SizingStatus.SIZED, result.status());
    // A short with the stop above the entry risks the same.
    assertEquals(
        Fixed.ofLong(1_000_000),
        size("1000000", 0.001, "1.00000", "1.00100", "1", "0", "0", "1000"));
  }

  @Test
  void nautilusHardLimitCapsTheSize() {
    assertEquals(
        Fixed.ofLong(500_000),
        size("1000000", 0.001, "1.00010", "1.00000", "1", "0", "500000", "1000"));
  }

  @Test
  void rateCommissionAndLotsReduceTheSize() {
    // 1,000 at risk; a unit loses 0.001 × 0.5 + 0.0001 = 0.0006: 1,666,666.67 → lots of 1,000.
    assertEquals(
        Fixed.ofLong(1_666_000),
        size("1000000", 0.001, "1.00100", "1.00000", "0.5", "0.0001", "0", "1000"));
    // Exactly in budget is allowed: 1,000 / 0.0005 = 2,000,000.
    assertEquals(
        Fixed.ofLong(2_000_000),
        size("1000000", 0.001, "1.00100", "1.00000", "0.5", "0", "0", "1"));
  }

  @Test
  void aStopAtTheEntryGivesZero() {
    assertEquals(0, size("1000000", 0.001, "1.001", "1.001", "1", "0", "0", "1"));
    assertEquals(SizingStatus.NO_STOP_DISTANCE, result.status());
  }

  @Test
  void invalidInputsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FixedRiskSizer(0));
    assertThrows(IllegalArgumentException.class, () -> new FixedRiskSizer(1.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> size("0", 0.001, "1.001", "1.000", "1", "0", "0", "1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> size("1000", 0.001, "1.001", "1.000", "0", "0", "0", "1"));
  }
}
