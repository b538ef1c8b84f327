package io.riskgate.server.audit;

import io.riskgate.server.codec.IsoTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search of the audit trail's decisions ({@code GET /v1/decisions}): every filter given must
 * hold; the results come in journal order, {@code limit} at a time, each page naming the cursor of
 * the next.
 *
 * @param orderId the order id
 * @param strategy the order's strategy
 * @param account the order's account
 * @param code a check code that failed in the decision ({@code POSITION_LIMIT}: the decisions in
 *     which the position limit failed at some scope, the rejections by it among them)
 * @param approved only approved (true) or rejected (false) decisions
 * @param fromNanos decisions at or after this time
 * @param toNanos decisions before this time
 * @param limit the most decisions in a page, 1 to {@link #MAX_LIMIT}
 * @param after the cursor: decisions after this one
 * @param onlyStrategies for a trader bound to some strategies, those; null for everyone else
 */
public record DecisionQuery(
    String orderId,
    String strategy,
    String account,
    String code,
    Boolean approved,
    Long fromNanos,
    Long toNanos,
    int limit,
    Cursor after,
    Set<String> onlyStrategies) {

  /** The page size without {@code limit}. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest page. */
  public static final int MAX_LIMIT = 1000;

  /** The query parameters of {@code GET /v1/decisions}. */
  public static final List<String> PARAMETERS =
      List.of(
          "orderId", "strategy", "account", "code", "approved", "from", "to", "limit", "cursor");

  /** A position in the trail: the decision's journal sequence and output index. */
  public record Cursor(long sequence, int index) {
    public static Cursor of(long sequence, int index) {
      return new Cursor(sequence, index);
    }

    /** Reads a cursor a page gave ({@code "<sequence>-<index>"}). */
    public static Cursor parse(String text) {
      final int dash = text.indexOf('-');
      try {
        if (dash > 0) {
          final Cursor cursor =
              new Cursor(
                  Long.parseLong(text.substring(0, dash)),
                  Integer.parseInt(text.substring(dash + 1)));
          if (cursor.sequence >= 0 && cursor.index >= 0) {
            return cursor;
          }
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new IllegalArgumentException(
          "query parameter \"cursor\": \"" + text + "\" is not a cursor this server gave");
    }

    @Override
    public String toString() {
      return sequence + "-" + index;
    }
  }

  public DecisionQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "query parameter \"limit\": must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
    onlyStrategies = onlyStrategies == null ? null : Set.copyOf(onlyStrategies);
  }

  /**
   * The query of request parameters (each given once); every problem is listed in the message.
   *
   * @throws IllegalArgumentException naming each unknown, repeated or malformed parameter
   */
  public static DecisionQuery parse(Map<String, List<String>> parameters, Set<String> only) {
    final List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
      if (!PARAMETERS.contains(e.getKey())) {
        problems.add(
            "unknown query parameter \""
                + e.getKey()
                + "\"; known: "
                + String.join(", ", PARAMETERS));
      } else if (e.getValue().size() != 1) {
        problems.add("query parameter \"" + e.getKey() + "\" is given more than once");
      }
    }
    final String orderId = one(parameters, "orderId");
    final String strategy = one(parameters, "strategy");
    final String account = one(parameters, "account");
    final String code = one(parameters, "code");
    Boolean approved = null;
    final String approvedText = one(parameters, "approved");
    if (approvedText != null) {
      if (approvedText.equals("true") || approvedText.equals("false")) {
        approved = Boolean.valueOf(approvedText);
      } else {
        problems.add("query parameter \"approved\": true or false, got \"" + approvedText + "\"");
      }
    }
    final Long from = time(parameters, "from", problems);
    final Long to = time(parameters, "to", problems);
    int limit = DEFAULT_LIMIT;
    final String limitText = one(parameters, "limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        problems.add(
            "query parameter \"limit\": a whole number from 1 to "
                + MAX_LIMIT
                + ", got \""
                + limitText
                + "\"");
        limit = DEFAULT_LIMIT;
      }
    }
    Cursor after = null;
    final String cursorText = one(parameters, "cursor");
    if (cursorText != null) {
      try {
        after = Cursor.parse(cursorText);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (from != null && to != null && to < from) {
      problems.add("query parameters \"from\" and \"to\": \"to\" is before \"from\"");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new DecisionQuery(
        orderId, strategy, account, code, approved, from, to, limit, after, only);
  }

  static String one(Map<String, List<String>> parameters, String name) {
    final List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  static Long time(Map<String, List<String>> parameters, String name, List<String> problems) {
    final String text = one(parameters, name);
    if (text == null) {
      return null;
    }
    try {
      return IsoTime.parse(text);
    } catch (DateTimeParseException | ArithmeticException e) {
      problems.add(
          "query parameter \""
              + name
              + "\": an ISO-8601 UTC time such as 2026-11-24T10:00:00Z, got \""
              + text
              + "\"");
      return null;
    }
  }
}
