package io.riskgate.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.codec.ExactJson;
import io.riskgate.server.codec.IsoTime;
import io.riskgate.server.runtime.DurableRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRowsTest {
  private static final JsonNode CANCEL = tree("{\"type\":\"cancel\",\"orderId\":\"o1\"}");

  /** Every decision the examples produce, and some with nulls, escapes and an amend. */
  private static List<String> decisions() throws IOException {
    final List<String> all = new ArrayList<>();
    for (Path example : AuditScenario.examples()) {
      final Path expected = Path.of(example.toString().replace(".jsonl", ".expected.jsonl"));
      for (String line : Files.readAllLines(expected)) {
        if (line.startsWith("{\"type\":\"decision\"")) {
          all.add(line);
        }
      }
    }
    assertTrue(all.size() >= 20, "examples give " + all.size() + " decisions");
    all.add(
        "{\"type\":\"decision\",\"ts\":\"2026-11-24T10:00:00.000000001Z\",\"orderId\":\"\\u00e9 \\\"q\\\"\","
            + "\"amend\":true,\"approved\":false,\"riskReducing\":true,\"rejectedBy\":\"LEVERAGE_LIMIT\","
            + "\"checks\":[{\"code\":\"LEVERAGE_LIMIT\",\"passed\":false,\"value\":null,"
            + "\"limit\":3,\"scope\":\"account:A\\u00fc\",\"reason\":\"no positive equity\\n\"},"
            + "{\"code\":\"KILL_SWITCH\",\"passed\":true,\"value\":0.1110,\"limit\":1.0E-7}]}");
    all.add(
        "{\"type\":\"decision\",\"ts\":\"2026-11-24T10:00:00Z\",\"orderId\":\"o2\",\"approved\":true,"
            + "\"riskReducing\":false,\"checks\":[]}");
    return all;
  }

  @Test
  void decisionRowsReadAsTheirJsonSaysFieldByField() throws IOException {
    final List<String> outputs = decisions();
    final List<DurableRecord> records = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      records.add(new DurableRecord(i + 1, "desk", CANCEL, 0, List.of(outputs.get(i)), List.of()));
    }
    final AuditRows.Batch batch = AuditRows.of(records);
    assertEquals(outputs.size(), batch.decisions().size());
    for (int i = 0; i < outputs.size(); i++) {
      assertEquals(expected(i + 1, tree(outputs.get(i))), batch.decisions().get(i), outputs.get(i));
    }
  }

  @Test
  void aDecisionThatIsNotJsonIsRefused() {
    final DurableRecord broken =
        new DurableRecord(
            1, "desk", CANCEL, 0, List.of("{\"type\":\"decision\",\"checks\":[{"), List.of());
    assertThrows(UncheckedIOException.class, () -> AuditRows.of(List.of(broken)));
  }

  /** The row read from the decision's tree, as a reference. */
  private static AuditRows.DecisionRow expected(long sequence, JsonNode d) {
    final List<AuditRows.CheckRow> checks = new ArrayList<>();
    for (int i = 0; i < d.path("checks").size(); i++) {
      final JsonNode c = d.path("checks").get(i);
      checks.add(
          new AuditRows.CheckRow(
              i,
              c.path("code").asText(),
              c.path("passed").asBoolean(),
              number(c.get("value")),
              number(c.get("limit")),
              text(c.get("scope")),
              text(c.get("reason"))));
    }
    final String ts = d.path("ts").asText();
    return new AuditRows.DecisionRow(
        sequence,
        0,
        IsoTime.parse(ts),
        ts,
        d.path("orderId").asText(),
        null,
        null,
        null,
        null,
        null,
        null,
        "desk",
        d.path("approved").asBoolean(),
        d.path("riskReducing").asBoolean(),
        text(d.get("rejectedBy")),
        checks);
  }

  private static Double number(JsonNode node) {
    return node == null || !node.isNumber() ? null : node.doubleValue();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static JsonNode tree(String text) {
    try {
      return ExactJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
