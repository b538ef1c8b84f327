package io.riskgate.server.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hand-written ISO-8601 path gives exactly what {@code Instant.parse}/{@code toString} give.
 */
class IsoTimeTest {
  private static long nanosOf(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  @Test
  void formatsLikeInstantToStringOnRandomAndSpecialTimes() {
    final long seed = 20261124L;
    final SplittableRandom random = new SplittableRandom(seed);
    final long[] special = {
      0,
      1,
      999_999_999,
      1_000_000_000,
      1_000_000,
      1_000,
      86_399_999_999_999L,
      Long.MAX_VALUE,
      951_782_400_000_000_000L,
      4_107_542_400_000_000_000L,
      -1,
      Long.MIN_VALUE
    };
    for (long nanos : special) {
      assertEquals(Instant.ofEpochSecond(0, nanos).toString(), IsoTime.format(nanos), "" + nanos);
    }
    for (int i = 0; i < 200_000; i++) {
      long nanos = random.nextLong(0, Long.MAX_VALUE);
      switch (i % 4) {
        case 0 -> nanos -= nanos % 1_000_000_000L;
        case 1 -> nanos -= nanos % 1_000_000L;
        case 2 -> nanos -= nanos % 1_000L;
        default -> {}
      }
      assertEquals(
          Instant.ofEpochSecond(0, nanos).toString(), IsoTime.format(nanos), "seed " + seed);
    }
  }

  @Test
  void parsesLikeInstantParseOnRandomTexts() {
    final long seed = 424242L;
    final SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 200_000; i++) {
      final String text =
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02d%sZ",
              random.nextInt(1965, 2266),
              random.nextInt(0, 14),
              random.nextInt(0, 33),
              random.nextInt(0, 25),
              random.nextInt(0, 61),
              random.nextInt(0, 61),
              fraction(random));
      assertSameAsInstant(text, "seed " + seed);
    }
  }

  @Test
  void otherFormsGoToJavaTimeWithTheSameResult() {
    for (String text :
        new String[] {
          "2026-11-24T10:00:01Z",
          "2026-11-24t10:00:01z",
          "2024-02-29T23:59:59.999999999Z",
          "2023-02-29T00:00:00Z",
          "2026-11-24T24:00:00Z",
          "2026-11-24T10:00:01.Z",
          "2026-11-24T10:00:01.1234567890Z",
          "2026-11-24T10:00:01+01:00",
          "1969-12-31T23:59:59Z",
          "2262-04-11T23:47:16.854775807Z",
          "2262-04-11T23:47:16.854775808Z",
          "+12026-11-24T10:00:01Z",
          "2026-1-24T10:00:01Z",
          "2O26-11-24T10:00:01Z",
          ""
        }) {
      assertSameAsInstant(text, text);
    }
  }

  private static String fraction(SplittableRandom random) {
    final int digits = random.nextInt(0, 11);
    if (digits == 0) {
      return "";
    }
    final StringBuilder b = new StringBuilder(".");
    for (int i = 0; i < digits; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  private static void assertSameAsInstant(String text, String message) {
    long expected;
    try {
      expected = nanosOf(Instant.parse(text));
    } catch (DateTimeParseException e) {
      assertThrows(DateTimeParseException.class, () -> IsoTime.parse(text), message + " " + text);
      return;
    } catch (ArithmeticException e) {
      assertThrows(ArithmeticException.class, () -> IsoTime.parse(text), message + " " + text);
      return;
    }
    assertEquals(expected, IsoTime.parse(text), message + " " + text);
  }
}
