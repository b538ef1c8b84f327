package io.riskgate.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.core.event.Event;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.codec.ExactJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JournalEntryTest {
  private static final String PRICE =
      "{\"type\":\"price\",\"ts\":\"2026-11-24T10:00:00Z\",\"symbol\":\"BTC-USD\","
          + "\"bid\":99889692.41357375,\"ask\":876543210.12345677}";

  private static Event.Price price(JournalEntry entry) {
    return (Event.Price) EventCodec.parse(entry.event());
  }

  @Test
  void decodedEventsKeepEveryDigitOfAJsonNumber() {
    final JournalEntry entry =
        JournalEntry.decode(
            ("{\"by\":\"desk1\",\"event\":" + PRICE + "}").getBytes(StandardCharsets.UTF_8));
    assertEquals(9_988_969_241_357_375L, price(entry).bid());
    assertEquals(87_654_321_012_345_677L, price(entry).ask());
  }

  @Test
  void encodedEntriesReadBackDigitForDigit() {
    final JournalEntry first =
        JournalEntry.decode(
            ("{\"by\":\"desk1\",\"event\":" + PRICE + "}").getBytes(StandardCharsets.UTF_8));
    final byte[] encoded = first.encode();
    final String text = new String(encoded, StandardCharsets.UTF_8);
    assertEquals(
        "{\"by\":\"desk1\",\"event\":" + PRICE + "}", text, "numbers are written plain, exactly");
    final JournalEntry again = JournalEntry.decode(encoded);
    assertEquals(price(first), price(again));
    assertEquals(9_988_969_241_357_375L, price(again).bid());
  }

  @Test
  void trailingZerosAndExponentsAreWrittenAsPlainDecimals() {
    final JournalEntry entry =
        JournalEntry.decode(
            ("{\"by\":\"desk1\",\"event\":{\"type\":\"price\",\"ts\":\"2026-11-24T10:00:00Z\","
                    + "\"symbol\":\"X\",\"bid\":100.0,\"ask\":1.0000000100E2}}")
                .getBytes(StandardCharsets.UTF_8));
    final String text = new String(entry.encode(), StandardCharsets.UTF_8);
    assertEquals(
        "{\"by\":\"desk1\",\"event\":{\"type\":\"price\",\"ts\":\"2026-11-24T10:00:00Z\","
            + "\"symbol\":\"X\",\"bid\":100.0,\"ask\":100.00000100}}",
        text);
    assertEquals(10_000_000_100L, price(JournalEntry.decode(entry.encode())).ask());
  }

  /** Parses a body as the HTTP layer does: strict, exact decimals. */
  private static final ObjectMapper STRICT =
      ExactJson.configure(JsonMapper.builder())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** The node the HTTP layer hands to the engine: the body's tree with its type. */
  private static ObjectNode liveNode(byte[] body, String type) throws Exception {
    final ObjectNode node = (ObjectNode) STRICT.readTree(body);
    node.put("type", type);
    return node;
  }

  private static List<String> fieldNames(JsonNode node) {
    final List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * The copied body reads back as the very node the engine applied (same values, same number forms,
   * same field order), and as the same event as the entry the engine thread writes from that node.
   */
  private static void assertSameEntry(String by, String bodyText, String type) throws Exception {
    final byte[] body = bodyText.getBytes(StandardCharsets.UTF_8);
    final boolean declared = STRICT.readTree(body).has("type");
    final byte[] copied = JournalEntry.encodeBody(by, body, declared ? null : type);
    assertNotNull(copied, bodyText);
    final JournalEntry fromBody = JournalEntry.decode(copied);
    final ObjectNode live = liveNode(body, type);
    assertEquals(by, fromBody.by(), bodyText);
    assertEquals(live, fromBody.event(), bodyText);
    assertEquals(fieldNames(live), fieldNames(fromBody.event()), bodyText);
    final JournalEntry fromTree = JournalEntry.decode(new JournalEntry(by, live).encode());
    assertEquals(EventCodec.parse(fromTree.event()), EventCodec.parse(fromBody.event()), bodyText);
  }

  @Test
  void aCopiedBodyReadsBackAsTheTreeWithItsType() throws Exception {
    assertSameEntry(
        "loadgen",
        "{\"ts\":\"2026-11-24T10:00:01Z\",\"orderId\":\"o-1\",\"account\":\"A1\","
            + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\","
            + "\"quantity\":\"0.01\",\"price\":\"43001\"}",
        "order");
    assertSameEntry(
        "desk \"1\" \u00e9\u2603",
        " \r\n\t{ \"type\" : \"price\" ,\"ts\":\"2026-11-24T10:00:00Z\",\"symbol\":\"B\\u00e9\\\"X\","
            + "\"bid\":99.41357375, \"ask\":1.0000000100E2 }\n\n",
        "price");
  }

  /**
   * Bodies of orders with random spacing, field order, number forms and strings (seed 20261204).
   */
  @Test
  void randomBodiesReadBackAsTheirTrees() throws Exception {
    final Random random = new Random(20261204L);
    final String[] spaces = {"", " ", "\n", "\t", "\r\n  "};
    final String[] quantities = {"\"0.01\"", "0.010", "1E-2", "1.0e+1", "3", "\"12.5\""};
    for (int round = 0; round < 500; round++) {
      final List<String> fields = new ArrayList<>();
      fields.add("\"ts\":\"2026-11-24T10:00:01Z\"");
      fields.add(
          "\"orderId\":\"o-" + round + (random.nextBoolean() ? "\\u00e9\\n\\\"" : "") + "\"");
      fields.add("\"account\":\"A1\"");
      fields.add("\"strategy\":\"S1\"");
      fields.add("\"symbol\":\"BTC-USD\"");
      fields.add("\"side\":\"" + (random.nextBoolean() ? "buy" : "sell") + "\"");
      fields.add("\"quantity\":" + quantities[random.nextInt(quantities.length)]);
      fields.add("\"price\":\"43001\"");
      if (random.nextBoolean()) {
        fields.add("\"type\":\"order\"");
      }
      java.util.Collections.shuffle(fields, random);
      final StringBuilder body = new StringBuilder(spaces[random.nextInt(spaces.length)] + "{");
      for (int i = 0; i < fields.size(); i++) {
        body.append(i == 0 ? "" : ",").append(spaces[random.nextInt(spaces.length)]);
        body.append(
            fields.get(i).replaceFirst("\":", "\"" + spaces[random.nextInt(spaces.length)] + ":"));
      }
      body.append(spaces[random.nextInt(spaces.length)]).append("}");
      body.append(spaces[random.nextInt(spaces.length)]);
      assertSameEntry("trader-" + round, body.toString(), "order");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE"})
  void aBodyInAnotherEncodingIsNotCopied(String charset) {
    final byte[] body =
        "{\"ts\":\"2026-11-24T10:00:00Z\"}".getBytes(java.nio.charset.Charset.forName(charset));
    assertNull(JournalEntry.encodeBody("desk1", body, "price"));
  }

  @Test
  void aBodyWithAByteOrderMarkOrNoFieldToFollowIsNotCopied() {
    final byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'a', '"', ':', '1', '}'};
    assertNull(JournalEntry.encodeBody("desk1", bom, "price"));
    assertNull(JournalEntry.encodeBody("desk1", " { } ".getBytes(StandardCharsets.UTF_8), "price"));
  }
}
