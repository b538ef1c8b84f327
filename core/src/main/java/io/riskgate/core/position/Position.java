package io.riskgate.core.position;

import io.riskgate.core.Fixed;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

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

  /** Unrealized PnL valued at a new price and not yet applied (see {@link #pendingExposure}). */
  public long pendingUnrealized;

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

  /**
   * The latest fill on this position while it can still be busted or corrected (it neither closed
   * nor reversed the position), or null: its id, signed quantity, price, fee, realized PnL, and the
   * position's net, cost, open time and trade PnL before it; its notional counted in the trading
   * day {@code lastFillDay}.
   */
  public String lastFillId;

  public long lastFillSigned;
  public long lastFillPrice;
  public long lastFillFee;
  public long lastFillRealized;
  public long lastFillDay;
  public long netBeforeLastFill;
  public long costBeforeLastFill;
  public long openedBeforeLastFill;
  public long tradePnlBeforeLastFill;

  public Position(int book, int instrument) {
    this.book = book;
    this.instrument = instrument;
  }

  /**
   * What a fill would leave in a position, computed without changing it: the engine previews a
   * fill, holds every resulting amount against its range, and only then applies it.
   */
  public static final class FillPreview {
    /** Net quantity after the fill. */
    public long net;

    /** Entry value of the open quantity after the fill. */
    public long cost;

    /** Realized PnL of the fill, before fees. */
    public long realized;

    /** True when the fill opens the position (from zero, or by flipping it). */
    public boolean opens;
  }

  /**
   * Computes the effect of a fill into {@code out}, changing nothing.
   *
   * @param signedQuantity positive for a buy, negative for a sell
   * @throws ArithmeticException when an amount does not fit in a fixed-point value
   */
  public void preview(long signedQuantity, long price, long multiplier, FillPreview out) {
    final long value = Fixed.notional(Math.abs(signedQuantity), price, multiplier);
    if (net == 0 || Long.signum(net) == Long.signum(signedQuantity)) {
      out.opens = net == 0;
      out.net = Math.addExact(net, signedQuantity);
      out.cost = Math.addExact(cost, signedQuantity > 0 ? value : -value);
      out.realized = 0;
      return;
    }
    final long held = Math.abs(net);
    final long incoming = Math.abs(signedQuantity);
    final long closing = Math.min(held, incoming);
    final long heldSign = Long.signum(net);
    final long released = closing == held ? cost : Fixed.mulDiv(cost, closing, held);
    final long closingValue =
        closing == incoming ? value : Fixed.notional(closing, price, multiplier);
    out.realized = Math.subtractExact(heldSign * closingValue, released);
    if (incoming > held) {
      out.opens = true;
      out.net = Long.signum(signedQuantity) * (incoming - held);
      out.cost = Long.signum(signedQuantity) * (value - closingValue);
    } else {
      out.opens = false;
      out.net = net - heldSign * closing;
      out.cost = cost - released;
    }
  }

  /**
   * Applies a fill previewed by {@link #preview} with the same arguments and returns the realized
   * PnL it produced (before fees).
   */
  public long apply(FillPreview preview, long fee, long timestampNanos) {
    if (preview.opens) {
      openedAtNanos = timestampNanos;
    }
    net = preview.net;
    cost = preview.cost;
    realized += preview.realized;
    fees += fee;
    tradePnl += preview.realized - fee;
    return preview.realized;
  }

  /**
   * Applies a fill and returns the realized PnL it produced (before fees).
   *
   * @param signedQuantity positive for a buy, negative for a sell
   * @param price the fill price
   * @param multiplier the instrument's contract multiplier
   * @throws ArithmeticException when an amount does not fit; the position is then unchanged
   */
  public long apply(
      long signedQuantity, long price, long multiplier, long fee, long timestampNanos) {
    final FillPreview preview = new FillPreview();
    preview(signedQuantity, price, multiplier, preview);
    return apply(preview, fee, timestampNanos);
  }

  /** Average entry price (fixed-point), or 0 when flat. Display only. */
  public long averageEntryPrice(long multiplier) {
    return net == 0 ? 0 : Fixed.mulDiv(Fixed.divide(cost, net), Fixed.ONE, multiplier);
  }

  /**
   * Writes the position: its book and instrument, the holding, the accounting and the latest fill
   * that can still be busted (its id by value). The index in the instrument's list is not written:
   * the instrument's section lists its positions in order.
   */
  @Override
  public void write(SnapshotWriter out) {
    out.writeInt(book);
    out.writeInt(instrument);
    super.write(out);
    out.writeLong(cost);
    out.writeLong(realized);
    out.writeLong(fees);
    out.writeLong(unrealized);
    out.writeLong(openedAtNanos);
    out.writeLong(tradePnl);
    out.writeInt(alertFlags);
    out.writeLong(bestMark);
    out.writeString(lastFillId);
    if (lastFillId != null) {
      out.writeLong(lastFillSigned);
      out.writeLong(lastFillPrice);
      out.writeLong(lastFillFee);
      out.writeLong(lastFillRealized);
      out.writeLong(lastFillDay);
      out.writeLong(netBeforeLastFill);
      out.writeLong(costBeforeLastFill);
      out.writeLong(openedBeforeLastFill);
      out.writeLong(tradePnlBeforeLastFill);
    }
  }

  /** Reads a position that {@link #write} wrote. */
  public static Position readPosition(SnapshotReader in) {
    final Position p = new Position(in.readInt(), in.readInt());
    p.read(in);
    return p;
  }

  /** Reads the part after the book and instrument (see {@link #readPosition}). */
  @Override
  public void read(SnapshotReader in) {
    super.read(in);
    cost = in.readLong();
    realized = in.readLong();
    fees = in.readLong();
    unrealized = in.readLong();
    openedAtNanos = in.readLong();
    tradePnl = in.readLong();
    alertFlags = in.readInt();
    bestMark = in.readLong();
    lastFillId = in.readString();
    if (lastFillId != null) {
      lastFillSigned = in.readLong();
      lastFillPrice = in.readLong();
      lastFillFee = in.readLong();
      lastFillRealized = in.readLong();
      lastFillDay = in.readLong();
      netBeforeLastFill = in.readLong();
      costBeforeLastFill = in.readLong();
      openedBeforeLastFill = in.readLong();
      tradePnlBeforeLastFill = in.readLong();
    }
  }
}
