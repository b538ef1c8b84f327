package io.riskgate.core.sizing;

import io.riskgate.core.check.InstrumentFigures;
import io.riskgate.core.position.Holding;

/**
 * An instrument as a size request reads it: its prices, its conversion into the account currency,
 * its contract terms, its volatility and traded volume, and the holdings the limits are held
 * against. Implemented by the engine's instrument state; sizing changes none of it.
 */
public interface SizedInstrument extends InstrumentFigures {
  /** Mid of a two-sided quote, else last, else the one side quoted; 0 if none. */
  long referencePrice();

  /** What a market order on {@code sideSign} would expect to pay or receive; 0 if none. */
  long executablePrice(int sideSign);

  long multiplier();

  long lotSize();

  /** Whether the instrument is priced in a currency other than the account's. */
  boolean foreign();

  /** Whether a foreign instrument's conversion rate is known (always true for a domestic one). */
  boolean rateKnown();

  /**
   * {@code amount} in the instrument's currency converted to the account currency at the high side;
   * the amount itself for a domestic instrument.
   *
   * @throws ArithmeticException when the converted amount leaves the range of a long
   */
  long toAccountCurrency(long amount);

  /** The conversion factor of the high or low side; 1 for a domestic instrument. */
  double rateFactor(boolean highSide);

  /** Annualized historical volatility of the bars (or sampled closes), NaN without history. */
  double historicalVolatility();

  /** Wilder's ATR of the bars, NaN without history. */
  double atr();

  /** Mean traded notional per completed day in the instrument's currency, or NaN. */
  double averageDailyNotional();

  /** The firm's holding of the instrument. */
  Holding firmHolding();

  /** The holding of one account (created empty on first use). */
  Holding accountHolding(int account);
}
