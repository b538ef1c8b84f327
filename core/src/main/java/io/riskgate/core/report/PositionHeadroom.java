package io.riskgate.core.report;

/**
 * One scope's position limit in one instrument, as the {@code POSITION_LIMIT} check and sizing
 * compute it: {@code limit} the money the scope's limits allow ({@code Long.MAX_VALUE} when it sets
 * none), {@code used} the value of the larger side of the holding with its open orders at the
 * reference price, {@code buyRoom} and {@code sellRoom} the quantity an order of each side may
 * still add ({@code Long.MAX_VALUE} when unlimited; negative when beyond). {@code account} names
 * the account an instrument scope's limit is held at (null for the other scopes).
 */
public record PositionHeadroom(
    String scope,
    String instrument,
    String account,
    long limit,
    long used,
    long buyRoom,
    long sellRoom) {}
