package io.riskgate.core.engine;

/** Which price marks a position to market. */
public enum MarkMode {
  /** Long positions at the bid, short at the ask; last trade when that side is not quoted. */
  SIDE,
  /** The mid of bid and ask (or last). */
  MID,
  /** The last trade price (or the mid). */
  LAST
}
