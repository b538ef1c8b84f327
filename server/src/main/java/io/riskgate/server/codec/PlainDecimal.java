package io.riskgate.server.codec;

import io.riskgate.core.Fixed;

/**
 * Reads the decimals that nearly every event carries ({@code -?digits(.digits)?}, at most ten
 * integer digits and eight decimals) straight into a fixed-point long, without the {@code
 * BigDecimal} that {@link Fixed#of(java.math.BigDecimal)} needs; every other form (exponents,
 * signs, spaces, more digits) is left to that exact path, which gives the same value for the forms
 * read here.
 */
final class PlainDecimal {
  /** The answer for a text that is not a plain decimal. */
  static final long NOT_PLAIN = Long.MIN_VALUE;

  private static final int MAX_INTEGER_DIGITS = 10;

  private PlainDecimal() {}

  /** {@code text} as a fixed-point long, or {@link #NOT_PLAIN}. */
  static long parse(String text) {
    final int n = text.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && text.charAt(0) == '-') {
      negative = true;
      i = 1;
    }
    final int intStart = i;
    long units = 0;
    while (i < n && isDigit(text.charAt(i))) {
      units = units * 10 + (text.charAt(i) - '0');
      i++;
    }
    final int intDigits = i - intStart;
    if (intDigits == 0 || intDigits > MAX_INTEGER_DIGITS) {
      return NOT_PLAIN;
    }
    long fraction = 0;
    int decimals = 0;
    if (i < n) {
      if (text.charAt(i) != '.') {
        return NOT_PLAIN;
      }
      i++;
      while (i < n && isDigit(text.charAt(i))) {
        if (decimals == Fixed.DECIMALS) {
          return NOT_PLAIN;
        }
        fraction = fraction * 10 + (text.charAt(i) - '0');
        decimals++;
        i++;
      }
      if (decimals == 0 || i < n) {
        return NOT_PLAIN;
      }
    }
    for (int d = decimals; d < Fixed.DECIMALS; d++) {
      fraction *= 10;
    }
    final long value = units * Fixed.ONE + fraction;
    return negative ? -value : value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
