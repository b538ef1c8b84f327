package io.riskgate.core.position;

import io.riskgate.core.Fixed;

/**
 * One book's position in one instrument, with exact accounting.
 *
 * <p>The position keeps its <em>cost</em>: the exact signed value at entry prices of the quantity
 * still open (positive for a long). Adding to the position adds the fill's value; reducing it
 * releases a proportional share of the cost, and all of it when the position closes, so over any
 * sequence of fills that ends flat the realized PnL is exactly the sum of sell values minus buy
 * values. Average entry price is derived (cost ÷ quantity), never stored.
 */
public final class Position extends Holding {
  /** Dense id of the book (strategy) that holds it. */
  public final int book;

  /** Dense id of the instrument. */
  public final int instrument;

  /** Exact signed entry value of the open quantity, in money (fixed-point). */
  public long cost;

  /** Realized PnL before fees, in money. */
  public long realized;

  /** Fees paid, in money (non-negative). */
  public long fees;

  /** Unrealized PnL at the last mark, in money (as last added into the book's totals). */
  public long unrealized;

  /** Event time at which the current position was opened (or flipped), ns. */
  public long openedAtNanos;

  /** Realized PnL net of fees of the trade now open (since the position left zero). */
  public long tradePnl;

  /** Monitoring alerts raised for this position, a bit set (see the engine's monitor). */
  public int alertFlags;

  /** Best mark since the position opened (highest for a long, lowest for a short), for stops. */
  public long bestMark;

  /** Index of this position in its instrument's list of positions, or −1. */
  public int indexInInstrument = -1;

  public Position(int book, int instrument) {
    this.book = book;
    this.instrument = instrument;
  }

  /**
   * Applies a fill and returns the realized PnL it produced (before fees).
   *
   * @param signedQuantity positive for a buy, negative for a sell
   * @param price the fill price
   * @param multiplier the instrument's contract multiplier
   */
  public long apply(
      long signedQuantity, long price, long multiplier, long fee, long timestampNanos) {
    final long value = Fixed.notional(Math.abs(signedQuantity), price, multiplier);
    long realizedNow = 0;
    if (net == 0 || Long.signum(net) == Long.signum(signedQuantity)) {
      if (net == 0) {
        openedAtNanos = timestampNanos;
      }
      net += signedQuantity;
      cost += signedQuantity > 0 ? value : -value;
    } else {
      final long held = Math.abs(net);
      final long incoming = Math.abs(signedQuantity);
      final long closing = Math.min(held, incoming);
      final long heldSign = Long.signum(net);
      final long released = closing == held ? cost : Fixed.mulDiv(cost, closing, held);
      final long closingValue =
          closing == incoming ? value : Fixed.notional(closing, price, multiplier);
      realizedNow = heldSign * closingValue - released;
      net -= heldSign * closing;
      cost -= released;
      if (incoming > held) {
        final long opening = incoming - held;
        net = Long.signum(signedQuantity) * opening;
        cost = Long.signum(signedQuantity) * (value - closingValue);
        openedAtNanos = timestampNanos;
      }
    }
    realized += realizedNow;
    fees += fee;
    tradePnl += realizedNow - fee;
    return realizedNow;
  }

  /** Average entry price (fixed-point), or 0 when flat. Display only. */
  public long averageEntryPrice(long multiplier) {
    return net == 0 ? 0 : Fixed.mulDiv(Fixed.divide(cost, net), Fixed.ONE, multiplier);
  }
}
