package io.riskgate.core.sizing;

import io.riskgate.core.check.Decision;
import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Position;

/**
 * The engine's state as a size request reads it, by the dense ids the engine gave the request's
 * account, strategy and instrument. Implemented over the engine's state; nothing it returns is
 * changed by sizing, and {@link #dryRun} changes nothing either.
 */
public interface SizingState {
  SizedInstrument instrument(int instrument);

  ScopeFigures firm();

  ScopeFigures account(int account);

  ScopeFigures strategy(int strategy);

  /** The limits of an instrument scope. */
  LimitSet instrumentLimits(int instrument);

  /** The position of a book in an instrument, or null when it never traded or reserved. */
  Position position(int strategy, int instrument);

  /** A limit as it applies to a book: its own, else its account's, else the firm's, or UNSET. */
  long bookLimit(int strategy, Limit limit);

  /** The ring of a strategy's closed-trade profits, for Kelly from its own trades. */
  double[] tradeProfits(int strategy);

  /** How many closed trades the ring holds. */
  int tradeCount(int strategy);

  /** The breakers' sizing scale over a book: 0 when one is OPEN, the half-open scale, or 1. */
  double breakerScale(int account, int strategy);

  /**
   * Runs the pre-trade checks on an order of {@code quantity} without any side effect; the answer
   * is reused by the next call.
   */
  Decision dryRun(
      long timestampNanos,
      int account,
      int strategy,
      int instrument,
      Side side,
      long quantity,
      long price);
}
