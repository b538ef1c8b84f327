package io.riskgate.server.codec;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 UTC times as the event language writes them, read and written by hand in the common form
 * ({@code 2026-11-24T10:00:01Z}, {@code 2026-11-24T10:00:01.250Z}): every event carries one, and
 * {@code java.time}'s formatter costs more than the rest of an order's parsing. Any other form
 * {@link Instant#parse} accepts (lower-case letters, a leap second, years before 1970 or after
 * 2261) goes to {@code java.time}, so the results are the same as {@code Instant.parse} and {@code
 * Instant.toString} for every input.
 */
public final class IsoTime {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int FIRST_YEAR = 1970;
  private static final int LAST_YEAR = 2261;

  private IsoTime() {}

  /**
   * Nanoseconds since the epoch.
   *
   * @throws DateTimeParseException when {@code Instant.parse} would
   * @throws ArithmeticException when the time does not fit in a long of nanoseconds
   */
  public static long parse(String text) {
    final long fast = parsePlain(text);
    if (fast >= 0) {
      return fast;
    }
    final Instant instant = Instant.parse(text);
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
  }

  /** The text {@code Instant.toString} gives for {@code nanos} since the epoch. */
  public static String format(long nanos) {
    if (nanos < 0) {
      return Instant.ofEpochSecond(0, nanos).toString();
    }
    final long seconds = nanos / NANOS_PER_SECOND;
    final int nano = (int) (nanos % NANOS_PER_SECOND);
    final long days = seconds / 86_400;
    final int secondOfDay = (int) (seconds % 86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm), days >= 0 here.
    final long z = days + 719_468;
    final long era = z / 146_097;
    final long dayOfEra = z - era * 146_097;
    final long yearOfEra =
        (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    final long shiftedMonth = (5 * dayOfYear + 2) / 153;
    final int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    final int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    final int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    final int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
    final char[] out = new char[20 + (fraction == 0 ? 0 : fraction + 1)];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3_600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    if (fraction > 0) {
      out[19] = '.';
      digits(out, 20, nano / pow10(9 - fraction), fraction);
    }
    out[out.length - 1] = 'Z';
    return new String(out);
  }

  /**
   * The time of {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with a year from 1970 to 2261, or -1 when the
   * text is in any other form (it may still be valid).
   */
  public static long parsePlain(String text) {
    final int length = text.length();
    if (length < 20
        || length > 30
        || length == 21
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return -1;
    }
    final int year = number(text, 0, 4);
    final int month = number(text, 5, 2);
    final int day = number(text, 8, 2);
    final int hour = number(text, 11, 2);
    final int minute = number(text, 14, 2);
    final int second = number(text, 17, 2);
    if (year < FIRST_YEAR
        || year > LAST_YEAR
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return -1;
    }
    long nano = 0;
    if (length > 20) {
      if (text.charAt(19) != '.') {
        return -1;
      }
      final int digits = length - 21;
      final int fraction = number(text, 20, digits);
      if (fraction < 0) {
        return -1;
      }
      nano = (long) fraction * pow10(9 - digits);
    }
    // Days since 1970-01-01 from the civil date (H. Hinnant's algorithm), years >= 1970 here.
    final int y = month <= 2 ? year - 1 : year;
    final int era = y / 400;
    final int yearOfEra = y - era * 400;
    final int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    final long days = era * 146_097L + dayOfEra - 719_468;
    final long seconds = days * 86_400 + hour * 3_600L + minute * 60L + second;
    return seconds * NANOS_PER_SECOND + nano;
  }

  /** The decimal number of {@code count} digits at {@code from}, or -1 if one is not a digit. */
  private static int number(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      final char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void digits(char[] out, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static int pow10(int exponent) {
    int value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }
}
