package io.riskgate.server.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.session.TradingSession;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The event codec as it was before the codec and the replay parser shared one reader: every line
 * read into a Jackson tree ({@code readTree}), then each field looked up in the tree. Kept,
 * unchanged but for listing the types in declaration order in the unknown-type message, as the
 * reference that {@link EventCodec} must match event for event and message for message ({@link
 * EventReaderEquivalenceTest}).
 */
final class TreeEventCodec {
  private static final ObjectMapper MAPPER =
      ExactJson.configure(JsonMapper.builder())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final Map<String, Set<String>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put(
        "instrument",
        Set.of(
            "ts",
            "symbol",
            "venue",
            "currency",
            "tickSize",
            "lotSize",
            "multiplier",
            "assetClass",
            "sector",
            "session"));
    FIELDS.put("account", Set.of("ts", "account", "capital", "currency"));
    FIELDS.put("strategy", Set.of("ts", "strategy", "account", "allocation"));
    FIELDS.put("transfer", Set.of("ts", "account", "amount"));
    FIELDS.put("limits", Set.of("ts", "scope", "limits", "by"));
    FIELDS.put("price", Set.of("ts", "symbol", "bid", "ask", "last"));
    FIELDS.put("fxRate", Set.of("ts", "pair", "bid", "ask"));
    FIELDS.put("bar", Set.of("ts", "symbol", "open", "high", "low", "close", "volume"));
    FIELDS.put(
        "order",
        Set.of(
            "ts",
            "orderId",
            "account",
            "strategy",
            "symbol",
            "side",
            "quantity",
            "price",
            "leverage",
            "timeInForce",
            "expireAt"));
    FIELDS.put("cancel", Set.of("ts", "orderId"));
    FIELDS.put("amend", Set.of("ts", "orderId", "quantity", "price"));
    FIELDS.put("amendRejected", Set.of("ts", "orderId", "quantity", "price", "reason"));
    FIELDS.put("orderRejected", Set.of("ts", "orderId", "reason"));
    FIELDS.put("orderExpired", Set.of("ts", "orderId"));
    FIELDS.put("cancelAll", Set.of("ts", "scope", "by"));
    FIELDS.put("tradeBust", Set.of("ts", "fillId"));
    FIELDS.put("tradeCorrect", Set.of("ts", "fillId", "quantity", "price", "fee"));
    FIELDS.put("fill", Set.of("ts", "fillId", "orderId", "quantity", "price", "fee"));
    FIELDS.put("tradingState", Set.of("ts", "scope", "state", "by"));
    FIELDS.put("kill", Set.of("ts", "scope", "by"));
    FIELDS.put("rearm", Set.of("ts", "scope", "by"));
    FIELDS.put("breakerReset", Set.of("ts", "scope", "by"));
    FIELDS.put("timer", Set.of("ts"));
    FIELDS.put("reportRequest", Set.of("ts"));
    FIELDS.put(
        "sizeRequest",
        Set.of(
            "ts",
            "requestId",
            "account",
            "strategy",
            "symbol",
            "side",
            "sizer",
            "signal",
            "winRate",
            "averageWin",
            "averageLoss",
            "riskFraction",
            "atrMultiple",
            "targetVolatility",
            "price",
            "stop",
            "commission",
            "hardLimit"));
    FIELDS.put("venueStatus", Set.of("ts", "venue", "connected", "latencyMs"));
  }

  private TreeEventCodec() {}

  /**
   * Parses one event from its JSON text.
   *
   * @throws IllegalArgumentException with a precise message when the text is not a valid event
   */
  public static Event parse(String json) {
    final JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    }
    return parse(node);
  }

  /** Parses one event from a JSON tree. */
  public static Event parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("an event must be a JSON object");
    }
    final String type = text(node, "type");
    final Set<String> allowed = FIELDS.get(type);
    if (allowed == null) {
      throw new IllegalArgumentException(
          "unknown event type \""
              + type
              + "\"; expected one of "
              + String.join(", ", FIELDS.keySet()));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      final String name = names.next();
      if (!name.equals("type") && !allowed.contains(name)) {
        throw new IllegalArgumentException(
            "unknown field \"" + name + "\" in a " + type + " event");
      }
    }
    try {
      return build(type, node);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(type + ": " + e.getMessage(), e);
    }
  }

  private static Event build(String type, JsonNode n) {
    switch (type) {
      case "instrument":
        return new Event.Instrument(
            optionalTime(n),
            text(n, "symbol"),
            text(n, "venue"),
            optionalText(n, "currency", null),
            decimal(n, "tickSize"),
            decimal(n, "lotSize"),
            optionalDecimal(n, "multiplier", Fixed.ONE),
            text(n, "assetClass"),
            optionalText(n, "sector", "none"),
            session(n));
      case "account":
        return new Event.Account(
            optionalTime(n), text(n, "account"), decimal(n, "capital"), text(n, "currency"));
      case "strategy":
        return new Event.Strategy(
            optionalTime(n), text(n, "strategy"), text(n, "account"), decimal(n, "allocation"));
      case "transfer":
        return new Event.Transfer(time(n), text(n, "account"), decimal(n, "amount"));
      case "limits":
        return new Event.Limits(
            optionalTime(n), Scope.parse(text(n, "scope")), limits(n), optionalText(n, "by", ""));
      case "price":
        return new Event.Price(
            time(n),
            text(n, "symbol"),
            optionalDecimal(n, "bid", 0),
            optionalDecimal(n, "ask", 0),
            optionalDecimal(n, "last", 0));
      case "bar":
        return new Event.Bar(
            time(n),
            text(n, "symbol"),
            decimal(n, "open"),
            decimal(n, "high"),
            decimal(n, "low"),
            decimal(n, "close"),
            optionalDecimal(n, "volume", 0));
      case "order":
        final long price = optionalDecimal(n, "price", 0);
        if (n.has("price") && !n.get("price").isNull() && price <= 0) {
          throw new IllegalArgumentException(
              "price must be positive, or absent/null for a market order");
        }
        final io.riskgate.core.event.TimeInForce tif =
            io.riskgate.core.event.TimeInForce.parse(optionalText(n, "timeInForce", "gtc"));
        final boolean hasExpiry = n.has("expireAt") && !n.get("expireAt").isNull();
        if (tif == io.riskgate.core.event.TimeInForce.GTD && !hasExpiry) {
          throw new IllegalArgumentException(
              "field \"expireAt\" is missing: a gtd order needs the time it expires");
        }
        if (tif != io.riskgate.core.event.TimeInForce.GTD && hasExpiry) {
          throw new IllegalArgumentException(
              "field \"expireAt\" is only for gtd orders (timeInForce \"gtd\")");
        }
        return new Event.Order(
            time(n),
            text(n, "orderId"),
            text(n, "account"),
            text(n, "strategy"),
            text(n, "symbol"),
            Side.parse(text(n, "side")),
            decimal(n, "quantity"),
            price,
            optionalDecimal(n, "leverage", 0),
            tif,
            hasExpiry ? time(n, "expireAt") : Event.NO_TIME);
      case "cancel":
        return new Event.Cancel(time(n), text(n, "orderId"));
      case "amend":
        final long newPrice = optionalDecimal(n, "price", 0);
        final long newQuantity = optionalDecimal(n, "quantity", 0);
        if (n.has("price") && !n.get("price").isNull() && newPrice <= 0) {
          throw new IllegalArgumentException("price must be positive, or absent to keep it");
        }
        if (n.has("quantity") && !n.get("quantity").isNull() && newQuantity <= 0) {
          throw new IllegalArgumentException(
              "quantity (what remains open after the amend) must be positive, or absent to keep"
                  + " it");
        }
        return new Event.Amend(time(n), text(n, "orderId"), newQuantity, newPrice);
      case "amendRejected":
        final long keptPrice = optionalDecimal(n, "price", 0);
        if (n.has("price") && !n.get("price").isNull() && keptPrice <= 0) {
          throw new IllegalArgumentException("price must be positive, or absent to keep it");
        }
        return new Event.AmendRejected(
            time(n),
            text(n, "orderId"),
            decimal(n, "quantity"),
            keptPrice,
            optionalText(n, "reason", ""));
      case "orderRejected":
        return new Event.OrderRejected(time(n), text(n, "orderId"), optionalText(n, "reason", ""));
      case "orderExpired":
        return new Event.OrderExpired(time(n), text(n, "orderId"));
      case "tradeBust":
        return new Event.TradeBust(time(n), text(n, "fillId"));
      case "tradeCorrect":
        return new Event.TradeCorrect(
            time(n),
            text(n, "fillId"),
            decimal(n, "quantity"),
            decimal(n, "price"),
            optionalDecimal(n, "fee", 0));
      case "cancelAll":
        return new Event.CancelAll(
            optionalTime(n), Scope.parse(text(n, "scope")), optionalText(n, "by", ""));
      case "fill":
        return new Event.Fill(
            time(n),
            text(n, "fillId"),
            text(n, "orderId"),
            decimal(n, "quantity"),
            decimal(n, "price"),
            optionalDecimal(n, "fee", 0));
      case "tradingState":
        return new Event.TradingStateChange(
            optionalTime(n),
            Scope.parse(text(n, "scope")),
            TradingState.parse(text(n, "state")),
            optionalText(n, "by", ""));
      case "kill":
        return new Event.Kill(
            optionalTime(n), Scope.parse(text(n, "scope")), optionalText(n, "by", ""));
      case "rearm":
        return new Event.Rearm(
            optionalTime(n), Scope.parse(text(n, "scope")), optionalText(n, "by", ""));
      case "breakerReset":
        return new Event.BreakerReset(
            optionalTime(n), Scope.parse(text(n, "scope")), text(n, "by"));
      case "timer":
        return new Event.Timer(time(n));
      case "reportRequest":
        return new Event.ReportRequest(time(n));
      case "sizeRequest":
        return new Event.SizeRequest(
            time(n),
            text(n, "requestId"),
            text(n, "account"),
            text(n, "strategy"),
            text(n, "symbol"),
            Side.parse(text(n, "side")),
            Event.Sizer.parse(text(n, "sizer")),
            optionalDouble(n, "signal", Double.NaN),
            optionalDouble(n, "winRate", Double.NaN),
            optionalDouble(n, "averageWin", Double.NaN),
            optionalDouble(n, "averageLoss", Double.NaN),
            optionalDouble(n, "riskFraction", Double.NaN),
            optionalDouble(n, "atrMultiple", Double.NaN),
            optionalDouble(n, "targetVolatility", Double.NaN),
            optionalDecimal(n, "price", 0),
            optionalDecimal(n, "stop", 0),
            optionalDecimal(n, "commission", 0),
            optionalDecimal(n, "hardLimit", 0));
      case "fxRate":
        final String[] pair = Event.FxRate.parsePair(text(n, "pair"));
        return new Event.FxRate(time(n), pair[0], pair[1], decimal(n, "bid"), decimal(n, "ask"));
      case "venueStatus":
        return new Event.VenueStatus(
            time(n), text(n, "venue"), bool(n, "connected"), optionalDouble(n, "latencyMs", 0));
      default:
        throw new IllegalArgumentException("unknown event type \"" + type + "\"");
    }
  }

  private static Map<Limit, Long> limits(JsonNode n) {
    final JsonNode object = n.get("limits");
    if (object == null || !object.isObject()) {
      throw new IllegalArgumentException(
          "field \"limits\" must be an object of limit names to values");
    }
    final Map<Limit, Long> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : object.properties()) {

      final Limit limit = Limit.byWireName(entry.getKey());
      final JsonNode value = entry.getValue();
      final long fixed;
      if (value.isNull()) {
        fixed = LimitSet.UNSET;
      } else if (value.isBoolean()) {
        if (limit.unit() != Limit.Unit.FLAG) {
          throw new IllegalArgumentException(
              "limit " + limit.wireName() + " takes a number, not true/false");
        }
        fixed = value.booleanValue() ? Fixed.ONE : 0;
      } else {
        if (limit.unit() == Limit.Unit.FLAG) {
          throw new IllegalArgumentException("limit " + limit.wireName() + " takes true or false");
        }
        fixed = toFixed(value, "limits." + entry.getKey());
      }
      values.put(limit, fixed);
    }
    return values;
  }

  private static String text(JsonNode n, String field) {
    final JsonNode value = n.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing");
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("field \"" + field + "\" must be a string");
    }
    return value.textValue();
  }

  private static String optionalText(JsonNode n, String field, String fallback) {
    final JsonNode value = n.get(field);
    return value == null || value.isNull() ? fallback : text(n, field);
  }

  /** The optional trading session; 24x7 when absent. */
  private static TradingSession session(JsonNode n) {
    final String text = optionalText(n, "session", null);
    if (text == null) {
      return TradingSession.ALWAYS_OPEN;
    }
    try {
      return TradingSession.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field \"session\": " + e.getMessage(), e);
    }
  }

  private static boolean bool(JsonNode n, String field) {
    final JsonNode value = n.get(field);
    if (value == null || !value.isBoolean()) {
      throw new IllegalArgumentException("field \"" + field + "\" must be true or false");
    }
    return value.booleanValue();
  }

  private static long decimal(JsonNode n, String field) {
    final JsonNode value = n.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing");
    }
    return toFixed(value, field);
  }

  private static long optionalDecimal(JsonNode n, String field, long fallback) {
    final JsonNode value = n.get(field);
    return value == null || value.isNull() ? fallback : toFixed(value, field);
  }

  private static double optionalDouble(JsonNode n, String field, double fallback) {
    final JsonNode value = n.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException("field \"" + field + "\" must be a number");
    }
    return value.doubleValue();
  }

  private static long toFixed(JsonNode value, String field) {
    final BigDecimal decimal;
    if (value.isNumber()) {
      decimal = value.decimalValue();
    } else if (value.isTextual()) {
      try {
        decimal = new BigDecimal(value.textValue().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "field \"" + field + "\" is not a decimal number: \"" + value.textValue() + "\"", e);
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

  private static long time(JsonNode n) {
    return time(n, "ts");
  }

  private static long time(JsonNode n, String field) {
    final String text = text(n, field);
    try {
      return IsoTime.parse(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "field \""
              + field
              + "\" must be an ISO-8601 UTC time such as 2024-01-02T09:30:00Z, got \""
              + text
              + "\"",
          e);
    }
  }

  private static long optionalTime(JsonNode n) {
    return n.has("ts") && !n.get("ts").isNull() ? time(n) : Event.NO_TIME;
  }
}
