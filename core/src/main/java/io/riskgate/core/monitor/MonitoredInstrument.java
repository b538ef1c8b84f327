package io.riskgate.core.monitor;

import io.riskgate.core.check.InstrumentFigures;
import io.riskgate.core.position.Holding;
import io.riskgate.core.session.TradingSession;

/**
 * An instrument as the monitor and the staleness judge read it. Implemented by the engine's
 * instrument state; neither changes it.
 */
public interface MonitoredInstrument extends InstrumentFigures {
  /** The instrument's dense id. */
  int id();

  /** Whether the instrument is priced in a currency other than the account's. */
  boolean foreign();

  /** Whether a foreign instrument's conversion rate is known (always true for a domestic one). */
  boolean rateKnown();

  /** The conversion factor of the high or low side; 1 for a domestic instrument. */
  double rateFactor(boolean highSide);

  /** The holding of one account, or null when it never held the instrument; creates nothing. */
  Holding heldByAccount(int account);

  /** How many positions (with a quantity or open orders) the instrument has. */
  int positionCount();

  /** Event time of its last price or bar, or {@link Long#MIN_VALUE}. */
  long lastPriceNanos();

  /** The trading session of its market. */
  TradingSession session();
}
