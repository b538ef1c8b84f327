package io.riskgate.core.monitor;

/**
 * Where the staleness judge reports that market data went stale (the first instrument) or fresh
 * again (the last one): the kill switch's stale-data trigger.
 */
@FunctionalInterface
public interface StaleDataTrip {
  /**
   * {@code stale} true when an instrument went stale (with its message, age and limit in seconds),
   * false when none is stale any more (message null, figures 0).
   */
  void onStaleData(boolean stale, String message, double ageSeconds, double limitSeconds);
}
