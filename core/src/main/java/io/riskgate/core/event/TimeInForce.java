package io.riskgate.core.event;

/**
 * How long an order stays open when nothing fills or cancels it. The engine expires {@code DAY} and
 * {@code IOC} orders at the trading-day boundary by its own clock (an {@code IOC} order is normally
 * closed by the venue's cancel or expiry report at once; the boundary is the engine's backstop),
 * and {@code GTD} orders when event time reaches their {@code expireAt}. {@code GTC} orders, the
 * default, stay open until filled, cancelled, rejected or reported expired.
 */
public enum TimeInForce {
  GTC("gtc"),
  DAY("day"),
  IOC("ioc"),
  GTD("gtd");

  private static final TimeInForce[] VALUES = values();

  private final String wireName;

  TimeInForce(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the event language. */
  public String wireName() {
    return wireName;
  }

  /** The value of that ordinal (as the engine stores it). */
  public static TimeInForce ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }

  /** Parses the event language's name. */
  public static TimeInForce parse(String text) {
    for (TimeInForce tif : VALUES) {
      if (tif.wireName.equals(text)) {
        return tif;
      }
    }
    throw new IllegalArgumentException(
        "timeInForce must be day, gtc, ioc or gtd; got \"" + text + "\"");
  }
}
