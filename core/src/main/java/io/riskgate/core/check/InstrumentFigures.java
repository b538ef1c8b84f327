package io.riskgate.core.check;

/**
 * An instrument as the checks read it: its symbol (the name of the instrument scope) and the value
 * of a quantity at a price in the account currency. Implemented by the engine's instrument state.
 */
public interface InstrumentFigures {
  String symbol();

  /**
   * The value of {@code quantity} at {@code price} in the account currency, at the high side of the
   * conversion; in range once the order has passed the range check.
   */
  long value(long quantity, long price);
}
