package io.riskgate.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.riskgate.core.event.Event;
import io.riskgate.server.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
}
