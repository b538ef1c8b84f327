package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.event.Event;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;

/**
 * Fill accounting: a fill of an open order applied to its position, the book's, account's and
 * firm's ledgers and the instrument's totals (average entry, realized PnL on closes and flips,
 * fees), a correction or bust of the day's last fill, and the reservation and release of open
 * orders' notional. Every amount is checked to fit before anything changes, so a fill is applied
 * whole or refused with no change. Static, on the engine's state; called by {@link RiskEngine}.
 */
final class FillAccounting {
  private FillAccounting() {}

  /**
   * Applies a fill of an open order. The caller applies each fill once ({@link #apply(Event)}
   * ignores a repeated fill id).
   */
  static void fill(
      RiskEngine e, long timestampNanos, long orderKey, long quantity, long price, long fee) {
    // Longer than 60 lines for the same reason as FillCorrection.rewriteLastFill: every amount
    // is checked (requireFillInRange) before the first change, and the changes share its locals.
    final int slot = e.openOrders.slot(orderKey);
    if (slot == LongIntHashMap.MISSING) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT, "order " + orderKey + " is not open");
    }
    if (quantity <= 0 || price <= 0 || fee < 0) {
      throw new IllegalArgumentException("fill needs positive quantity and price, fee >= 0");
    }
    if (quantity > e.openOrders.remaining[slot]) {
      throw new IllegalArgumentException(
          "fill quantity "
              + Fixed.toString(quantity)
              + " exceeds the remaining "
              + Fixed.toString(e.openOrders.remaining[slot])
              + " of order "
              + orderKey);
    }
    e.requireTimeNotBefore(timestampNanos);
    OrderExpiry.requireNotExpiredBy(e, slot, timestampNanos);
    final int book = e.openOrders.books[slot];
    final int instrument = e.openOrders.instruments[slot];
    final int sideSign = e.openOrders.sides[slot];
    final InstrumentState state = e.instruments[instrument];
    final Position position = e.position(book, instrument);
    final long signed = sideSign * quantity;
    requireFillInRange(e, state, position, sideSign, quantity, price, fee);
    e.advanceTime(timestampNanos);
    release(e, slot, quantity, false); // the fill re-tracks and re-values the holdings below

    if (state.referencePrice() == 0) {
      state.last = price;
    }
    final Ledger strategy = e.strategies[book];
    final int accountId = e.strategyAccount[book];
    final Ledger account = e.accounts[accountId];
    final long before = position.net;
    final long openedAt = position.openedAtNanos;
    final long costBefore = position.cost;
    final long tradePnlBefore = position.tradePnl;
    final long realized = position.apply(e.fillPreview, e.fillFee, timestampNanos);
    recordLastFill(
        e,
        position,
        before,
        costBefore,
        openedAt,
        tradePnlBefore,
        signed,
        price,
        e.fillFee,
        realized);
    if (before != 0 && Long.signum(before) != Long.signum(position.net)) {
      strategy.recordTrade(Fixed.toDouble(position.tradePnl));
      strategy.trades.record(Fixed.toDouble(position.tradePnl), timestampNanos - openedAt);
      e.monitor.onClosed(position, state);
      e.safeguards.onTradeClosed(strategy, account, position.tradePnl);
      position.tradePnl = 0;
    }
    strategy.realized += realized;
    account.realized += realized;
    e.firm.realized += realized;
    strategy.fees += e.fillFee;
    account.fees += e.fillFee;
    e.firm.fees += e.fillFee;
    final long traded = state.valueOrOverflow(quantity, price);
    strategy.addTraded(traded);
    account.addTraded(traded);
    e.firm.addTraded(traded);
    final Holding accountHolding = state.accountHolding(accountId);
    final long accountBefore = accountHolding.net;
    accountHolding.net += signed;
    final long firmBefore = state.firm.net;
    state.firm.net += signed;
    countPositionChange(strategy, before, position.net);
    countPositionChange(account, accountBefore, accountHolding.net);
    countPositionChange(e.firm, firmBefore, state.firm.net);
    trackInInstrument(e, position, state);
    MarkAccounting.remark(e, position, state);
    MarkAccounting.updateExposure(e, position, state, strategy);
    MarkAccounting.updateExposure(e, accountHolding, state, account);
    MarkAccounting.updateExposure(e, state.firm, state, e.firm);
    MarkAccounting.afterEquityChange(e, strategy);
    MarkAccounting.afterEquityChange(e, account);
    MarkAccounting.afterEquityChange(e, e.firm);
    e.safeguards.onFill(book, instrument, sideSign, orderKey);
    e.safeguards.afterEvent();
  }

  /**
   * Remembers the fill on the position for a bust or correction (see {@link Position#lastFillId}).
   */
  static void recordLastFill(
      RiskEngine e,
      Position position,
      long netBefore,
      long costBefore,
      long openedBefore,
      long tradePnlBefore,
      long signed,
      long price,
      long fee,
      long realized) {
    final boolean closesOrReverses =
        netBefore != 0 && Long.signum(netBefore) != Long.signum(position.net);
    position.lastFillId = closesOrReverses ? null : e.pendingFillId;
    position.lastFillSigned = signed;
    position.lastFillPrice = price;
    position.lastFillFee = fee;
    position.lastFillRealized = realized;
    position.lastFillDay = e.tradingDay;
    position.netBeforeLastFill = netBefore;
    position.costBeforeLastFill = costBefore;
    position.openedBeforeLastFill = openedBefore;
    position.tradePnlBeforeLastFill = tradePnlBefore;
  }

  /**
   * Refuses a fill whose amounts would leave the engine's range, before anything changes: the
   * position's entry value, its realized PnL and fees, the worst-case exposure and unrealized PnL
   * of the position, the account's and the firm's holding, and the totals of the three ledgers,
   * each held within {@link Fixed#MAX_AMOUNT} (twice that for unrealized PnL, which can swing
   * either way). On success {@link #fillPreview} holds the position after the fill.
   */
  static void requireFillInRange(
      RiskEngine e,
      InstrumentState state,
      Position position,
      int sideSign,
      long quantity,
      long price,
      long feeInCurrency) {
    // Longer than 60 lines: every bound a fill can break is checked here, in one list, before the
    // first change; spread over helpers, a missing bound would be harder to see.
    final int book = position.book;
    final Ledger strategy = e.strategies[book];
    final int accountId = e.strategyAccount[book];
    final Ledger account = e.accounts[accountId];
    final Holding accountHolding = state.accountHolding(accountId);
    final long signed = sideSign * quantity;
    if (state.fx != null && !state.fx.exists()) {
      throw new IllegalArgumentException(
          "no conversion rate for "
              + state.fx.pair
              + ": a fill in "
              + state.definition.symbol()
              + " cannot be booked in the account currency");
    }
    try {
      position.preview(signed, price, state.multiplier(), e.fillPreview);
      // Realized PnL and the fee are booked in the account currency at the rate of the fill.
      final long realized = state.convertSigned(e.fillPreview.realized);
      final long fee = state.convertCost(feeInCurrency);
      final long reference = state.referencePrice() == 0 ? price : state.referencePrice();
      final long mark =
          e.fillPreview.net == 0
              ? 0
              : state.referencePrice() == 0
                  ? price
                  : state.markPrice(e.fillPreview.net, e.config.markMode());
      final long unrealized = state.unrealized(e.fillPreview.net, mark, e.fillPreview.cost);
      final long unrealizedDelta = Math.subtractExact(unrealized, position.unrealized);
      final boolean fits =
          Fixed.isWithinAmountRange(e.fillPreview.cost)
              && Fixed.isWithinAmountRange(Math.addExact(position.realized, realized))
              && Fixed.isWithinAmountRange(Math.addExact(position.fees, fee))
              && Fixed.isWithinAmountRange(Math.subtractExact(position.tradePnl, fee) + realized)
              && ledgerFits(strategy, realized, fee, unrealizedDelta)
              && ledgerFits(account, realized, fee, unrealizedDelta)
              && ledgerFits(e.firm, realized, fee, unrealizedDelta)
              && exposureFits(
                  strategy, position, e.fillPreview.net, sideSign, quantity, state, reference)
              && exposureFits(
                  account,
                  accountHolding,
                  Math.addExact(accountHolding.net, signed),
                  sideSign,
                  quantity,
                  state,
                  reference)
              && exposureFits(
                  e.firm,
                  state.firm,
                  Math.addExact(state.firm.net, signed),
                  sideSign,
                  quantity,
                  state,
                  reference);
      if (fits) {
        e.fillPreview.realized = realized;
        e.fillFee = fee;
        return;
      }
    } catch (ArithmeticException overflow) {
      // the same answer as an amount beyond the range
    }
    throw new IllegalArgumentException(
        "fields \"quantity\", \"price\", \"fee\": a fill of "
            + Fixed.toString(quantity)
            + " at "
            + Fixed.toString(price)
            + " with fee "
            + Fixed.toString(feeInCurrency)
            + " would take an amount beyond the largest the engine holds exactly"
            + " (10,000,000,000)");
  }

  static boolean ledgerFits(Ledger ledger, long realized, long fee, long unrealizedDelta) {
    return Fixed.isWithinAmountRange(Math.addExact(ledger.realized, realized))
        && Fixed.isWithinAmountRange(Math.addExact(ledger.fees, fee))
        && Math.abs(Math.addExact(ledger.unrealized, unrealizedDelta)) <= 2 * Fixed.MAX_AMOUNT;
  }

  /**
   * True when the holding's exposure after a fill, and its owner's gross exposure, stay in range.
   */
  static boolean exposureFits(
      Ledger owner,
      Holding holding,
      long netAfter,
      int sideSign,
      long quantity,
      InstrumentState state,
      long reference) {
    final long openBuy = holding.openBuy - (sideSign > 0 ? quantity : 0);
    final long openSell = holding.openSell - (sideSign < 0 ? quantity : 0);
    final long worst =
        Math.max(
            Math.abs(Math.addExact(netAfter, openBuy)),
            Math.abs(Math.subtractExact(netAfter, openSell)));
    final long exposure = state.checkedValue(worst, reference);
    return Fixed.isWithinAmountRange(exposure)
        && Fixed.isWithinAmountRange(
            Math.addExact(owner.grossExposure - holding.exposure, exposure));
  }

  static void countPositionChange(Ledger ledger, long before, long after) {
    if (before == 0 && after != 0) {
      ledger.openPositions++;
      ledger.holdingsEpoch++;
    } else if (before != 0 && after == 0) {
      ledger.openPositions--;
      ledger.holdingsEpoch++;
    } else if (Long.signum(before) != Long.signum(after)) {
      ledger.holdingsEpoch++;
    }
  }

  /** Reserves an approved order at the book, account and firm levels. */
  static void reserve(RiskEngine e, OrderRequest order) {
    final InstrumentState state = e.instruments[order.instrument];
    final int sideSign = order.side.sign();
    e.openOrders.add(
        order.orderKey,
        order.orderId,
        order.strategy,
        order.instrument,
        sideSign,
        order.quantity,
        order.price,
        order.timeInForce.ordinal(),
        order.timeInForce == io.riskgate.core.event.TimeInForce.GTD ? order.expireAtNanos : 0);
    if (order.timeInForce == io.riskgate.core.event.TimeInForce.GTD) {
      e.nextExpiryNanos = Math.min(e.nextExpiryNanos, order.expireAtNanos);
    }
    final Position position = e.position(order.strategy, order.instrument);
    final Holding accountHolding = state.accountHolding(order.account);
    addOpen(position, sideSign, order.quantity);
    addOpen(accountHolding, sideSign, order.quantity);
    addOpen(state.firm, sideSign, order.quantity);
    e.strategies[order.strategy].openOrders++;
    e.accounts[order.account].openOrders++;
    e.firm.openOrders++;
    trackInInstrument(e, position, state);
    MarkAccounting.updateExposure(e, position, state, e.strategies[order.strategy]);
    MarkAccounting.updateExposure(e, accountHolding, state, e.accounts[order.account]);
    MarkAccounting.updateExposure(e, state.firm, state, e.firm);
  }

  /**
   * Releases {@code quantity} of an open order's reservation; closes the order at zero. With {@code
   * revalue}, re-tracks the position and re-values the three holdings' exposure (a fill does that
   * itself after moving the position).
   */
  static void release(RiskEngine e, int slot, long quantity, boolean revalue) {
    final int book = e.openOrders.books[slot];
    final int instrument = e.openOrders.instruments[slot];
    final int sideSign = e.openOrders.sides[slot];
    final int accountId = e.strategyAccount[book];
    final InstrumentState state = e.instruments[instrument];
    final Position position = e.positions[book][instrument];
    final Holding accountHolding = state.accountHolding(accountId);
    addOpen(position, sideSign, -quantity);
    addOpen(accountHolding, sideSign, -quantity);
    addOpen(state.firm, sideSign, -quantity);
    e.openOrders.remaining[slot] -= quantity;
    if (e.openOrders.remaining[slot] == 0) {
      e.openOrders.remove(slot);
      e.strategies[book].openOrders--;
      e.accounts[accountId].openOrders--;
      e.firm.openOrders--;
    }
    if (revalue) {
      trackInInstrument(e, position, state);
      MarkAccounting.updateExposure(e, position, state, e.strategies[book]);
      MarkAccounting.updateExposure(e, accountHolding, state, e.accounts[accountId]);
      MarkAccounting.updateExposure(e, state.firm, state, e.firm);
    }
  }

  static void addOpen(Holding holding, int sideSign, long quantity) {
    if (sideSign > 0) {
      holding.openBuy += quantity;
    } else {
      holding.openSell += quantity;
    }
  }

  static void trackInInstrument(RiskEngine e, Position position, InstrumentState state) {
    final boolean heldBefore = state.positionCount > 0;
    if (position.net != 0 || position.openBuy != 0 || position.openSell != 0) {
      state.addPosition(position);
    } else {
      state.removePosition(position);
    }
    if (heldBefore != state.positionCount > 0) {
      e.staleness.onHoldingChanged(state);
    }
  }
}
