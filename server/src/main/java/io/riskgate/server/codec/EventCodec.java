package io.riskgate.server.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.event.TimeInForce;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.session.TradingSession;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the event language (DESIGN.md section 4): one JSON object per event, camelCase fields,
 * ISO-8601 UTC timestamps in {@code "ts"}, numbers as JSON numbers or decimal strings. Strict:
 * unknown fields, missing fields, wrong types and duplicate keys are errors whose message names the
 * field and what was wrong.
 *
 * <p>This is the one grammar of the language: which fields each type has, their defaults, their
 * validation and every message are written here once, against the fields as {@link EventFields}
 * reads them, from a text (the replay files, the journal, the configuration's reference data; a
 * streaming read, no tree, the common decimals and timestamps without {@code BigDecimal} or {@code
 * java.time}) or from a tree (the HTTP API, whose routes add fields before parsing). Both give the
 * same event, or the same error, for the same JSON.
 */
public final class EventCodec {
  /** The event types in the order the language defines them, each with the fields it has. */
  private static final Map<String, Long> FIELDS = new LinkedHashMap<>();

  static {
    type(
        "instrument",
        EventField.TS,
        EventField.SYMBOL,
        EventField.VENUE,
        EventField.CURRENCY,
        EventField.TICK_SIZE,
        EventField.LOT_SIZE,
        EventField.MULTIPLIER,
        EventField.ASSET_CLASS,
        EventField.SECTOR,
        EventField.SESSION);
    type("account", EventField.TS, EventField.ACCOUNT, EventField.CAPITAL, EventField.CURRENCY);
    type("strategy", EventField.TS, EventField.STRATEGY, EventField.ACCOUNT, EventField.ALLOCATION);
    type("transfer", EventField.TS, EventField.ACCOUNT, EventField.AMOUNT);
    type("limits", EventField.TS, EventField.SCOPE, EventField.LIMITS, EventField.BY);
    type(
        "price", EventField.TS, EventField.SYMBOL, EventField.BID, EventField.ASK, EventField.LAST);
    type("fxRate", EventField.TS, EventField.PAIR, EventField.BID, EventField.ASK);
    type(
        "bar",
        EventField.TS,
        EventField.SYMBOL,
        EventField.OPEN,
        EventField.HIGH,
        EventField.LOW,
        EventField.CLOSE,
        EventField.VOLUME);
    type(
        "order",
        EventField.TS,
        EventField.ORDER_ID,
        EventField.ACCOUNT,
        EventField.STRATEGY,
        EventField.SYMBOL,
        EventField.SIDE,
        EventField.QUANTITY,
        EventField.PRICE,
        EventField.LEVERAGE,
        EventField.TIME_IN_FORCE,
        EventField.EXPIRE_AT);
    type("cancel", EventField.TS, EventField.ORDER_ID);
    type("amend", EventField.TS, EventField.ORDER_ID, EventField.QUANTITY, EventField.PRICE);
    type(
        "amendRejected",
        EventField.TS,
        EventField.ORDER_ID,
        EventField.QUANTITY,
        EventField.PRICE,
        EventField.REASON);
    type("orderRejected", EventField.TS, EventField.ORDER_ID, EventField.REASON);
    type("orderExpired", EventField.TS, EventField.ORDER_ID);
    type("cancelAll", EventField.TS, EventField.SCOPE, EventField.BY);
    type("tradeBust", EventField.TS, EventField.FILL_ID);
    type(
        "tradeCorrect",
        EventField.TS,
        EventField.FILL_ID,
        EventField.QUANTITY,
        EventField.PRICE,
        EventField.FEE);
    type(
        "fill",
        EventField.TS,
        EventField.FILL_ID,
        EventField.ORDER_ID,
        EventField.QUANTITY,
        EventField.PRICE,
        EventField.FEE);
    type("tradingState", EventField.TS, EventField.SCOPE, EventField.STATE, EventField.BY);
    type("kill", EventField.TS, EventField.SCOPE, EventField.BY);
    type("rearm", EventField.TS, EventField.SCOPE, EventField.BY);
    type("breakerReset", EventField.TS, EventField.SCOPE, EventField.BY);
    type("timer", EventField.TS);
    type("reportRequest", EventField.TS);
    type(
        "sizeRequest",
        EventField.TS,
        EventField.REQUEST_ID,
        EventField.ACCOUNT,
        EventField.STRATEGY,
        EventField.SYMBOL,
        EventField.SIDE,
        EventField.SIZER,
        EventField.SIGNAL,
        EventField.WIN_RATE,
        EventField.AVERAGE_WIN,
        EventField.AVERAGE_LOSS,
        EventField.RISK_FRACTION,
        EventField.ATR_MULTIPLE,
        EventField.TARGET_VOLATILITY,
        EventField.PRICE,
        EventField.STOP,
        EventField.COMMISSION,
        EventField.HARD_LIMIT);
    type(
        "venueStatus",
        EventField.TS,
        EventField.VENUE,
        EventField.CONNECTED,
        EventField.LATENCY_MS);
  }

  private static void type(String name, EventField... fields) {
    FIELDS.put(name, EventField.TYPE.bit() | EventField.setOf(fields));
  }

  private EventCodec() {}

  /**
   * Parses one event from its JSON text.
   *
   * @throws IllegalArgumentException with a precise message when the text is not a valid event
   */
  public static Event parse(String json) {
    final EventFields fields = TABLES.get();
    fields.readText(json);
    return event(fields);
  }

  /** Parses one event from a JSON tree. */
  public static Event parse(JsonNode node) {
    final EventFields fields = TABLES.get();
    fields.readTree(node);
    return event(fields);
  }

  /**
   * Each thread's field table, reused from one parse to the next (it resets only the slots the
   * previous event used; a new one per parse was a tenth of the bytes an HTTP check allocates).
   * Building an event from the table never parses another, so one table per thread suffices.
   */
  private static final ThreadLocal<EventFields> TABLES = ThreadLocal.withInitial(EventFields::new);

  /** The event the fields make, by the grammar. */
  static Event event(EventFields f) {
    if (!f.isObject()) {
      throw new IllegalArgumentException("an event must be a JSON object");
    }
    final String type = text(f, EventField.TYPE);
    final Long allowed = FIELDS.get(type);
    if (allowed == null) {
      throw new IllegalArgumentException(
          "unknown event type \""
              + type
              + "\"; expected one of "
              + String.join(", ", FIELDS.keySet()));
    }
    final String unknown = f.firstOutside(allowed);
    if (unknown != null) {
      throw new IllegalArgumentException(
          "unknown field \"" + unknown + "\" in a " + type + " event");
    }
    try {
      return build(type, f);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(type + ": " + e.getMessage(), e);
    }
  }

  private static Event build(String type, EventFields n) {
    switch (type) {
      case "instrument":
        return new Event.Instrument(
            optionalTime(n),
            text(n, EventField.SYMBOL),
            text(n, EventField.VENUE),
            optionalText(n, EventField.CURRENCY, null),
            decimal(n, EventField.TICK_SIZE),
            decimal(n, EventField.LOT_SIZE),
            optionalDecimal(n, EventField.MULTIPLIER, Fixed.ONE),
            text(n, EventField.ASSET_CLASS),
            optionalText(n, EventField.SECTOR, "none"),
            session(n));
      case "account":
        return new Event.Account(
            optionalTime(n),
            text(n, EventField.ACCOUNT),
            decimal(n, EventField.CAPITAL),
            text(n, EventField.CURRENCY));
      case "strategy":
        return new Event.Strategy(
            optionalTime(n),
            text(n, EventField.STRATEGY),
            text(n, EventField.ACCOUNT),
            decimal(n, EventField.ALLOCATION));
      case "transfer":
        return new Event.Transfer(
            time(n), text(n, EventField.ACCOUNT), decimal(n, EventField.AMOUNT));
      case "limits":
        return new Event.Limits(
            optionalTime(n),
            Scope.parse(text(n, EventField.SCOPE)),
            limits(n),
            optionalText(n, EventField.BY, ""));
      case "price":
        return new Event.Price(
            time(n),
            text(n, EventField.SYMBOL),
            optionalDecimal(n, EventField.BID, 0),
            optionalDecimal(n, EventField.ASK, 0),
            optionalDecimal(n, EventField.LAST, 0));
      case "fxRate":
        final String[] pair = Event.FxRate.parsePair(text(n, EventField.PAIR));
        return new Event.FxRate(
            time(n), pair[0], pair[1], decimal(n, EventField.BID), decimal(n, EventField.ASK));
      case "bar":
        return new Event.Bar(
            time(n),
            text(n, EventField.SYMBOL),
            decimal(n, EventField.OPEN),
            decimal(n, EventField.HIGH),
            decimal(n, EventField.LOW),
            decimal(n, EventField.CLOSE),
            optionalDecimal(n, EventField.VOLUME, 0));
      case "order":
        final long price = optionalDecimal(n, EventField.PRICE, 0);
        if (isPresent(n, EventField.PRICE) && price <= 0) {
          throw new IllegalArgumentException(
              "price must be positive, or absent/null for a market order");
        }
        final TimeInForce tif = TimeInForce.parse(optionalText(n, EventField.TIME_IN_FORCE, "gtc"));
        if (tif == TimeInForce.GTD && !isPresent(n, EventField.EXPIRE_AT)) {
          throw new IllegalArgumentException(
              "field \"expireAt\" is missing: a gtd order needs the time it expires");
        }
        if (tif != TimeInForce.GTD && isPresent(n, EventField.EXPIRE_AT)) {
          throw new IllegalArgumentException(
              "field \"expireAt\" is only for gtd orders (timeInForce \"gtd\")");
        }
        return new Event.Order(
            time(n),
            text(n, EventField.ORDER_ID),
            text(n, EventField.ACCOUNT),
            text(n, EventField.STRATEGY),
            text(n, EventField.SYMBOL),
            Side.parse(text(n, EventField.SIDE)),
            decimal(n, EventField.QUANTITY),
            price,
            optionalDecimal(n, EventField.LEVERAGE, 0),
            tif,
            tif == TimeInForce.GTD ? time(n, EventField.EXPIRE_AT) : Event.NO_TIME);
      case "cancel":
        return new Event.Cancel(time(n), text(n, EventField.ORDER_ID));
      case "amend":
        final long newPrice = optionalDecimal(n, EventField.PRICE, 0);
        final long newQuantity = optionalDecimal(n, EventField.QUANTITY, 0);
        if (isPresent(n, EventField.PRICE) && newPrice <= 0) {
          throw new IllegalArgumentException("price must be positive, or absent to keep it");
        }
        if (isPresent(n, EventField.QUANTITY) && newQuantity <= 0) {
          throw new IllegalArgumentException(
              "quantity (what remains open after the amend) must be positive, or absent to keep"
                  + " it");
        }
        return new Event.Amend(time(n), text(n, EventField.ORDER_ID), newQuantity, newPrice);
      case "amendRejected":
        final long keptPrice = optionalDecimal(n, EventField.PRICE, 0);
        if (isPresent(n, EventField.PRICE) && keptPrice <= 0) {
          throw new IllegalArgumentException("price must be positive, or absent to keep it");
        }
        return new Event.AmendRejected(
            time(n),
            text(n, EventField.ORDER_ID),
            decimal(n, EventField.QUANTITY),
            keptPrice,
            optionalText(n, EventField.REASON, ""));
      case "orderRejected":
        return new Event.OrderRejected(
            time(n), text(n, EventField.ORDER_ID), optionalText(n, EventField.REASON, ""));
      case "orderExpired":
        return new Event.OrderExpired(time(n), text(n, EventField.ORDER_ID));
      case "tradeBust":
        return new Event.TradeBust(time(n), text(n, EventField.FILL_ID));
      case "tradeCorrect":
        return new Event.TradeCorrect(
            time(n),
            text(n, EventField.FILL_ID),
            decimal(n, EventField.QUANTITY),
            decimal(n, EventField.PRICE),
            optionalDecimal(n, EventField.FEE, 0));
      case "cancelAll":
        return new Event.CancelAll(
            optionalTime(n),
            Scope.parse(text(n, EventField.SCOPE)),
            optionalText(n, EventField.BY, ""));
      case "fill":
        return new Event.Fill(
            time(n),
            text(n, EventField.FILL_ID),
            text(n, EventField.ORDER_ID),
            decimal(n, EventField.QUANTITY),
            decimal(n, EventField.PRICE),
            optionalDecimal(n, EventField.FEE, 0));
      case "tradingState":
        return new Event.TradingStateChange(
            optionalTime(n),
            Scope.parse(text(n, EventField.SCOPE)),
            TradingState.parse(text(n, EventField.STATE)),
            optionalText(n, EventField.BY, ""));
      case "kill":
        return new Event.Kill(
            optionalTime(n),
            Scope.parse(text(n, EventField.SCOPE)),
            optionalText(n, EventField.BY, ""));
      case "rearm":
        return new Event.Rearm(
            optionalTime(n),
            Scope.parse(text(n, EventField.SCOPE)),
            optionalText(n, EventField.BY, ""));
      case "breakerReset":
        return new Event.BreakerReset(
            optionalTime(n), Scope.parse(text(n, EventField.SCOPE)), text(n, EventField.BY));
      case "timer":
        return new Event.Timer(time(n));
      case "reportRequest":
        return new Event.ReportRequest(time(n));
      case "sizeRequest":
        return new Event.SizeRequest(
            time(n),
            text(n, EventField.REQUEST_ID),
            text(n, EventField.ACCOUNT),
            text(n, EventField.STRATEGY),
            text(n, EventField.SYMBOL),
            Side.parse(text(n, EventField.SIDE)),
            Event.Sizer.parse(text(n, EventField.SIZER)),
            optionalDouble(n, EventField.SIGNAL, Double.NaN),
            optionalDouble(n, EventField.WIN_RATE, Double.NaN),
            optionalDouble(n, EventField.AVERAGE_WIN, Double.NaN),
            optionalDouble(n, EventField.AVERAGE_LOSS, Double.NaN),
            optionalDouble(n, EventField.RISK_FRACTION, Double.NaN),
            optionalDouble(n, EventField.ATR_MULTIPLE, Double.NaN),
            optionalDouble(n, EventField.TARGET_VOLATILITY, Double.NaN),
            optionalDecimal(n, EventField.PRICE, 0),
            optionalDecimal(n, EventField.STOP, 0),
            optionalDecimal(n, EventField.COMMISSION, 0),
            optionalDecimal(n, EventField.HARD_LIMIT, 0));
      case "venueStatus":
        return new Event.VenueStatus(
            time(n),
            text(n, EventField.VENUE),
            bool(n, EventField.CONNECTED),
            optionalDouble(n, EventField.LATENCY_MS, 0));
      default:
        throw new IllegalArgumentException("unknown event type \"" + type + "\"");
    }
  }

  private static Map<Limit, Long> limits(EventFields n) {
    if (n.kind(EventField.LIMITS.ordinal()) != EventFields.OBJECT) {
      throw new IllegalArgumentException(
          "field \"limits\" must be an object of limit names to values");
    }
    final Map<Limit, Long> values = new LinkedHashMap<>();
    for (int i = 0; i < n.limitCount(); i++) {
      final Limit limit = Limit.byWireName(n.limitName(i));
      final int slot = EventFields.limitSlot(i);
      final byte kind = n.kind(slot);
      final long fixed;
      if (kind == EventFields.NULL) {
        fixed = LimitSet.UNSET;
      } else if (kind == EventFields.TRUE || kind == EventFields.FALSE) {
        if (limit.unit() != Limit.Unit.FLAG) {
          throw new IllegalArgumentException(
              "limit " + limit.wireName() + " takes a number, not true/false");
        }
        fixed = kind == EventFields.TRUE ? Fixed.ONE : 0;
      } else {
        if (limit.unit() == Limit.Unit.FLAG) {
          throw new IllegalArgumentException("limit " + limit.wireName() + " takes true or false");
        }
        fixed = toFixed(n, slot, "limits." + n.limitName(i));
      }
      values.put(limit, fixed);
    }
    return values;
  }

  /** Whether {@code field} came with a value other than null. */
  private static boolean isPresent(EventFields n, EventField field) {
    final byte kind = n.kind(field.ordinal());
    return kind != EventFields.ABSENT && kind != EventFields.NULL;
  }

  private static String text(EventFields n, EventField field) {
    if (!isPresent(n, field)) {
      throw new IllegalArgumentException("field \"" + field.wireName() + "\" is missing");
    }
    if (n.kind(field.ordinal()) != EventFields.STRING) {
      throw new IllegalArgumentException("field \"" + field.wireName() + "\" must be a string");
    }
    return n.text(field.ordinal());
  }

  private static String optionalText(EventFields n, EventField field, String fallback) {
    return isPresent(n, field) ? text(n, field) : fallback;
  }

  /** The optional trading session; 24x7 when absent. */
  private static TradingSession session(EventFields n) {
    final String text = optionalText(n, EventField.SESSION, null);
    if (text == null) {
      return TradingSession.ALWAYS_OPEN;
    }
    try {
      return TradingSession.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field \"session\": " + e.getMessage(), e);
    }
  }

  private static boolean bool(EventFields n, EventField field) {
    final byte kind = n.kind(field.ordinal());
    if (kind != EventFields.TRUE && kind != EventFields.FALSE) {
      throw new IllegalArgumentException(
          "field \"" + field.wireName() + "\" must be true or false");
    }
    return kind == EventFields.TRUE;
  }

  private static long decimal(EventFields n, EventField field) {
    if (!isPresent(n, field)) {
      throw new IllegalArgumentException("field \"" + field.wireName() + "\" is missing");
    }
    return toFixed(n, field.ordinal(), field.wireName());
  }

  private static long optionalDecimal(EventFields n, EventField field, long fallback) {
    return isPresent(n, field) ? toFixed(n, field.ordinal(), field.wireName()) : fallback;
  }

  private static double optionalDouble(EventFields n, EventField field, double fallback) {
    if (!isPresent(n, field)) {
      return fallback;
    }
    if (n.kind(field.ordinal()) != EventFields.NUMBER) {
      throw new IllegalArgumentException("field \"" + field.wireName() + "\" must be a number");
    }
    return n.doubleValue(field.ordinal());
  }

  /**
   * The value in {@code slot} as a fixed-point long: a number, or a string holding a decimal. The
   * common plain decimals are read without a {@code BigDecimal}, to the same value.
   */
  private static long toFixed(EventFields n, int slot, String field) {
    final BigDecimal decimal;
    final byte kind = n.kind(slot);
    if (kind == EventFields.NUMBER) {
      final long plain = n.plain(slot);
      if (plain != EventFields.NOT_PLAIN) {
        return plain;
      }
      decimal = n.decimal(slot);
    } else if (kind == EventFields.STRING) {
      final String text = n.text(slot);
      final long plain = PlainDecimal.parse(text);
      if (plain != EventFields.NOT_PLAIN) {
        return plain;
      }
      try {
        decimal = new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "field \"" + field + "\" is not a decimal number: \"" + text + "\"", e);
      }
    } else {
      throw new IllegalArgumentException(
          "field \"" + field + "\" must be a number or decimal string");
    }
    try {
      return Fixed.of(decimal);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field \"" + field + "\": " + e.getMessage(), e);
    }
  }

  private static long time(EventFields n) {
    return time(n, EventField.TS);
  }

  private static long time(EventFields n, EventField field) {
    final String text = text(n, field);
    try {
      return IsoTime.parse(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "field \""
              + field.wireName()
              + "\" must be an ISO-8601 UTC time such as 2024-01-02T09:30:00Z, got \""
              + text
              + "\"",
          e);
    }
  }

  private static long optionalTime(EventFields n) {
    return isPresent(n, EventField.TS) ? time(n) : Event.NO_TIME;
  }

  /** Formats nanoseconds since the epoch as an ISO-8601 UTC string. */
  public static String formatTime(long timestampNanos) {
    return IsoTime.format(timestampNanos);
  }
}
