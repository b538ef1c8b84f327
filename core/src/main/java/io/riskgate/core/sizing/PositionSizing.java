package io.riskgate.core.sizing;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;

/**
 * Answers a size request: runs the asked-for sizer on the book's state, then cuts the quantity to
 * the headroom under every limit that depends on size (order quantity and notional, position,
 * leverage, participation), and finally runs the pre-trade checks on the result without side
 * effects. A size this returns is therefore never the cause of a rejection: if a check still fails
 * at the sized quantity, the quantity is lowered lot by lot, and if a check fails whatever the
 * quantity (kill switch, trading state, daily loss, order rate, ...) the size is zero, {@link
 * SizingStatus#BLOCKED}, with the check named.
 *
 * <p>Equity for the sizers is the strategy's (allocation plus its PnL). Volatility is the
 * instrument's annualized historical volatility of its bars (or sampled closes); ATR is Wilder's.
 */
public final class PositionSizing {
  private static final int MIN_KELLY_TRADES = 20;

  private final SizingState state;
  private final SizingResult result = new SizingResult();
  private final DynamicSizer dynamic = new DynamicSizer(DynamicSizerSettings.defaults());
  private final KellyCriterion kelly = new KellyCriterion();

  private CheckCode blockedBy;

  public PositionSizing(SizingState state) {
    this.state = state;
  }

  /** The failing check of the last sizing, or null. */
  public CheckCode blockedBy() {
    return blockedBy;
  }

  /** Sizes into the reused result; the request's ids are resolved by the caller. */
  public SizingResult size(
      Event.SizeRequest request, int account, int strategyId, int instrumentId) {
    blockedBy = null;
    final SizedInstrument instrument = state.instrument(instrumentId);
    final ScopeFigures strategy = state.strategy(strategyId);
    final Side side = request.side();
    final int sign = side.sign();
    final long reference = instrument.referencePrice();
    final long price = request.price() > 0 ? request.price() : instrument.executablePrice(sign);
    result.reset();
    if (reference == 0 || price == 0) {
      return blocked(CheckCode.NO_PRICE);
    }
    // The sizers work in the account currency: a price in another currency is converted at the
    // high side (what a unit costs in the account currency). No rate, no size.
    final long accountPrice;
    final double rate;
    if (!instrument.foreign()) {
      accountPrice = price;
      rate = 1.0;
    } else {
      if (!instrument.rateKnown()) {
        return blocked(CheckCode.NO_FX_RATE);
      }
      try {
        accountPrice = instrument.toAccountCurrency(price);
      } catch (ArithmeticException e) {
        return blocked(CheckCode.NO_FX_RATE);
      }
      if (accountPrice <= 0) {
        return blocked(CheckCode.NO_FX_RATE);
      }
      rate = instrument.rateFactor(true);
    }
    final long equityFixed = strategy.equity();
    if (equityFixed <= 0) {
      return blocked(CheckCode.STRATEGY_DRAWDOWN_LIMIT);
    }
    final SizingInstrument rules =
        new SizingInstrument(instrument.multiplier(), instrument.lotSize(), 0);
    if (!baseSize(request, instrument, strategyId, equityFixed, accountPrice, price, rate, rules)) {
      return result;
    }
    final double breakerScale = state.breakerScale(account, strategyId);
    if (breakerScale == 0) {
      blockedBy = CheckCode.CIRCUIT_OPEN;
      result.block(SizingFactor.BREAKER_SCALE);
      return result;
    }
    if (breakerScale < 1) {
      result.scaleQuantity(breakerScale, SizingFactor.BREAKER_SCALE);
    }
    if (result.quantity() > 0) {
      HeadroomCaps.cap(state, result, sign, account, strategyId, instrumentId, price, reference);
    }
    if (result.quantity() > 0) {
      confirm(request, account, strategyId, instrumentId, side);
    }
    return result;
  }

  private boolean baseSize(
      Event.SizeRequest request,
      SizedInstrument instrument,
      int strategyId,
      long equityFixed,
      long price,
      long entry,
      double rate,
      SizingInstrument rules) {
    final double equity = Fixed.toDouble(equityFixed);
    switch (request.sizer()) {
      case DYNAMIC -> dynamicSize(request, instrument, strategyId, equity, price, rules);
      case KELLY -> kellySize(request, strategyId, equity, price, rules);
      case FIXED_FRACTIONAL -> {
        final double atr = instrument.atr();
        if (!(atr > 0)) {
          return noHistory();
        }
        new FixedFractionalSizer(request.riskFraction(), request.atrMultiple())
            .size(equity, atr * rate, price, rules, result);
      }
      case VOLATILITY_TARGET -> {
        final double volatility = instrument.historicalVolatility();
        if (!(volatility > 0)) {
          return noHistory();
        }
        new VolatilityTargetSizer(request.targetVolatility())
            .size(equity, volatility, price, rules, result);
      }
      case FIXED_RISK -> {
        final long unitRate = instrument.toAccountCurrency(Fixed.ONE);
        if (unitRate <= 0) {
          result.block(SizingFactor.FX_RATE);
          blockedBy = CheckCode.NO_FX_RATE;
          return false;
        }
        new FixedRiskSizer(request.riskFraction())
            .size(
                equityFixed,
                entry,
                request.stop(),
                unitRate,
                request.commission(),
                request.hardLimit(),
                price,
                rules,
                result);
      }
      default -> throw new IllegalArgumentException("unknown sizer " + request.sizer());
    }
    return true;
  }

  private void dynamicSize(
      Event.SizeRequest request,
      SizedInstrument instrument,
      int strategyId,
      double equity,
      long price,
      SizingInstrument rules) {
    final ScopeFigures strategy = state.strategy(strategyId);
    final double volatility = instrument.historicalVolatility();
    final double limit = strategyDrawdownLimit(strategyId);
    final double drawdown =
        Double.isNaN(limit) ? Double.NaN : (double) strategy.drawdownAmount() / strategy.base();
    dynamic.size(
        equity,
        request.signal(),
        Double.isNaN(volatility) ? 0.0 : volatility,
        drawdown,
        limit,
        price,
        rules,
        result);
  }

  /** Kelly from the request's win rate and payoffs, else from the strategy's own closed trades. */
  private void kellySize(
      Event.SizeRequest request,
      int strategyId,
      double equity,
      long price,
      SizingInstrument rules) {
    if (Double.isNaN(request.winRate())) {
      final double fraction =
          kelly.fractionFromTrades(
              state.tradeProfits(strategyId),
              state.tradeCount(strategyId),
              MIN_KELLY_TRADES,
              result);
      if (fraction > 0) {
        result.applyNotional(fraction * equity, price, rules);
      }
    } else {
      kelly.size(
          request.winRate(),
          request.averageWin(),
          request.averageLoss(),
          equity,
          price,
          rules,
          result);
    }
  }

  private boolean noHistory() {
    result.block(SizingFactor.VOLATILITY);
    return false;
  }

  private double strategyDrawdownLimit(int strategy) {
    final long limit = state.bookLimit(strategy, Limit.MAX_STRATEGY_DRAWDOWN);
    return limit == LimitSet.UNSET ? Double.NaN : Fixed.toDouble(limit);
  }

  /**
   * Runs the pre-trade checks on the sized order. A failure that no quantity can cure blocks the
   * size; a failure of a quantity-dependent check searches for the largest whole number of lots
   * that passes (those checks only fail more as the quantity grows).
   */
  private void confirm(
      Event.SizeRequest request, int account, int strategy, int instrument, Side side) {
    final long lot = state.instrument(instrument).lotSize();
    final CheckCode failure =
        failureAt(request, account, strategy, instrument, side, result.quantity());
    if (failure == null) {
      return;
    }
    if (!dependsOnQuantity(failure)) {
      blocked(failure);
      return;
    }
    blockedBy = failure;
    long passing = 0;
    long failing = result.quantity() / lot;
    while (failing - passing > 1) {
      final long middle = passing + (failing - passing) / 2;
      if (failureAt(request, account, strategy, instrument, side, middle * lot) == null) {
        passing = middle;
      } else {
        failing = middle;
      }
    }
    result.capQuantity(passing * lot, SizingFactor.PRE_TRADE_CHECK);
  }

  private CheckCode failureAt(
      Event.SizeRequest request,
      int account,
      int strategy,
      int instrument,
      Side side,
      long quantity) {
    final Decision decision =
        state.dryRun(
            request.timestampNanos(),
            account,
            strategy,
            instrument,
            side,
            quantity,
            request.price());
    return decision.approved() ? null : decision.firstFailure();
  }

  private static boolean dependsOnQuantity(CheckCode code) {
    return switch (code) {
      case ORDER_QUANTITY_LIMIT,
          CIRCUIT_OPEN,
          ORDER_NOTIONAL_LIMIT,
          POSITION_LIMIT,
          LEVERAGE_LIMIT,
          LIQUIDITY_LIMIT ->
          true;
      default -> false;
    };
  }

  private SizingResult blocked(CheckCode code) {
    blockedBy = code;
    result.block(SizingFactor.PRE_TRADE_CHECK);
    return result;
  }
}
