package io.riskgate.core.check;

/**
 * Every pre-trade check, named by the rejection code it gives when it fails. A closed set: the
 * decision's audit trail and a trader's explanation both speak in these codes.
 */
public enum CheckCode {
  INVALID_ORDER,
  UNKNOWN_INSTRUMENT,
  DUPLICATE_ORDER,
  KILL_SWITCH,
  CIRCUIT_OPEN,
  TRADING_HALTED,
  TRADING_REDUCING,
  INSTRUMENT_RESTRICTED,
  NO_PRICE,
  STALE_PRICE,
  ORDER_QUANTITY_LIMIT,
  ORDER_NOTIONAL_LIMIT,
  PRICE_COLLAR,
  POSITION_LIMIT,
  POSITION_COUNT_LIMIT,
  LEVERAGE_LIMIT,
  CORRELATION_LIMIT,
  LIQUIDITY_LIMIT,
  DAILY_LOSS_LIMIT,
  STRATEGY_DRAWDOWN_LIMIT,
  PORTFOLIO_DRAWDOWN_LIMIT,
  ORDER_RATE_LIMIT,
  OPEN_ORDER_LIMIT,
  /**
   * The order's instrument is in a currency other than the account's and no usable conversion rate
   * exists: none, or one older than {@code maxFxAgeSeconds}. The reason names the pair.
   */
  NO_FX_RATE,
  /** The account's net exposure in a currency other than its own beyond its fraction of equity. */
  CURRENCY_EXPOSURE_LIMIT,
  /** Orders, amends and cancels in any one-second window beyond {@code maxMessagesPerSecond}. */
  MESSAGE_RATE_LIMIT,
  /** Gross notional of today's fills and open orders beyond {@code maxDailyNotional}. */
  DAILY_NOTIONAL_LIMIT,
  /** The order could trade against an open order of its own account ({@code preventSelfMatch}). */
  SELF_MATCH
}
