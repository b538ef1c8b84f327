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
  void fixedRiskGivesNautilusTradersSingleUnitSize() throws IOException {
    // NautilusTrader's FixedRiskSizer test: equity 1,000,000, risk 0.001, entry 1.00100, stop
    // 1.00000, lots of 1,000 → 1,000,000.
    final CommandRun run =
        CommandRun.of(
            "size",
            "--sizer",
            "fixed-risk",
            "--equity",
            "1000000",
            "--price",
            "1.00100",
            "--stop",
            "1.00000",
            "--risk",
            "0.001",
            "--lot-size",
            "1000",
            "--format",
            "json");
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode json = MAPPER.readTree(run.out());
    assertEquals(1_000_000, json.get("quantity").asInt());
    assertEquals("SIZED", json.get("status").asText());
    assertEquals(1000.0, json.get("riskPerTrade").asDouble(), 0.0);
    assertEquals(0.001, json.get("riskPerUnit").asDouble(), 1e-12);
  }

  @Test
  void fixedRiskConvertsAtTheRateAndChargesTheCommission() throws IOException {
    // 10,000 × 0.01 = 100 at risk; a unit loses 2 × 1.25 + 0.5 = 3: 33 units, capped at 20.
    final CommandRun run =
        CommandRun.of(
            "size",
            "--sizer",
            "fixed-risk",
            "--equity",
            "10000",
            "--price",
            "100",
            "--stop",
            "98",
            "--risk",
            "0.01",
            "--rate",
            "1.25",
            "--commission",
            "0.5",
            "--format",
            "json");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(33, MAPPER.readTree(run.out()).get("quantity").asInt());
    final CommandRun capped =
        CommandRun.of(
            "size",
            "--sizer",
            "fixed-risk",
            "--equity",
            "10000",
            "--price",
            "100",
            "--stop",
            "98",
            "--risk",
            "0.01",
            "--rate",
            "1.25",
            "--commission",
            "0.5",
            "--hard-limit",
            "20",
            "--format",
            "json");
    assertEquals(20, MAPPER.readTree(capped.out()).get("quantity").asInt());
    final CommandRun missing =
        CommandRun.of("size", "--sizer", "fixed-risk", "--equity", "10000", "--price", "100");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("needs --stop and --risk"), missing.err());
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
