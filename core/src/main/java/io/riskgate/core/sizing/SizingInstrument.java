package io.riskgate.core.sizing;

import io.riskgate.core.Fixed;

/**
 * What a sizer needs to know about an instrument to turn money into a tradable quantity: the
 * contract multiplier, the lot size and the minimum quantity, all {@link Fixed} values.
 *
 * @param multiplier notional per unit of price per unit of quantity, positive (1 for spot)
 * @param lotSize quantity step, positive; sizes are rounded down to it
 * @param minQuantity smallest quantity worth an order, zero or positive; smaller sizes become 0
 */
public record SizingInstrument(long multiplier, long lotSize, long minQuantity) {
  public SizingInstrument {
    if (multiplier <= 0) {
      throw new IllegalArgumentException(
          "contract multiplier must be positive, got " + Fixed.toString(multiplier));
    }
    if (lotSize <= 0) {
      throw new IllegalArgumentException(
          "lot size must be positive, got " + Fixed.toString(lotSize));
    }
    if (minQuantity < 0) {
      throw new IllegalArgumentException(
          "minimum quantity must not be negative, got " + Fixed.toString(minQuantity));
    }
  }

  /** Multiplier 1, lot size 1, no minimum: whole units of a spot instrument. */
  public static SizingInstrument wholeUnits() {
    return new SizingInstrument(Fixed.ONE, Fixed.ONE, 0);
  }
}
