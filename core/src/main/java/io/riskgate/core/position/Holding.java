package io.riskgate.core.position;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * The quantities of one instrument held at one level (a book, an account or the firm): the net
 * position and the open buy and sell quantities reserved by approved orders. Its exposure is the
 * worst case over the open orders filling: {@code max(|net + openBuy|, |net − openSell|)} valued at
 * the reference price.
 */
public class Holding {
  /** Net position, fixed-point quantity; positive long, negative short. */
  public long net;

  /** Quantity of approved buy orders not yet filled or cancelled. */
  public long openBuy;

  /** Quantity of approved sell orders not yet filled or cancelled. */
  public long openSell;

  /** Last computed worst-case exposure in money, as added into the owner's gross exposure. */
  public long exposure;

  /**
   * Exposure valued at a new price and not yet applied: scratch of the engine's two-step marking
   * (value everything, refuse the price if an amount leaves the range, then apply).
   */
  public long pendingExposure;

  /** The worst-case absolute quantity if the open orders (and an extra order) filled. */
  public long worstQuantity(long extraBuy, long extraSell) {
    return Math.max(Math.abs(net + openBuy + extraBuy), Math.abs(net - openSell - extraSell));
  }

  /** Quantity resulting on the order's side: all open orders of that side and the order fill. */
  public long resultingQuantity(int sideSign, long quantity) {
    return sideSign > 0 ? net + openBuy + quantity : net - openSell - quantity;
  }

  /** Writes the quantities and the exposure (the pending exposure is scratch, not state). */
  public void write(SnapshotWriter out) {
    out.writeLong(net);
    out.writeLong(openBuy);
    out.writeLong(openSell);
    out.writeLong(exposure);
  }

  /** Reads what {@link #write} wrote into this holding. */
  public void read(SnapshotReader in) {
    net = in.readLong();
    openBuy = in.readLong();
    openSell = in.readLong();
    exposure = in.readLong();
  }
}
