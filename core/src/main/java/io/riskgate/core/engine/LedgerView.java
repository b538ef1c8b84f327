package io.riskgate.core.engine;

import io.riskgate.core.limit.TradingState;

/** Totals of one scope as a value: money in fixed-point. */
public record LedgerView(
    String scope,
    long equity,
    long realizedPnl,
    long fees,
    long unrealizedPnl,
    long grossExposure,
    long highWaterMark,
    long dailyPnl,
    int openOrders,
    int openPositions,
    TradingState state,
    boolean killed) {}
