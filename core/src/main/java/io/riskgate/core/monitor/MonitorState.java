package io.riskgate.core.monitor;

import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Position;

/**
 * The engine's state as the monitor and the staleness judge read it, by dense ids. Implemented over
 * the engine's state; the monitor changes only the alert bits of positions and scopes, the best
 * mark of a position and a scope's risk level.
 */
public interface MonitorState {
  /** The engine's clock (event time). */
  long now();

  /** A limit as it applies to a book: its own, else its account's, else the firm's, or UNSET. */
  long bookLimit(int strategy, Limit limit);

  LimitSet instrumentLimits(int instrument);

  ScopeFigures firm();

  int accountCount();

  /** An account's scope, as alerts name it. */
  Scope accountScope(int account);

  String accountName(int account);

  int strategyCount();

  String strategyName(int strategy);

  /** A strategy's positions by instrument id (null where none). */
  Position[] positions(int strategy);

  int instrumentCount();

  MonitoredInstrument instrument(int instrument);

  /** The correlation of two instruments' recent returns, NaN below {@code minimum} of them. */
  double correlation(int a, int b, int lookback, int minimum);

  int defaultCorrelationLookback();

  int defaultCorrelationMinObservations();
}
