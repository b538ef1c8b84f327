package io.riskgate.server.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.riskgate.core.event.Event;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shared reader gives exactly what the tree-based codec gave ({@link TreeEventCodec}): the same
 * event, or an {@link IllegalArgumentException} with the same message, for every text and for every
 * tree read from it; over the examples, the fuzzing seeds, edge cases of numbers, times and JSON,
 * and seeded mutations of valid events of every type.
 */
class EventReaderEquivalenceTest {
  private static final long SEED = 20261202L;

  private static final ObjectMapper STRICT =
      ExactJson.configure(JsonMapper.builder())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
          .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
          .build();

  private record Outcome(Event event, String error) {}

  private static Outcome outcome(Supplier<Event> parse) {
    try {
      final Event event = parse.get();
      assertNotNull(event);
      return new Outcome(event, null);
    } catch (IllegalArgumentException e) {
      return new Outcome(null, e.getMessage());
    }
  }

  /** The text, and each tree the strict and a lenient reader make of it, give the same outcome. */
  private static void assertSameAsTreeCodec(String text) {
    try {
      assertEquals(
          outcome(() -> TreeEventCodec.parse(text)), outcome(() -> EventCodec.parse(text)), text);
      for (ObjectMapper reader : new ObjectMapper[] {STRICT, LENIENT}) {
        final JsonNode tree;
        try {
          tree = reader.readTree(text);
        } catch (JsonProcessingException | IllegalArgumentException e) {
          continue;
        }
        assertEquals(
            outcome(() -> TreeEventCodec.parse(tree)),
            outcome(() -> EventCodec.parse(tree)),
            "tree of " + text);
      }
    } catch (RuntimeException e) {
      fail(text + " threw " + e, e);
    }
  }

  private static List<String> exampleLines() throws IOException {
    final List<String> lines = new ArrayList<>();
    try (Stream<Path> list = Files.list(Path.of("..", "examples"))) {
      for (Path file : list.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank() && !line.contains("\"decision\"")) {
            lines.add(line);
          }
        }
      }
    }
    return lines;
  }

  private static List<String> seedInputs() throws IOException, URISyntaxException {
    final Path inputs =
        Path.of(
            EventParserFuzzTest.class
                .getResource("EventParserFuzzTestInputs/eventsAreParsedOrRefusedWithAMessage")
                .toURI());
    final List<String> texts = new ArrayList<>();
    try (Stream<Path> list = Files.list(inputs)) {
      for (Path file : list.sorted().toList()) {
        final String text = Files.readString(file);
        texts.add(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
      }
    }
    return texts;
  }

  @Test
  void everyExampleAndFuzzingSeedGivesTheTreeCodecsOutcome() throws Exception {
    final List<String> lines = exampleLines();
    assertTrue(lines.size() > 50, "lines: " + lines.size());
    lines.addAll(seedInputs());
    for (String line : lines) {
      assertSameAsTreeCodec(line);
    }
  }

  @Test
  void edgeCasesOfNumbersTimesAndJsonGiveTheTreeCodecsOutcome() {
    final String price = "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",";
    final String[] values = {
      "\"1.123456789\"",
      "\"1.100000000\"",
      "1e2",
      "1E+2",
      "1.5e-3",
      "\" 5\"",
      "\".5\"",
      "\"5.\"",
      "\"+5\"",
      "-5",
      "0",
      "-0",
      "-0.0",
      "\"-0\"",
      "null",
      "true",
      "{}",
      "[]",
      "[1,{\"a\":1}]",
      "123456789012",
      "99999999999",
      "92233720368.54775807",
      "92233720368.54775808",
      "0.000000001",
      "1e-8",
      "1e999999999",
      "1e2147483648",
      "1" + "0".repeat(120),
      "1." + "0".repeat(120),
      "\"NaN\"",
      "\"Infinity\"",
      "\"1e5\"",
      "\"\"",
      "\"12abc\"",
      "0.00000001",
      "9999999999.99999999",
      "-9999999999.99999999",
      "10000000000.5"
    };
    final List<String> lines = new ArrayList<>();
    for (String value : values) {
      lines.add(price + "\"last\":" + value + "}");
      lines.add(
          "{\"type\":\"limits\",\"scope\":\"firm\",\"limits\":{\"maxLeverage\":" + value + "}}");
      lines.add(
          "{\"type\":\"limits\",\"scope\":\"firm\",\"limits\":{\"restricted\":" + value + "}}");
      lines.add(
          "{\"type\":\"sizeRequest\",\"ts\":\"2024-01-02T14:30:00Z\",\"requestId\":\"r\","
              + "\"account\":\"A\",\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"buy\","
              + "\"sizer\":\"kelly\",\"winRate\":"
              + value
              + "}");
      lines.add(
          "{\"type\":\"fxRate\",\"ts\":\"2024-01-02T14:30:00Z\",\"pair\":\"EUR/USD\","
              + "\"bid\":"
              + value
              + ",\"ask\":"
              + value
              + "}");
      lines.add(
          "{\"type\":\"sizeRequest\",\"ts\":\"2024-01-02T14:30:00Z\",\"requestId\":\"r\","
              + "\"account\":\"A\",\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"buy\","
              + "\"sizer\":\"fixedRisk\",\"riskFraction\":0.01,\"stop\":"
              + value
              + "}");
      lines.add(
          "{\"type\":\"venueStatus\",\"ts\":\"2024-01-02T14:30:00Z\",\"venue\":\"V\","
              + "\"connected\":"
              + value
              + ",\"latencyMs\":"
              + value
              + "}");
    }
    final String[] times = {
      "2024-01-02T14:30:00+01:00", "2023-02-29T14:30:00Z", "2024-01-02T24:00:00Z",
      "2024-01-02T23:59:60Z", "2024-01-02T14:30:00.Z", "2024-01-02T14:30:00.1234567891Z",
      "2024-01-02 14:30:00Z", "2024-01-02t14:30:00z", "1969-12-31T23:59:59.999999999Z",
      "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", ""
    };
    for (String time : times) {
      lines.add("{\"type\":\"timer\",\"ts\":\"" + time + "\"}");
      lines.add("{\"type\":\"kill\",\"scope\":\"firm\",\"ts\":\"" + time + "\"}");
    }
    final String[] json = {
      "",
      " ",
      "null",
      "7",
      "1e99999999999",
      "\"text\"",
      "[1,2]",
      "[1,2",
      "[1e99999999999]",
      "{}",
      "{\"type\":null}",
      "{\"type\":7}",
      "{\"type\":\"tick\"}",
      "{\"ts\":\"2024-01-02T14:30:00Z\"}",
      "{\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\"",
      "{\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\"} {}",
      "{\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\"} x",
      "{\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\"}]",
      "{\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\",\"ts\":\"2024-01-02T14:30:00Z\"}",
      "{\"type\":\"timer\",\"x\":1,\"x\":2}",
      "{\"type\":\"timer\",\"x\":{\"a\":1,\"a\":2}}",
      "{\"type\":\"timer\",\"x\":[1e99999999999]}",
      "{\"type\":\"timer\",\"x\":\"\\q\"}",
      "{\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\",\"extra\":1}",
      "{\"extra\":1,\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\"}",
      "{\"symbol\":\"X\",\"extra\":1,\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\"}",
      "{\"type\":\"limits\",\"scope\":\"firm\",\"limits\":{\"maxLeverage\":1,\"maxLeverage\":2}}",
      "{\"type\":\"limits\",\"scope\":\"firm\",\"limits\":{\"noSuchLimit\":1}}",
      "{\"type\":\"limits\",\"scope\":\"firm\",\"limits\":[]}",
      "{\"type\":\"limits\",\"scope\":\"firm\",\"limits\":null}",
      "{\"type\":\"limits\",\"scope\":\"firm\"}",
      "{\"type\":\"limits\",\"scope\":\"nowhere\",\"limits\":{}}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\\u0041\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"bid\":3,\"ask\":2}",
      "{\"type\":\"order\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"account\":\"A\","
          + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"BUY\",\"quantity\":1,\"price\":0}",
      "{\"type\":\"order\",\"price\":-1,\"ts\":\"bad\"}",
      "{\"type\":\"order\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"account\":\"A\","
          + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"buy\",\"quantity\":1,\"price\":null}",
      "{\"type\":\"instrument\",\"symbol\":\"XYZ\",\"venue\":\"XNYS\",\"currency\":\"USD\","
          + "\"tickSize\":\"0.01\",\"lotSize\":1,\"assetClass\":\"equity\","
          + "\"session\":\"Mon-Fri 09:30-16:00 Mars/Olympus\"}",
      "not json",
      "{\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\"}\u0000",
      "{\"type\":\"order\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"account\":\"A\","
          + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"buy\",\"quantity\":1,"
          + "\"timeInForce\":\"gtd\",\"expireAt\":\"2024-01-02T15:00:00Z\"}",
      "{\"type\":\"order\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"account\":\"A\","
          + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"buy\",\"quantity\":1,"
          + "\"timeInForce\":\"gtd\"}",
      "{\"type\":\"order\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"account\":\"A\","
          + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"buy\",\"quantity\":1,"
          + "\"timeInForce\":\"day\",\"expireAt\":\"2024-01-02T15:00:00Z\"}",
      "{\"type\":\"order\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"account\":\"A\","
          + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"buy\",\"quantity\":1,"
          + "\"timeInForce\":\"fok\"}",
      "{\"type\":\"amend\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"quantity\":\"2.5\"}",
      "{\"type\":\"amend\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"price\":0}",
      "{\"type\":\"amend\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\"}",
      "{\"type\":\"amendRejected\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\","
          + "\"quantity\":\"7\",\"price\":\"99.5\",\"reason\":\"too late\"}",
      "{\"type\":\"amendRejected\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\","
          + "\"quantity\":\"7\"}",
      "{\"type\":\"amendRejected\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\","
          + "\"quantity\":0,\"price\":\"1\"}",
      "{\"type\":\"amendRejected\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\","
          + "\"quantity\":\"1\",\"price\":0}",
      "{\"type\":\"orderRejected\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\","
          + "\"reason\":\"no\"}",
      "{\"type\":\"orderExpired\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\","
          + "\"reason\":\"no\"}",
      "{\"type\":\"cancelAll\",\"scope\":\"instrument:X\",\"by\":\"me\"}",
      "{\"type\":\"cancelAll\",\"scope\":\"nowhere\"}",
      "{\"type\":\"tradeBust\",\"ts\":\"2024-01-02T14:30:00Z\",\"fillId\":\"f\"}",
      "{\"type\":\"tradeCorrect\",\"ts\":\"2024-01-02T14:30:00Z\",\"fillId\":\"f\","
          + "\"quantity\":\"1.5\",\"price\":100.25}",
      "{\"type\":\"tradeCorrect\",\"ts\":\"2024-01-02T14:30:00Z\",\"fillId\":\"f\","
          + "\"price\":100.25,\"fee\":-1}",
    };
    lines.addAll(List.of(json));
    for (String line : lines) {
      assertSameAsTreeCodec(line);
    }
  }

  @Test
  void seededMutationsOfEveryEventTypeGiveTheTreeCodecsOutcome() throws Exception {
    System.out.println("EventReaderEquivalenceTest seed " + SEED);
    final SplittableRandom random = new SplittableRandom(SEED);
    final List<String> valid = seedInputs();
    valid.addAll(exampleLines());
    valid.removeIf(line -> line.isEmpty() || line.charAt(0) != '{');
    for (int i = 0; i < 30_000; i++) {
      final String base = valid.get(random.nextInt(valid.size()));
      String line = base;
      final int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        line = mutate(line, random);
      }
      assertSameAsTreeCodec(line);
    }
  }

  @Test
  void seventeenDigitNumbersAreReadExactlyPlainWithAnExponentAndFromATree() throws Exception {
    final String plain =
        "{\"type\":\"fill\",\"ts\":\"2026-11-24T10:00:00Z\",\"fillId\":\"f1\","
            + "\"orderId\":\"o1\",\"quantity\":876543210.12345677,\"price\":99889692.41357375}";
    final Event.Fill fill = (Event.Fill) EventCodec.parse(plain);
    assertEquals(87_654_321_012_345_677L, fill.quantity());
    assertEquals(9_988_969_241_357_375L, fill.price());
    assertEquals(fill, EventCodec.parse(plain.replace("99889692.41357375", "9.988969241357375E7")));
    assertEquals(fill, EventCodec.parse(STRICT.readTree(plain)));
  }

  @Test
  void randomCommonEventsGiveTheTreeCodecsOutcome() {
    final SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < 20_000; i++) {
      assertSameAsTreeCodec(randomLine(random));
    }
  }

  private static final String[] VALUES = {
    "null",
    "true",
    "false",
    "0",
    "-0",
    "1",
    "-1",
    "2.5",
    "1e2",
    "1e999999999",
    "1e-9",
    "0.000000001",
    "123456789012345678901234567890",
    "92233720368.54775807",
    "\"x\"",
    "\"\"",
    "\" 5 \"",
    "\"1.5\"",
    "\"-2\"",
    "\"buy\"",
    "\"sell\"",
    "\"firm\"",
    "\"strategy:S1\"",
    "\"account:\"",
    "\"HALTED\"",
    "\"kelly\"",
    "\"2026-11-24T10:00:00Z\"",
    "\"1969-01-01T00:00:00Z\"",
    "{}",
    "{\"maxLeverage\":2}",
    "{\"restricted\":true,\"maxOpenOrders\":null}",
    "[]",
    "[1,[2]]",
  };

  private static final String[] NAMES = {
    "type",
    "ts",
    "symbol",
    "price",
    "quantity",
    "limits",
    "scope",
    "by",
    "side",
    "orderId",
    "fillId",
    "fee",
    "signal",
    "connected",
    "latencyMs",
    "session",
    "x",
    "Type",
    "tickSize",
  };

  private static final String[] TYPES = {
    "instrument",
    "account",
    "strategy",
    "transfer",
    "limits",
    "price",
    "bar",
    "order",
    "cancel",
    "fill",
    "tradingState",
    "kill",
    "rearm",
    "breakerReset",
    "timer",
    "reportRequest",
    "sizeRequest",
    "fxRate",
    "venueStatus",
    "decision",
  };

  /** One random change of a line's text: a value, a field, a type, a cut, a stray character. */
  private static String mutate(String line, SplittableRandom r) {
    final int colon = colonAt(line, r);
    switch (r.nextInt(9)) {
      case 0, 1 -> {
        if (colon < 0) {
          return line;
        }
        final int end = valueEnd(line, colon + 1);
        return line.substring(0, colon + 1) + pick(VALUES, r) + line.substring(end);
      }
      case 2 -> {
        final int close = line.lastIndexOf('}');
        return close < 0
            ? line
            : line.substring(0, close)
                + ",\""
                + pick(NAMES, r)
                + "\":"
                + pick(VALUES, r)
                + line.substring(close);
      }
      case 3 -> {
        if (colon < 0) {
          return line;
        }
        final int start = line.lastIndexOf(',', colon);
        final int end = valueEnd(line, colon + 1);
        return start < 0 ? line : line.substring(0, start) + line.substring(end);
      }
      case 4 -> {
        return line.replaceFirst("\"type\":\"[a-zA-Z]*\"", "\"type\":\"" + pick(TYPES, r) + "\"");
      }
      case 5 -> {
        return line.substring(0, r.nextInt(line.length() + 1));
      }
      case 6 -> {
        final int at = r.nextInt(line.length() + 1);
        final String stray = pick(new String[] {"{", "}", ",", "\"", ":", " ", "\\", "]"}, r);
        return line.substring(0, at) + stray + line.substring(at);
      }
      case 7 -> {
        return line + pick(new String[] {" {}", " x", "]", " ", "\n", "1"}, r);
      }
      default -> {
        return line.replaceFirst("\\d", String.valueOf(r.nextInt(10)));
      }
    }
  }

  /** The position of a random top-level-ish colon, or -1. */
  private static int colonAt(String line, SplittableRandom r) {
    final List<Integer> colons = new ArrayList<>();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      final char c = line.charAt(i);
      if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      } else if (c == ':' && !quoted) {
        colons.add(i);
      }
    }
    return colons.isEmpty() ? -1 : colons.get(r.nextInt(colons.size()));
  }

  /** Where the value starting at {@code from} ends: the next comma or brace outside quotes. */
  private static int valueEnd(String line, int from) {
    boolean quoted = false;
    int depth = 0;
    for (int i = from; i < line.length(); i++) {
      final char c = line.charAt(i);
      if (c == '"' && line.charAt(i - 1) != '\\') {
        quoted = !quoted;
      } else if (!quoted && (c == '{' || c == '[')) {
        depth++;
      } else if (!quoted && (c == '}' || c == ']')) {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (!quoted && c == ',' && depth == 0) {
        return i;
      }
    }
    return line.length();
  }

  private static String pick(String[] values, SplittableRandom r) {
    return values[r.nextInt(values.length)];
  }

  private static String randomLine(SplittableRandom r) {
    final String ts = randomTime(r);
    return switch (r.nextInt(5)) {
      case 0 ->
          "{\"type\":\"price\",\"ts\":\""
              + ts
              + "\",\"symbol\":\"S"
              + r.nextInt(10)
              + "\",\"bid\":"
              + randomNumber(r)
              + ",\"ask\":"
              + randomNumber(r)
              + "}";
      case 1 ->
          "{\"type\":\"order\",\"ts\":\""
              + ts
              + "\",\"orderId\":\"o"
              + r.nextInt(1000)
              + "\",\"account\":\"A\",\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\""
              + (r.nextBoolean() ? "buy" : "sell")
              + "\",\"quantity\":"
              + randomNumber(r)
              + (r.nextBoolean() ? ",\"price\":" + randomNumber(r) : "")
              + "}";
      case 2 ->
          "{\"type\":\"fill\",\"ts\":\""
              + ts
              + "\",\"fillId\":\"f\",\"orderId\":\"o\",\"quantity\":"
              + randomNumber(r)
              + ",\"price\":"
              + randomNumber(r)
              + (r.nextBoolean() ? ",\"fee\":" + randomNumber(r) : "")
              + "}";
      case 3 ->
          r.nextBoolean()
              ? "{\"type\":\"cancel\",\"ts\":\"" + ts + "\",\"orderId\":\"o\"}"
              : "{\"type\":\"amend\",\"ts\":\""
                  + ts
                  + "\",\"orderId\":\"o\""
                  + (r.nextBoolean() ? ",\"quantity\":" + randomNumber(r) : "")
                  + (r.nextBoolean() ? ",\"price\":" + randomNumber(r) : "")
                  + "}";
      default -> "{\"type\":\"timer\",\"ts\":\"" + ts + "\"}";
    };
  }

  private static String randomTime(SplittableRandom r) {
    final String fraction =
        switch (r.nextInt(4)) {
          case 0 -> "";
          case 1 -> "." + r.nextInt(10);
          case 2 -> String.format(Locale.ROOT, ".%06d", r.nextInt(1_000_000));
          default -> String.format(Locale.ROOT, ".%09d", r.nextInt(1_000_000_000));
        };
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02d%sZ",
        1899 + r.nextInt(310),
        1 + r.nextInt(12),
        1 + r.nextInt(31),
        r.nextInt(25),
        r.nextInt(60),
        r.nextInt(61),
        fraction);
  }

  private static String randomNumber(SplittableRandom r) {
    final String digits = Long.toString(r.nextLong(1, 100_000_000_000L) / (1L << r.nextInt(36)));
    final String decimals =
        r.nextInt(3) == 0
            ? ""
            : "."
                + String.format(Locale.ROOT, "%010d", r.nextLong(0, 10_000_000_000L))
                    .substring(0, 1 + r.nextInt(10));
    final String sign = r.nextInt(10) == 0 ? "-" : "";
    final String number = sign + digits + decimals;
    return r.nextBoolean() ? number : "\"" + number + "\"";
  }
}
