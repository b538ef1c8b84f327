package io.riskgate.core.event;

/** The side of an order or fill: a buy adds to the position, a sell subtracts from it. */
public enum Side {
  BUY(1),
  SELL(-1);

  private final int sign;

  Side(int sign) {
    this.sign = sign;
  }

  /** +1 for a buy, −1 for a sell. */
  public int sign() {
    return sign;
  }

  /** The event language's spelling, {@code "buy"} or {@code "sell"}. */
  public String wireName() {
    return this == BUY ? "buy" : "sell";
  }

  /** Parses {@code "buy"} or {@code "sell"} (any case). */
  public static Side parse(String text) {
    if ("buy".equalsIgnoreCase(text)) {
      return BUY;
    }
    if ("sell".equalsIgnoreCase(text)) {
      return SELL;
    }
    throw new IllegalArgumentException("side must be \"buy\" or \"sell\", got \"" + text + "\"");
  }
}
