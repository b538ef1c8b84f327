package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;

/**
 * A bust or correction of the latest fill on its position ({@code tradeBust}, {@code
 * tradeCorrect}): the position taken back to what it was before the fill and, for a correction,
 * given the corrected fill instead, with the ledgers, the day's traded notional and the marks moved
 * by the difference. Checked whole before anything changes. Static, on the engine's state.
 */
final class FillCorrection {
  private FillCorrection() {}

  /**
   * Busts ({@code quantity} 0) or corrects the latest fill on its position: the position goes back
   * to what it was before the fill and, for a correction, takes the corrected fill instead; the
   * ledgers' realized PnL and fees move by the difference, the day's traded notional too (when the
   * fill was today), and everything is re-marked at the current prices. Refused, with nothing
   * changed, for an unknown fill, one that is not the latest on its position or that closed or
   * reversed it (its closed trade is in the statistics and breakers), a correction with a larger
   * quantity or one that would itself close or reverse the position, and any amount beyond range.
   */
  static void rewriteLastFill(
      RiskEngine e, long timestampNanos, String fillId, long quantity, long price, long fee) {
    // Longer than 60 lines: it first checks every amount, then applies them, and both halves
    // share a dozen locals (the position before and after, the deltas of each ledger); split, they
    // would travel in a scratch object that hides the all-or-nothing order.
    e.requireTimeNotBefore(timestampNanos);
    Position position = null;
    for (int s = 0; s < e.strategyCount && position == null; s++) {
      for (Position p : e.positions[s]) {
        if (p != null && fillId.equals(p.lastFillId)) {
          position = p;
          break;
        }
      }
    }
    if (position == null) {
      throw new EventRefusedException(
          e.fillIdsToday.contains(fillId)
              ? EventRefusedException.Kind.CONFLICT
              : EventRefusedException.Kind.NOT_FOUND,
          "fill \""
              + fillId
              + "\" "
              + (e.fillIdsToday.contains(fillId)
                  ? "is not the latest fill on its position, or it closed or reversed the position:"
                      + " only such a latest fill can be busted or corrected"
                  : "is unknown (or not the latest fill on any position)"));
    }
    final Position p = position;
    if (e.instruments[p.instrument].fx != null) {
      throw new EventRefusedException(
          EventRefusedException.Kind.CONFLICT,
          "fill \""
              + fillId
              + "\": busts and corrections are supported for fills in the account's currency"
              + " only, and this instrument is in another");
    }
    final int sideSign = Long.signum(p.lastFillSigned);
    if (quantity > Math.abs(p.lastFillSigned)) {
      throw new IllegalArgumentException(
          "field \"quantity\": a correction may lower a fill's quantity, not raise it ("
              + Fixed.toString(quantity)
              + " > "
              + Fixed.toString(Math.abs(p.lastFillSigned))
              + ")");
    }
    final InstrumentState state = e.instruments[p.instrument];
    final Ledger strategy = e.strategies[p.book];
    final int accountId = e.strategyAccount[p.book];
    final Ledger account = e.accounts[accountId];
    final Holding accountHolding = state.accountHolding(accountId);
    final long newSigned = sideSign * quantity;
    final Position.FillPreview after = new Position.FillPreview();
    final long realizedDelta;
    final long feeDelta;
    final long tradedNew;
    try {
      if (quantity == 0) {
        after.net = p.netBeforeLastFill;
        after.cost = p.costBeforeLastFill;
        after.realized = 0;
      } else {
        final Position before = new Position(p.book, p.instrument);
        before.net = p.netBeforeLastFill;
        before.cost = p.costBeforeLastFill;
        before.preview(newSigned, price, state.multiplier(), after);
        if (before.net != 0 && Long.signum(before.net) != Long.signum(after.net)) {
          throw new EventRefusedException(
              EventRefusedException.Kind.CONFLICT,
              "fill \"" + fillId + "\": the corrected fill would close or reverse the position");
        }
      }
      realizedDelta = Math.subtractExact(after.realized, p.lastFillRealized);
      feeDelta = Math.subtractExact(fee, p.lastFillFee);
      tradedNew = quantity == 0 ? 0 : Fixed.notionalOrOverflow(quantity, price, state.multiplier());
      final long reference = state.referencePrice();
      final long mark = after.net == 0 ? 0 : state.markPrice(after.net, e.config.markMode());
      final long unrealized =
          mark == 0
              ? 0
              : Math.subtractExact(
                  Long.signum(after.net) * state.notional(Math.abs(after.net), mark), after.cost);
      final long unrealizedDelta = Math.subtractExact(unrealized, p.unrealized);
      final long netDelta = Math.subtractExact(newSigned, p.lastFillSigned);
      final boolean fits =
          tradedNew != Fixed.OVERFLOW
              && Fixed.isWithinAmountRange(after.cost)
              && Fixed.isWithinAmountRange(Math.addExact(p.realized, realizedDelta))
              && Fixed.isWithinAmountRange(Math.addExact(p.fees, feeDelta))
              && FillAccounting.ledgerFits(strategy, realizedDelta, feeDelta, unrealizedDelta)
              && FillAccounting.ledgerFits(account, realizedDelta, feeDelta, unrealizedDelta)
              && FillAccounting.ledgerFits(e.firm, realizedDelta, feeDelta, unrealizedDelta)
              && holdingFits(strategy, p, after.net, state, reference)
              && holdingFits(
                  account,
                  accountHolding,
                  Math.addExact(accountHolding.net, netDelta),
                  state,
                  reference)
              && holdingFits(
                  e.firm, state.firm, Math.addExact(state.firm.net, netDelta), state, reference);
      if (!fits) {
        throw new IllegalArgumentException(
            "fill \""
                + fillId
                + "\": the position restored"
                + (quantity == 0 ? "" : " and corrected")
                + " would take an amount beyond the largest the engine holds exactly"
                + " (10,000,000,000)");
      }
    } catch (ArithmeticException overflow) {
      throw new IllegalArgumentException(
          "fill \"" + fillId + "\": the correction takes an amount beyond the engine's range");
    }
    e.advanceTime(timestampNanos);
    final long netDelta = newSigned - p.lastFillSigned;
    final long before = p.net;
    p.net = after.net;
    p.cost = after.cost;
    p.realized += realizedDelta;
    p.fees += feeDelta;
    p.openedAtNanos =
        p.netBeforeLastFill == 0 && after.net != 0 ? p.openedAtNanos : p.openedBeforeLastFill;
    p.tradePnl = p.tradePnlBeforeLastFill + after.realized - fee;
    strategy.realized += realizedDelta;
    account.realized += realizedDelta;
    e.firm.realized += realizedDelta;
    strategy.fees += feeDelta;
    account.fees += feeDelta;
    e.firm.fees += feeDelta;
    if (p.lastFillDay == e.tradingDay) {
      final long tradedOld =
          Fixed.notionalOrOverflow(Math.abs(p.lastFillSigned), p.lastFillPrice, state.multiplier());
      untrade(strategy, tradedOld, tradedNew);
      untrade(account, tradedOld, tradedNew);
      untrade(e.firm, tradedOld, tradedNew);
    }
    final long accountBefore = accountHolding.net;
    accountHolding.net += netDelta;
    final long firmBefore = state.firm.net;
    state.firm.net += netDelta;
    FillAccounting.countPositionChange(strategy, before, p.net);
    FillAccounting.countPositionChange(account, accountBefore, accountHolding.net);
    FillAccounting.countPositionChange(e.firm, firmBefore, state.firm.net);
    if (quantity == 0) {
      p.lastFillId = null; // the fill before it is not kept: it cannot be busted in turn
    } else {
      p.lastFillSigned = newSigned;
      p.lastFillPrice = price;
      p.lastFillFee = fee;
      p.lastFillRealized = after.realized;
    }
    FillAccounting.trackInInstrument(e, p, state);
    MarkAccounting.remark(e, p, state);
    MarkAccounting.updateExposure(e, p, state, strategy);
    MarkAccounting.updateExposure(e, accountHolding, state, account);
    MarkAccounting.updateExposure(e, state.firm, state, e.firm);
    MarkAccounting.afterEquityChange(e, strategy);
    MarkAccounting.afterEquityChange(e, account);
    MarkAccounting.afterEquityChange(e, e.firm);
  }

  /** Takes a busted or corrected fill's notional out of the day's total (unless saturated). */
  private static void untrade(Ledger ledger, long oldNotional, long newNotional) {
    if (ledger.dayTradedNotional != Long.MAX_VALUE && oldNotional != Fixed.OVERFLOW) {
      ledger.dayTradedNotional = Math.max(0, ledger.dayTradedNotional - oldNotional);
      ledger.addTraded(newNotional);
    }
  }

  /** True when a holding at {@code net} (its open orders unchanged) stays in range. */
  private static boolean holdingFits(
      Ledger owner, Holding holding, long net, InstrumentState state, long reference) {
    if (reference == 0) {
      return true;
    }
    final long worst =
        Math.max(
            Math.abs(Math.addExact(net, holding.openBuy)),
            Math.abs(Math.subtractExact(net, holding.openSell)));
    final long exposure = Fixed.notionalOrOverflow(worst, reference, state.multiplier());
    return Fixed.isWithinAmountRange(exposure)
        && Fixed.isWithinAmountRange(
            Fixed.addOrOverflow(owner.grossExposure - holding.exposure, exposure));
  }
}
