package io.riskgate.core.engine;

/** One position as a value, for reports and tests. */
public record PositionView(
    String strategy,
    String account,
    String symbol,
    long quantity,
    long cost,
    long realizedPnl,
    long fees,
    long unrealizedPnl,
    long openBuy,
    long openSell,
    long openedAtNanos) {}
