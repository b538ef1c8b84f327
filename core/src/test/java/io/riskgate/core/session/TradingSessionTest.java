package io.riskgate.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The session grammar, its errors, and its windows across weekends and daylight-saving changes. */
class TradingSessionTest {
  private static final String NEW_YORK = "Mon-Fri 09:30-16:00 America/New_York";

  private static long t(String iso) {
    final Instant i = Instant.parse(iso);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static void assertWindow(
      TradingSession session, String at, boolean open, String start, String until) {
    final TradingSession.Window w = session.windowAt(t(at));
    assertEquals(open, w.open(), "open at " + at);
    assertEquals(start == null ? Long.MIN_VALUE : t(start), w.startNanos(), "start at " + at);
    assertEquals(until == null ? Long.MAX_VALUE : t(until), w.untilNanos(), "until at " + at);
  }

  @Test
  void twentyFourSevenIsTheDefaultAndAlwaysOpen() {
    assertSame(TradingSession.ALWAYS_OPEN, TradingSession.parse("24x7"));
    assertTrue(TradingSession.ALWAYS_OPEN.alwaysOpen());
    assertWindow(TradingSession.ALWAYS_OPEN, "2024-01-06T12:00:00Z", true, null, null);
  }

  @Test
  void aWeekWithoutGapsIsAlwaysOpen() {
    for (String text :
        new String[] {
          "Mon-Sun 00:00-24:00 UTC", "Mon-Sun 09:00-09:00 Europe/London", "Tue-Mon 00:00-00:00 UTC"
        }) {
      final TradingSession s = TradingSession.parse(text);
      assertTrue(s.alwaysOpen(), text);
      assertWindow(s, "2024-03-31T01:30:00Z", true, null, null);
    }
  }

  @Test
  void canonicalTextCapitalizesDaysAndKeepsTheZoneId() {
    assertEquals(
        "Fri-Mon 08:00-12:00 Europe/Paris",
        TradingSession.parse("  fri-MON 08:00-12:00   Europe/Paris ").toString());
    assertEquals(
        TradingSession.parse("Mon-Fri 09:30-16:00 UTC"),
        TradingSession.parse("mon-fri 09:30-16:00 UTC"));
  }

  @Test
  void newYorkOpensAtDifferentUtcTimesInWinterAndSummer() {
    final TradingSession s = TradingSession.parse(NEW_YORK);
    // Winter (EST, UTC-5): 14:30-21:00 UTC.
    assertWindow(s, "2024-01-02T14:29:59Z", false, null, "2024-01-02T14:30:00Z");
    assertWindow(s, "2024-01-02T14:30:00Z", true, "2024-01-02T14:30:00Z", "2024-01-02T21:00:00Z");
    assertWindow(s, "2024-01-02T21:00:00Z", false, null, "2024-01-03T14:30:00Z");
    // Friday close to Monday open.
    assertWindow(s, "2024-01-06T12:00:00Z", false, null, "2024-01-08T14:30:00Z");
    // The weekend of the spring change (Sunday 10 March 2024, 02:00 -> 03:00): Friday in EST,
    // Monday in EDT (UTC-4): 13:30-20:00 UTC.
    assertWindow(s, "2024-03-08T15:00:00Z", true, "2024-03-08T14:30:00Z", "2024-03-08T21:00:00Z");
    assertWindow(s, "2024-03-09T12:00:00Z", false, null, "2024-03-11T13:30:00Z");
    assertWindow(s, "2024-03-11T13:30:00Z", true, "2024-03-11T13:30:00Z", "2024-03-11T20:00:00Z");
  }

  @Test
  void anOvernightSessionAcrossTheAutumnChangeLastsAnHourLonger() {
    // DST ends on Sunday 3 November 2024 at 02:00 EDT (back to 01:00 EST).
    final TradingSession s = TradingSession.parse("Sat 22:00-06:00 America/New_York");
    assertWindow(s, "2024-11-03T05:00:00Z", true, "2024-11-03T02:00:00Z", "2024-11-03T11:00:00Z");
    assertWindow(s, "2024-11-03T11:00:00Z", false, null, "2024-11-10T03:00:00Z");
  }

  @Test
  void touchingSessionsJoinIntoOneAcrossTheWeekend() {
    // Foreign exchange: Sunday 17:00 to Friday 17:00, New York time.
    final TradingSession fx = TradingSession.parse("Sun-Thu 17:00-17:00 America/New_York");
    assertFalse(fx.alwaysOpen());
    assertWindow(fx, "2024-01-03T12:00:00Z", true, "2023-12-31T22:00:00Z", "2024-01-05T22:00:00Z");
    assertWindow(fx, "2024-01-06T12:00:00Z", false, null, "2024-01-07T22:00:00Z");
    // Overnight sessions that do not touch stay apart: closed 17:00-18:00 every day.
    final TradingSession futures = TradingSession.parse("Sun-Thu 18:00-17:00 America/Chicago");
    assertWindow(futures, "2024-01-02T23:30:00Z", false, null, "2024-01-03T00:00:00Z");
    assertWindow(
        futures, "2024-01-03T00:00:00Z", true, "2024-01-03T00:00:00Z", "2024-01-03T23:00:00Z");
  }

  @Test
  void aRangeOfDaysMayWrapAroundTheWeek() {
    final TradingSession s = TradingSession.parse("Sat-Mon 10:00-11:00 UTC");
    assertWindow(s, "2024-01-07T10:30:00Z", true, "2024-01-07T10:00:00Z", "2024-01-07T11:00:00Z");
    assertWindow(s, "2024-01-08T11:00:00Z", false, null, "2024-01-13T10:00:00Z");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|session is empty; expected \"24x7\" or \"DAYS HH:MM-HH:MM ZONE\"",
        "Mon-Fri|session \"Mon-Fri\": expected \"24x7\" or \"DAYS HH:MM-HH:MM ZONE\"",
        "24/7|session \"24/7\": expected \"24x7\"",
        "Mon-Fry 09:30-16:00 UTC|session \"Mon-Fry 09:30-16:00 UTC\": unknown day \"Fry\" (days are"
            + " Mon, Tue, Wed, Thu, Fri, Sat, Sun)",
        "Mon-Fri 9:30-16:00 UTC|\"9:30\" is not an opening time HH:MM from 00:00 to 23:59",
        "Mon-Fri 24:00-16:00 UTC|\"24:00\" is not an opening time HH:MM from 00:00 to 23:59",
        "Mon-Fri 09:30-24:01 UTC|\"24:01\" is not a closing time HH:MM from 00:00 to 24:00",
        "Mon-Fri 09:60-16:00 UTC|\"09:60\" is not an opening time",
        "Mon-Fri 09:30 UTC|\"09:30\" is not an opening and a closing time HH:MM-HH:MM",
        "Mon-Fri 09:30-16:00 Mars/Olympus|unknown time zone \"Mars/Olympus\"",
        "Mon-Fri,Wed 09:30-16:00 UTC|Wed is listed twice",
        "Mon-Mon 09:30-16:00 UTC|the range \"Mon-Mon\" begins and ends on the same day",
        "Mon,,Fri 09:30-16:00 UTC|\"\" is not a day or a range of days such as Mon-Fri",
        "Mon-Wed-Fri 09:30-16:00 UTC|\"Mon-Wed-Fri\" is not a day or a range of days",
      })
  void invalidSessionsAreRefusedWithTheReason(String text, String message) {
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TradingSession.parse(text));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
