package io.riskgate.server.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A read of the ledgers' history ({@code GET /v1/history}): one scope or all of them, over a time
 * range, down-sampled to at most {@code points} samples per scope.
 *
 * @param scope the scope ({@code firm}, {@code account:A1}, {@code strategy:S1}), or null for all
 * @param fromNanos samples at or after this time, or null
 * @param toNanos samples before this time, or null
 * @param points the most samples per scope, 1 to {@link #MAX_POINTS}
 */
public record HistoryQuery(String scope, Long fromNanos, Long toNanos, int points) {

  /** The samples per scope without {@code points}. */
  public static final int DEFAULT_POINTS = 1000;

  /** The most samples per scope. */
  public static final int MAX_POINTS = 10_000;

  /** The query parameters of {@code GET /v1/history}. */
  public static final List<String> PARAMETERS = List.of("scope", "from", "to", "points");

  public HistoryQuery {
    if (points < 1 || points > MAX_POINTS) {
      throw new IllegalArgumentException(
          "query parameter \"points\": must be 1 to " + MAX_POINTS + ", got " + points);
    }
  }

  /**
   * The query of request parameters (each given once); every problem is listed in the message.
   *
   * @throws IllegalArgumentException naming each unknown, repeated or malformed parameter
   */
  public static HistoryQuery parse(Map<String, List<String>> parameters) {
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
    final String scope = DecisionQuery.one(parameters, "scope");
    if (scope != null
        && !scope.equals("firm")
        && !scope.startsWith("account:")
        && !scope.startsWith("strategy:")) {
      problems.add(
          "query parameter \"scope\": firm, account:<id> or strategy:<id>, got \"" + scope + "\"");
    }
    final Long from = DecisionQuery.time(parameters, "from", problems);
    final Long to = DecisionQuery.time(parameters, "to", problems);
    int points = DEFAULT_POINTS;
    final String pointsText = DecisionQuery.one(parameters, "points");
    if (pointsText != null) {
      try {
        points = Integer.parseInt(pointsText);
      } catch (NumberFormatException e) {
        points = -1;
      }
      if (points < 1 || points > MAX_POINTS) {
        problems.add(
            "query parameter \"points\": a whole number from 1 to "
                + MAX_POINTS
                + ", got \""
                + pointsText
                + "\"");
        points = DEFAULT_POINTS;
      }
    }
    if (from != null && to != null && to < from) {
      problems.add("query parameters \"from\" and \"to\": \"to\" is before \"from\"");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new HistoryQuery(scope, from, to, points);
  }
}
