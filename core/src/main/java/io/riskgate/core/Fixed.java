package io.riskgate.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point decimals: quantities, prices and money are {@code long}s counting units of 10⁻⁸.
 *
 * <p>Named "fixed" because the decimal point never moves: {@code 1.5} is stored as {@code
 * 150_000_000}. Sums and differences are exact; a product of two fixed values is computed in 128
 * bits and rounded half-even back to 10⁻⁸, which is exact whenever the true product has at most
 * eight decimals (a price on a 0.01 tick times a quantity on a 0.000001 lot, for example). The
 * largest representable magnitude is about 9.2 × 10¹⁰. Doubles are used only for statistics and for
 * display, never to carry a position or an amount of money.
 */
public final class Fixed {
  /** Number of decimals. */
  public static final int DECIMALS = 8;

  /** The fixed value of 1. */
  public static final long ONE = 100_000_000L;

  /**
   * The largest amount of money, or notional, the engine holds in any one total: 10,000,000,000
   * (10¹⁰) of the currency. Holding every position's value, every ledger's exposure, realized PnL,
   * fees and capital within it keeps every sum the checks form (equity is four of them) inside a
   * long, so an event that would pass it is refused whole instead of overflowing half applied.
   */
  public static final long MAX_AMOUNT = 1_000_000_000_000_000_000L;

  /** Returned by the {@code ...OrOverflow} methods when the exact result does not fit. */
  public static final long OVERFLOW = Long.MIN_VALUE;

  /** The most significant digits a decimal text may have (a long holds 19). */
  private static final int MAX_DIGITS = 100;

  /** The most digits before the decimal point a fixed value can have: 92,233,720,368. */
  private static final int MAX_WHOLE_DIGITS = 11;

  private static final BigDecimal ONE_DECIMAL = BigDecimal.valueOf(ONE);
  private static final double ONE_DOUBLE = ONE;

  private Fixed() {}

  /** Parses a decimal string such as {@code "123.45"}; rejects more than eight decimals. */
  public static long parse(String text) {
    final BigDecimal value;
    try {
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal number: '" + text + "'", e);
    }
    return of(value);
  }

  /**
   * The fixed value of {@code value}; rejects more than eight decimals or too large a value. The
   * checks look at the digit count and exponent before any scaling, so a text such as {@code
   * "1e999999999"} is refused at once instead of being expanded.
   */
  public static long of(BigDecimal value) {
    if (value.signum() == 0) {
      return 0;
    }
    if (value.precision() > MAX_DIGITS) {
      throw new IllegalArgumentException(
          "value "
              + abbreviated(value)
              + " has "
              + value.precision()
              + " significant digits; at most "
              + MAX_DIGITS
              + " are accepted");
    }
    if ((long) value.precision() - value.scale() > MAX_WHOLE_DIGITS) {
      throw new IllegalArgumentException(
          "value " + abbreviated(value) + " is out of range (at most 92233720368 in magnitude)");
    }
    final BigDecimal exact = value.scale() > DECIMALS ? value.stripTrailingZeros() : value;
    if (exact.scale() > DECIMALS) {
      throw new IllegalArgumentException(
          "value " + abbreviated(value) + " has more than 8 decimals");
    }
    try {
      return exact.movePointRight(DECIMALS).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "value " + abbreviated(value) + " is out of range (at most 92233720368 in magnitude)", e);
    }
  }

  /** A value's text for a message, cut short: a refused value may be arbitrarily long. */
  private static String abbreviated(BigDecimal value) {
    final String text = value.toString();
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /**
   * The fixed value nearest to {@code value} (half-even on the decimal expansion of the double, so
   * {@code 0.1} becomes exactly {@code 10_000_000}). Rejects NaN, infinities and values out of
   * range.
   */
  public static long ofDouble(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + value);
    }
    if (Math.abs(value) >= 9.2e10) {
      throw new IllegalArgumentException("value out of range: " + value);
    }
    return BigDecimal.valueOf(value)
        .movePointRight(DECIMALS)
        .setScale(0, RoundingMode.HALF_EVEN)
        .longValueExact();
  }

  /** The fixed value of a whole number. */
  public static long ofLong(long units) {
    return Math.multiplyExact(units, ONE);
  }

  /** The value as a double, for statistics and display. */
  public static double toDouble(long fixed) {
    return fixed / ONE_DOUBLE;
  }

  /** The exact decimal value. */
  public static BigDecimal toBigDecimal(long fixed) {
    return BigDecimal.valueOf(fixed, DECIMALS);
  }

  /** The shortest plain decimal string, e.g. {@code "1.5"}, {@code "-0.00000001"}, {@code "3"}. */
  public static String toString(long fixed) {
    final BigDecimal value = BigDecimal.valueOf(fixed, DECIMALS).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
  }

  /**
   * {@code a × b} rounded half-even to 10⁻⁸, computed exactly in 128 bits.
   *
   * @throws ArithmeticException if the result does not fit
   */
  public static long multiply(long a, long b) {
    // A whole number of units (shares, contracts) times a price needs no division at all.
    if (a % ONE == 0) {
      return Math.multiplyExact(a / ONE, b);
    }
    if (b % ONE == 0) {
      return Math.multiplyExact(a, b / ONE);
    }
    return roundedProduct(a, b);
  }

  /**
   * The rest of {@link #multiply}, kept apart so that the whole-units paths stay small enough for
   * the compiler to inline at every notional: the same arithmetic as mulDiv(a, b, ONE), with the
   * divisor a constant so that the compiler turns each division into a multiplication.
   */
  private static long roundedProduct(long a, long b) {
    final boolean negative = (a < 0) ^ (b < 0);
    final long ua = Math.abs(a);
    final long ub = Math.abs(b);
    if (ua < 0 || ub < 0) {
      throw new ArithmeticException("Long.MIN_VALUE is out of range");
    }
    final long hi = Math.multiplyHigh(ua, ub);
    final long lo = ua * ub;
    long quotient;
    long remainder;
    if (hi == 0 && lo >= 0) {
      quotient = lo / ONE;
      remainder = lo - quotient * ONE;
    } else {
      if (hi >= ONE) {
        throw new ArithmeticException("result out of range");
      }
      final long upper = (hi << 32) | (lo >>> 32);
      final long q1 = upper / ONE;
      final long lower = ((upper - q1 * ONE) << 32) | (lo & 0xFFFF_FFFFL);
      final long q0 = lower / ONE;
      quotient = (q1 << 32) | q0;
      remainder = lower - q0 * ONE;
      if (quotient < 0) {
        throw new ArithmeticException("result out of range");
      }
    }
    final long twice = remainder << 1;
    if (twice > ONE || (twice == ONE && (quotient & 1) == 1)) {
      quotient++;
      if (quotient < 0) {
        throw new ArithmeticException("result out of range");
      }
    }
    return negative ? -quotient : quotient;
  }

  /**
   * True when {@code x ≤ a × b} exactly, for fixed-point values: the comparison of a value with a
   * fraction (or ratio) of an amount, without rounding the product and without dividing. Both sides
   * are held in 128 bits.
   */
  public static boolean atMostProduct(long x, long a, long b) {
    final long leftHigh = Math.multiplyHigh(x, ONE);
    final long leftLow = x * ONE;
    final long rightHigh = Math.multiplyHigh(a, b);
    final long rightLow = a * b;
    if (leftHigh != rightHigh) {
      return leftHigh < rightHigh;
    }
    return Long.compareUnsigned(leftLow, rightLow) <= 0;
  }

  /**
   * {@code a ÷ b} rounded half-even to 10⁻⁸.
   *
   * @throws ArithmeticException if {@code b} is zero or the result does not fit
   */
  public static long divide(long a, long b) {
    return mulDiv(a, ONE, b);
  }

  /**
   * {@code a × b ÷ c} with the product held in 128 bits and the quotient rounded half-even.
   *
   * @throws ArithmeticException if {@code c} is zero or the result does not fit in a long
   */
  public static long mulDiv(long a, long b, long c) {
    if (c == 0) {
      throw new ArithmeticException("division by zero");
    }
    final boolean negative = (a < 0) ^ (b < 0) ^ (c < 0);
    final long ua = Math.abs(a);
    final long ub = Math.abs(b);
    final long uc = Math.abs(c);
    if (ua < 0 || ub < 0 || uc < 0) {
      throw new ArithmeticException("Long.MIN_VALUE is out of range");
    }
    final long hi = Math.multiplyHigh(ua, ub);
    final long lo = ua * ub;
    final long quotient;
    final long remainder;
    if (hi == 0 && lo >= 0) {
      quotient = lo / uc;
      remainder = lo - quotient * uc;
    } else {
      if (Long.compareUnsigned(hi, uc) >= 0) {
        throw new ArithmeticException("result out of range");
      }
      quotient = divide128(hi, lo, uc);
      remainder = lo - quotient * uc; // exact: the true remainder is below uc < 2^63
      if (quotient < 0) {
        throw new ArithmeticException("result out of range");
      }
    }
    long q = quotient;
    final long twice = remainder << 1;
    final boolean twiceOverflows = remainder < 0 || twice < 0;
    if (twiceOverflows || twice > uc || (twice == uc && (q & 1) == 1)) {
      q++;
      if (q < 0) {
        throw new ArithmeticException("result out of range");
      }
    }
    return negative ? -q : q;
  }

  /**
   * Unsigned quotient of the 128-bit {@code hi:lo} by {@code divisor}; requires {@code hi <
   * divisor}.
   */
  private static long divide128(long hi, long lo, long divisor) {
    if (divisor >>> 32 == 0) {
      // Two 32-bit long-division steps; each partial dividend is below divisor × 2^32.
      final long upper = (hi << 32) | (lo >>> 32);
      final long q1 = Long.divideUnsigned(upper, divisor);
      final long r1 = upper - q1 * divisor;
      final long lower = (r1 << 32) | (lo & 0xFFFF_FFFFL);
      final long q0 = Long.divideUnsigned(lower, divisor);
      return (q1 << 32) | q0;
    }
    // Knuth's algorithm D with two 32-bit digits (Hacker's Delight, divlu): normalize the divisor
    // so its top bit is set, estimate each quotient digit from the top digit, correct it at most
    // twice. All arithmetic is modulo 2^64; the true intermediate results fit.
    final long base = 1L << 32;
    final int shift = Long.numberOfLeadingZeros(divisor);
    final long v = divisor << shift;
    final long vn1 = v >>> 32;
    final long vn0 = v & 0xFFFF_FFFFL;
    final long un32 = (hi << shift) | (shift == 0 ? 0 : lo >>> (64 - shift));
    final long un10 = lo << shift;
    final long un1 = un10 >>> 32;
    final long un0 = un10 & 0xFFFF_FFFFL;
    long q1 = Long.divideUnsigned(un32, vn1);
    long rhat = un32 - q1 * vn1;
    while (Long.compareUnsigned(q1, base) >= 0
        || Long.compareUnsigned(q1 * vn0, base * rhat + un1) > 0) {
      q1--;
      rhat += vn1;
      if (Long.compareUnsigned(rhat, base) >= 0) {
        break;
      }
    }
    final long un21 = un32 * base + un1 - q1 * v;
    long q0 = Long.divideUnsigned(un21, vn1);
    rhat = un21 - q0 * vn1;
    while (Long.compareUnsigned(q0, base) >= 0
        || Long.compareUnsigned(q0 * vn0, base * rhat + un0) > 0) {
      q0--;
      rhat += vn1;
      if (Long.compareUnsigned(rhat, base) >= 0) {
        break;
      }
    }
    return q1 * base + q0;
  }

  /**
   * The money value of {@code quantity} at {@code price} for a contract {@code multiplier}: {@code
   * quantity × price × multiplier}, exact when the product has at most eight decimals.
   */
  public static long notional(long quantity, long price, long multiplier) {
    final long value = multiply(quantity, price);
    return multiplier == ONE ? value : multiply(value, multiplier);
  }

  /**
   * {@link #notional}, or {@link #OVERFLOW} when the exact value does not fit in a long: for checks
   * that must answer, not throw, whatever the magnitudes of an order.
   */
  public static long notionalOrOverflow(long quantity, long price, long multiplier) {
    try {
      return notional(quantity, price, multiplier);
    } catch (ArithmeticException e) {
      return OVERFLOW;
    }
  }

  /** True when {@code |value| ≤ MAX_AMOUNT} and {@code value} is not {@link #OVERFLOW}. */
  public static boolean isWithinAmountRange(long value) {
    return value != OVERFLOW && Math.abs(value) <= MAX_AMOUNT;
  }

  /** {@code a + b}, or {@link #OVERFLOW} when either is {@link #OVERFLOW} or the sum overflows. */
  public static long addOrOverflow(long a, long b) {
    if (a == OVERFLOW || b == OVERFLOW) {
      return OVERFLOW;
    }
    final long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? OVERFLOW : sum;
  }

  /** {@code value} rounded toward zero to a multiple of {@code step} (a lot size, say). */
  public static long floorToStep(long value, long step) {
    if (step <= 0) {
      throw new IllegalArgumentException("step must be positive: " + step);
    }
    return value - value % step;
  }

  /** True when {@code value} is a whole multiple of {@code step}. */
  public static boolean isMultipleOf(long value, long step) {
    return step > 0 && value % step == 0;
  }
}
