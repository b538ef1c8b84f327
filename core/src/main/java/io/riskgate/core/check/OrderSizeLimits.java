package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;

/**
 * The size of one order: {@code ORDER_QUANTITY_LIMIT} ({@code maxOrderQuantity}) and {@code
 * ORDER_NOTIONAL_LIMIT} ({@code maxOrderNotional}, the order's value at its price, a market order
 * at the executable price), with the headroom both leave ({@link #room}).
 */
public final class OrderSizeLimits {
  private OrderSizeLimits() {}

  public static void quantity(
      Decision d, LimitSet limits, Scope.Kind kind, String name, long quantity) {
    final long limit = limits.get(Limit.MAX_ORDER_QUANTITY);
    if (limit != LimitSet.UNSET) {
      d.record(
          CheckCode.ORDER_QUANTITY_LIMIT,
          quantity <= limit,
          Fixed.toDouble(quantity),
          Fixed.toDouble(limit),
          kind,
          name,
          null);
    }
  }

  public static void notional(
      Decision d, LimitSet limits, Scope.Kind kind, String name, long notional) {
    final long limit = limits.get(Limit.MAX_ORDER_NOTIONAL);
    if (limit != LimitSet.UNSET) {
      d.record(
          CheckCode.ORDER_NOTIONAL_LIMIT,
          notional <= limit,
          Fixed.toDouble(notional),
          Fixed.toDouble(limit),
          kind,
          name,
          null);
    }
  }

  /**
   * The largest order quantity both limits allow at one scope, one unit being worth {@code
   * unitPrice} at the order's price; {@link Headroom#NONE} when neither is set.
   */
  public static long room(LimitSet limits, long unitPrice) {
    long room = Headroom.NONE;
    final long quantity = limits.get(Limit.MAX_ORDER_QUANTITY);
    if (quantity != LimitSet.UNSET) {
      room = quantity;
    }
    final long notional = limits.get(Limit.MAX_ORDER_NOTIONAL);
    if (notional != LimitSet.UNSET) {
      room = Math.min(room, Headroom.quantityFor(notional, unitPrice));
    }
    return room;
  }
}
