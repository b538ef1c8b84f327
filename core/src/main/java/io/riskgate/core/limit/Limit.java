package io.riskgate.core.limit;

import io.riskgate.core.Fixed;

/**
 * Every limit a limit set can hold, with its event-language name, its unit and the seed's account
 * default. A limit is breached when the measured value is strictly beyond it; equal passes.
 */
public enum Limit {
  /** Drawdown of the scope's equity from its high-water mark, as a fraction. Seed: 0.25. */
  MAX_PORTFOLIO_DRAWDOWN("maxPortfolioDrawdown", Unit.FRACTION, "0.25"),
  /** Resulting position notional as a fraction of the scope's equity. Seed: 0.10. */
  MAX_POSITION_FRACTION("maxPositionFraction", Unit.FRACTION, "0.10"),
  /** Resulting position notional, absolute, in the account currency. */
  MAX_POSITION_NOTIONAL("maxPositionNotional", Unit.MONEY, null),
  /** A strategy's drawdown from its high-water mark as a fraction of its allocation. Seed: 0.15. */
  MAX_STRATEGY_DRAWDOWN("maxStrategyDrawdown", Unit.FRACTION, "0.15"),
  /** Gross exposure after the order over equity; also caps an order's declared leverage. */
  MAX_LEVERAGE("maxLeverage", Unit.RATIO, "5"),
  /** Largest signed return correlation with a held position. Seed: 0.7. */
  MAX_CORRELATION("maxCorrelation", Unit.FRACTION, "0.7"),
  /** Number of most recent returns the correlation check looks at. */
  CORRELATION_LOOKBACK("correlationLookback", Unit.COUNT, null),
  /** Fewest common returns before the correlation check applies. */
  CORRELATION_MIN_OBSERVATIONS("correlationMinObservations", Unit.COUNT, null),
  /** Average traded notional per day an instrument needs. Seed: 10,000. */
  MIN_LIQUIDITY("minLiquidity", Unit.MONEY, "10000"),
  /** Largest share of the average daily volume one order may be. */
  MAX_PARTICIPATION("maxParticipation", Unit.FRACTION, null),
  /** Loss since the start of the trading day as a fraction of start-of-day equity. Seed: 0.05. */
  MAX_DAILY_LOSS("maxDailyLoss", Unit.FRACTION, "0.05"),
  /** Longest a position may stay open, in seconds (monitored, not a pre-trade check). */
  POSITION_TIMEOUT_SECONDS("positionTimeoutSeconds", Unit.COUNT, "3600"),
  /** Largest quantity of one order. */
  MAX_ORDER_QUANTITY("maxOrderQuantity", Unit.QUANTITY, null),
  /** Largest notional of one order. */
  MAX_ORDER_NOTIONAL("maxOrderNotional", Unit.MONEY, null),
  /** Largest distance of a limit price from the reference price, as a fraction of it. */
  PRICE_COLLAR("priceCollar", Unit.FRACTION, null),
  /** Most orders in any one-second window. */
  MAX_ORDERS_PER_SECOND("maxOrdersPerSecond", Unit.COUNT, null),
  /** Most open (approved, not yet filled or cancelled) orders. */
  MAX_OPEN_ORDERS("maxOpenOrders", Unit.COUNT, null),
  /** Most positions open at once. */
  MAX_POSITIONS("maxPositions", Unit.COUNT, null),
  /**
   * Loss of one position as a fraction of its entry value that calls for closing it. Seed: 0.10.
   */
  STOP_LOSS("stopLoss", Unit.FRACTION, "0.10"),
  /** Retreat of the mark from its best since the position opened, as a fraction of the best. */
  TRAILING_STOP("trailingStop", Unit.FRACTION, null),
  /** When true, no order may open or add to a position under this scope. */
  RESTRICTED("restricted", Unit.FLAG, null),
  /**
   * Oldest an instrument's price may be, in seconds counted while its session is open: beyond it a
   * risk-increasing order fails {@code STALE_PRICE} at every scope that sets it; at the instrument
   * and firm scopes it is also the age at which the instrument is stale for alerts (else the
   * monitoring default, 60 s).
   */
  MAX_PRICE_AGE_SECONDS("maxPriceAgeSeconds", Unit.COUNT, null),
  /**
   * Oldest a conversion rate may be, in seconds, for an order in a currency other than the
   * account's: beyond it the order fails {@code NO_FX_RATE}. At the firm scope it is also the age
   * beyond which a held position in that currency cannot be valued (an alert).
   */
  MAX_FX_AGE_SECONDS("maxFxAgeSeconds", Unit.COUNT, null),
  /**
   * Largest net exposure (positions plus cash) in one currency other than the account's, as a
   * fraction of the scope's equity.
   */
  MAX_CURRENCY_EXPOSURE("maxCurrencyExposure", Unit.FRACTION, null),
  /**
   * Most messages in any one-second window: orders, amends and cancels (RTS 6 Art. 15). Orders and
   * amends beyond it fail {@code MESSAGE_RATE_LIMIT}; cancels are counted and always pass.
   */
  MAX_MESSAGES_PER_SECOND("maxMessagesPerSecond", Unit.COUNT, null),
  /**
   * Most gross notional traded in a trading day, credit-style: today's fills plus the open orders
   * plus the order, at firm, account or strategy scope.
   */
  MAX_DAILY_NOTIONAL("maxDailyNotional", Unit.MONEY, null),
  /**
   * When true, an order that could trade against an open order of the same account on the other
   * side in the same instrument (so at the same venue) is rejected {@code SELF_MATCH}.
   */
  PREVENT_SELF_MATCH("preventSelfMatch", Unit.FLAG, null);

  /** How a limit's number is read. */
  public enum Unit {
    FRACTION,
    RATIO,
    MONEY,
    QUANTITY,
    COUNT,
    FLAG
  }

  private static final Limit[] VALUES = values();

  private final String wireName;
  private final Unit unit;
  private final long accountDefault;

  Limit(String wireName, Unit unit, String accountDefault) {
    this.wireName = wireName;
    this.unit = unit;
    this.accountDefault = accountDefault == null ? LimitSet.UNSET : Fixed.parse(accountDefault);
  }

  /** The name used in the event language and the configuration. */
  public String wireName() {
    return wireName;
  }

  /** How the number is read. */
  public Unit unit() {
    return unit;
  }

  /** The seed's default for accounts, or {@link LimitSet#UNSET}. */
  public long accountDefault() {
    return accountDefault;
  }

  /** The limit of that event-language name. */
  public static Limit byWireName(String name) {
    for (Limit limit : VALUES) {
      if (limit.wireName.equals(name)) {
        return limit;
      }
    }
    throw new IllegalArgumentException("unknown limit \"" + name + "\"");
  }

  /**
   * Validates a value for this limit and returns it as a fixed-point long.
   *
   * @throws IllegalArgumentException naming the limit and what is wrong
   */
  public long validate(long fixedValue) {
    final boolean ok =
        switch (unit) {
          case FRACTION, RATIO, MONEY, QUANTITY -> fixedValue >= 0;
          case COUNT -> fixedValue >= 0 && fixedValue % Fixed.ONE == 0;
          case FLAG -> fixedValue == 0 || fixedValue == Fixed.ONE;
        };
    if (!ok) {
      final String expected =
          switch (unit) {
            case COUNT -> "a non-negative whole number";
            case FLAG -> "true or false";
            default -> "a non-negative number";
          };
      throw new IllegalArgumentException(
          "limit " + wireName + " must be " + expected + ", got " + Fixed.toString(fixedValue));
    }
    return fixedValue;
  }

  /** All limits, shared (do not modify). */
  static Limit[] all() {
    return VALUES;
  }
}
