package io.riskgate.server.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.riskgate.server.runtime.EngineReply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway reads an order's approval from the top-level fields of its decision only. */
class FixDecisionReadTest {
  private static EngineReply reply(String... outputs) {
    return new EngineReply(1, 1, List.of(outputs), null);
  }

  @Test
  void readsTheApprovalOfTheOrdersOwnDecisionNotANestedOneOrAnotherOrders() {
    final String other =
        "{\"type\":\"decision\",\"orderId\":\"o2\",\"approved\":true,\"checks\":[]}";
    final String nested =
        "{\"type\":\"decision\",\"orderId\":\"o1\",\"checks\":[{\"code\":\"POSITION_LIMIT\","
            + "\"approved\":true,\"orderId\":\"x\",\"passed\":false}],\"approved\":false,"
            + "\"rejectedBy\":\"POSITION_LIMIT\"}";
    assertEquals(Boolean.FALSE, EngineDecisions.approved(reply(other, nested), "o1"));
    assertEquals(Boolean.TRUE, EngineDecisions.approved(reply(other, nested), "o2"));
    assertEquals(
        Boolean.TRUE,
        EngineDecisions.approved(
            reply(
                "{\"type\":\"state\",\"scope\":\"firm\"}",
                "{\"type\":\"decision\",\"orderId\":\"o1\",\"approved\":true,\"checks\":[{}]}"),
            "o1"));
    assertNull(EngineDecisions.approved(reply(other), "o1"));
    assertNull(EngineDecisions.approved(reply(), "o1"));
  }
}
