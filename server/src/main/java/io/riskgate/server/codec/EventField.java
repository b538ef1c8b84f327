package io.riskgate.server.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * Every field name of every event type, as {@link EventCodec}'s grammar and {@link EventFields}
 * know them; the ordinal is the field's slot in {@link EventFields} and its bit in a set of fields.
 */
enum EventField {
  TYPE("type"),
  TS("ts"),
  SYMBOL("symbol"),
  VENUE("venue"),
  CURRENCY("currency"),
  TICK_SIZE("tickSize"),
  LOT_SIZE("lotSize"),
  MULTIPLIER("multiplier"),
  ASSET_CLASS("assetClass"),
  SECTOR("sector"),
  SESSION("session"),
  ACCOUNT("account"),
  CAPITAL("capital"),
  STRATEGY("strategy"),
  ALLOCATION("allocation"),
  AMOUNT("amount"),
  SCOPE("scope"),
  LIMITS("limits"),
  BY("by"),
  BID("bid"),
  ASK("ask"),
  LAST("last"),
  OPEN("open"),
  HIGH("high"),
  LOW("low"),
  CLOSE("close"),
  VOLUME("volume"),
  ORDER_ID("orderId"),
  SIDE("side"),
  QUANTITY("quantity"),
  PRICE("price"),
  LEVERAGE("leverage"),
  FILL_ID("fillId"),
  FEE("fee"),
  STATE("state"),
  REQUEST_ID("requestId"),
  SIZER("sizer"),
  SIGNAL("signal"),
  WIN_RATE("winRate"),
  AVERAGE_WIN("averageWin"),
  AVERAGE_LOSS("averageLoss"),
  RISK_FRACTION("riskFraction"),
  ATR_MULTIPLE("atrMultiple"),
  TARGET_VOLATILITY("targetVolatility"),
  CONNECTED("connected"),
  LATENCY_MS("latencyMs"),
  PAIR("pair"),
  STOP("stop"),
  COMMISSION("commission"),
  HARD_LIMIT("hardLimit"),
  TIME_IN_FORCE("timeInForce"),
  EXPIRE_AT("expireAt"),
  REASON("reason");

  /** Every field by ordinal. */
  static final EventField[] ALL = values();

  private static final Map<String, EventField> BY_NAME = new HashMap<>();

  static {
    for (EventField field : ALL) {
      BY_NAME.put(field.wireName, field);
    }
  }

  private final String wireName;

  EventField(String wireName) {
    this.wireName = wireName;
  }

  /** The field's name in the event language. */
  String wireName() {
    return wireName;
  }

  /** The field's bit in a set of fields. */
  long bit() {
    return 1L << ordinal();
  }

  /** The set of {@code fields}. */
  static long setOf(EventField... fields) {
    long set = 0;
    for (EventField field : fields) {
      set |= field.bit();
    }
    return set;
  }

  /** The field named {@code name}, or null for a name no event type has. */
  static EventField named(String name) {
    return BY_NAME.get(name);
  }
}
