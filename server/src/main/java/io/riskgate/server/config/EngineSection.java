package io.riskgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.MarkMode;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/** The {@code engine} section: the trading day, marking, correlation and history settings. */
final class EngineSection {
  private EngineSection() {}

  /** The {@code engine} section, or null when its settings do not make an engine's. */
  static EngineConfig read(ConfigReader in, JsonNode engine) {
    final EngineConfig d = EngineConfig.defaults();
    ZoneId zone = d.tradingDayZone();
    final String zoneName = in.text(engine, "engine.tradingDayZone", zone.getId());
    try {
      zone = ZoneId.of(zoneName);
    } catch (RuntimeException e) {
      in.problems.add("engine.tradingDayZone: unknown time zone \"" + zoneName + "\"");
    }
    LocalTime start = d.tradingDayStart();
    final String startText = in.text(engine, "engine.tradingDayStart", start.toString());
    try {
      start = LocalTime.parse(startText);
    } catch (RuntimeException e) {
      in.problems.add(
          "engine.tradingDayStart must be a time such as \"17:00\", got \"" + startText + "\"");
    }
    MarkMode mark = d.markMode();
    final String markName =
        in.text(engine, "engine.markMode", mark.name().toLowerCase(Locale.ROOT));
    try {
      mark = MarkMode.valueOf(markName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      in.problems.add("engine.markMode must be side, mid or last, got \"" + markName + "\"");
    }
    EngineConfig.CorrelationScope scope = d.correlationScope();
    final String scopeName =
        in.text(engine, "engine.correlationScope", scope.name().toLowerCase(Locale.ROOT));
    try {
      scope = EngineConfig.CorrelationScope.valueOf(scopeName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      in.problems.add(
          "engine.correlationScope must be strategy or account, got \"" + scopeName + "\"");
    }
    final int history =
        (int)
            in.integer(
                engine, "engine.returnHistoryCapacity", d.returnHistoryCapacity(), 2, 100_000);
    final int lookback =
        (int)
            in.integer(
                engine,
                "engine.defaultCorrelationLookback",
                d.defaultCorrelationLookback(),
                2,
                100_000);
    final int minObs =
        (int)
            in.integer(
                engine,
                "engine.defaultCorrelationMinObservations",
                d.defaultCorrelationMinObservations(),
                2,
                100_000);
    final long sampleSeconds =
        in.integer(
            engine,
            "engine.priceSampleIntervalSeconds",
            d.priceSampleIntervalNanos() / 1_000_000_000L,
            1,
            86_400);
    final int days =
        (int)
            in.integer(
                engine, "engine.liquidityLookbackDays", d.liquidityLookbackDays(), 1, 10_000);
    final int orders =
        (int)
            in.integer(engine, "engine.expectedOrdersPerDay", d.expectedOrdersPerDay(), 1, 1 << 26);
    final Map<String, Object> values = new java.util.HashMap<>();
    values.put("tradingDayZone", zone);
    values.put("tradingDayStart", start);
    values.put("markMode", mark);
    values.put("correlationScope", scope);
    values.put("returnHistoryCapacity", history);
    values.put("defaultCorrelationLookback", lookback);
    values.put("defaultCorrelationMinObservations", minObs);
    values.put("priceSampleIntervalNanos", sampleSeconds * 1_000_000_000L);
    values.put("liquidityLookbackDays", days);
    values.put("expectedOrdersPerDay", orders);
    final boolean killOnStaleData =
        in.bool(engine, "engine.killOnStaleData", d.safeguards().killSwitch().killOnStaleData());
    try {
      final EngineConfig config = withComponents(d, values);
      return config.withSafeguards(
          config
              .safeguards()
              .withKillSwitch(
                  config.safeguards().killSwitch().withKillOnStaleData(killOnStaleData)));
    } catch (IllegalArgumentException e) {
      in.problems.add("engine: " + e.getMessage());
      return null;
    }
  }

  /**
   * A copy of {@code base} with the named record components replaced. Going through the record's
   * components keeps every engine setting this file does not name at its default, including
   * settings the engine gains later.
   */
  static EngineConfig withComponents(EngineConfig base, Map<String, Object> values) {
    final java.lang.reflect.RecordComponent[] components = EngineConfig.class.getRecordComponents();
    final Object[] args = new Object[components.length];
    final Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        args[i] =
            values.containsKey(components[i].getName())
                ? values.get(components[i].getName())
                : components[i].getAccessor().invoke(base);
      }
      return EngineConfig.class.getDeclaredConstructor(types).newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalStateException("engine settings could not be built", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("engine settings could not be built", e);
    }
  }
}
