package io.riskgate.core.volatility;

/**
 * Samples price ticks into OHLC bars of a fixed interval, for instruments that send prices but no
 * bars. Named for what it does: it samples a tick stream into bars.
 *
 * <p>Bars are aligned to whole multiples of the interval since the epoch ({@code start = floor(t /
 * interval) · interval}). A bar completes when the first tick of a later interval arrives ({@link
 * #onTick} returns true) or when a timer passes its end ({@link #onTimer} returns true); the
 * completed bar is then readable through the {@code completed…} accessors until the next
 * completion. Intervals without any tick produce no bar. Time is an argument; timestamps must not
 * go backwards. Allocation-free.
 */
public final class BarSampler {
  private final long intervalNanos;
  private long lastTimestampNanos = Long.MIN_VALUE;

  private boolean open;
  private long startNanos;
  private double openPrice;
  private double high;
  private double low;
  private double close;

  private long completedStartNanos = Long.MIN_VALUE;
  private double completedOpen = Double.NaN;
  private double completedHigh = Double.NaN;
  private double completedLow = Double.NaN;
  private double completedClose = Double.NaN;

  /**
   * @param intervalNanos bar length in nanoseconds, positive
   */
  public BarSampler(long intervalNanos) {
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("bar interval must be positive, got " + intervalNanos);
    }
    this.intervalNanos = intervalNanos;
  }

  /**
   * Adds a tick; returns true when it closed the previous bar (the tick itself opens the next one).
   *
   * @throws IllegalArgumentException if the price is not finite and positive or the timestamp is
   *     earlier than the last one seen (nothing changes)
   */
  public boolean onTick(long timestampNanos, double price) {
    BarValidation.requirePrice("price", price);
    requireNotBackwards(timestampNanos);
    lastTimestampNanos = timestampNanos;
    final long bucket = Math.floorDiv(timestampNanos, intervalNanos) * intervalNanos;
    if (open && bucket == startNanos) {
      if (price > high) {
        high = price;
      } else if (price < low) {
        low = price;
      }
      close = price;
      return false;
    }
    final boolean completed = open;
    if (completed) {
      complete();
    }
    open = true;
    startNanos = bucket;
    openPrice = price;
    high = price;
    low = price;
    close = price;
    return completed;
  }

  /**
   * Closes the bar in progress if {@code nowNanos} is at or past its end; returns true when it did.
   *
   * @throws IllegalArgumentException if {@code nowNanos} is earlier than the last time seen
   */
  public boolean onTimer(long nowNanos) {
    requireNotBackwards(nowNanos);
    lastTimestampNanos = nowNanos;
    if (open && nowNanos - startNanos >= intervalNanos) {
      complete();
      open = false;
      return true;
    }
    return false;
  }

  private void requireNotBackwards(long timestampNanos) {
    if (timestampNanos < lastTimestampNanos) {
      throw new IllegalArgumentException(
          "time went backwards: "
              + timestampNanos
              + " ns is before the last time seen, "
              + lastTimestampNanos
              + " ns");
    }
  }

  private void complete() {
    completedStartNanos = startNanos;
    completedOpen = openPrice;
    completedHigh = high;
    completedLow = low;
    completedClose = close;
  }

  public long intervalNanos() {
    return intervalNanos;
  }

  /** True while a bar is being built. */
  public boolean hasOpenBar() {
    return open;
  }

  /** Start of the last completed bar, {@link Long#MIN_VALUE} before any. */
  public long completedStartNanos() {
    return completedStartNanos;
  }

  public double completedOpen() {
    return completedOpen;
  }

  public double completedHigh() {
    return completedHigh;
  }

  public double completedLow() {
    return completedLow;
  }

  public double completedClose() {
    return completedClose;
  }
}
