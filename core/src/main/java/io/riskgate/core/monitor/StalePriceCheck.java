package io.riskgate.core.monitor;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/**
 * The {@code STALE_PRICE} rule at one scope: a risk-increasing order fails when the instrument's
 * age is strictly beyond the scope's {@code maxPriceAgeSeconds} (equal passes); a risk-reducing
 * order passes; outside the session the age is not counted. {@link PriceStaleness#checkOrder}
 * measures the age and calls it for each scope.
 */
final class StalePriceCheck {
  private StalePriceCheck() {}

  /** Records the check at one scope; nothing when the scope sets no limit. */
  static void record(
      Decision d,
      long limit,
      Scope.Kind kind,
      String name,
      long age,
      boolean open,
      boolean reducing) {
    if (limit == LimitSet.UNSET) {
      return;
    }
    final boolean within = age <= PriceStaleness.nanos(limit);
    final String reason;
    if (reducing) {
      reason = "risk-reducing";
    } else if (!open) {
      reason = "market closed: the age is not counted";
    } else if (within) {
      reason = null;
    } else {
      reason = age == Long.MAX_VALUE ? "no price yet" : "price older than the limit";
    }
    d.record(
        CheckCode.STALE_PRICE,
        within || reducing,
        PriceStaleness.ageSeconds(age),
        Fixed.toDouble(limit),
        kind,
        name,
        reason);
  }
}
