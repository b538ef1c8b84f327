package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Side;
import io.riskgate.core.event.TimeInForce;
import io.riskgate.core.position.Holding;

/**
 * The checks an order must pass before any limit can be evaluated: a well-formed order ({@code
 * INVALID_ORDER}) and amounts within the engine's range. They read the order's own fields (types of
 * the event language), so they live beside the pipeline rather than in {@code core.check}.
 */
final class OrderValidation {
  static final String BEYOND_RANGE =
      "beyond the largest amount the engine holds exactly (10,000,000,000)";

  private OrderValidation() {}

  /** Why the order is malformed for the instrument, or null. */
  static String invalidReason(OrderRequest order, InstrumentState instrument) {
    if (order.side == null) {
      return "side is missing";
    }
    if (order.quantity <= 0) {
      return "quantity must be positive";
    }
    if (order.quantity % instrument.lotSize != 0) {
      return "quantity is not a multiple of the lot size";
    }
    if (order.price < 0) {
      return "price must be positive (or absent for a market order)";
    }
    if (order.price > 0 && order.price % instrument.tickSize != 0) {
      return "price is not on the tick grid";
    }
    if (order.leverage < 0) {
      return "declared leverage must not be negative";
    }
    if (order.timeInForce == null) {
      return "timeInForce is missing";
    }
    if (order.timeInForce == TimeInForce.GTD && order.expireAtNanos <= order.timestampNanos) {
      return "expireAt of a gtd order must be after its time";
    }
    return null;
  }

  /** Records {@code INVALID_ORDER} with the reason (if any); returns whether the order is valid. */
  static boolean wellFormed(Decision d, OrderRequest order, InstrumentState instrument) {
    final String invalid = invalidReason(order, instrument);
    return d.record(
        CheckCode.INVALID_ORDER,
        invalid == null,
        Fixed.toDouble(order.quantity),
        0,
        null,
        null,
        invalid);
  }

  /**
   * Holds the order against the engine's range before any check multiplies: its notional at its
   * price and at the reference price (0 when there is none yet: the NO_PRICE check rejects it), and
   * the worst-case exposure that would result at the book, account and firm levels with their
   * ledgers' gross exposure, must each stay within {@link Fixed#MAX_AMOUNT}. An order beyond it (a
   * fat finger, a price in the wrong unit) is rejected with the amount and the bound, never
   * answered by an overflow; every later check then computes in range.
   */
  static boolean withinRange(
      Decision d,
      OrderRequest order,
      InstrumentState instrument,
      Holding position,
      Holding accountHolding,
      Ledger strategy,
      Ledger account,
      Ledger firm) {
    final long reference = instrument.referencePrice();
    final long orderPrice =
        order.price > 0 ? order.price : instrument.executablePrice(order.side.sign());
    final long multiplier = instrument.multiplier();
    final long atPrice = instrument.valueOrOverflow(order.quantity, orderPrice);
    final long atReference = instrument.valueOrOverflow(order.quantity, reference);
    if (!Fixed.isWithinAmountRange(atPrice) || !Fixed.isWithinAmountRange(atReference)) {
      final double price = Fixed.toDouble(Math.max(orderPrice, reference));
      return d.record(
          CheckCode.ORDER_NOTIONAL_LIMIT,
          false,
          Fixed.toDouble(order.quantity) * price * Fixed.toDouble(multiplier),
          Fixed.toDouble(Fixed.MAX_AMOUNT),
          null,
          null,
          BEYOND_RANGE);
    }
    return resultingWithinRange(d, order, instrument, reference, position, strategy)
        && resultingWithinRange(d, order, instrument, reference, accountHolding, account)
        && resultingWithinRange(d, order, instrument, reference, instrument.firm, firm);
  }

  private static boolean resultingWithinRange(
      Decision d,
      OrderRequest order,
      InstrumentState instrument,
      long reference,
      Holding holding,
      Ledger ledger) {
    final long net = holding == null ? 0 : holding.net;
    final long openBuy = holding == null ? 0 : holding.openBuy;
    final long openSell = holding == null ? 0 : holding.openSell;
    final long buy = order.side == Side.BUY ? order.quantity : 0;
    final long sell = order.side == Side.SELL ? order.quantity : 0;
    final long high = Fixed.addOrOverflow(Fixed.addOrOverflow(net, openBuy), buy);
    final long low = Fixed.addOrOverflow(Fixed.addOrOverflow(net, -openSell), -sell);
    long gross = Fixed.OVERFLOW;
    if (high != Fixed.OVERFLOW && low != Fixed.OVERFLOW) {
      final long worst = Math.max(Math.abs(high), Math.abs(low));
      final long exposure = instrument.valueOrOverflow(worst, reference);
      final long before = holding == null ? 0 : holding.exposure;
      gross = Fixed.addOrOverflow(Fixed.addOrOverflow(ledger.grossExposure, -before), exposure);
    }
    if (Fixed.isWithinAmountRange(gross)) {
      return true;
    }
    return d.record(
        CheckCode.INVALID_ORDER,
        false,
        gross == Fixed.OVERFLOW ? Double.POSITIVE_INFINITY : Fixed.toDouble(gross),
        Fixed.toDouble(Fixed.MAX_AMOUNT),
        ledger.kind,
        ledger.name,
        "resulting gross exposure " + BEYOND_RANGE);
  }
}
