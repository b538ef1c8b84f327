package io.riskgate.core.sizing;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.Headroom;
import io.riskgate.core.check.LeverageLimit;
import io.riskgate.core.check.LiquidityCheck;
import io.riskgate.core.check.OrderSizeLimits;
import io.riskgate.core.check.PositionLimit;
import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;

/**
 * Cuts a sized quantity to the headroom under every limit that depends on size: order quantity and
 * notional, position, leverage, participation. Each cap is the headroom rule of its check ({@code
 * core.check}), the smallest over the scopes, so each rule exists once.
 */
final class HeadroomCaps {
  private HeadroomCaps() {}

  /** Caps {@code result}'s quantity for an order on {@code sign} of the book at {@code price}. */
  static void cap(
      SizingState state,
      SizingResult result,
      int sign,
      int accountId,
      int strategyId,
      int instrumentId,
      long price,
      long reference) {
    final SizedInstrument instrument = state.instrument(instrumentId);
    final ScopeFigures strategy = state.strategy(strategyId);
    final ScopeFigures account = state.account(accountId);
    final ScopeFigures firm = state.firm();
    final LimitSet instrumentLimits = state.instrumentLimits(instrumentId);
    final Position position = state.position(strategyId, instrumentId);
    final Holding accountHolding = instrument.accountHolding(accountId);
    final long unitReference = instrument.value(Fixed.ONE, reference);
    final long unitPrice = instrument.value(Fixed.ONE, price);

    final long order =
        Math.min(
            Math.min(
                OrderSizeLimits.room(firm.limits(), unitPrice),
                OrderSizeLimits.room(account.limits(), unitPrice)),
            Math.min(
                OrderSizeLimits.room(strategy.limits(), unitPrice),
                OrderSizeLimits.room(instrumentLimits, unitPrice)));
    if (order != Headroom.NONE) {
      result.capQuantity(order, SizingFactor.HEADROOM_ORDER);
    }
    final long positionRoom =
        positionRoom(
            firm,
            account,
            strategy,
            instrument,
            accountId,
            instrumentLimits,
            position,
            sign,
            unitReference);
    if (positionRoom != Headroom.NONE) {
      result.capQuantity(positionRoom, SizingFactor.HEADROOM_POSITION);
    }

    final long leverage =
        leverageRoom(
            firm, account, strategy, instrument, accountHolding, position, sign, unitReference);
    if (leverage != Headroom.NONE) {
      result.capQuantity(leverage, SizingFactor.HEADROOM_LEVERAGE);
    }
    final long participation =
        participationRoom(firm, account, strategy, instrument, instrumentLimits, unitPrice);
    if (participation != Headroom.NONE) {
      result.capQuantity(participation, SizingFactor.HEADROOM_PARTICIPATION);
    }
  }

  /** The smallest {@link LeverageLimit#room} over the firm, the account and the strategy. */
  private static long leverageRoom(
      ScopeFigures firm,
      ScopeFigures account,
      ScopeFigures strategy,
      SizedInstrument instrument,
      Holding accountHolding,
      Position position,
      int sign,
      long unitReference) {
    long leverage = Headroom.NONE;
    leverage =
        Math.min(leverage, LeverageLimit.room(firm, instrument.firmHolding(), sign, unitReference));
    leverage = Math.min(leverage, LeverageLimit.room(account, accountHolding, sign, unitReference));
    return Math.min(leverage, LeverageLimit.room(strategy, position, sign, unitReference));
  }

  /** The smallest {@link LiquidityCheck#room} (participation) over the four scopes. */
  private static long participationRoom(
      ScopeFigures firm,
      ScopeFigures account,
      ScopeFigures strategy,
      SizedInstrument instrument,
      LimitSet instrumentLimits,
      long unitPrice) {
    final double traded = instrument.averageDailyNotional();
    final double average = instrument.foreign() ? traded * instrument.rateFactor(false) : traded;
    return Math.min(
        Math.min(
            LiquidityCheck.room(firm.limits(), average, unitPrice),
            LiquidityCheck.room(account.limits(), average, unitPrice)),
        Math.min(
            LiquidityCheck.room(strategy.limits(), average, unitPrice),
            LiquidityCheck.room(instrumentLimits, average, unitPrice)));
  }

  /**
   * The position headroom of an order on {@code sign}: the smallest {@link PositionLimit#room} over
   * the firm, the account, the strategy and the instrument scope (held at the account level).
   */
  static long positionRoom(
      ScopeFigures firm,
      ScopeFigures account,
      ScopeFigures strategy,
      SizedInstrument instrument,
      int accountId,
      LimitSet instrumentLimits,
      Position position,
      int sign,
      long unitReference) {
    final Holding accountHolding = instrument.accountHolding(accountId);
    long room =
        PositionLimit.room(
            firm.limits(), firm.equity(), instrument.firmHolding(), sign, unitReference);
    room =
        Math.min(
            room,
            PositionLimit.room(
                account.limits(), account.equity(), accountHolding, sign, unitReference));
    room =
        Math.min(
            room,
            PositionLimit.room(
                strategy.limits(), strategy.equity(), position, sign, unitReference));
    return Math.min(
        room,
        PositionLimit.room(
            instrumentLimits, account.equity(), accountHolding, sign, unitReference));
  }
}
