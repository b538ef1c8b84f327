package io.riskgate.core.report;

import io.riskgate.core.check.InstrumentFigures;
import io.riskgate.core.event.Event;
import io.riskgate.core.position.Holding;

/**
 * An instrument as the risk report and the headroom report read it: its definition, prices,
 * conversion, return history and holdings. Implemented by the engine's instrument state; the
 * reports change none of it.
 */
public interface ReportedInstrument extends InstrumentFigures {
  /** The instrument's dense id. */
  int id();

  Event.Instrument definition();

  /** Mid of a two-sided quote, else last, else the one side quoted; 0 if none. */
  long referencePrice();

  long multiplier();

  /** Whether the instrument is priced in a currency other than the account's. */
  boolean foreign();

  /** Whether a foreign instrument's conversion rate is known (always true for a domestic one). */
  boolean rateKnown();

  /** The conversion factor of the high or low side; 1 for a domestic instrument. */
  double rateFactor(boolean highSide);

  /** How many returns the history holds. */
  int returnCount();

  /** The {@code k}-th most recent return, 0 the newest. */
  double recentReturn(int k);

  /** The firm's holding of the instrument. */
  Holding firmHolding();

  /** The holding of one account, or null when it never held the instrument; creates nothing. */
  Holding heldByAccount(int account);
}
