package io.riskgate.core.engine;

import io.riskgate.core.check.Decision;
import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Position;
import io.riskgate.core.sizing.SizedInstrument;
import io.riskgate.core.sizing.SizingState;

/**
 * The engine's state as {@link io.riskgate.core.sizing.PositionSizing} reads it: lookups by id, the
 * breakers' scale, and the pre-trade checks run as a dry run on a reused probe order.
 */
final class EngineSizingState implements SizingState {
  private final RiskEngine e;
  private final PreTradeChecks checks;
  private final OrderRequest probe = new OrderRequest();

  EngineSizingState(RiskEngine e, PreTradeChecks checks) {
    this.e = e;
    this.checks = checks;
  }

  @Override
  public SizedInstrument instrument(int instrument) {
    return e.instruments[instrument];
  }

  @Override
  public ScopeFigures firm() {
    return e.firm;
  }

  @Override
  public ScopeFigures account(int account) {
    return e.accounts[account];
  }

  @Override
  public ScopeFigures strategy(int strategy) {
    return e.strategies[strategy];
  }

  @Override
  public LimitSet instrumentLimits(int instrument) {
    return e.instrumentLimits[instrument];
  }

  @Override
  public Position position(int strategy, int instrument) {
    return e.positionOrNull(strategy, instrument);
  }

  @Override
  public long bookLimit(int strategy, Limit limit) {
    return e.bookLimit(strategy, limit);
  }

  @Override
  public double[] tradeProfits(int strategy) {
    return e.strategies[strategy].tradeProfits;
  }

  @Override
  public int tradeCount(int strategy) {
    return e.strategies[strategy].tradeCount;
  }

  @Override
  public double breakerScale(int account, int strategy) {
    return e.safeguards.breakerScale(e.firm, e.accounts[account], e.strategies[strategy]);
  }

  @Override
  public Decision dryRun(
      long timestampNanos,
      int account,
      int strategy,
      int instrument,
      Side side,
      long quantity,
      long price) {
    probe.set(
        timestampNanos,
        Long.MIN_VALUE + 1,
        null,
        account,
        strategy,
        instrument,
        side,
        quantity,
        price,
        0);
    return checks.dryRun(probe);
  }
}
