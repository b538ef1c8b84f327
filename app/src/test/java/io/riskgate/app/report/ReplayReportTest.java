package io.riskgate.app.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riskgate.app.Main;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.LedgerView;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.server.codec.EventCodec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ReplayReportTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** A hand-made day: three buys of growing size in one account, and a limits event in between. */
  private static final List<String> WHAT_IF_EVENTS =
      List.of(
          "{\"type\":\"account\",\"account\":\"A1\",\"capital\":1000000,\"currency\":\"USD\"}",
          "{\"type\":\"strategy\",\"strategy\":\"S1\",\"account\":\"A1\",\"allocation\":500000}",
          "{\"type\":\"instrument\",\"symbol\":\"XYZ\",\"venue\":\"XNYS\",\"currency\":\"USD\","
              + "\"tickSize\":\"0.01\",\"lotSize\":1,\"assetClass\":\"equity\"}",
          "{\"type\":\"limits\",\"scope\":\"account:A1\",\"limits\":{\"minLiquidity\":null,"
              + "\"maxCorrelation\":null,\"maxPositionFraction\":0.01}}",
          "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"XYZ\",\"last\":100}",
          order("o1", "14:30:01", 500),
          fill("f1", "o1", "14:30:02", 500),
          order("o2", "14:30:03", 1000),
          fill("f2", "o2", "14:30:04", 1000),
          "{\"type\":\"price\",\"ts\":\"2024-01-02T14:31:00Z\",\"symbol\":\"XYZ\",\"last\":101}",
          order("o3", "14:31:01", 1500),
          "{\"type\":\"price\",\"ts\":\"2024-01-02T14:32:00Z\",\"symbol\":\"XYZ\",\"last\":99}");

  private static String order(String id, String time, int quantity) {
    return "{\"type\":\"order\",\"ts\":\"2024-01-02T"
        + time
        + "Z\",\"orderId\":\""
        + id
        + "\",\"account\":\"A1\",\"strategy\":\"S1\",\"symbol\":\"XYZ\",\"side\":\"buy\","
        + "\"quantity\":"
        + quantity
        + ",\"price\":100}";
  }

  private static String fill(String id, String orderId, String time, int quantity) {
    return "{\"type\":\"fill\",\"ts\":\"2024-01-02T"
        + time
        + "Z\",\"fillId\":\""
        + id
        + "\",\"orderId\":\""
        + orderId
        + "\",\"quantity\":"
        + quantity
        + ",\"price\":100}";
  }

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      final List<Path> list =
          files
              .filter(p -> p.toString().endsWith(".jsonl"))
              .filter(p -> !p.toString().endsWith(".expected.jsonl"))
              .sorted()
              .toList();
      assertFalse(list.isEmpty(), "no examples in " + EXAMPLES.toAbsolutePath());
      return list.stream();
    }
  }

  private record Run(int exitCode, String err) {}

  private static Run run(String... args) {
    final StringWriter err = new StringWriter();
    final CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    final int code = cli.execute(args);
    return new Run(code, err.toString());
  }

  @ParameterizedTest
  @MethodSource("examples")
  void summaryFiguresMatchTheEngineOutputsCountedIndependently(Path example, @TempDir Path dir)
      throws IOException {
    final Path out = dir.resolve("out.jsonl");
    final Path report = dir.resolve("report");
    final Run run =
        run(
            "replay",
            "--events",
            example.toString(),
            "--out",
            out.toString(),
            "--report",
            report.toString(),
            "--state-hash");
    assertEquals(0, run.exitCode(), run.err());
    // The outputs with a report are exactly those without one.
    final String expected =
        Files.readString(
            EXAMPLES.resolve(
                example.getFileName().toString().replace(".jsonl", ".expected.jsonl")));
    assertEquals(expected, Files.readString(out), example.toString());

    long decisions = 0;
    long approved = 0;
    final Map<String, Long> rejectedByCode = new TreeMap<>();
    final Map<String, Long> alertsByCode = new TreeMap<>();
    final Map<String, Long> alertsByLevel = new TreeMap<>();
    long trips = 0;
    long recoveries = 0;
    long kills = 0;
    for (String line : Files.readAllLines(out)) {
      final JsonNode n = JSON.readTree(line);
      switch (n.get("type").asText()) {
        case "decision" -> {
          decisions++;
          if (n.get("approved").asBoolean()) {
            approved++;
          } else {
            rejectedByCode.merge(n.get("rejectedBy").asText(), 1L, Long::sum);
          }
        }
        case "alert" -> {
          if (n.get("raised").asBoolean()) {
            alertsByCode.merge(n.get("code").asText(), 1L, Long::sum);
            alertsByLevel.merge(n.get("level").asText(), 1L, Long::sum);
          }
        }
        case "state" -> {
          final String kind = n.get("kind").asText();
          final String to = n.get("to").asText();
          if (kind.equals("breaker") && to.equals("OPEN")) {
            trips++;
          } else if (kind.equals("breaker") && to.equals("CLOSED")) {
            recoveries++;
          } else if (kind.equals("kill") && to.equals("KILLED")) {
            kills++;
          }
        }
        default -> {}
      }
    }
    final JsonNode summary = JSON.readTree(report.resolve("summary.json").toFile());
    assertTrue(decisions > 0, "the example has decisions");
    assertEquals(decisions, summary.at("/decisions/total").asLong());
    assertEquals(approved, summary.at("/decisions/approved").asLong());
    assertEquals(decisions - approved, summary.at("/decisions/rejected").asLong());
    assertEquals(rejectedByCode, counts(summary.at("/decisions/rejectedByCode")));
    assertEquals(alertsByCode, counts(summary.at("/alerts/byCode")));
    assertEquals(alertsByLevel, counts(summary.at("/alerts/byLevel")));
    assertEquals(trips, summary.at("/breakers/trips").asLong());
    assertEquals(recoveries, summary.at("/breakers/recoveries").asLong());
    assertEquals(kills, summary.at("/killSwitch/kills").asLong());

    // Final money figures against an engine of the test's own, fed the same events.
    final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), OutputSink.NONE);
    long events = 0;
    for (String line : Files.readAllLines(example)) {
      if (!line.isBlank()) {
        engine.apply(EventCodec.parse(line));
        events++;
      }
    }
    assertEquals(events, summary.get("events").asLong());
    assertLedger(engine.ledger("firm"), summary.get("firm"));
    for (var account : iterable(summary.get("accounts").fieldNames())) {
      assertLedger(engine.ledger("account:" + account), summary.get("accounts").get(account));
    }
    for (var strategy : iterable(summary.get("strategies").fieldNames())) {
      final LedgerView view = engine.ledger("strategy:" + strategy);
      assertEquals(
          decimal(view.realizedPnl() - view.fees() + view.unrealizedPnl()),
          summary.get("strategies").get(strategy).get("totalPnl").decimalValue());
    }
    final String hash = String.format(java.util.Locale.ROOT, "%016x", engine.stateHash());
    assertEquals(hash, summary.get("stateHash").asText());
    assertTrue(run.err().contains("state-hash " + hash), run.err());
  }

  private static void assertLedger(LedgerView view, JsonNode node) {
    assertEquals(decimal(view.equity()), node.get("equity").decimalValue());
    assertEquals(decimal(view.realizedPnl()), node.get("realizedPnl").decimalValue());
    assertEquals(decimal(view.unrealizedPnl()), node.get("unrealizedPnl").decimalValue());
    final double drawdown = node.get("maxDrawdown").asDouble();
    final double finalDrawdown =
        view.highWaterMark() > 0 ? 1 - (double) view.equity() / view.highWaterMark() : 0;
    assertTrue(drawdown >= finalDrawdown - 1e-12, "max drawdown below the final drawdown");
    assertTrue(drawdown >= 0 && drawdown < 1, "drawdown " + drawdown);
  }

  private static BigDecimal decimal(long fixed) {
    return io.riskgate.core.Fixed.toBigDecimal(fixed).stripTrailingZeros();
  }

  private static Map<String, Long> counts(JsonNode node) {
    final Map<String, Long> map = new TreeMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asLong()));
    return map;
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }

  @Test
  void everyChartIsAValidPngAndThePageFetchesNothing(@TempDir Path dir) throws IOException {
    final Path report = dir.resolve("report");
    final Run run =
        run(
            "replay",
            "--events",
            EXAMPLES.resolve("02-breaker-trip-and-recovery.jsonl").toString(),
            "--report",
            report.toString());
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode summary = JSON.readTree(report.resolve("summary.json").toFile());
    final List<String> charts = new java.util.ArrayList<>();
    summary.get("charts").forEach(c -> charts.add(c.asText()));
    assertEquals(List.of("equity.png", "drawdown.png", "exposure.png", "rejections.png"), charts);
    for (String chart : charts) {
      assertValidPng(report.resolve(chart));
    }
    final String html = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
    assertFalse(html.contains("http://") || html.contains("https://"), "external reference");
    assertFalse(html.contains("<script"), "script in a static report");
    assertEquals(charts.size(), html.split("src=\"data:image/png;base64,", -1).length - 1);
    assertTrue(html.contains("CIRCUIT_OPEN") || html.contains("breaker"), "tables present");
  }

  private static void assertValidPng(Path file) throws IOException {
    final byte[] bytes = Files.readAllBytes(file);
    assertTrue(bytes.length > PNG_SIGNATURE.length, file + " is empty");
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), file.toString());
    final BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertNotNull(image, file + " is not readable as an image");
    assertTrue(image.getWidth() > 0 && image.getHeight() > 0, file.toString());
  }

  @Test
  void stricterLimitSetRejectsMoreWithThePositionLimitAndSkipsFillsOfWhatItRejected(
      @TempDir Path dir) throws IOException {
    final Path events = dir.resolve("day.jsonl");
    Files.write(events, WHAT_IF_EVENTS, StandardCharsets.UTF_8);
    final Path a = dir.resolve("a.yaml");
    Files.writeString(a, "- scope: account:A1\n  limits:\n    maxPositionFraction: 0.5\n");
    final Path b = dir.resolve("b.yaml");
    Files.writeString(b, "- scope: \"account:A1\"\n  limits: {maxPositionFraction: 0.08}\n");
    final Path report = dir.resolve("report");
    final Run run =
        run(
            "replay",
            "--events",
            events.toString(),
            "--limits",
            a.toString(),
            "--compare-limits",
            b.toString(),
            "--report",
            report.toString());
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode s = JSON.readTree(report.resolve("summary.json").toFile());
    // a: 5%, 15% and 30.15% of equity all under 50%; the file's own 1% is overridden.
    assertEquals(3, s.at("/a/decisions/approved").asLong());
    assertEquals(0, s.at("/a/decisions/rejected").asLong());
    // b: 5% passes; 15% and then 5% held + 15% asked = 20% are beyond 8%.
    assertEquals(1, s.at("/b/decisions/approved").asLong());
    assertEquals(2, s.at("/b/decisions/rejectedByCode/POSITION_LIMIT").asLong());
    assertEquals(1, s.at("/b/skippedFills").asLong());
    assertEquals(0, s.at("/a/skippedFills").asLong());
    assertEquals(-2, s.at("/difference/approved").asLong());
    assertEquals(2, s.at("/difference/rejected").asLong());
    assertEquals(2, s.at("/difference/rejectedByCode/POSITION_LIMIT").asLong());
    assertEquals(2, s.at("/difference/ordersDecidedDifferently/count").asLong());
    assertEquals(2, s.at("/difference/ordersDecidedDifferently/approvedByAOnly").asLong());
    final JsonNode first = s.at("/difference/ordersDecidedDifferently/first");
    assertEquals("o2", first.get(0).get("orderId").asText());
    assertTrue(first.get(0).at("/a/approved").asBoolean());
    assertEquals("POSITION_LIMIT", first.get(0).at("/b/rejectedBy").asText());
    assertEquals(0.15, first.get(0).at("/b/value").asDouble(), 1e-9);
    assertEquals(0.08, first.get(0).at("/b/limit").asDouble(), 1e-12);
    assertEquals("account:A1", first.get(0).at("/b/scope").asText());
    assertEquals("o3", first.get(1).get("orderId").asText());
    // a holds 1,500 XYZ bought at 100, marked at 99: -1,500; b holds 500: -500.
    assertEquals(new BigDecimal("-1500"), s.at("/a/firm/totalPnl").decimalValue());
    assertEquals(new BigDecimal("-500"), s.at("/b/firm/totalPnl").decimalValue());
    assertEquals(new BigDecimal("1000"), s.at("/difference/firm/totalPnl").decimalValue());
    for (JsonNode chart : s.get("charts")) {
      assertValidPng(report.resolve(chart.asText()));
    }
    final String html = Files.readString(report.resolve("index.html"));
    assertTrue(html.contains("o2") && html.contains("POSITION_LIMIT"), "differences listed");
  }

  @Test
  void limitOverridesWinOverTheFilesLimitsEventsButLeaveOtherLimitsAlone(@TempDir Path dir)
      throws IOException {
    final Path events = dir.resolve("day.jsonl");
    Files.write(events, WHAT_IF_EVENTS, StandardCharsets.UTF_8);
    // Without overrides the file's own 1% rejects o1, and its recorded fill cannot apply.
    final Run plain =
        run("replay", "--events", events.toString(), "--out", dir.resolve("o").toString());
    assertEquals(1, plain.exitCode(), plain.err());
    assertTrue(plain.err().contains("line 7: order \"o1\" is not open"), plain.err());
    // Overriding maxPositionFraction only: re-applied after the file's limits event, so 50%
    // stands; the file's removal of minLiquidity and maxCorrelation stands too (no rejection
    // for lack of volume or return history).
    final Path a = dir.resolve("a.yaml");
    Files.writeString(a, "- scope: account:A1\n  limits:\n    maxPositionFraction: 0.5\n");
    final Path report = dir.resolve("a");
    final Run run =
        run(
            "replay",
            "--events",
            events.toString(),
            "--limits",
            a.toString(),
            "--report",
            report.toString());
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode s = JSON.readTree(report.resolve("summary.json").toFile());
    assertEquals(3, s.at("/decisions/approved").asLong());
    assertEquals(2, s.get("limitOverridesApplied").asLong(), "after the account and its limits");
    // Without the file's limits event, the overrides apply right after the account is defined.
    final Path noLimitsEvent = dir.resolve("day2.jsonl");
    Files.write(
        noLimitsEvent,
        WHAT_IF_EVENTS.stream().filter(l -> !l.contains("\"type\":\"limits\"")).toList(),
        StandardCharsets.UTF_8);
    final Path all = dir.resolve("all.yaml");
    Files.writeString(
        all,
        "- scope: account:A1\n  limits:\n    maxPositionFraction: 0.5\n"
            + "    minLiquidity: null\n    maxCorrelation: null\n");
    final Path report2 = dir.resolve("b");
    assertEquals(
        0,
        run(
                "replay",
                "--events",
                noLimitsEvent.toString(),
                "--limits",
                all.toString(),
                "--report",
                report2.toString())
            .exitCode());
    final JsonNode s2 = JSON.readTree(report2.resolve("summary.json").toFile());
    assertEquals(3, s2.at("/decisions/approved").asLong());
    assertEquals(1, s2.get("limitOverridesApplied").asLong());
  }

  @Test
  void badLimitFilesExitWithCodeTwoNamingTheProblem(@TempDir Path dir) throws IOException {
    final Path events = EXAMPLES.resolve("01-pre-trade-checks.jsonl");
    final Map<String, String> cases = new TreeMap<>();
    cases.put("- scope: account:A1\n  limits: {maxPositionFraktion: 0.2}\n", "maxPositionFraktion");
    cases.put(
        "- scope: account:A1\n  limit: {maxPositionFraction: 0.2}\n", "unknown key \"limit\"");
    cases.put("- scope: account:A1\n  limits: {maxPositionFraction: -0.2}\n", "non-negative");
    cases.put("- scope: acount:A1\n  limits: {maxPositionFraction: 0.2}\n", "acount");
    cases.put("- scope: account:A1\n  limits: {maxPositionFraction: .nan}\n", ".nan");
    cases.put("- scope: account:A1\n  limits: {restricted: 1}\n", "true or false");
    cases.put("- scope: account:A1\n  limits: [1, 2\n", "not valid YAML");
    cases.put("scope: account:A1\n", "list");
    cases.put(
        "- scope: account:A1\n  limits: {maxLeverage: 2}\n- scope: account:A1\n  limits: {maxLeverage: 3}\n",
        "more than once");
    cases.put(
        "- scope: instrument:AAPL\n  limits: {maxLeverage: 2}\n", "no meaning at an instrument");
    int i = 0;
    for (Map.Entry<String, String> c : cases.entrySet()) {
      final Path file = dir.resolve("bad" + i++ + ".yaml");
      Files.writeString(file, c.getKey());
      final Path report = dir.resolve("r" + i);
      final Run run =
          run(
              "replay",
              "--events",
              events.toString(),
              "--limits",
              file.toString(),
              "--report",
              report.toString());
      assertEquals(2, run.exitCode(), c.getKey() + " -> " + run.err());
      assertTrue(run.err().contains(c.getValue()), c.getKey() + " -> " + run.err());
      assertTrue(run.err().contains(file.toString()), run.err());
      assertFalse(Files.exists(report), "no report after a bad limit file");
    }
  }

  @Test
  void progressGoesToStandardErrorOnlyAndCompareNeedsAReport(@TempDir Path dir) throws IOException {
    final Path out = dir.resolve("out.jsonl");
    final Path events = EXAMPLES.resolve("01-pre-trade-checks.jsonl");
    final Run run =
        run("replay", "--events", events.toString(), "--out", out.toString(), "--progress");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("100.0%"), run.err());
    assertFalse(Files.readString(out).contains("replay ["), "progress in the output file");
    final Path b = dir.resolve("b.yaml");
    Files.writeString(b, "- scope: firm\n  limits: {maxLeverage: 1}\n");
    final Run compare =
        run("replay", "--events", events.toString(), "--compare-limits", b.toString());
    assertEquals(2, compare.exitCode());
    assertTrue(compare.err().contains("--report"), compare.err());
  }

  @Test
  void aRefusedEventDeepInTheFileIsNamedByItsLineInPlainAndWhatIfReplays(@TempDir Path dir)
      throws IOException {
    final List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      final int second = i == 2_499 ? 0 : 10 + i / 100;
      lines.add(
          String.format(
              java.util.Locale.ROOT,
              "{\"type\":\"timer\",\"ts\":\"2024-01-02T14:%02d:%02dZ\"}",
              second / 60,
              second % 60));
    }
    final Path events = dir.resolve("timers.jsonl");
    Files.write(events, lines, StandardCharsets.UTF_8);
    final Run plain =
        run("replay", "--events", events.toString(), "--out", dir.resolve("o").toString());
    assertEquals(1, plain.exitCode(), plain.err());
    assertTrue(plain.err().contains("line 2500: out-of-order timestamp"), plain.err());
    final Path b = dir.resolve("b.yaml");
    Files.writeString(b, "- scope: firm\n  limits: {maxLeverage: 1}\n");
    final Run whatIf =
        run(
            "replay",
            "--events",
            events.toString(),
            "--compare-limits",
            b.toString(),
            "--report",
            dir.resolve("r").toString());
    assertEquals(1, whatIf.exitCode(), whatIf.err());
    assertTrue(
        whatIf.err().contains("line 2500: under limit set a: out-of-order timestamp"),
        whatIf.err());
  }
}
