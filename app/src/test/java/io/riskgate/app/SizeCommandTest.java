package io.riskgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SizeCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void jsonGivesQuantityNotionalAndBreakdown() throws IOException {
    // 2% × 100,000 × 2 × 1/1.25 = 3,200 at 50 → 64 units.
    final CommandRun run =
        CommandRun.of(
            "size",
            "--equity",
            "100000",
            "--price",
            "50",
            "--signal",
            "1",
            "--volatility",
            "0.25",
            "--format",
            "json");
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode json = MAPPER.readTree(run.out());
    assertEquals(64, json.get("quantity").asInt());
    assertEquals(3200, json.get("notional").asInt());
    assertEquals("SIZED", json.get("status").asText());
    assertEquals(2.0, json.get("signalMultiplier").asDouble(), 0.0);
    assertEquals(0.8, json.get("volatilityMultiplier").asDouble(), 0.0);
    assertEquals(1.0, json.get("performanceMultiplier").asDouble(), 0.0);
  }

  @Test
  void drawdownLotAndMinimumApply() throws IOException {
    final CommandRun run =
        CommandRun.of(
            "size",
            "--equity",
            "100000",
            "--price",
            "50",
            "--signal",
            "1",
            "--volatility",
            "0.25",
            "--drawdown",
            "0.075",
            "--drawdown-limit",
            "0.15",
            "--lot-size",
            "15",
            "--format",
            "json");
    final JsonNode json = MAPPER.readTree(run.out());
    assertEquals(0.625, json.get("performanceMultiplier").asDouble(), 1e-15);
    assertEquals(30, json.get("quantity").asInt()); // 40 → 30 in lots of 15
    final CommandRun belowMin =
        CommandRun.of(
            "size",
            "--equity",
            "100000",
            "--price",
            "50",
            "--signal",
            "0",
            "--volatility",
            "0.25",
            "--min-quantity",
            "50",
            "--format",
            "json");
    final JsonNode zero = MAPPER.readTree(belowMin.out());
    assertEquals(0, zero.get("quantity").asInt());
    assertEquals("BELOW_MINIMUM_QUANTITY", zero.get("status").asText());
  }

  @Test
  void invalidSignalExitsWithTwoAndOneLine() {
    final CommandRun run =
        CommandRun.of(
            "size", "--equity", "100000", "--price", "50", "--signal", "2", "--volatility", "0.2");
    assertEquals(2, run.exitCode());
    assertEquals(
        "riskgate size: signal strength must be between 0 and 1, got 2.0", run.err().strip());
    final CommandRun price =
        CommandRun.of(
            "size", "--equity", "100000", "--price", "abc", "--signal", "1", "--volatility", "0.2");
    assertEquals(2, price.exitCode());
    assertTrue(price.err().startsWith("riskgate size: --price: not a decimal number"), price.err());
  }
}
