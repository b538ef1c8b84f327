package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * How amounts in one instrument's currency become amounts in the account currency: one or two legs
 * (pairs of {@link FxRates}, each multiplied by or divided by), with the legs' current rates copied
 * in so that a conversion reads nothing else.
 *
 * <p>Every conversion is side-aware. The <em>low</em> side is what selling the currency gets (the
 * bid of a direct pair); the <em>high</em> side what buying it costs (the ask). A long position's
 * value and a gain are converted at the low side, a short's value, a loss and a fee at the high
 * side, and an exposure (held against a limit) at the high side, so a conversion never flatters the
 * book. Each leg rounds half-even to 10⁻⁸ of its currency.
 */
final class FxPath {
  /** The pair "CURRENCY/ACCOUNT" named in messages (the conversion asked for). */
  final String pair;

  int leg1 = -1;
  int leg2 = -1;
  boolean divide1;
  boolean divide2;
  long low1;
  long high1;
  long low2;
  long high2;

  /** Time of the oldest leg's rate, ns; meaningless without a leg. */
  long timeNanos;

  /** The reason of a {@code NO_FX_RATE} check without any rate. */
  final String noRateReason;

  /** The reason of a {@code NO_FX_RATE} check with a rate too old; set with the legs. */
  String staleReason;

  /**
   * The conversion with the pairs it uses, for messages: {@code "EUR/USD"}, or {@code "JPY/USD
   * (USD/JPY)"} for an inverse, {@code "JPY/EUR (USD/JPY, EUR/USD)"} through USD.
   */
  String described;

  FxPath(String pair) {
    this.pair = pair;
    this.noRateReason = "no rate for " + pair + " (direct, inverse or through one currency)";
    clear();
  }

  /** Names the pairs of the legs (once chosen) in the messages. */
  void describe(String legs) {
    described = legs.equals(pair) ? pair : pair + " (" + legs + ")";
    staleReason = "rate for " + described + " older than maxFxAgeSeconds";
  }

  void clear() {
    described = pair;
    staleReason = "rate for " + pair + " older than maxFxAgeSeconds";
    leg1 = -1;
    leg2 = -1;
    divide1 = false;
    divide2 = false;
    low1 = 0;
    high1 = 0;
    low2 = 0;
    high2 = 0;
    timeNanos = Long.MIN_VALUE;
  }

  /** True when a conversion exists (a rate may still be too old to use for an order). */
  boolean exists() {
    return leg1 >= 0;
  }

  /**
   * {@code amount} converted at the high side ({@code high}) or the low side.
   *
   * @throws ArithmeticException when the result does not fit, or there is no path
   */
  long convert(long amount, boolean high) {
    if (leg1 < 0) {
      throw new ArithmeticException("no conversion rate for " + pair);
    }
    long value = leg(amount, divide1, high ? high1 : low1);
    if (leg2 >= 0) {
      value = leg(value, divide2, high ? high2 : low2);
    }
    return value;
  }

  /** A signed amount (a PnL): a gain at the low side, a loss at the high side. */
  long convertSigned(long amount) {
    return convert(amount, amount < 0);
  }

  /** The value of a position: a long's at the low side, a short's at the high side. */
  long convertForPosition(long amount, long net) {
    return convert(amount, net < 0);
  }

  /** The factor of the high or low side as a double, for statistics and sizing. */
  double factor(boolean high) {
    double value = factorOf(divide1, high ? high1 : low1);
    if (leg2 >= 0) {
      value *= factorOf(divide2, high ? high2 : low2);
    }
    return value;
  }

  private static double factorOf(boolean divide, long rate) {
    final double r = Fixed.toDouble(rate);
    return divide ? 1.0 / r : r;
  }

  private static long leg(long amount, boolean divide, long rate) {
    return divide ? Fixed.mulDiv(amount, Fixed.ONE, rate) : Fixed.multiply(amount, rate);
  }

  /**
   * Writes the path as it is: the pair, the legs and their rates, the time and the legs' text (the
   * reasons are worked out from them).
   */
  void write(SnapshotWriter out) {
    out.writeString(pair);
    out.writeInt(leg1);
    out.writeInt(leg2);
    out.writeBoolean(divide1);
    out.writeBoolean(divide2);
    out.writeLong(low1);
    out.writeLong(high1);
    out.writeLong(low2);
    out.writeLong(high2);
    out.writeLong(timeNanos);
    out.writeString(described);
  }

  /** Reads a path that {@link #write} wrote, whose legs index {@code rates} rates. */
  static FxPath read(SnapshotReader in, int rates) {
    final FxPath path = new FxPath(in.readStringNonNull("currency pair"));
    path.leg1 = in.readInt();
    path.leg2 = in.readInt();
    if (path.leg1 < -1 || path.leg1 >= rates || path.leg2 < -1 || path.leg2 >= rates) {
      throw in.invalid(
          "conversion " + path.pair + " through rates " + path.leg1 + ", " + path.leg2);
    }
    path.divide1 = in.readBoolean();
    path.divide2 = in.readBoolean();
    path.low1 = in.readLong();
    path.high1 = in.readLong();
    path.low2 = in.readLong();
    path.high2 = in.readLong();
    path.timeNanos = in.readLong();
    path.described = in.readStringNonNull("conversion text");
    path.staleReason = "rate for " + path.described + " older than maxFxAgeSeconds";
    return path;
  }
}
