package io.riskgate.core.limit;

/**
 * What a scope may still do: trade freely, only reduce risk, or nothing but cancel.
 *
 * <p>Ordered by severity; the most severe state of all scopes that apply to an order wins.
 */
public enum TradingState {
  /** Any order the limits allow. */
  ACTIVE,
  /** Only orders that move a position toward zero. */
  REDUCING,
  /** No new orders; cancels always pass. */
  HALTED;

  /** The most severe of three states (the one that wins for an order). */
  public static TradingState mostSevere(TradingState a, TradingState b, TradingState c) {
    final TradingState worst = b.ordinal() > a.ordinal() ? b : a;
    return c.ordinal() > worst.ordinal() ? c : worst;
  }

  /** Parses the event language's spelling (any case). */
  public static TradingState parse(String text) {
    for (TradingState state : values()) {
      if (state.name().equalsIgnoreCase(text)) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "state must be one of active, reducing, halted; got \"" + text + "\"");
  }
}
