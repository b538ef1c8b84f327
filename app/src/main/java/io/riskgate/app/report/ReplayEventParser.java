package io.riskgate.app.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.codec.IsoTime;
import java.io.IOException;

/**
 * Parses replay lines quickly: the five events that make up nearly all of a recording ({@code
 * price}, {@code order}, {@code fill}, {@code cancel}, {@code timer}) are read with a streaming
 * parser, a plain-decimal reader and an ISO-8601 {@code ...Z} timestamp reader; every other line,
 * and every line the fast path does not fully understand (escapes aside: nulls, exponents, more
 * than eight decimals, duplicate or unknown fields, time offsets, anything invalid), goes to {@link
 * EventCodec#parse(String)}. So the result, and every error message, is exactly the codec's.
 */
public final class ReplayEventParser {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final long FIXED_ONE = 100_000_000L;
  private static final long MISSING = Long.MIN_VALUE;

  // Field bits: each field once at most.
  private static final int TYPE = 1;
  private static final int TS = 1 << 1;
  private static final int SYMBOL = 1 << 2;
  private static final int BID = 1 << 3;
  private static final int ASK = 1 << 4;
  private static final int LAST = 1 << 5;
  private static final int ORDER_ID = 1 << 6;
  private static final int ACCOUNT = 1 << 7;
  private static final int STRATEGY = 1 << 8;
  private static final int SIDE = 1 << 9;
  private static final int QUANTITY = 1 << 10;
  private static final int PRICE = 1 << 11;
  private static final int LEVERAGE = 1 << 12;
  private static final int FILL_ID = 1 << 13;
  private static final int FEE = 1 << 14;

  private static final int PRICE_FIELDS = TYPE | TS | SYMBOL | BID | ASK | LAST;
  private static final int ORDER_FIELDS =
      TYPE | TS | ORDER_ID | ACCOUNT | STRATEGY | SYMBOL | SIDE | QUANTITY | PRICE | LEVERAGE;
  private static final int FILL_FIELDS = TYPE | TS | FILL_ID | ORDER_ID | QUANTITY | PRICE | FEE;
  private static final int CANCEL_FIELDS = TYPE | TS | ORDER_ID;
  private static final int TIMER_FIELDS = TYPE | TS;

  private ReplayEventParser() {}

  /**
   * Parses one line of the event language.
   *
   * @throws IllegalArgumentException with the codec's message when the line is not a valid event
   */
  public static Event parse(String line) {
    final Event fast = tryFast(line);
    return fast != null ? fast : EventCodec.parse(line);
  }

  /** The event, or null when the line is left to the codec. */
  static Event tryFast(String line) {
    try (JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      int seen = 0;
      String type = null;
      long ts = MISSING;
      String symbol = null;
      String orderId = null;
      String account = null;
      String strategy = null;
      String side = null;
      String fillId = null;
      long bid = MISSING;
      long ask = MISSING;
      long last = MISSING;
      long quantity = MISSING;
      long price = MISSING;
      long leverage = MISSING;
      long fee = MISSING;
      JsonToken token;
      while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
        final String name = p.currentName();
        final JsonToken value = p.nextToken();
        final int bit = bit(name);
        if (bit == 0 || (seen & bit) != 0) {
          return null;
        }
        seen |= bit;
        if (value == JsonToken.VALUE_STRING) {
          final String text = p.getText();
          switch (bit) {
            case TYPE -> type = text;
            case TS -> ts = time(text);
            case SYMBOL -> symbol = text;
            case ORDER_ID -> orderId = text;
            case ACCOUNT -> account = text;
            case STRATEGY -> strategy = text;
            case SIDE -> side = text;
            case FILL_ID -> fillId = text;
            default -> {
              final long fixed = decimal(text);
              if (fixed == MISSING) {
                return null;
              }
              switch (bit) {
                case BID -> bid = fixed;
                case ASK -> ask = fixed;
                case LAST -> last = fixed;
                case QUANTITY -> quantity = fixed;
                case PRICE -> price = fixed;
                case LEVERAGE -> leverage = fixed;
                default -> fee = fixed;
              }
            }
          }
          if (bit == TS && ts == MISSING) {
            return null;
          }
        } else if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
          final long fixed = decimal(p.getText());
          switch (bit) {
            case BID -> bid = fixed;
            case ASK -> ask = fixed;
            case LAST -> last = fixed;
            case QUANTITY -> quantity = fixed;
            case PRICE -> price = fixed;
            case LEVERAGE -> leverage = fixed;
            case FEE -> fee = fixed;
            default -> {
              return null;
            }
          }
          if (fixed == MISSING) {
            return null;
          }
        } else {
          return null;
        }
      }
      if (token != JsonToken.END_OBJECT || p.nextToken() != null || type == null || ts == MISSING) {
        return null;
      }
      switch (type) {
        case "price":
          if ((seen & ~PRICE_FIELDS) != 0 || symbol == null) {
            return null;
          }
          return new Event.Price(ts, symbol, or0(bid), or0(ask), or0(last));
        case "order":
          if ((seen & ~ORDER_FIELDS) != 0
              || orderId == null
              || account == null
              || strategy == null
              || symbol == null
              || side == null
              || quantity == MISSING
              || (price != MISSING && price <= 0)) {
            return null;
          }
          return new Event.Order(
              ts,
              orderId,
              account,
              strategy,
              symbol,
              Side.parse(side),
              quantity,
              or0(price),
              or0(leverage));
        case "fill":
          if ((seen & ~FILL_FIELDS) != 0
              || fillId == null
              || orderId == null
              || quantity == MISSING
              || price == MISSING) {
            return null;
          }
          return new Event.Fill(ts, fillId, orderId, quantity, price, or0(fee));
        case "cancel":
          if ((seen & ~CANCEL_FIELDS) != 0 || orderId == null) {
            return null;
          }
          return new Event.Cancel(ts, orderId);
        case "timer":
          if ((seen & ~TIMER_FIELDS) != 0) {
            return null;
          }
          return new Event.Timer(ts);
        default:
          return null;
      }
    } catch (IOException | RuntimeException e) {
      // Whatever the fast path cannot read is the codec's to read or to explain.
      return null;
    }
  }

  private static long or0(long value) {
    return value == MISSING ? 0 : value;
  }

  private static int bit(String name) {
    return switch (name) {
      case "type" -> TYPE;
      case "ts" -> TS;
      case "symbol" -> SYMBOL;
      case "bid" -> BID;
      case "ask" -> ASK;
      case "last" -> LAST;
      case "orderId" -> ORDER_ID;
      case "account" -> ACCOUNT;
      case "strategy" -> STRATEGY;
      case "side" -> SIDE;
      case "quantity" -> QUANTITY;
      case "price" -> PRICE;
      case "leverage" -> LEVERAGE;
      case "fillId" -> FILL_ID;
      case "fee" -> FEE;
      default -> 0;
    };
  }

  /**
   * A plain decimal ({@code -?digits(.digits)?}, at most ten integer digits and eight decimals) as
   * a fixed-point long, or {@link #MISSING} for anything else.
   */
  static long decimal(String text) {
    final int n = text.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && text.charAt(0) == '-') {
      negative = true;
      i = 1;
    }
    final int intStart = i;
    long units = 0;
    while (i < n && isDigit(text.charAt(i))) {
      units = units * 10 + (text.charAt(i) - '0');
      i++;
    }
    final int intDigits = i - intStart;
    if (intDigits == 0 || intDigits > 10) {
      return MISSING;
    }
    long fraction = 0;
    int decimals = 0;
    if (i < n) {
      if (text.charAt(i) != '.') {
        return MISSING;
      }
      i++;
      while (i < n && isDigit(text.charAt(i))) {
        if (decimals == 8) {
          return MISSING;
        }
        fraction = fraction * 10 + (text.charAt(i) - '0');
        decimals++;
        i++;
      }
      if (decimals == 0 || i < n) {
        return MISSING;
      }
    }
    for (int d = decimals; d < 8; d++) {
      fraction *= 10;
    }
    final long value = units * FIXED_ONE + fraction;
    return negative ? -value : value;
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as nanoseconds since the epoch (see {@link
   * IsoTime#parsePlain}), or {@link #MISSING} for any other form.
   */
  static long time(String s) {
    final long nanos = IsoTime.parsePlain(s);
    return nanos < 0 ? MISSING : nanos;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
