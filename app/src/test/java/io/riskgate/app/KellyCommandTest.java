package io.riskgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class KellyCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void jsonGivesRawKellyFinalSizeAndBreakdown() throws IOException {
    // Thorp (2006): even-money bet at p = 0.6 has f* = 0.2; half Kelly 0.1, clamped to 0.05.
    final CommandRun run =
        CommandRun.of(
            "kelly",
            "--win-rate",
            "0.6",
            "--avg-win",
            "100",
            "--avg-loss",
            "-100",
            "--format",
            "json");
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode json = MAPPER.readTree(run.out());
    assertEquals(0.2, json.get("kelly").asDouble(), 1e-15);
    assertEquals(0.05, json.get("size").asDouble(), 0.0);
    assertEquals(1.0, json.get("payoffRatio").asDouble(), 0.0);
    assertEquals(0.5, json.get("kellyMultiplier").asDouble(), 0.0);
    assertEquals(0.05, json.get("kellyMax").asDouble(), 0.0);
  }

  @Test
  void negativeEdgeSizesZero() throws IOException {
    final CommandRun run =
        CommandRun.of(
            "kelly", "--win-rate", "0.3", "--avg-win", "1", "--avg-loss", "1", "--format", "json");
    final JsonNode json = MAPPER.readTree(run.out());
    assertTrue(json.get("kelly").asDouble() < 0);
    assertEquals(0.0, json.get("size").asDouble(), 0.0);
    assertEquals("NO_EDGE", json.get("status").asText());
  }

  @Test
  void optionsChangeMultiplierAndClamps() throws IOException {
    final CommandRun run =
        CommandRun.of(
            "kelly",
            "--win-rate",
            "0.5",
            "--avg-win",
            "2",
            "--avg-loss",
            "1",
            "--fraction",
            "1",
            "--min",
            "0",
            "--max",
            "1",
            "--format",
            "json");
    assertEquals(0.25, MAPPER.readTree(run.out()).get("size").asDouble(), 1e-15);
  }

  @Test
  void textFormatListsTheBreakdown() {
    final CommandRun run =
        CommandRun.of("kelly", "--win-rate", "0.6", "--avg-win", "1", "--avg-loss", "1");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("size\\s+0\\.05")), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("payoffRatio")), run.out());
  }

  @Test
  void invalidInputExitsWithTwoAndOneLine() {
    final CommandRun run =
        CommandRun.of("kelly", "--win-rate", "1.2", "--avg-win", "1", "--avg-loss", "1");
    assertEquals(2, run.exitCode());
    assertEquals("riskgate kelly: win rate must be between 0 and 1, got 1.2", run.err().strip());
    final CommandRun zeroLoss =
        CommandRun.of("kelly", "--win-rate", "0.5", "--avg-win", "1", "--avg-loss", "0");
    assertEquals(2, zeroLoss.exitCode());
    assertEquals(
        "riskgate kelly: average loss must be finite and non-zero, got 0.0",
        zeroLoss.err().strip());
  }
}
