package io.riskgate.core.stats;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * Running statistics of a strategy's closed trades: count, win rate, average win and loss, profit
 * factor, expectancy and average holding time.
 *
 * <p>Named for what it summarizes: trades, one {@link #record} per closed trade, in contrast to
 * {@link ReturnStatistics}, which summarizes periodic returns. A trade with a positive PnL is a
 * win, a negative one a loss, and a zero PnL a scratch trade that counts in the trade count, the
 * win rate's denominator, the expectancy and the holding time, but in neither the wins nor the
 * losses. Recording allocates nothing. Mutable and not thread-safe: one owner (the engine thread)
 * records and reads.
 */
public final class TradeStatistics {

  private long trades;
  private long wins;
  private long losses;
  private double grossProfit;
  private double grossLoss;
  private long totalHoldingNanos;

  /** Records one closed trade; rejects a non-finite PnL or a negative holding time unchanged. */
  public void record(double pnl, long holdingNanos) {
    if (!Double.isFinite(pnl)) {
      throw new IllegalArgumentException("trade PnL must be finite, was " + pnl);
    }
    if (holdingNanos < 0) {
      throw new IllegalArgumentException(
          "holding time must not be negative, was " + holdingNanos + " ns");
    }
    final long holding = Math.addExact(totalHoldingNanos, holdingNanos);
    totalHoldingNanos = holding;
    trades++;
    if (pnl > 0.0) {
      wins++;
      grossProfit += pnl;
    } else if (pnl < 0.0) {
      losses++;
      grossLoss += pnl;
    }
  }

  /** Forgets every recorded trade. */
  public void clear() {
    trades = 0;
    wins = 0;
    losses = 0;
    grossProfit = 0.0;
    grossLoss = 0.0;
    totalHoldingNanos = 0;
  }

  /** Closed trades recorded. */
  public long tradeCount() {
    return trades;
  }

  /** Trades with a positive PnL. */
  public long winCount() {
    return wins;
  }

  /** Trades with a negative PnL. */
  public long lossCount() {
    return losses;
  }

  /** Wins over all trades; NaN before the first trade. */
  public double winRate() {
    return trades == 0 ? Double.NaN : (double) wins / trades;
  }

  /** Mean PnL of the winning trades (positive); NaN without a win. */
  public double averageWin() {
    return wins == 0 ? Double.NaN : grossProfit / wins;
  }

  /** Mean PnL of the losing trades (negative); NaN without a loss. */
  public double averageLoss() {
    return losses == 0 ? Double.NaN : grossLoss / losses;
  }

  /** Sum of the winning trades' PnL. */
  public double grossProfit() {
    return grossProfit;
  }

  /** Sum of the losing trades' PnL (zero or negative). */
  public double grossLoss() {
    return grossLoss;
  }

  /**
   * Gross profit over the magnitude of the gross loss; +Infinity with wins and no loss, NaN with
   * neither.
   */
  public double profitFactor() {
    return ReturnStatistics.ratio(grossProfit, -grossLoss);
  }

  /** Mean PnL per trade, scratch trades included; NaN before the first trade. */
  public double expectancy() {
    return trades == 0 ? Double.NaN : (grossProfit + grossLoss) / trades;
  }

  /** Mean holding time per trade in nanoseconds; NaN before the first trade. */
  public double averageHoldingNanos() {
    return trades == 0 ? Double.NaN : (double) totalHoldingNanos / trades;
  }

  /** Writes the running sums. */
  public void write(SnapshotWriter out) {
    out.writeLong(trades);
    out.writeLong(wins);
    out.writeLong(losses);
    out.writeDouble(grossProfit);
    out.writeDouble(grossLoss);
    out.writeLong(totalHoldingNanos);
  }

  /** Reads what {@link #write} wrote into these statistics. */
  public void read(SnapshotReader in) {
    trades = in.readLong();
    wins = in.readLong();
    losses = in.readLong();
    grossProfit = in.readDouble();
    grossLoss = in.readDouble();
    totalHoldingNanos = in.readLong();
  }
}
