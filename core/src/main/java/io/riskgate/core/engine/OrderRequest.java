package io.riskgate.core.engine;

import io.riskgate.core.event.Side;
import io.riskgate.core.event.TimeInForce;

/**
 * An order to check, in the engine's own terms: dense ids and fixed-point numbers. Mutable and
 * meant to be reused by the caller, so the in-process hot path allocates nothing.
 */
public final class OrderRequest {
  public long timestampNanos;

  /** Unique key of the order (the caller's order id, as a number). */
  public long orderKey;

  /** The order id as text, carried into the decision; may be null on the in-process path. */
  public String orderId;

  public int account;
  public int strategy;
  public int instrument;
  public Side side;

  /** Fixed-point quantity, positive. */
  public long quantity;

  /** Fixed-point limit price, or 0 for a market order. */
  public long price;

  /** Fixed-point declared leverage, or 0 for none. */
  public long leverage;

  /** How long the order stays open; {@link TimeInForce#GTC} unless set after {@link #set}. */
  public TimeInForce timeInForce = TimeInForce.GTC;

  /** When a {@link TimeInForce#GTD} order expires, ns since the epoch; else unused. */
  public long expireAtNanos;

  /** Fills every field; returns this. */
  public OrderRequest set(
      long timestampNanos,
      long orderKey,
      String orderId,
      int account,
      int strategy,
      int instrument,
      Side side,
      long quantity,
      long price,
      long leverage) {
    this.timestampNanos = timestampNanos;
    this.orderKey = orderKey;
    this.orderId = orderId;
    this.account = account;
    this.strategy = strategy;
    this.instrument = instrument;
    this.side = side;
    this.quantity = quantity;
    this.price = price;
    this.leverage = leverage;
    this.timeInForce = TimeInForce.GTC;
    this.expireAtNanos = 0;
    return this;
  }
}
