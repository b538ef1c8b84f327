package io.riskgate.core.check;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Holding;

/**
 * {@code POSITION_LIMIT}: the position that would result in the order's instrument (the holding's
 * net plus every open order of the order's side plus the order), valued at the reference price,
 * against the scope's {@code maxPositionNotional} (money) and {@code maxPositionFraction} (of the
 * equity of the scope's equity owner: the scope itself, or the account for an instrument scope).
 *
 * <p>The one home of the rule: the check, the money it allows ({@link #allowance}, which the
 * half-open breaker scales), and the quantity room left ({@link #room}, which sizing and the
 * dashboard's headroom use).
 */
public final class PositionLimit {
  private PositionLimit() {}

  /** Whether the scope sets either position limit. */
  public static boolean applies(LimitSet limits) {
    return limits.has(Limit.MAX_POSITION_NOTIONAL) || limits.has(Limit.MAX_POSITION_FRACTION);
  }

  /**
   * Records the check at a scope that owns money (firm, account, strategy), whose holding of the
   * instrument is {@code holding} (null: none), for an order of {@code quantity} on {@code sign}
   * valued at {@code reference}; nothing when the scope sets neither limit.
   */
  public static void check(
      Decision d,
      ScopeFigures scope,
      InstrumentFigures instrument,
      Holding holding,
      int sign,
      long quantity,
      long reference) {
    check(
        d,
        scope.limits(),
        scope.kind(),
        scope.name(),
        instrument,
        holding,
        scope,
        sign,
        quantity,
        reference);
  }

  /**
   * Records the check at the instrument scope: its limits are held at the account level, against
   * the account's holding and equity.
   */
  public static void checkInstrument(
      Decision d,
      LimitSet instrumentLimits,
      InstrumentFigures instrument,
      ScopeFigures account,
      Holding accountHolding,
      int sign,
      long quantity,
      long reference) {
    check(
        d,
        instrumentLimits,
        Scope.Kind.INSTRUMENT,
        instrument.symbol(),
        instrument,
        accountHolding,
        account,
        sign,
        quantity,
        reference);
  }

  private static void check(
      Decision d,
      LimitSet limits,
      Scope.Kind kind,
      String name,
      InstrumentFigures instrument,
      Holding holding,
      ScopeFigures equityOwner,
      int sign,
      long quantity,
      long reference) {
    final long fraction = limits.get(Limit.MAX_POSITION_FRACTION);
    final long absolute = limits.get(Limit.MAX_POSITION_NOTIONAL);
    if (fraction == LimitSet.UNSET && absolute == LimitSet.UNSET) {
      return;
    }
    final long resulting =
        holding == null ? sign * quantity : holding.resultingQuantity(sign, quantity);
    final long notional = instrument.value(Math.abs(resulting), reference);
    if (absolute != LimitSet.UNSET) {
      d.record(
          CheckCode.POSITION_LIMIT,
          notional <= absolute,
          Fixed.toDouble(notional),
          Fixed.toDouble(absolute),
          kind,
          name,
          null);
    }
    if (fraction != LimitSet.UNSET) {
      EquityFraction.record(
          d, CheckCode.POSITION_LIMIT, notional, fraction, equityOwner.equity(), kind, name);
    }
  }

  /**
   * The largest position value the scope allows: the smaller of {@code maxPositionNotional} and
   * {@code maxPositionFraction × max(0, equity)}; {@link Headroom#NONE} when neither is set. A
   * fraction too large to multiply caps nothing.
   */
  public static long allowance(LimitSet limits, long equity) {
    long money = Headroom.NONE;
    final long absolute = limits.get(Limit.MAX_POSITION_NOTIONAL);
    if (absolute != LimitSet.UNSET) {
      money = absolute;
    }
    final long fraction = limits.get(Limit.MAX_POSITION_FRACTION);
    if (fraction != LimitSet.UNSET) {
      final long share = Fixed.notionalOrOverflow(fraction, Math.max(0, equity), Fixed.ONE);
      if (share != Fixed.OVERFLOW) {
        money = Math.min(money, share);
      }
    }
    return money;
  }

  /**
   * The quantity an order of {@code sign} may still add at this scope: the allowance over the value
   * of one unit ({@code unit}, at the reference price), less what the holding and its open orders
   * of that side already take. {@link Headroom#NONE} when neither limit is set; negative when
   * beyond.
   */
  public static long room(LimitSet limits, long equity, Holding holding, int sign, long unit) {
    final long money = allowance(limits, equity);
    if (money == Headroom.NONE) {
      return Headroom.NONE;
    }
    return Headroom.onSide(Headroom.quantityFor(money, unit), holding, sign);
  }
}
