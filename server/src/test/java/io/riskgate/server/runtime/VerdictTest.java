package io.riskgate.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.check.CheckCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final String ALERT =
      "{\"type\":\"alert\",\"ts\":\"2024-01-02T09:30:00Z\",\"severity\":\"HIGH\"}";

  @Test
  void aRestoredAnswerFindsItsDecisionBehindAnAlertAndItsRejectingCheck() {
    final Verdict verdict =
        Verdict.of(
            List.of(
                ALERT,
                "{\"type\":\"decision\",\"orderId\":\"o1\",\"approved\":false,"
                    + "\"rejectedBy\":\"DUPLICATE_ORDER\",\"checks\":[]}",
                ALERT));
    assertEquals(new Verdict(1, true, CheckCode.DUPLICATE_ORDER), verdict);
    assertFalse(verdict.approved());
  }

  @Test
  void anApprovedDecisionHasNoRejectingCheckAndASizeAnswerIsNoDecision() {
    final Verdict approved =
        Verdict.of(List.of("{\"type\":\"decision\",\"approved\":true,\"checks\":[]}"));
    assertEquals(new Verdict(0, true, null), approved);
    assertTrue(approved.approved());
    assertEquals(
        new Verdict(1, false, null),
        Verdict.of(List.of(ALERT, "{\"type\":\"size\",\"quantity\":\"10\"}")));
    assertNull(Verdict.of(List.of(ALERT)));
  }

  @Test
  void damagedOutputsAreRefusedNotGuessed() {
    assertThrows(IllegalArgumentException.class, () -> Verdict.of(List.of("{\"type\":")));
    assertThrows(
        IllegalArgumentException.class,
        () -> Verdict.of(List.of("{\"type\":\"decision\",\"rejectedBy\":\"NO_SUCH_CHECK\"}")));
    assertThrows(
        IllegalArgumentException.class, () -> new Verdict(0, false, CheckCode.KILL_SWITCH));
  }

  @Test
  void aVerdictMustNameAnOutputTheReplyHas() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new EngineReply(1, 1, List.of(), null, false, List.of(), new Verdict(0, true, null)));
  }
}
