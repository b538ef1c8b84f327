package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;

/**
 * Market data as it arrives: a price of an instrument or a conversion rate, validated, applied, and
 * every holding it values re-marked (the marking itself is {@link MarkAccounting}). Either is
 * refused whole, with nothing changed, when a revalued amount would leave the engine's range.
 * Static, on the engine's state; called by {@link RiskEngine#price} and {@link RiskEngine#apply}.
 */
final class MarketData {
  private MarketData() {}

  /**
   * Applies a quote or trade price (fixed-point; 0 = not given) and re-marks every position in the
   * instrument.
   */
  static void price(
      RiskEngine e, long timestampNanos, int instrument, long bid, long ask, long last) {
    final InstrumentState state = e.instrumentState(instrument);
    if (bid < 0 || ask < 0 || last < 0 || (bid == 0 && ask == 0 && last == 0)) {
      throw new IllegalArgumentException("price needs positive bid, ask or last");
    }
    if (bid > 0 && ask > 0 && bid > ask) {
      throw new IllegalArgumentException("bid is above ask");
    }
    e.requireTimeNotBefore(timestampNanos);
    final long previousReference = state.referencePrice();
    final long previousBid = state.bid;
    final long previousAsk = state.ask;
    final long previousLast = state.last;
    state.bid = bid;
    state.ask = ask;
    if (last > 0) {
      state.last = last;
    }
    if (!MarkAccounting.valueMarks(e, state)) {
      state.bid = previousBid;
      state.ask = previousAsk;
      state.last = previousLast;
      throw new IllegalArgumentException(
          "fields \"bid\", \"ask\", \"last\": a price of "
              + Fixed.toString(bid)
              + " / "
              + Fixed.toString(ask)
              + " / "
              + Fixed.toString(last)
              + " would value the positions in "
              + state.definition.symbol()
              + " beyond the largest amount the engine holds exactly (10,000,000,000)");
    }
    e.advanceTime(timestampNanos);
    state.lastPriceNanos = timestampNanos;
    if (!state.hasBars) {
      MarkAccounting.sampleClose(e, state, timestampNanos);
    }
    MarkAccounting.remarkInstrument(e, state);
    e.safeguards.onPrice(state, previousReference);
    e.staleness.onPrice(state);
    e.safeguards.afterEvent();
  }

  /**
   * Applies a conversion rate and re-values every position in a currency it converts. Refused whole
   * when a revalued amount, or a ledger's total of them, would leave the engine's range.
   */
  static void fxRate(RiskEngine e, Event.FxRate rate) {
    e.requireTimeNotBefore(rate.timestampNanos());
    final FxRates fxRates = e.fxRates;
    int index = fxRates.find(rate.base(), rate.quote());
    final boolean added = index < 0;
    final long previousBid = added ? 0 : fxRates.bids[index];
    final long previousAsk = added ? 0 : fxRates.asks[index];
    final long previousTime = added ? 0 : fxRates.times[index];
    if (added) {
      index = fxRates.add(rate);
    } else {
      fxRates.set(index, rate.bid(), rate.ask(), rate.timestampNanos());
    }
    refreshFx(e, added);
    final InstrumentState beyond = MarkAccounting.revaluationBeyondRange(e);
    if (beyond != null) {
      if (added) {
        fxRates.removeLast();
      } else {
        fxRates.set(index, previousBid, previousAsk, previousTime);
      }
      refreshFx(e, added);
      throw new IllegalArgumentException(
          "fields \"bid\", \"ask\": a rate of "
              + Fixed.toString(rate.bid())
              + " / "
              + Fixed.toString(rate.ask())
              + " for "
              + rate.pair()
              + " would value the positions in "
              + beyond.definition.symbol()
              + " beyond the largest amount the engine holds exactly (10,000,000,000)");
    }
    e.advanceTime(rate.timestampNanos());
    for (int i = 0; i < e.instrumentCount; i++) {
      final InstrumentState state = e.instruments[i];
      if (state.fx != null && state.positionCount > 0) {
        MarkAccounting.remarkInstrument(e, state);
      }
    }
  }

  /** Re-chooses ({@code resolve}, a pair was added) or re-reads every foreign conversion. */
  private static void refreshFx(RiskEngine e, boolean resolve) {
    for (int i = 0; i < e.instrumentCount; i++) {
      final InstrumentState state = e.instruments[i];
      if (state.fx != null) {
        if (resolve) {
          ReferenceData.resolveFx(e, state);
        } else {
          e.fxRates.refresh(state.fx);
        }
      }
    }
  }
}
