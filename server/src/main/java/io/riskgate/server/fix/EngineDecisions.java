package io.riskgate.server.fix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riskgate.server.runtime.EngineReply;
import java.io.IOException;
import java.math.RoundingMode;

/** The engine's replies as the gateway reads them: an order's decision, its failing check. */
final class EngineDecisions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineDecisions() {}

  /**
   * Whether the engine approved {@code orderId}, read from the top-level fields of its decision
   * without building the whole tree (the checks array is skipped); null when the reply holds no
   * decision of that order. The approval is on the order path; a rejection is parsed in full for
   * its text ({@link #decision}).
   */
  static Boolean approved(EngineReply reply, String orderId) {
    for (String output : reply.outputs()) {
      if (!output.startsWith("{\"type\":\"decision\"")) {
        continue;
      }
      try (JsonParser p = JSON.getFactory().createParser(output)) {
        p.nextToken();
        String id = null;
        Boolean approved = null;
        while (p.nextToken() == JsonToken.FIELD_NAME && (id == null || approved == null)) {
          final String name = p.currentName();
          final JsonToken value = p.nextToken();
          if (name.equals("orderId")) {
            id = p.getText();
          } else if (name.equals("approved")) {
            approved = value == JsonToken.VALUE_TRUE;
          } else {
            p.skipChildren();
          }
        }
        if (orderId.equals(id) && approved != null) {
          return approved;
        }
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  static JsonNode decision(EngineReply reply, String orderId) {
    for (String output : reply.outputs()) {
      if (output.startsWith("{\"type\":\"decision\"")) {
        try {
          final JsonNode d = JSON.readTree(output);
          if (orderId.equals(d.path("orderId").asText())) {
            return d;
          }
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * The failing check of a rejection as a trader reads it: {@code POSITION_LIMIT 0.1110 > 0.1000
   * account:A1}.
   */
  static String failure(JsonNode decision) {
    for (JsonNode check : decision.path("checks")) {
      if (!check.path("passed").asBoolean(true)) {
        final StringBuilder b = new StringBuilder(check.path("code").asText());
        if (check.hasNonNull("value") || check.hasNonNull("limit")) {
          b.append(' ').append(number(check.get("value")));
          b.append(" > ").append(number(check.get("limit")));
        }
        if (check.hasNonNull("scope")) {
          b.append(' ').append(check.get("scope").asText());
        }
        if (check.hasNonNull("reason")) {
          b.append(" (").append(check.get("reason").asText()).append(')');
        }
        return b.toString();
      }
    }
    return decision.path("rejectedBy").asText("REJECTED");
  }

  private static String number(JsonNode n) {
    if (n == null || n.isNull() || !n.isNumber()) {
      return "n/a";
    }
    return n.decimalValue().setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t != t.getCause()) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
