package io.riskgate.core.engine;

import io.riskgate.core.limit.Scope;

/**
 * A transition of a scope's state, with why it happened: the {@code state} output of the event
 * language.
 *
 * @param kind which state machine moved, e.g. {@code "tradingState"} or {@code "kill"}
 */
public record StateChange(
    long timestampNanos, Scope scope, String kind, String from, String to, String reason) {}
