package io.riskgate.core.sizing;

import io.riskgate.core.Fixed;

/**
 * The answer of a sizer, reused from call to call so that sizing allocates nothing: the final
 * quantity and notional as {@link Fixed} values, the fraction of equity asked for, a status that
 * says why a size is zero, and the breakdown of every factor that produced it.
 *
 * <p>Quantities are rounded <em>down</em> to the lot size and become zero below the minimum
 * quantity. Rounding treats a raw quantity within 10⁻⁹ of a lot below a whole number of lots as
 * that whole number, which absorbs the binary rounding of inputs such as {@code 1000 / 0.1}. After
 * a sizer ran, the engine narrows the size with {@link #capQuantity} (headroom under a limit) and
 * {@link #scaleQuantity} (circuit breaker); both round down to the lot again and record their
 * factor. Not thread-safe; one holder per thread.
 */
public final class SizingResult {
  /** Room in the breakdown; more than any sizer and the engine's caps together write. */
  public static final int CAPACITY = 48;

  private static final double LOT_EPSILON = 1e-9;
  private static final double MAX_QUANTITY = 9.2e10;

  private final SizingFactor[] factors = new SizingFactor[CAPACITY];
  private final double[] values = new double[CAPACITY];
  private int factorCount;

  private SizingStatus status = SizingStatus.FRACTION_ONLY;
  private double equityFraction;
  private long quantity;
  private long notional;
  private long price;
  private long multiplier = Fixed.ONE;
  private long lotSize = Fixed.ONE;
  private long minQuantity;

  /** Clears the result before a new sizing. */
  public void reset() {
    factorCount = 0;
    status = SizingStatus.FRACTION_ONLY;
    equityFraction = 0.0;
    quantity = 0;
    notional = 0;
    price = 0;
    multiplier = Fixed.ONE;
    lotSize = Fixed.ONE;
    minQuantity = 0;
  }

  /**
   * Appends a factor to the breakdown.
   *
   * @throws IllegalStateException when the breakdown already holds {@link #CAPACITY} factors
   */
  public void addFactor(SizingFactor factor, double value) {
    if (factorCount == CAPACITY) {
      throw new IllegalStateException("sizing breakdown is full (" + CAPACITY + " factors)");
    }
    factors[factorCount] = factor;
    values[factorCount] = value;
    factorCount++;
  }

  /**
   * Sets the quantity from a notional: {@code notional / (price × multiplier)}, rounded down to the
   * lot size and zero below the minimum quantity. Records the target notional, price, multiplier,
   * the unrounded quantity and the rounding.
   *
   * @throws IllegalArgumentException if the notional is negative or not finite, or the quantity is
   *     out of the fixed-point range
   */
  public void applyNotional(double targetNotional, long price, SizingInstrument instrument) {
    SizingInputs.requireNonNegative("target notional", targetNotional);
    SizingInputs.requirePrice(price);
    SizingInputs.requireInstrument(instrument);
    addFactor(SizingFactor.TARGET_NOTIONAL, targetNotional);
    final double unitNotional = Fixed.toDouble(price) * Fixed.toDouble(instrument.multiplier());
    applyQuantity(targetNotional / unitNotional, price, instrument);
  }

  /**
   * Sets the quantity from an unrounded quantity: rounded down to the lot size, zero below the
   * minimum quantity; the notional follows from the price and the contract multiplier.
   *
   * @throws IllegalArgumentException if the quantity is negative, not finite or out of range
   */
  public void applyQuantity(double unroundedQuantity, long price, SizingInstrument instrument) {
    SizingInputs.requireNonNegative("quantity", unroundedQuantity);
    SizingInputs.requirePrice(price);
    SizingInputs.requireInstrument(instrument);
    if (unroundedQuantity >= MAX_QUANTITY) {
      throw new IllegalArgumentException(
          "quantity " + unroundedQuantity + " is out of the fixed-point range");
    }
    this.price = price;
    this.multiplier = instrument.multiplier();
    this.lotSize = instrument.lotSize();
    this.minQuantity = instrument.minQuantity();
    addFactor(SizingFactor.PRICE, Fixed.toDouble(price));
    addFactor(SizingFactor.CONTRACT_MULTIPLIER, Fixed.toDouble(multiplier));
    addFactor(SizingFactor.UNROUNDED_QUANTITY, unroundedQuantity);
    final long rounded = floorToLots(unroundedQuantity);
    addFactor(SizingFactor.LOT_ROUNDING, unroundedQuantity - Fixed.toDouble(rounded));
    settle(rounded, SizingStatus.BELOW_MINIMUM_QUANTITY);
  }

  /**
   * Cuts the quantity to at most {@code maxQuantity} (rounded down to the lot size), recording
   * {@code reason} with the maximum; a non-positive maximum leaves zero. Does nothing to a quantity
   * already within the cap except record the factor.
   */
  public void capQuantity(long maxQuantity, SizingFactor reason) {
    addFactor(reason, Fixed.toDouble(maxQuantity));
    if (quantity <= maxQuantity) {
      return;
    }
    final long capped = maxQuantity <= 0 ? 0 : Fixed.floorToStep(maxQuantity, lotSize);
    settle(capped, SizingStatus.CAPPED_TO_ZERO);
  }

  /**
   * Multiplies the quantity by {@code scale} in [0, 1] (the circuit breaker's 0.25, say), rounding
   * down to the lot size, and records {@code reason} with the scale.
   *
   * @throws IllegalArgumentException if the scale is outside [0, 1]
   */
  public void scaleQuantity(double scale, SizingFactor reason) {
    SizingInputs.requireUnitInterval("scale", scale);
    addFactor(reason, scale);
    if (scale == 1.0 || quantity == 0) {
      return;
    }
    settle(floorToLots(Fixed.toDouble(quantity) * scale), SizingStatus.CAPPED_TO_ZERO);
  }

  private long floorToLots(double unroundedQuantity) {
    final double lots = Math.floor(unroundedQuantity / Fixed.toDouble(lotSize) + LOT_EPSILON);
    return Math.multiplyExact((long) lots, lotSize);
  }

  private void settle(long newQuantity, SizingStatus zeroStatus) {
    long q = newQuantity;
    SizingStatus s = SizingStatus.SIZED;
    if (q <= 0) {
      q = 0;
      s = zeroStatus;
    } else if (q < minQuantity) {
      addFactor(SizingFactor.MIN_QUANTITY, Fixed.toDouble(minQuantity));
      q = 0;
      s = SizingStatus.BELOW_MINIMUM_QUANTITY;
    }
    quantity = q;
    status = s;
    notional = q == 0 ? 0 : Fixed.multiply(Fixed.multiply(q, price), multiplier);
  }

  /**
   * Sets the size to zero because an order of any size would be rejected, recording {@code reason}
   * with value 0; the status becomes {@link SizingStatus#BLOCKED}.
   */
  public void block(SizingFactor reason) {
    addFactor(reason, 0.0);
    quantity = 0;
    notional = 0;
    status = SizingStatus.BLOCKED;
  }

  void setEquityFraction(double fraction) {
    this.equityFraction = fraction;
  }

  void setStatus(SizingStatus status) {
    this.status = status;
  }

  /** Final quantity, a {@link Fixed} value, never negative. */
  public long quantity() {
    return quantity;
  }

  /**
   * Notional of the final quantity, {@code quantity × price × multiplier}, a {@link Fixed} value.
   */
  public long notional() {
    return notional;
  }

  /** Fraction of equity the sizer asked for, before rounding and caps. */
  public double equityFraction() {
    return equityFraction;
  }

  public SizingStatus status() {
    return status;
  }

  /** Price the quantity was computed at, a {@link Fixed} value (0 when only a fraction was). */
  public long price() {
    return price;
  }

  /** Number of factors in the breakdown. */
  public int factorCount() {
    return factorCount;
  }

  /** The {@code i}-th factor of the breakdown, in the order they were applied. */
  public SizingFactor factor(int i) {
    checkIndex(i);
    return factors[i];
  }

  /** The value of the {@code i}-th factor. */
  public double factorValue(int i) {
    checkIndex(i);
    return values[i];
  }

  /** The value of the last occurrence of {@code factor}, or NaN when it is not in the breakdown. */
  public double valueOf(SizingFactor factor) {
    for (int i = factorCount - 1; i >= 0; i--) {
      if (factors[i] == factor) {
        return values[i];
      }
    }
    return Double.NaN;
  }

  /** True when {@code factor} is in the breakdown. */
  public boolean has(SizingFactor factor) {
    for (int i = 0; i < factorCount; i++) {
      if (factors[i] == factor) {
        return true;
      }
    }
    return false;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= factorCount) {
      throw new IndexOutOfBoundsException("factor " + i + " of " + factorCount);
    }
  }
}
