package io.riskgate.server.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.core.event.Event;
import org.junit.jupiter.api.Test;

/** JSON numbers are read as exact decimals, never through a double. */
class ExactNumbersCodecTest {
  private static final String FILL =
      "{\"type\":\"fill\",\"ts\":\"2026-11-24T10:00:00Z\",\"fillId\":\"f1\",\"orderId\":\"o1\","
          + "\"quantity\":876543210.12345677,\"price\":99889692.41357375,\"fee\":1.2345678E-1}";

  @Test
  void theTextParserKeepsEveryDigit() {
    final Event.Fill fill = (Event.Fill) EventCodec.parse(FILL);
    assertEquals(87_654_321_012_345_677L, fill.quantity());
    assertEquals(9_988_969_241_357_375L, fill.price());
    assertEquals(12_345_678L, fill.fee());
  }

  @Test
  void aTreeFromTheSharedExactMapperKeepsEveryDigit() throws Exception {
    final JsonNode node = ExactJson.MAPPER.readTree(FILL);
    assertEquals(EventCodec.parse(FILL), EventCodec.parse(node));
    final JsonNode again = ExactJson.MAPPER.readTree(ExactJson.MAPPER.writeValueAsString(node));
    assertEquals(EventCodec.parse(FILL), EventCodec.parse(again));
  }
}
