package io.riskgate.server.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.core.event.Event;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the event parser with Jazzer. The input is either text, parsed by
 * {@link EventCodec#parse(String)} and, read into a JSON tree by the server's strict reader and by
 * a lenient one (duplicate keys, NaN, doubles instead of decimals), by {@link
 * EventCodec#parse(JsonNode)}; or a JSON tree built node by node from the input, with values JSON
 * text cannot carry (NaN and infinite doubles, decimals of any scale). Either an event comes back
 * or an {@link IllegalArgumentException} with a message, and the same event or message as the
 * tree-based codec the shared reader replaced ({@link TreeEventCodec}); anything else is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} (a normal build) the test replays the empty input and the files in
 * {@code src/test/resources/io/riskgate/server/codec/EventParserFuzzTestInputs}; the Maven profile
 * {@code fuzz} fuzzes it for a bounded time. The last byte of an input chooses text (any value but
 * 7 modulo 8, e.g. the newline that ends each checked-in event) or a built tree.
 */
class EventParserFuzzTest {
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
          .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
          .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
          .build();

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
    "venueStatus",
    "decision",
    ""
  };

  private static final String[] FIELDS = {
    "type",
    "ts",
    "symbol",
    "venue",
    "currency",
    "tickSize",
    "lotSize",
    "multiplier",
    "assetClass",
    "sector",
    "account",
    "capital",
    "strategy",
    "allocation",
    "amount",
    "scope",
    "limits",
    "by",
    "bid",
    "ask",
    "last",
    "open",
    "high",
    "low",
    "close",
    "volume",
    "orderId",
    "side",
    "quantity",
    "price",
    "leverage",
    "fillId",
    "fee",
    "state",
    "requestId",
    "sizer",
    "signal",
    "winRate",
    "averageWin",
    "averageLoss",
    "riskFraction",
    "atrMultiple",
    "targetVolatility",
    "connected",
    "latencyMs",
    "maxOrderQuantity",
    "maxLeverage",
    "restricted",
    "priceCollar",
    "maxOpenOrders"
  };

  private static final String[] TEXTS = {
    "2026-11-24T10:00:00Z",
    "2026-11-24T10:00:00.123456789Z",
    "+1000000000-12-31T23:59:59.999999999Z",
    "-1000000000-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "buy",
    "sell",
    "BUY",
    "firm",
    "account:A1",
    "strategy:S1",
    "instrument:BTC-USD",
    "strategy:",
    ":",
    "ACTIVE",
    "REDUCING",
    "HALTED",
    "fixedFractional",
    "volatilityTarget",
    "kelly",
    "dynamic",
    "0.5",
    "-0",
    "0.000000001",
    "1e-8",
    "92233720368.54775807",
    "NaN",
    "Infinity",
    " 1 ",
    ""
  };

  @FuzzTest(maxDuration = "60s")
  @DictionaryEntries({
    "\"type\":",
    "\"ts\":\"2026-11-24T10:00:00Z\"",
    "\"quantity\":",
    "\"price\":",
    "\"limits\":{",
    "\"scope\":\"strategy:S1\"",
    "\"side\":\"sell\"",
    "e+",
    "E-",
    "2147483647",
    "9223372036854775807",
    "0.00000001",
    "\\u0000",
    "null",
    "true"
  })
  void eventsAreParsedOrRefusedWithAMessage(FuzzedDataProvider data) {
    if (data.consumeInt(0, 7) == 7) {
      final JsonNode tree = object(data, 0);
      parsedOrRefused(() -> EventCodec.parse(tree), tree);
      sameAsTreeCodec(() -> TreeEventCodec.parse(tree), () -> EventCodec.parse(tree), tree);
      return;
    }
    final String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    parsedOrRefused(() -> EventCodec.parse(text), text);
    sameAsTreeCodec(() -> TreeEventCodec.parse(text), () -> EventCodec.parse(text), text);
    for (ObjectMapper reader : new ObjectMapper[] {STRICT, LENIENT}) {
      final JsonNode tree;
      try {
        tree = reader.readTree(text);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        continue;
      }
      parsedOrRefused(() -> EventCodec.parse(tree), text);
      sameAsTreeCodec(() -> TreeEventCodec.parse(tree), () -> EventCodec.parse(tree), text);
    }
  }

  /**
   * The shared reader gives the event, or the message, that the tree-based codec it replaced gave
   * ({@link TreeEventCodec}; see {@link EventReaderEquivalenceTest}).
   */
  private static void sameAsTreeCodec(
      Supplier<Event> reference, Supplier<Event> parse, Object input) {
    assertEquals(
        outcome(reference), outcome(parse), () -> "differs from the tree codec: " + shown(input));
  }

  private static Object outcome(Supplier<Event> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      return "refused: " + e.getMessage();
    }
  }

  /**
   * The checked-in seed inputs are valid events, so fuzzing starts from the whole event language;
   * inputs named {@code crash-*} are findings kept as regression inputs.
   */
  @Test
  void checkedInInputsAreValidEvents() throws IOException, URISyntaxException {
    final Path inputs =
        Path.of(
            EventParserFuzzTest.class
                .getResource("EventParserFuzzTestInputs/eventsAreParsedOrRefusedWithAMessage")
                .toURI());
    final List<Path> files;
    try (Stream<Path> list = Files.list(inputs)) {
      files =
          list.filter(file -> !file.getFileName().toString().startsWith("crash-"))
              .sorted()
              .toList();
    }
    assertTrue(files.size() >= 19, "inputs " + files);
    for (Path file : files) {
      final String text = Files.readString(file);
      assertTrue(text.endsWith("\n"), file + " must end with a newline (text mode)");
      assertNotNull(EventCodec.parse(text.substring(0, text.length() - 1)), file.toString());
    }
  }

  private static void parsedOrRefused(Supplier<Event> parse, Object input) {
    try {
      assertNotNull(parse.get(), () -> "no event and no exception for " + shown(input));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        fail("refused without a message: " + shown(input), e);
      }
    } catch (RuntimeException e) {
      fail(shown(input) + " threw " + e, e);
    }
  }

  private static String shown(Object input) {
    final String text = String.valueOf(input);
    return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + ")";
  }

  private static ObjectNode object(FuzzedDataProvider data, int depth) {
    final ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (depth == 0) {
      node.put("type", data.pickValue(TYPES));
    }
    final int fields = data.consumeInt(0, depth == 0 ? 12 : 3);
    for (int i = 0; i < fields; i++) {
      final String name =
          data.consumeInt(0, 15) == 15 ? data.consumeAsciiString(12) : data.pickValue(FIELDS);
      node.set(name, value(data, depth));
    }
    return node;
  }

  private static JsonNode value(FuzzedDataProvider data, int depth) {
    final JsonNodeFactory f = JsonNodeFactory.instance;
    switch (data.consumeInt(0, 11)) {
      case 0:
        return f.nullNode();
      case 1:
        return f.booleanNode(data.consumeBoolean());
      case 2:
        return f.numberNode(data.consumeLong());
      case 3:
        return f.numberNode(data.consumeDouble());
      case 4:
        return f.numberNode(
            new BigDecimal(BigInteger.valueOf(data.consumeLong()), data.consumeInt()));
      case 5:
        final byte[] magnitude = data.consumeBytes(24);
        return f.numberNode(
            magnitude.length == 0
                ? BigInteger.ZERO
                : new BigInteger(magnitude).shiftLeft(data.consumeInt(0, 8)));
      case 6:
        return f.textNode(data.consumeAsciiString(40));
      case 7:
        return f.textNode(data.consumeString(40));
      case 8:
        if (depth < 2) {
          final ArrayNode array = f.arrayNode();
          final int n = data.consumeInt(0, 3);
          for (int i = 0; i < n; i++) {
            array.add(value(data, depth + 1));
          }
          return array;
        }
        return f.arrayNode();
      case 9:
        return depth < 2 ? object(data, depth + 1) : f.objectNode();
      case 10:
        return f.textNode(
            new BigDecimal(BigInteger.valueOf(data.consumeLong()), data.consumeInt()).toString());
      default:
        return f.textNode(data.pickValue(TEXTS));
    }
  }
}
