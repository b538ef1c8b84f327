package io.riskgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.helpers.TRIndicator;

class VolatilityCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  /**
   * AAPL daily bars of 2013 as shipped in Maven Central's {@code org.ta4j:ta4j-examples:0.15}
   * (resource {@code appleinc_bars_from_20130101_usd.csv}, header {@code
   * date,open,high,low,close,volume}, 252 rows, dates as {@code yyyy-MM-dd}).
   */
  private Path appleBars() throws IOException {
    final Path file = dir.resolve("aapl-2013.csv");
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("appleinc_bars_from_20130101_usd.csv")) {
      assertNotNull(in, "ta4j-examples 0.15 must be on the test classpath");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  @Test
  void appleBarsMatchTa4jAtrAfterAligningTheSeed() throws IOException {
    final int n = 14;
    final Path file = appleBars();
    final CommandRun run =
        CommandRun.of("volatility", "--bars", file.toString(), "--period", Integer.toString(n));
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode bars = MAPPER.readTree(run.out()).get("bars");

    final BarSeries series = ta4jSeries(file);
    assertEquals(series.getBarCount(), bars.size(), "one entry per input bar");
    assertEquals(252, bars.size());
    final TRIndicator ta4jTrueRange = new TRIndicator(series);
    final ATRIndicator ta4jAtr = new ATRIndicator(series, n);

    // The true range is the same definition in both, including bar 0 (H − L).
    for (int i = 0; i < bars.size(); i++) {
      assertEquals(
          ta4jTrueRange.getValue(i).doubleValue(),
          bars.get(i).get("trueRange").asDouble(),
          1e-9,
          "true range at bar " + i);
    }

    // Seeding differs. ta4j 0.17's ATRIndicator is an MMAIndicator (Wilder's smoothing, weight
    // 1/n) over TRIndicator, started at index 0 with TR[0] = H − L and smoothed from there on, so
    // it has a value at every bar. Riskgate (TA-Lib's convention) has no value before index n and
    // starts at index n with the mean of TR[1..n]. From index n on both apply the same recursion
    // A[t] = A[t-1] + (TR[t] − A[t-1]) / n, so the difference between them decays exactly as
    // ours[t] − ta4j[t] = ((n − 1) / n)^(t − n) · (ours[n] − ta4j[n]).
    // Alignment: (1) check our seed against the mean of ta4j's own true ranges 1..n; (2) check
    // every later value against ta4j's value plus that decaying seed difference; (3) check that
    // once the seed has washed out the two agree outright.
    for (int i = 0; i < n; i++) {
      assertTrue(bars.get(i).get("atr").isNull(), "ATR undefined before bar " + n);
    }
    double seed = 0;
    for (int i = 1; i <= n; i++) {
      seed += ta4jTrueRange.getValue(i).doubleValue();
    }
    seed /= n;
    final double ours14 = bars.get(n).get("atr").asDouble();
    assertEquals(seed, ours14, 1e-9);
    final double seedDifference = ours14 - ta4jAtr.getValue(n).doubleValue();
    assertTrue(Math.abs(seedDifference) > 0.01, "the two seeds really differ on these bars");
    for (int t = n; t < bars.size(); t++) {
      final double ours = bars.get(t).get("atr").asDouble();
      final double ta4j = ta4jAtr.getValue(t).doubleValue();
      final double expectedDifference = Math.pow((n - 1.0) / n, t - n) * seedDifference;
      assertEquals(expectedDifference, ours - ta4j, 1e-9, "aligned ATR at bar " + t);
    }
    final int last = bars.size() - 1;
    assertEquals(ta4jAtr.getValue(last).doubleValue(), bars.get(last).get("atr").asDouble(), 1e-6);
  }

  @Test
  void jsonHasExactlyTheDocumentedShape() throws IOException {
    final CommandRun run =
        CommandRun.of("volatility", "--bars", appleBars().toString(), "--period", "20");
    assertEquals(0, run.exitCode(), run.err());
    final JsonNode root = MAPPER.readTree(run.out());
    assertEquals(List.of("bars"), names(root));
    final JsonNode first = root.get("bars").get(0);
    assertEquals(List.of("date", "trueRange", "atr", "closeAtr", "volatility"), names(first));
    assertEquals("2013-01-02", first.get("date").asText());
    assertEquals(555.00 - 541.63, first.get("trueRange").asDouble(), 1e-9);
    assertTrue(first.get("closeAtr").isNull());
    assertTrue(first.get("volatility").isNull());
    final JsonNode bars = root.get("bars");
    assertTrue(bars.get(19).get("volatility").isNull(), "19 returns are fewer than 20");
    assertTrue(bars.get(20).get("volatility").isNumber());
    assertTrue(bars.get(20).get("closeAtr").isNumber());
  }

  @Test
  void volatilityIsTheAnnualizedSampleDeviationOfTheLastNReturns() throws IOException {
    final Path file = appleBars();
    final CommandRun run =
        CommandRun.of(
            "volatility", "--bars", file.toString(), "--period", "10", "--periods-per-year", "365");
    final JsonNode bars = MAPPER.readTree(run.out()).get("bars");
    final BarSeries series = ta4jSeries(file);
    final int last = series.getEndIndex();
    final double[] r = new double[10];
    double mean = 0;
    for (int k = 0; k < 10; k++) {
      final int i = last - 9 + k;
      r[k] =
          series.getBar(i).getClosePrice().doubleValue()
                  / series.getBar(i - 1).getClosePrice().doubleValue()
              - 1;
      mean += r[k] / 10;
    }
    double ss = 0;
    for (double x : r) {
      ss += (x - mean) * (x - mean);
    }
    assertEquals(
        Math.sqrt(ss / 9) * Math.sqrt(365), bars.get(last).get("volatility").asDouble(), 1e-12);
  }

  @Test
  void csvFormatLeavesUndefinedCellsEmpty() throws IOException {
    final Path file = dir.resolve("bars.csv");
    Files.writeString(
        file,
        "Date,Open,HIGH,Low,Close,Volume,Extra\n"
            + "2024-01-02,10,11,9,10.5,100,x\n"
            + "\n"
            + "2024-01-03,10.5,12,10,11,100,y\n"
            + "2024-01-04,11,11.5,10.5,11,100,z\n");
    final CommandRun run =
        CommandRun.of("volatility", "--bars", file.toString(), "--period", "2", "--format", "csv");
    assertEquals(0, run.exitCode(), run.err());
    final String[] lines = run.out().split("\\R");
    assertEquals("date,trueRange,atr,closeAtr,volatility", lines[0]);
    assertEquals("2024-01-02,2.0,,,", lines[1]);
    assertEquals("2024-01-03,2.0,,,", lines[2]);
    assertTrue(lines[3].startsWith("2024-01-04,1.0,1.5,0.25,"), lines[3]);
  }

  @Test
  void malformedRowIsRejectedWithItsLineNumber() throws IOException {
    final Path file = dir.resolve("bad.csv");
    Files.writeString(
        file, "date,open,high,low,close\n2024-01-02,10,11,9,10\n2024-01-03,10,abc,9,10\n");
    final CommandRun run = CommandRun.of("volatility", "--bars", file.toString(), "--period", "2");
    assertEquals(2, run.exitCode());
    assertEquals("", run.out());
    assertEquals(
        "riskgate volatility: " + file + " line 3: high is not a number: 'abc'", run.err().strip());
  }

  @Test
  void highBelowLowAndMissingColumnsAreNamed() throws IOException {
    final Path inverted = dir.resolve("inverted.csv");
    Files.writeString(inverted, "date,open,high,low,close\n2024-01-02,10,9,11,10\n");
    final CommandRun run1 =
        CommandRun.of("volatility", "--bars", inverted.toString(), "--period", "2");
    assertEquals(2, run1.exitCode());
    assertTrue(run1.err().contains("line 2: high 9.0 is below low 11.0"), run1.err());

    final Path noLow = dir.resolve("nolow.csv");
    Files.writeString(noLow, "date,open,high,close\n2024-01-02,10,11,10\n");
    final CommandRun run2 =
        CommandRun.of("volatility", "--bars", noLow.toString(), "--period", "2");
    assertEquals(2, run2.exitCode());
    assertTrue(run2.err().contains("header has no 'low' column"), run2.err());

    final Path nan = dir.resolve("nan.csv");
    Files.writeString(nan, "date,open,high,low,close\n2024-01-02,10,11,9,NaN\n");
    final CommandRun run3 = CommandRun.of("volatility", "--bars", nan.toString(), "--period", "2");
    assertEquals(2, run3.exitCode());
    assertTrue(
        run3.err().contains("line 2: close must be a finite positive price, got NaN"), run3.err());
  }

  @Test
  void badArgumentsExitWithTwoAndAOneLineMessage() throws IOException {
    final CommandRun period =
        CommandRun.of("volatility", "--bars", appleBars().toString(), "--period", "1");
    assertEquals(2, period.exitCode());
    assertEquals(
        "riskgate volatility: volatility window must be at least 2, got 1", period.err().strip());
    final CommandRun missing =
        CommandRun.of("volatility", "--bars", dir.resolve("none.csv").toString(), "--period", "5");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().startsWith("riskgate volatility: no such file: "), missing.err());
    assertEquals(1, missing.err().strip().lines().count());
    final CommandRun unparsable = CommandRun.of("volatility", "--bars", "x.csv", "--period", "x");
    assertEquals(2, unparsable.exitCode());
  }

  private static List<String> names(JsonNode node) {
    final List<String> names = new ArrayList<>();
    final Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  private static BarSeries ta4jSeries(Path file) throws IOException {
    final BarSeries series = new BaseBarSeriesBuilder().withName("AAPL").build();
    final List<String> lines = Files.readAllLines(file);
    for (String line : lines.subList(1, lines.size())) {
      final String[] c = line.split(",");
      series.addBar(
          LocalDate.parse(c[0]).atStartOfDay(ZoneOffset.UTC),
          c[1].trim(),
          c[2].trim(),
          c[3].trim(),
          c[4].trim(),
          c[5].trim());
    }
    return series;
  }
}
