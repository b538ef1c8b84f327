package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.check.Headroom;
import io.riskgate.core.check.LeverageLimit;
import io.riskgate.core.check.LiquidityCheck;
import io.riskgate.core.check.OrderSizeLimits;
import io.riskgate.core.check.PositionLimit;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;
import io.riskgate.core.sizing.DynamicSizer;
import io.riskgate.core.sizing.DynamicSizerSettings;
import io.riskgate.core.sizing.FixedFractionalSizer;
import io.riskgate.core.sizing.FixedRiskSizer;
import io.riskgate.core.sizing.KellyCriterion;
import io.riskgate.core.sizing.SizingFactor;
import io.riskgate.core.sizing.SizingInstrument;
import io.riskgate.core.sizing.SizingResult;
import io.riskgate.core.sizing.SizingStatus;
import io.riskgate.core.sizing.VolatilityTargetSizer;

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
final class PositionSizing {
  private static final int MIN_KELLY_TRADES = 20;

  private final RiskEngine engine;
  private final PreTradeChecks checks;
  private final SizingResult result = new SizingResult();
  private final OrderRequest probe = new OrderRequest();
  private final DynamicSizer dynamic = new DynamicSizer(DynamicSizerSettings.defaults());
  private final KellyCriterion kelly = new KellyCriterion();

  /** The failing check of the last sizing, or null. */
  CheckCode blockedBy;

  PositionSizing(RiskEngine engine, PreTradeChecks checks) {
    this.engine = engine;
    this.checks = checks;
  }

  /** Sizes into the reused result; the request's ids are resolved by the caller. */
  SizingResult size(Event.SizeRequest request, int account, int strategyId, int instrumentId) {
    blockedBy = null;
    final InstrumentState instrument = engine.instruments[instrumentId];
    final Ledger strategy = engine.strategies[strategyId];
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
    if (instrument.fx == null) {
      accountPrice = price;
      rate = 1.0;
    } else {
      if (!instrument.fx.exists()) {
        return blocked(CheckCode.NO_FX_RATE);
      }
      try {
        accountPrice = instrument.fx.convert(price, true);
      } catch (ArithmeticException e) {
        return blocked(CheckCode.NO_FX_RATE);
      }
      if (accountPrice <= 0) {
        return blocked(CheckCode.NO_FX_RATE);
      }
      rate = instrument.fx.factor(true);
    }
    final long equityFixed = strategy.equity();
    if (equityFixed <= 0) {
      return blocked(CheckCode.STRATEGY_DRAWDOWN_LIMIT);
    }
    final double equity = Fixed.toDouble(equityFixed);
    final SizingInstrument rules =
        new SizingInstrument(instrument.multiplier(), instrument.definition.lotSize(), 0);
    if (!baseSize(request, instrument, strategy, equityFixed, accountPrice, price, rate, rules)) {
      return result;
    }
    final double breakerScale =
        engine.safeguards.breakerScale(engine.firm, engine.accounts[account], strategy);
    if (breakerScale == 0) {
      blockedBy = CheckCode.CIRCUIT_OPEN;
      result.block(SizingFactor.BREAKER_SCALE);
      return result;
    }
    if (breakerScale < 1) {
      result.scaleQuantity(breakerScale, SizingFactor.BREAKER_SCALE);
    }
    if (result.quantity() > 0) {
      capToHeadroom(side, sign, account, strategyId, instrument, price, reference);
    }
    if (result.quantity() > 0) {
      confirm(request, account, strategyId, instrumentId, side);
    }
    return result;
  }

  private boolean baseSize(
      Event.SizeRequest request,
      InstrumentState instrument,
      Ledger strategy,
      long equityFixed,
      long price,
      long entry,
      double rate,
      SizingInstrument rules) {
    final double equity = Fixed.toDouble(equityFixed);
    switch (request.sizer()) {
      case DYNAMIC -> {
        final double volatility = instrument.volatility.historicalVolatility();
        final double limit = strategyDrawdownLimit(strategy);
        final double drawdown =
            Double.isNaN(limit) ? Double.NaN : (double) strategy.drawdownAmount() / strategy.base;
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
      case KELLY -> {
        if (Double.isNaN(request.winRate())) {
          final double fraction =
              kelly.fractionFromTrades(
                  strategy.tradeProfits, strategy.tradeCount, MIN_KELLY_TRADES, result);
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
      case FIXED_FRACTIONAL -> {
        final double atr = instrument.volatility.atr();
        if (!(atr > 0)) {
          return noHistory();
        }
        new FixedFractionalSizer(request.riskFraction(), request.atrMultiple())
            .size(equity, atr * rate, price, rules, result);
      }
      case VOLATILITY_TARGET -> {
        final double volatility = instrument.volatility.historicalVolatility();
        if (!(volatility > 0)) {
          return noHistory();
        }
        new VolatilityTargetSizer(request.targetVolatility())
            .size(equity, volatility, price, rules, result);
      }
      case FIXED_RISK -> {
        final long unitRate =
            instrument.fx == null ? Fixed.ONE : instrument.fx.convert(Fixed.ONE, true);
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

  private boolean noHistory() {
    result.block(SizingFactor.VOLATILITY);
    return false;
  }

  private double strategyDrawdownLimit(Ledger strategy) {
    final long limit = engine.bookLimit(strategy.id, Limit.MAX_STRATEGY_DRAWDOWN);
    return limit == LimitSet.UNSET ? Double.NaN : Fixed.toDouble(limit);
  }

  private void capToHeadroom(
      Side side,
      int sign,
      int accountId,
      int strategyId,
      InstrumentState instrument,
      long price,
      long reference) {
    final Ledger strategy = engine.strategies[strategyId];
    final Ledger account = engine.accounts[accountId];
    final Ledger firm = engine.firm;
    final LimitSet instrumentLimits = engine.instrumentLimits[instrument.id];
    final Position position = engine.positionOrNull(strategyId, instrument.id);
    final Holding accountHolding = instrument.accountHolding(accountId);
    final long unitReference = instrument.value(Fixed.ONE, reference);
    final long unitPrice = instrument.value(Fixed.ONE, price);

    // Each cap is the headroom rule of its check (core.check), the smallest over the scopes.
    final long order =
        Math.min(
            Math.min(
                OrderSizeLimits.room(firm.limits, unitPrice),
                OrderSizeLimits.room(account.limits, unitPrice)),
            Math.min(
                OrderSizeLimits.room(strategy.limits, unitPrice),
                OrderSizeLimits.room(instrumentLimits, unitPrice)));
    if (order != Headroom.NONE) {
      result.capQuantity(order, SizingFactor.HEADROOM_ORDER);
    }
    final long positionRoom =
        positionRoom(
            firm, account, strategy, instrument, instrumentLimits, position, sign, unitReference);
    if (positionRoom != Headroom.NONE) {
      result.capQuantity(positionRoom, SizingFactor.HEADROOM_POSITION);
    }

    long leverage = Headroom.NONE;
    leverage = Math.min(leverage, LeverageLimit.room(firm, instrument.firm, sign, unitReference));
    leverage = Math.min(leverage, LeverageLimit.room(account, accountHolding, sign, unitReference));
    leverage = Math.min(leverage, LeverageLimit.room(strategy, position, sign, unitReference));
    if (leverage != Headroom.NONE) {
      result.capQuantity(leverage, SizingFactor.HEADROOM_LEVERAGE);
    }

    final double traded = instrument.averageDailyNotional();
    final double average = instrument.fx == null ? traded : traded * instrument.fx.factor(false);
    final long participation =
        Math.min(
            Math.min(
                LiquidityCheck.room(firm.limits, average, unitPrice),
                LiquidityCheck.room(account.limits, average, unitPrice)),
            Math.min(
                LiquidityCheck.room(strategy.limits, average, unitPrice),
                LiquidityCheck.room(instrumentLimits, average, unitPrice)));
    if (participation != Headroom.NONE) {
      result.capQuantity(participation, SizingFactor.HEADROOM_PARTICIPATION);
    }
  }

  /**
   * The position headroom of an order on {@code sign}: the smallest {@link PositionLimit#room} over
   * the firm, the account, the strategy and the instrument scope (held at the account level).
   */
  static long positionRoom(
      Ledger firm,
      Ledger account,
      Ledger strategy,
      InstrumentState instrument,
      LimitSet instrumentLimits,
      Position position,
      int sign,
      long unitReference) {
    final Holding accountHolding = instrument.accountHolding(account.id);
    long room =
        PositionLimit.room(firm.limits, firm.equity(), instrument.firm, sign, unitReference);
    room =
        Math.min(
            room,
            PositionLimit.room(
                account.limits, account.equity(), accountHolding, sign, unitReference));
    room =
        Math.min(
            room,
            PositionLimit.room(strategy.limits, strategy.equity(), position, sign, unitReference));
    return Math.min(
        room,
        PositionLimit.room(
            instrumentLimits, account.equity(), accountHolding, sign, unitReference));
  }

  /**
   * Runs the pre-trade checks on the sized order. A failure that no quantity can cure blocks the
   * size; a failure of a quantity-dependent check searches for the largest whole number of lots
   * that passes (those checks only fail more as the quantity grows).
   */
  private void confirm(
      Event.SizeRequest request, int account, int strategy, int instrument, Side side) {
    final long lot = engine.instruments[instrument].definition.lotSize();
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
    probe.set(
        request.timestampNanos(),
        Long.MIN_VALUE + 1,
        null,
        account,
        strategy,
        instrument,
        side,
        quantity,
        request.price(),
        0);
    final Decision decision = checks.dryRun(probe);
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
