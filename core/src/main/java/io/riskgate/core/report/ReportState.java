package io.riskgate.core.report;

import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Position;
import java.util.List;

/**
 * The engine's state as the reports read it, by dense ids: the ledgers, the positions, the
 * instruments and the few settings and measures a report needs. Implemented over the engine's
 * state; a report changes nothing of it.
 */
public interface ReportState {
  ReportedScope firm();

  int accountCount();

  ReportedScope account(int account);

  int strategyCount();

  ReportedScope strategy(int strategy);

  /** The account a strategy belongs to. */
  int strategyAccount(int strategy);

  /** A strategy's positions by instrument id (null where none); read only. */
  Position[] positions(int strategy);

  /** The position of a book in an instrument, or null. */
  Position position(int strategy, int instrument);

  int instrumentCount();

  ReportedInstrument instrument(int instrument);

  /** The id of the instrument of {@code symbol}, or -1. */
  int instrumentId(String symbol);

  LimitSet instrumentLimits(int instrument);

  /** A limit as it applies to a book: its own, else its account's, else the firm's, or UNSET. */
  long bookLimit(int strategy, Limit limit);

  /** The mark of a position of {@code net} in an instrument, under the engine's mark mode. */
  long markPrice(int instrument, long net);

  /** The correlation of two instruments' recent returns, NaN below {@code minimum} of them. */
  double correlation(int a, int b, int lookback, int minimum);

  /** The most returns an instrument's history holds. */
  int returnHistoryCapacity();

  int defaultCorrelationLookback();

  int defaultCorrelationMinObservations();

  /** Cash and positions per currency of the firm and of each account; empty without FX. */
  List<RiskReport.CurrencyBalance> currencies();
}
