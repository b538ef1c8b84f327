package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.codec.EventCodec;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, bounded and seeded: valid bodies mutated at random (characters cut or inserted, values
 * replaced by wrong types, NaN, huge or negative numbers, unknown or repeated fields, wrong types,
 * wrong tokens and content types, magnitudes at the edge of the fixed-point range). Every answer is
 * 2xx, or 4xx with a problem document; never 5xx; a refused request leaves the engine's state hash
 * as it was; and every 50 requests a server restarted on the journal reaches the live state hash.
 */
class HttpFuzzTest {
  private static final long SEED = 20261124L;
  private static final int REQUESTS = 400;
  private static final int RESTART_EVERY = 50;

  private static final List<String[]> BODIES =
      List.of(
          new String[] {
            "/v1/orders/check",
            "{\"ts\":\"2026-11-24T10:00:01Z\",\"orderId\":\"o1\",\"account\":\"A1\",\"strategy\":\"S1\","
                + "\"symbol\":\"BTC-USD\",\"side\":\"buy\",\"quantity\":\"0.5\",\"price\":\"43001\"}"
          },
          new String[] {
            "/v1/size",
            "{\"ts\":\"2026-11-24T10:00:01Z\",\"requestId\":\"r1\",\"account\":\"A1\",\"strategy\":\"S1\","
                + "\"symbol\":\"BTC-USD\",\"side\":\"buy\",\"sizer\":\"dynamic\",\"signal\":0.5}"
          },
          new String[] {
            "/v1/fills",
            "{\"ts\":\"2026-11-24T10:00:02Z\",\"fillId\":\"f1\",\"orderId\":\"o1\",\"quantity\":\"0.1\","
                + "\"price\":\"43001\"}"
          },
          new String[] {"/v1/cancels", "{\"ts\":\"2026-11-24T10:00:03Z\",\"orderId\":\"o1\"}"},
          new String[] {
            "/v1/prices",
            "{\"ts\":\"2026-11-24T10:00:00Z\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\",\"ask\":\"43001\"}"
          },
          new String[] {
            "/v1/events",
            "[{\"type\":\"timer\",\"ts\":\"2026-11-24T10:00:04Z\"},{\"type\":\"bar\",\"ts\":"
                + "\"2026-11-24T10:00:04Z\",\"symbol\":\"BTC-USD\",\"open\":1,\"high\":2,\"low\":0.5,"
                + "\"close\":1.5,\"volume\":10}]"
          },
          new String[] {
            "/v1/limits", "{\"scope\":\"strategy:S1\",\"limits\":{\"maxOrderQuantity\":5}}"
          },
          new String[] {"/v1/trading-state", "{\"scope\":\"account:A2\",\"state\":\"REDUCING\"}"},
          new String[] {"/v1/kill", "{\"scope\":\"strategy:S3\"}"},
          new String[] {"/v1/rearm", "{\"scope\":\"strategy:S3\"}"});

  /** Hostile values that replace a field's value in an edit (also used by HttpApiFuzzTest). */
  static final String[] VALUES = {
    "null",
    "-1",
    "0",
    "\"NaN\"",
    "\"Infinity\"",
    "1e400",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "true",
    "99999999999999999999999999",
    "\"-0.000000001\"",
    "\"1e-12\"",
    "-1e308",
    "\"\\u0000\"",
    // Magnitudes at the edge of the engine's range (a fixed-point long holds 9.2 × 10^10).
    "92233720368",
    "\"92233720368.54775807\"",
    "99889692.41357375",
    "\"10000000000\"",
    "9999999999.99999999",
    "\"0.00000001\""
  };

  @TempDir Path data;

  @Test
  void mutatedRequestsAreAnsweredWithoutServerErrorsAndRefusalsChangeNothing() throws Exception {
    System.out.println("HttpFuzzTest seed " + SEED);
    final Random random = new Random(SEED);
    final String[] tokens = {
      TestServer.TRADER, TestServer.TRADER_S2, TestServer.RISK, TestServer.VIEWER, null, "junk"
    };
    TestServer server = new TestServer(data);
    try {
      for (int i = 0; i < REQUESTS; i++) {
        if (i > 0 && i % RESTART_EVERY == 0) {
          server = requireReplayEqualsLive(server, i);
        }
        final String[] base = BODIES.get(random.nextInt(BODIES.size()));
        final String body = mutate(base[1], random);
        final String token =
            random.nextInt(5) == 0 ? tokens[random.nextInt(tokens.length)] : tokenFor(base[0]);
        final String type = random.nextInt(20) == 0 ? "text/plain" : "application/json";
        final String method = base[0].equals("/v1/limits") ? "PUT" : "POST";
        final String before = server.stateHash();
        final HttpResponse<String> r = server.send(method, base[0], token, body, type);
        final String what = "request " + i + " " + method + " " + base[0] + " " + body;
        assertTrue(r.statusCode() < 500, what + " -> " + r.statusCode() + " " + r.body());
        if (r.statusCode() >= 400) {
          assertEquals(
              HttpApi.PROBLEM_JSON,
              r.headers().firstValue("Content-Type").orElse("").split(";")[0],
              what);
          final JsonNode problem = TestServer.json(r);
          assertEquals(r.statusCode(), problem.get("status").asInt(), what);
          assertTrue(problem.get("detail").asText().length() > 5, what);
          final boolean appliedDecision = problem.has("decision");
          final boolean partlyApplied = problem.path("applied").asInt(0) > 0;
          if (!appliedDecision && !partlyApplied) {
            assertEquals(before, server.stateHash(), what + " -> " + r.body());
          }
        } else {
          assertTrue(r.statusCode() >= 200 && r.statusCode() < 300, what);
        }
      }
      server = requireReplayEqualsLive(server, REQUESTS);
    } finally {
      server.close();
    }
  }

  /**
   * The first promise: the state the server answered from equals a replay of its journal. Stops the
   * server and starts a new one on the same journal (no snapshots: a full replay), which must reach
   * the same state hash; returns the new server.
   */
  private TestServer requireReplayEqualsLive(TestServer live, int requests) throws Exception {
    final String hash = live.stateHash();
    live.close();
    final TestServer replayed = new TestServer(data);
    assertEquals(
        hash, replayed.stateHash(), "after " + requests + " requests, a replay of the journal");
    return replayed;
  }

  @Test
  void mutatedEventsAreParsedOrRefusedWithAMessage() {
    System.out.println("HttpFuzzTest parser seed " + SEED);
    final Random random = new Random(SEED);
    for (int i = 0; i < 20_000; i++) {
      final String[] base = BODIES.get(random.nextInt(BODIES.size() - 1));
      final String body = mutate(base[1], random);
      try {
        EventCodec.parse(body.replaceFirst("\\{", "{\"type\":\"" + typeOf(base[0]) + "\","));
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), body);
      } catch (RuntimeException e) {
        fail("event " + i + " " + body + " threw " + e, e);
      }
    }
  }

  private static String typeOf(String route) {
    return switch (route) {
      case "/v1/orders/check" -> "order";
      case "/v1/size" -> "sizeRequest";
      case "/v1/fills" -> "fill";
      case "/v1/cancels" -> "cancel";
      case "/v1/prices" -> "price";
      case "/v1/limits" -> "limits";
      case "/v1/trading-state" -> "tradingState";
      case "/v1/kill" -> "kill";
      case "/v1/rearm" -> "rearm";
      default -> "timer";
    };
  }

  private static String tokenFor(String route) {
    return switch (route) {
      case "/v1/orders/check", "/v1/size", "/v1/fills", "/v1/cancels", "/v1/prices" ->
          TestServer.TRADER;
      default -> TestServer.RISK;
    };
  }

  static String mutate(String body, Random random) {
    String s = body;
    final int count = 1 + random.nextInt(3);
    for (int k = 0; k < count; k++) {
      switch (random.nextInt(8)) {
        case 0 -> {
          final int at = random.nextInt(s.length());
          s = s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + random.nextInt(4)));
        }
        case 1 -> {
          final int at = random.nextInt(s.length() + 1);
          final String alphabet = "{}[]\",:0-9eE.\\x \u00e9\u0000";
          final char c = alphabet.charAt(random.nextInt(alphabet.length()));
          s = s.substring(0, at) + c + s.substring(at);
        }
        case 2 -> s = replaceValue(s, VALUES[random.nextInt(VALUES.length)], random);
        case 3 -> s = s.replaceFirst("\\{", "{\"extra" + random.nextInt(9) + "\":1,");
        case 4 -> s = s.replaceFirst("\\{\"(\\w+)\":([^,}]+),", "{\"$1\":$2,\"$1\":$2,");
        case 5 -> s = s.replaceFirst("\"\\w+\":(\"[^\"]*\"|[^,}\\]]+),", "");
        case 6 ->
            s =
                s.replaceFirst(
                    "\\{", "{\"type\":\"" + (random.nextBoolean() ? "fill" : "nope") + "\",");
        default ->
            s = random.nextBoolean() ? "[" + s + "]" : s.replace("2026-11-24T", "2026-13-24T");
      }
      if (s.isEmpty()) {
        s = "{";
      }
    }
    return s;
  }

  private static String replaceValue(String s, String value, Random random) {
    final java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(":(\"[^\"]*\"|[-0-9.e]+)").matcher(s);
    final List<int[]> spans = new java.util.ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(1), m.end(1)});
    }
    if (spans.isEmpty()) {
      return s;
    }
    final int[] span = spans.get(random.nextInt(spans.size()));
    return s.substring(0, span[0]) + value + s.substring(span[1]);
  }
}
