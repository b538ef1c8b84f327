package io.riskgate.core.session;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When an instrument's market is open, so that the engine counts the age of its price only while a
 * fresh price can be expected. Written in the {@code session} field of an {@code instrument} event,
 * parsed once when the instrument is defined, and evaluated from weekly intervals worked out at
 * parse time; the engine asks for a new {@link Window} only when the previous one has ended (twice
 * per session), so checking whether a market is open costs a comparison.
 *
 * <p>The grammar, small on purpose:
 *
 * <pre>
 * session := "24x7"                                     open always (the default)
 *          | DAYS " " OPEN "-" CLOSE " " ZONE           e.g. "Mon-Fri 09:30-16:00 America/New_York"
 * DAYS    := DAY | DAY "-" DAY, several joined by ","   Mon Tue Wed Thu Fri Sat Sun, in any case;
 *                                                       a range runs forward through the week and
 *                                                       may wrap: "Fri-Mon" is Fri, Sat, Sun, Mon
 * OPEN    := HH:MM from 00:00 to 23:59                  local time on each of the days
 * CLOSE   := HH:MM from 00:00 to 24:00                  at or before OPEN: on the next day
 *                                                       ("18:00-17:00" overnight, "17:00-17:00"
 *                                                       24 hours)
 * ZONE    := a java.time zone id                        "America/New_York", "Europe/London", "UTC"
 * </pre>
 *
 * Sessions that touch join into one: {@code "Mon-Sun 00:00-24:00 UTC"} is open always, and {@code
 * "Sun-Thu 17:00-17:00 America/New_York"} is one session from Sunday 17:00 to Friday 17:00 (the
 * foreign-exchange week). Times are local, daylight saving included: a session of 09:30-16:00 in
 * New York opens at 14:30 UTC in winter and 13:30 UTC in summer. A local time that a clock change
 * skips moves forward by the length of the gap; in a repeated hour the earlier offset applies (the
 * rule of {@link ZonedDateTime#ofLocal}). The zone rules are the JDK's time-zone database: the
 * engine reads no clock, but a JDK with newer rules for a zone gives that zone's new times.
 *
 * <p>Immutable; equal when the canonical text ({@link #toString()}) is equal.
 */
public final class TradingSession {
  private static final int DAY = 24 * 60;
  private static final int WEEK = 7 * DAY;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final String[] DAY_NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String FORM =
      "expected \"24x7\" or \"DAYS HH:MM-HH:MM ZONE\", e.g. \"Mon-Fri 09:30-16:00"
          + " America/New_York\"";

  /** The default: the market never closes. */
  public static final TradingSession ALWAYS_OPEN =
      new TradingSession("24x7", null, new int[0], new int[0]);

  /**
   * The session around one moment. When {@code open}, the session began at {@code startNanos}
   * ({@link Long#MIN_VALUE} for a market that never closes) and ends at {@code untilNanos}; when
   * closed, {@code startNanos} is {@link Long#MIN_VALUE} and the next session opens at {@code
   * untilNanos}. {@link Long#MAX_VALUE} means never.
   */
  public record Window(boolean open, long startNanos, long untilNanos) {
    static final Window ALWAYS = new Window(true, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private final String text;
  private final ZoneId zone;

  /** Local minute of the week (Monday 00:00 = 0) at which each session opens, ascending. */
  private final int[] startMinutes;

  /** Length of each session in local minutes. */
  private final int[] lengthMinutes;

  private TradingSession(String text, ZoneId zone, int[] startMinutes, int[] lengthMinutes) {
    this.text = text;
    this.zone = zone;
    this.startMinutes = startMinutes;
    this.lengthMinutes = lengthMinutes;
  }

  /**
   * Parses a session in the grammar of the class comment.
   *
   * @throws IllegalArgumentException naming the session and what is wrong with it
   */
  public static TradingSession parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("session is empty; " + FORM);
    }
    final String trimmed = text.trim();
    if (trimmed.equals("24x7")) {
      return ALWAYS_OPEN;
    }
    final String[] parts = trimmed.split("\\s+");
    if (parts.length != 3) {
      throw problem(text, FORM);
    }
    final List<Integer> days = new ArrayList<>();
    final String dayText = days(text, parts[0], days);
    final String[] times = parts[1].split("-", -1);
    if (times.length != 2) {
      throw problem(text, "\"" + parts[1] + "\" is not an opening and a closing time HH:MM-HH:MM");
    }
    final int open = minutes(text, times[0], false);
    final int close = minutes(text, times[1], true);
    final ZoneId zone;
    try {
      zone = ZoneId.of(parts[2]);
    } catch (DateTimeException e) {
      throw problem(text, "unknown time zone \"" + parts[2] + "\"");
    }
    final int length = close > open ? close - open : close + DAY - open;
    final String canonical = dayText + " " + times[0] + "-" + times[1] + " " + zone.getId();
    final int[][] merged = merge(days, open, length);
    if (merged[0].length == 1 && merged[1][0] >= WEEK) {
      return new TradingSession(canonical, null, new int[0], new int[0]);
    }
    return new TradingSession(canonical, zone, merged[0], merged[1]);
  }

  /** Reads the days into {@code into} (0 = Monday); returns them in canonical spelling. */
  private static String days(String text, String spec, List<Integer> into) {
    final StringBuilder canonical = new StringBuilder();
    for (String item : spec.split(",", -1)) {
      final String[] ends = item.split("-", -1);
      if (ends.length > 2 || item.isEmpty()) {
        throw problem(text, "\"" + item + "\" is not a day or a range of days such as Mon-Fri");
      }
      final int first = day(text, ends[0]);
      final int last = ends.length == 2 ? day(text, ends[1]) : first;
      if (ends.length == 2 && first == last) {
        throw problem(text, "the range \"" + item + "\" begins and ends on the same day");
      }
      for (int d = first; ; d = (d + 1) % 7) {
        if (into.contains(d)) {
          throw problem(text, DAY_NAMES[d] + " is listed twice");
        }
        into.add(d);
        if (d == last) {
          break;
        }
      }
      if (canonical.length() > 0) {
        canonical.append(',');
      }
      canonical.append(DAY_NAMES[first]);
      if (ends.length == 2) {
        canonical.append('-').append(DAY_NAMES[last]);
      }
    }
    return canonical.toString();
  }

  private static int day(String text, String name) {
    for (int d = 0; d < 7; d++) {
      if (DAY_NAMES[d].equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw problem(
        text, "unknown day \"" + name + "\" (days are Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
  }

  private static int minutes(String text, String time, boolean closing) {
    final boolean shaped =
        time.length() == 5
            && time.charAt(2) == ':'
            && Character.isDigit(time.charAt(0))
            && Character.isDigit(time.charAt(1))
            && Character.isDigit(time.charAt(3))
            && Character.isDigit(time.charAt(4));
    final int hours = shaped ? Integer.parseInt(time.substring(0, 2)) : -1;
    final int minutes = shaped ? Integer.parseInt(time.substring(3)) : -1;
    final boolean valid =
        shaped && minutes < 60 && (hours < 24 || (closing && hours == 24 && minutes == 0));
    if (!valid) {
      throw problem(
          text,
          "\""
              + time
              + "\" is not "
              + (closing ? "a closing time HH:MM from 00:00 to 24:00" : "an opening time HH:MM")
              + (closing ? "" : " from 00:00 to 23:59"));
    }
    return hours * 60 + minutes;
  }

  /**
   * The sessions of the days as weekly intervals, sorted, those that touch joined (across the end
   * of the week too): {starts, lengths}. One interval of a week or more means always open.
   */
  private static int[][] merge(List<Integer> days, int open, int length) {
    final int[] starts = new int[days.size()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = days.get(i) * DAY + open;
    }
    Arrays.sort(starts);
    final List<int[]> joined = new ArrayList<>();
    for (int start : starts) {
      final int[] last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
      if (last != null && start <= last[0] + last[1]) {
        last[1] = Math.max(last[1], start + length - last[0]);
      } else {
        joined.add(new int[] {start, length});
      }
    }
    if (joined.size() > 1) {
      final int[] first = joined.get(0);
      final int[] last = joined.get(joined.size() - 1);
      if (last[0] + last[1] >= first[0] + WEEK) {
        last[1] = Math.max(last[1], first[0] + WEEK + first[1] - last[0]);
        joined.remove(0);
      }
    }
    final int[] s = new int[joined.size()];
    final int[] l = new int[joined.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = joined.get(i)[0];
      l[i] = Math.min(joined.get(i)[1], WEEK);
    }
    return new int[][] {s, l};
  }

  private static IllegalArgumentException problem(String text, String what) {
    return new IllegalArgumentException("session \"" + text + "\": " + what);
  }

  /** Whether the market never closes. */
  public boolean alwaysOpen() {
    return zone == null;
  }

  /**
   * The session open at {@code timestampNanos}, or the gap before the next one. Allocates; the
   * engine keeps the answer until {@link Window#untilNanos()}.
   */
  public Window windowAt(long timestampNanos) {
    if (zone == null) {
      return Window.ALWAYS;
    }
    final Instant at =
        Instant.ofEpochSecond(
            Math.floorDiv(timestampNanos, NANOS_PER_SECOND),
            Math.floorMod(timestampNanos, NANOS_PER_SECOND));
    final LocalDate date = LocalDateTime.ofInstant(at, zone).toLocalDate();
    final LocalDate monday = date.minusDays(date.getDayOfWeek().getValue() - 1L);
    long nextOpen = Long.MAX_VALUE;
    // A session that opened last week may still run; the next one opens at the latest next week.
    for (int week = -1; week <= 1; week++) {
      final LocalDateTime weekStart = monday.plusWeeks(week).atStartOfDay();
      for (int i = 0; i < startMinutes.length; i++) {
        final LocalDateTime openLocal = weekStart.plusMinutes(startMinutes[i]);
        final long open = nanos(openLocal);
        final long close = nanos(openLocal.plusMinutes(lengthMinutes[i]));
        if (open <= timestampNanos && timestampNanos < close) {
          return new Window(true, open, close);
        }
        if (open > timestampNanos && open < nextOpen) {
          nextOpen = open;
        }
      }
    }
    return new Window(false, Long.MIN_VALUE, nextOpen);
  }

  private long nanos(LocalDateTime local) {
    final Instant instant = ZonedDateTime.ofLocal(local, zone, null).toInstant();
    final long seconds = instant.getEpochSecond();
    if (seconds >= Long.MAX_VALUE / NANOS_PER_SECOND) {
      return Long.MAX_VALUE;
    }
    if (seconds <= Long.MIN_VALUE / NANOS_PER_SECOND) {
      return Long.MIN_VALUE;
    }
    return seconds * NANOS_PER_SECOND + instant.getNano();
  }

  /** The canonical text: {@code "24x7"} or days (capitalized), times and the zone's id. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TradingSession s && s.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
