package io.riskgate.core.engine;

import io.riskgate.core.limit.LimitSet;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the engine that are not limits: the trading-day boundary, how positions are marked,
 * where correlation is measured and how much history is kept. Validated whole: every problem is
 * reported at once.
 *
 * @param tradingDayZone time zone of the trading-day boundary
 * @param tradingDayStart local time at which a trading day starts
 * @param markMode price used to mark positions
 * @param correlationScope the positions an order's correlation is measured against
 * @param returnHistoryCapacity most returns kept per instrument (the longest usable lookback)
 * @param defaultCorrelationLookback returns used when no scope sets {@code correlationLookback}
 * @param defaultCorrelationMinObservations minimum when no scope sets {@code
 *     correlationMinObservations}
 * @param priceSampleIntervalNanos instruments without bars sample their last price into a close at
 *     this interval, for returns
 * @param liquidityLookbackDays completed trading days averaged for an instrument's liquidity
 * @param expectedOrdersPerDay sizing hint for the order tables (they grow past it)
 * @param accountDefaults limits every new account starts with
 * @param safeguards circuit breakers, kill switch triggers and the repeated-execution throttle
 */
public record EngineConfig(
    ZoneId tradingDayZone,
    LocalTime tradingDayStart,
    MarkMode markMode,
    CorrelationScope correlationScope,
    int returnHistoryCapacity,
    int defaultCorrelationLookback,
    int defaultCorrelationMinObservations,
    long priceSampleIntervalNanos,
    int liquidityLookbackDays,
    int expectedOrdersPerDay,
    LimitSet accountDefaults,
    SafeguardSettings safeguards,
    MonitorSettings monitor) {

  /** Which positions the correlation check compares an order with. */
  public enum CorrelationScope {
    STRATEGY,
    ACCOUNT
  }

  public EngineConfig {
    final List<String> problems = new ArrayList<>();
    if (tradingDayZone == null) {
      problems.add("tradingDayZone is missing");
    }
    if (tradingDayStart == null) {
      problems.add("tradingDayStart is missing");
    }
    if (markMode == null) {
      problems.add("markMode is missing");
    }
    if (correlationScope == null) {
      problems.add("correlationScope is missing");
    }
    if (returnHistoryCapacity < 2) {
      problems.add("returnHistoryCapacity must be at least 2, got " + returnHistoryCapacity);
    }
    if (defaultCorrelationLookback < 2 || defaultCorrelationLookback > returnHistoryCapacity) {
      problems.add(
          "defaultCorrelationLookback must be in [2, returnHistoryCapacity], got "
              + defaultCorrelationLookback);
    }
    if (defaultCorrelationMinObservations < 2
        || defaultCorrelationMinObservations > defaultCorrelationLookback) {
      problems.add(
          "defaultCorrelationMinObservations must be in [2, defaultCorrelationLookback], got "
              + defaultCorrelationMinObservations);
    }
    if (priceSampleIntervalNanos <= 0) {
      problems.add("priceSampleIntervalNanos must be positive, got " + priceSampleIntervalNanos);
    }
    if (liquidityLookbackDays < 1) {
      problems.add("liquidityLookbackDays must be at least 1, got " + liquidityLookbackDays);
    }
    if (expectedOrdersPerDay < 1) {
      problems.add("expectedOrdersPerDay must be at least 1, got " + expectedOrdersPerDay);
    }
    if (accountDefaults == null) {
      problems.add("accountDefaults is missing");
    }
    if (safeguards == null) {
      problems.add("safeguards is missing");
    }
    if (monitor == null) {
      problems.add("monitor is missing");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid engine configuration: " + String.join("; ", problems));
    }
    Objects.requireNonNull(accountDefaults);
  }

  /** Settings with the default monitoring thresholds. */
  public EngineConfig(
      ZoneId tradingDayZone,
      LocalTime tradingDayStart,
      MarkMode markMode,
      CorrelationScope correlationScope,
      int returnHistoryCapacity,
      int defaultCorrelationLookback,
      int defaultCorrelationMinObservations,
      long priceSampleIntervalNanos,
      int liquidityLookbackDays,
      int expectedOrdersPerDay,
      LimitSet accountDefaults,
      SafeguardSettings safeguards) {
    this(
        tradingDayZone,
        tradingDayStart,
        markMode,
        correlationScope,
        returnHistoryCapacity,
        defaultCorrelationLookback,
        defaultCorrelationMinObservations,
        priceSampleIntervalNanos,
        liquidityLookbackDays,
        expectedOrdersPerDay,
        accountDefaults,
        safeguards,
        MonitorSettings.defaults());
  }

  /** A copy with other monitoring settings. */
  public EngineConfig withMonitor(MonitorSettings settings) {
    return new EngineConfig(
        tradingDayZone,
        tradingDayStart,
        markMode,
        correlationScope,
        returnHistoryCapacity,
        defaultCorrelationLookback,
        defaultCorrelationMinObservations,
        priceSampleIntervalNanos,
        liquidityLookbackDays,
        expectedOrdersPerDay,
        accountDefaults,
        safeguards,
        settings);
  }

  /** A copy with other safeguard settings. */
  public EngineConfig withSafeguards(SafeguardSettings settings) {
    return new EngineConfig(
        tradingDayZone,
        tradingDayStart,
        markMode,
        correlationScope,
        returnHistoryCapacity,
        defaultCorrelationLookback,
        defaultCorrelationMinObservations,
        priceSampleIntervalNanos,
        liquidityLookbackDays,
        expectedOrdersPerDay,
        accountDefaults,
        settings,
        monitor);
  }

  /**
   * Defaults: trading day from midnight UTC, side marks, correlation within the strategy over 60
   * returns (at least 20), one-minute price sampling, 20-day liquidity, the seed's account limits,
   * breakers and kill switch triggers.
   */
  public static EngineConfig defaults() {
    return new EngineConfig(
        ZoneId.of("UTC"),
        LocalTime.MIDNIGHT,
        MarkMode.SIDE,
        CorrelationScope.STRATEGY,
        250,
        60,
        20,
        60_000_000_000L,
        20,
        1 << 16,
        LimitSet.accountDefaults(),
        SafeguardSettings.defaults(),
        MonitorSettings.defaults());
  }
}
