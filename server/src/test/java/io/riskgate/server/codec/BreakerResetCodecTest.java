package io.riskgate.server.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.event.Event;
import io.riskgate.core.limit.Scope;
import org.junit.jupiter.api.Test;

class BreakerResetCodecTest {

  @Test
  void parsesABreakerResetWithItsScopeAndThePersonResetting() {
    final Event event =
        EventCodec.parse(
            "{\"type\":\"breakerReset\",\"ts\":\"2024-01-02T14:30:00Z\","
                + "\"scope\":\"strategy:S1\",\"by\":\"risk-officer\"}");
    final Event.BreakerReset reset = (Event.BreakerReset) event;
    assertEquals(Scope.parse("strategy:S1"), reset.scope());
    assertEquals("risk-officer", reset.by());
    assertEquals(1_704_205_800_000_000_000L, reset.timestampNanos());
  }

  @Test
  void aBreakerResetWithoutTheAuthorisedPersonIsRefused() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EventCodec.parse("{\"type\":\"breakerReset\",\"scope\":\"firm\"}"));
    assertTrue(e.getMessage().contains("\"by\" is missing"), e.getMessage());
  }
}
