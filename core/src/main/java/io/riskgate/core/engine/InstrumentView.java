package io.riskgate.core.engine;

import io.riskgate.core.event.Event;
import io.riskgate.core.monitor.PriceStaleness;

/**
 * One instrument as a value: its definition and the freshness of its price at the engine's time.
 *
 * @param lastPriceNanos time of the latest price or bar, or Long.MIN_VALUE
 * @param marketOpen whether its session is open at the engine's time
 * @param priceAgeNanos the age counted in the session (0 when closed; Long.MAX_VALUE with nothing
 *     to count from)
 * @param staleLimitNanos the age beyond which it is stale (see {@link PriceStaleness})
 * @param stale whether it is stale (its {@code STALE_PRICE} alert raised)
 */
public record InstrumentView(
    Event.Instrument definition,
    long lastPriceNanos,
    boolean marketOpen,
    long priceAgeNanos,
    long staleLimitNanos,
    boolean stale) {}
