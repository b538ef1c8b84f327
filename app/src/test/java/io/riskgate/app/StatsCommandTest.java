package io.riskgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riskgate.core.stats.ReturnConventions;
import io.riskgate.core.stats.ReturnStatistics;
import io.riskgate.core.stats.TearSheet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatsCommandTest {

  private static final List<String> KEYS =
      List.of(
          "count",
          "annual_return",
          "annual_volatility",
          "sharpe",
          "sortino",
          "calmar",
          "max_drawdown",
          "downside_risk",
          "var_95",
          "cvar_95",
          "var_99",
          "cvar_99",
          "skew",
          "kurtosis");

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    final int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private Path file(String name, String content) throws IOException {
    final Path path = dir.resolve(name);
    Files.writeString(path, content, StandardCharsets.UTF_8);
    return path;
  }

  private static List<String> fieldNames(JsonNode node) {
    final List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void printsTheTearSheetAsJsonWithExactlyTheDocumentedKeys() throws IOException {
    // empyrical's mixed_returns fixture, with a header and a missing first return.
    final Path returns =
        file("r.csv", "return\nNaN\n0.01\n0.10\n-0.04\n0.02\n0.03\n0.02\n0.01\n-0.10\n");
    final Run run = run("stats", "--returns", returns.toString(), "--format", "json");
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(KEYS, fieldNames(json));
    final TearSheet expected =
        ReturnStatistics.tearSheet(
            new double[] {Double.NaN, 0.01, 0.10, -0.04, 0.02, 0.03, 0.02, 0.01, -0.10},
            null,
            ReturnConventions.DAILY);
    assertEquals(8, json.get("count").asInt());
    assertEquals(expected.sharpe(), json.get("sharpe").asDouble());
    assertEquals(expected.var95(), json.get("var_95").asDouble());
    assertEquals(expected.kurtosis(), json.get("kurtosis").asDouble());
    // Reference values of empyrical's test suite (see ReturnStatisticsTest).
    assertEquals(1.7238613961706866, json.get("sharpe").asDouble(), 1e-8);
    assertEquals(2.605531251673693, json.get("sortino").asDouble(), 1e-8);
    assertEquals(0.1, json.get("max_drawdown").asDouble(), 1e-8);
  }

  @Test
  void addsBetaAndAlphaWithABenchmarkPairedByDate() throws IOException {
    // empyrical-reloaded alpha_beta(mixed_returns, negative_returns[1:]): the benchmark file
    // lacks the first date and lists its dates in another order.
    final Path returns =
        file(
            "r.csv",
            "date,return\n2000-01-30,\n2000-01-31,0.01\n2000-02-01,0.10\n2000-02-02,-0.04\n"
                + "2000-02-03,0.02\n2000-02-04,0.03\n2000-02-05,0.02\n2000-02-06,0.01\n"
                + "2000-02-07,-0.10\n");
    final Path benchmark =
        file(
            "b.csv",
            "date,return\n2000-02-07,-0.05\n2000-01-31,-0.06\n2000-02-01,-0.07\n"
                + "2000-02-02,-0.01\n2000-02-03,-0.09\n2000-02-04,-0.02\n2000-02-05,-0.06\n"
                + "2000-02-06,-0.08\n");
    final Run run =
        run(
            "stats",
            "--returns",
            returns.toString(),
            "--benchmark",
            benchmark.toString(),
            "--format",
            "json");
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode json = new ObjectMapper().readTree(run.out());
    final List<String> keys = new ArrayList<>(KEYS);
    keys.add("beta");
    keys.add("alpha");
    assertEquals(keys, fieldNames(json));
    assertEquals(-0.71296296296296313, json.get("beta").asDouble(), 1e-8);
    assertEquals(-0.9997853834885004, json.get("alpha").asDouble(), 1e-8);
  }

  @Test
  void writesNonFiniteValuesAsJsonNull() throws IOException {
    // All positive: no downside, Sortino +Infinity; two returns: no skew or kurtosis.
    final Path returns = file("r.csv", "0.01\n0.02\n");
    final Run run = run("stats", "--returns", returns.toString(), "--format", "json");
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode json = new ObjectMapper().readTree(run.out());
    assertTrue(json.get("sortino").isNull());
    assertTrue(json.get("calmar").isNull());
    assertTrue(json.get("skew").isNull());
    assertTrue(json.get("kurtosis").isNull());
    assertEquals(0.0, json.get("max_drawdown").asDouble());
  }

  @Test
  void honoursPeriodsPerYearAndRiskFreeRate() throws IOException {
    final Path returns = file("r.csv", "0\n0.01\n0.10\n-0.04\n0.02\n0.03\n0.02\n0.01\n-0.10\n");
    final Run run =
        run(
            "stats",
            "--returns",
            returns.toString(),
            "--periods-per-year",
            "52",
            "--risk-free",
            String.valueOf(Math.pow(1.1, 52) - 1),
            "--format",
            "json");
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode json = new ObjectMapper().readTree(run.out());
    // empyrical: weekly_returns, required return 0.1 a week: downside risk 0.7733045971672482.
    assertEquals(0.7733045971672482, json.get("downside_risk").asDouble(), 1e-8);
    // annual return does not depend on the risk-free rate: 0.24690830513998208 (empyrical).
    assertEquals(0.24690830513998208, json.get("annual_return").asDouble(), 1e-8);
  }

  @Test
  void printsATableByDefault() throws IOException {
    final Path returns = file("r.csv", "0.01\n0.02\n-0.01\n0.00\n");
    final Run run = run("stats", "--returns", returns.toString());
    assertEquals(0, run.exitCode(), run.err());
    final String[] lines = run.out().split("\\R");
    assertEquals(14, lines.length);
    assertTrue(lines[0].matches("count\\s+4"), lines[0]);
    assertTrue(lines[6].matches("max_drawdown\\s+0\\.010000"), lines[6]);
  }

  @Test
  void helpDescribesTheCommandWithoutFormattingErrors() {
    final Run run = run("stats", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("CVaR at 95%"), run.out());
    assertTrue(run.out().contains("and 99%, skew"), run.out());
    assertTrue(!run.out().contains("%%"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void malformedLineExitsWithTwoAndNamesTheLine() throws IOException {
    final Path returns = file("r.csv", "return\n0.01\n0.02\nabc\n0.03\n");
    final Run run = run("stats", "--returns", returns.toString());
    assertEquals(2, run.exitCode());
    assertEquals("riskgate stats: " + returns + " line 4: 'abc' is not a number", run.err().trim());
    assertEquals("", run.out());
  }

  @Test
  void rejectsOtherBadFiles() throws IOException {
    final String[][] cases = {
      {"0.01\n0.02,0.03\n", "line 2: found 2 columns where earlier lines have 1"},
      {
        "d,r\n2024-01-01,0.01\n2024-01-01,0.02\n",
        "line 3: date 2024-01-01 already appeared on line 2"
      },
      {"0.01\n-1.5\n", "line 2: return -1.5 is below -1"},
      {"0.01\n1e999\n", "line 2: '1e999' is out of range"},
      {"0.01\nInfinity\n", "line 2: 'Infinity' is not a number"},
      {"a,b,c\n1,2,3\n", "line 2: expected 'return' or 'date,return' but found 3 columns"},
      {"return\n", "no returns found"},
    };
    for (String[] c : cases) {
      final Path returns = file("bad.csv", c[0]);
      final Run run = run("stats", "--returns", returns.toString());
      assertEquals(2, run.exitCode(), c[0]);
      assertTrue(run.err().contains(c[1]), run.err());
    }
    final Run missing = run("stats", "--returns", dir.resolve("absent.csv").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("absent.csv"), missing.err());
    final Path returns = file("r.csv", "0.01\n0.02\n");
    final Path shorter = file("b.csv", "0.01\n");
    final Run misaligned =
        run("stats", "--returns", returns.toString(), "--benchmark", shorter.toString());
    assertEquals(2, misaligned.exitCode());
    assertTrue(misaligned.err().contains("paired line by line"), misaligned.err());
    final Run badPeriods = run("stats", "--returns", returns.toString(), "--periods-per-year", "0");
    assertEquals(2, badPeriods.exitCode());
    assertTrue(badPeriods.err().contains("periodsPerYear must be positive"), badPeriods.err());
  }
}
