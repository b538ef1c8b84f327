package io.riskgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedTest {

  @Test
  void parsesAndPrintsExactly() {
    assertEquals(150_000_000L, Fixed.parse("1.5"));
    assertEquals(-1L, Fixed.parse("-0.00000001"));
    assertEquals("1.5", Fixed.toString(150_000_000L));
    assertEquals("3", Fixed.toString(Fixed.ofLong(3)));
    assertEquals(10_000_000L, Fixed.ofDouble(0.1));
    assertThrows(IllegalArgumentException.class, () -> Fixed.parse("0.000000001"));
    assertThrows(IllegalArgumentException.class, () -> Fixed.parse("abc"));
    assertThrows(IllegalArgumentException.class, () -> Fixed.ofDouble(Double.NaN));
  }

  @Test
  void acceptsEveryWayOfWritingAValueInRange() {
    assertEquals(150_000_000L, Fixed.parse("1.50000000000000000000"));
    assertEquals(150_000_000L, Fixed.parse("0.15E1"));
    assertEquals(100_000_000_000L, Fixed.parse("1E+3"));
    assertEquals(0L, Fixed.parse("0E-2147483647"));
    assertEquals(0L, Fixed.parse("0E+2147483647"));
    assertEquals(Long.MAX_VALUE, Fixed.parse("92233720368.54775807"));
    assertEquals(Long.MIN_VALUE, Fixed.parse("-92233720368.54775808"));
  }

  /** Extreme exponents are refused at once with a short message (they were found by fuzzing). */
  @Test
  void refusesExtremeExponentsQuicklyWithAShortMessage() {
    final String[] refused = {
      "1E+2147483647",
      "1e-2147483647",
      "1e1000000043",
      "1e9999999",
      "2214748E-364750000",
      "92233720368.54775808",
      "123456789012",
      "1." + "0".repeat(200),
      "0.000000001"
    };
    for (String text : refused) {
      final IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Fixed.parse(text), text);
      assertTrue(e.getMessage().length() < 120, e.getMessage());
      assertTrue(e.getMessage().startsWith("value "), e.getMessage());
    }
  }

  @Test
  void mulDivMatchesBigIntegerHalfEvenOnRandomOperands() {
    final long seed = 20261124L;
    final SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 200_000; i++) {
      final long a =
          random.nextLong(-50_000_000_000_000_000L, 50_000_000_000_000_000L) >> random.nextInt(40);
      final long b =
          random.nextLong(-50_000_000_000_000_000L, 50_000_000_000_000_000L) >> random.nextInt(40);
      long divisor = random.nextLong(1, Long.MAX_VALUE) >> random.nextInt(62);
      if (divisor == 0) {
        divisor = 1;
      }
      if (random.nextBoolean()) {
        divisor = -divisor;
      }
      final long c = divisor;
      final BigDecimal exact =
          new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
              .divide(BigDecimal.valueOf(c), 0, RoundingMode.HALF_EVEN);
      if (exact.unscaledValue().bitLength() <= 63) {
        assertEquals(
            exact.longValueExact(),
            Fixed.mulDiv(a, b, c),
            "seed " + seed + " a=" + a + " b=" + b + " c=" + c);
      } else {
        assertThrows(ArithmeticException.class, () -> Fixed.mulDiv(a, b, c));
      }
    }
  }

  @Test
  void multiplyMatchesMulDivByOne() {
    final long seed = 99L;
    final SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 200_000; i++) {
      final long raw = random.nextLong() >> random.nextInt(64);
      // A third of the time a whole number of units, the fast path of quantities in shares.
      final long a = random.nextInt(3) == 0 ? raw / Fixed.ONE * Fixed.ONE : raw;
      final long b = random.nextLong() >> random.nextInt(64);
      long expected;
      try {
        expected = Fixed.mulDiv(a, b, Fixed.ONE);
      } catch (ArithmeticException e) {
        assertThrows(ArithmeticException.class, () -> Fixed.multiply(a, b), "seed " + seed);
        continue;
      }
      assertEquals(expected, Fixed.multiply(a, b), "seed " + seed + " a=" + a + " b=" + b);
    }
  }

  @Test
  void atMostProductComparesExactlyIn128Bits() {
    final long seed = 5L;
    final SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 200_000; i++) {
      final long x = random.nextLong() >> random.nextInt(64);
      final long a = random.nextLong() >> random.nextInt(64);
      final long b = random.nextLong() >> random.nextInt(64);
      final boolean expected =
          BigInteger.valueOf(x)
                  .multiply(BigInteger.valueOf(Fixed.ONE))
                  .compareTo(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
              <= 0;
      assertEquals(expected, Fixed.atMostProduct(x, a, b), "seed " + seed);
    }
    assertTrue(
        Fixed.atMostProduct(Fixed.ofLong(100_000), Fixed.parse("0.1"), Fixed.ofLong(1_000_000)));
    assertFalse(
        Fixed.atMostProduct(
            Fixed.parse("100000.00000001"), Fixed.parse("0.1"), Fixed.ofLong(1_000_000)));
  }

  @Test
  void multiplyIsExactForTickTimesLot() {
    final long price = Fixed.parse("64123.45");
    final long quantity = Fixed.parse("123.456789");
    assertEquals(
        Fixed.of(new BigDecimal("64123.45").multiply(new BigDecimal("123.456789"))),
        Fixed.multiply(price, quantity));
  }
}
