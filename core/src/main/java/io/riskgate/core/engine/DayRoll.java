package io.riskgate.core.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * The roll into a new trading day: the day's orders of the day before expire, the day and the start
 * of the next one are set from the configured zone and start time, and every ledger and instrument
 * starts its day. Static, on the engine's state; the clock ({@link RiskEngine#advanceTime}) calls
 * it when the time passes the next day's start, then forgets the closed orders' keys and tells the
 * safeguards.
 */
final class DayRoll {
  private DayRoll() {}

  /** Starts the trading day that {@code timestampNanos} falls in. */
  static void start(RiskEngine e, long timestampNanos) {
    final EngineConfig config = e.config;
    final ZonedDateTime local =
        Instant.ofEpochSecond(0, timestampNanos).atZone(config.tradingDayZone());
    LocalDate day = local.toLocalDate();
    if (local.toLocalTime().isBefore(config.tradingDayStart())) {
      day = day.minusDays(1);
    }
    final boolean first = e.tradingDay == Long.MIN_VALUE;
    if (!first) {
      OrderExpiry.expireDayOrders(e);
    }
    e.tradingDay = day.toEpochDay();
    final Instant next =
        day.plusDays(1)
            .atTime(config.tradingDayStart())
            .atZone(config.tradingDayZone())
            .toInstant();
    e.nextDayStartNanos = next.getEpochSecond() * RiskEngine.NANOS_PER_SECOND + next.getNano();
    e.firm.startDay();
    for (int i = 0; i < e.accountCount; i++) {
      e.accounts[i].startDay();
    }
    for (int i = 0; i < e.strategyCount; i++) {
      e.strategies[i].startDay();
    }
    for (int i = 0; i < e.instrumentCount; i++) {
      e.instruments[i].rollDay(e.tradingDay);
    }
  }
}
