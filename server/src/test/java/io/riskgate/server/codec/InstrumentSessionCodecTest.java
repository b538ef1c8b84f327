package io.riskgate.server.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.event.Event;
import io.riskgate.core.session.TradingSession;
import org.junit.jupiter.api.Test;

/** The {@code session} field of an {@code instrument} event. */
class InstrumentSessionCodecTest {
  private static final String BASE =
      "{\"type\":\"instrument\",\"symbol\":\"XYZ\",\"venue\":\"XNYS\",\"currency\":\"USD\","
          + "\"tickSize\":\"0.01\",\"lotSize\":1,\"assetClass\":\"equity\"";

  @Test
  void anInstrumentWithoutASessionTradesAroundTheClock() {
    final Event.Instrument i = (Event.Instrument) EventCodec.parse(BASE + "}");
    assertEquals(TradingSession.ALWAYS_OPEN, i.session());
    assertEquals(
        TradingSession.ALWAYS_OPEN,
        ((Event.Instrument) EventCodec.parse(BASE + ",\"session\":null}")).session());
  }

  @Test
  void readsTheSession() {
    final Event.Instrument i =
        (Event.Instrument)
            EventCodec.parse(BASE + ",\"session\":\"Mon-Fri 09:30-16:00 America/New_York\"}");
    assertEquals("Mon-Fri 09:30-16:00 America/New_York", i.session().toString());
  }

  @Test
  void anInvalidSessionNamesTheFieldAndTheProblem() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EventCodec.parse(BASE + ",\"session\":\"Mon-Fri 09:30-16:00 Mars/Olympus\"}"));
    assertEquals(
        "instrument: field \"session\": session \"Mon-Fri 09:30-16:00 Mars/Olympus\": unknown"
            + " time zone \"Mars/Olympus\"",
        e.getMessage());
    final IllegalArgumentException notText =
        assertThrows(
            IllegalArgumentException.class, () -> EventCodec.parse(BASE + ",\"session\":7}"));
    assertTrue(notText.getMessage().contains("\"session\" must be a string"), notText.getMessage());
  }
}
