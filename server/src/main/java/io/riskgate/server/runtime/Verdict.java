package io.riskgate.server.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.core.check.CheckCode;
import io.riskgate.server.codec.ExactJson;
import java.util.List;

/**
 * The engine's own answer to an order, amend or size request, as a value the HTTP layer and the FIX
 * gateway can act on without reading the JSON again: which output is the answer and, for a
 * decision, the check that rejected it.
 *
 * @param output the index of the decision or size output among the reply's outputs
 * @param decision whether that output is a decision (else a size answer)
 * @param rejectedBy the first failed check of a decision, or null when approved or a size answer
 */
public record Verdict(int output, boolean decision, CheckCode rejectedBy) {
  public Verdict {
    if (output < 0) {
      throw new IllegalArgumentException("output index must not be negative: " + output);
    }
    if (!decision && rejectedBy != null) {
      throw new IllegalArgumentException("a size answer has no rejecting check");
    }
  }

  /** Whether this is a decision that approved the order. */
  public boolean approved() {
    return decision && rejectedBy == null;
  }

  /**
   * The verdict of outputs written before, read back from their JSON: for answers restored from a
   * snapshot, which keeps the outputs' text. Null when none is a decision or a size answer.
   *
   * @throws IllegalArgumentException when an output is not JSON or names an unknown check
   */
  static Verdict of(List<String> outputs) {
    for (int i = 0; i < outputs.size(); i++) {
      final JsonNode node;
      try {
        node = ExactJson.MAPPER.readTree(outputs.get(i));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("output " + i + " is not JSON: " + e.getMessage(), e);
      }
      final String type = node.path("type").asText();
      if (type.equals("size")) {
        return new Verdict(i, false, null);
      }
      if (type.equals("decision")) {
        final JsonNode rejectedBy = node.get("rejectedBy");
        return new Verdict(
            i, true, rejectedBy == null ? null : CheckCode.valueOf(rejectedBy.asText()));
      }
    }
    return null;
  }

  /** The same verdict for outputs that start {@code offset} places later. */
  Verdict shifted(int offset) {
    return offset == 0 ? this : new Verdict(output + offset, decision, rejectedBy);
  }
}
