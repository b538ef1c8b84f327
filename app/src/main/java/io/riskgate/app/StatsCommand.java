package io.riskgate.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.core.stats.ReturnConventions;
import io.riskgate.core.stats.ReturnStatistics;
import io.riskgate.core.stats.TearSheet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskgate stats}: the tear sheet of a return series (conventions: docs/statistics.md). */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the tear sheet of a return series: annual return and volatility, Sharpe, Sortino,"
          + " Calmar, max drawdown, downside risk, historical VaR and CVaR at 95%% and 99%%, skew,"
          + " excess kurtosis, and beta and alpha against a benchmark.",
      "FILE has one simple return per line, optionally a header line and a date column"
          + " (date,return). NaN, NA or an empty entry is a missing return and is skipped.",
      "Exit status 2 and a message naming the line when a file is malformed."
    })
public final class StatsCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    JSON,
    TABLE
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--returns",
      required = true,
      paramLabel = "FILE.csv",
      description = "Periodic simple returns, one per line.")
  Path returnsFile;

  @Option(
      names = "--benchmark",
      paramLabel = "FILE.csv",
      description =
          "Benchmark returns for beta and alpha; paired by date when both files have dates,"
              + " otherwise line by line.")
  Path benchmarkFile;

  @Option(
      names = "--periods-per-year",
      paramLabel = "N",
      defaultValue = "252",
      description = "Return periods per year (default: ${DEFAULT-VALUE}; 365 for crypto).")
  int periodsPerYear;

  @Option(
      names = "--risk-free",
      paramLabel = "R",
      defaultValue = "0",
      description = "Annual risk-free rate as a fraction, e.g. 0.02 (default: ${DEFAULT-VALUE}).")
  double riskFree;

  @Option(
      names = "--format",
      paramLabel = "json|table",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws IOException {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final ReturnConventions conventions;
    try {
      conventions = new ReturnConventions(periodsPerYear, riskFree);
    } catch (IllegalArgumentException e) {
      err.println("riskgate stats: " + e.getMessage());
      return 2;
    }
    final TearSheet sheet;
    try {
      final ReturnSeriesFile returns = ReturnSeriesFile.read(returnsFile);
      final double[] benchmark =
          benchmarkFile == null ? null : returns.align(ReturnSeriesFile.read(benchmarkFile));
      sheet = ReturnStatistics.tearSheet(returns.returns(), benchmark, conventions);
    } catch (ReturnSeriesFile.MalformedLineException e) {
      err.println("riskgate stats: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("riskgate stats: cannot read " + e.getMessage());
      return 2;
    }
    final Map<String, Double> values = values(sheet, benchmarkFile != null);
    if (format == Format.JSON) {
      out.println(json(sheet.count(), values));
    } else {
      out.printf(Locale.ROOT, "%-18s %d%n", "count", sheet.count());
      for (Map.Entry<String, Double> entry : values.entrySet()) {
        out.printf(Locale.ROOT, "%-18s %s%n", entry.getKey(), tableValue(entry.getValue()));
      }
    }
    out.flush();
    return 0;
  }

  private static Map<String, Double> values(TearSheet sheet, boolean withBenchmark) {
    final Map<String, Double> values = new LinkedHashMap<>();
    values.put("annual_return", sheet.annualReturn());
    values.put("annual_volatility", sheet.annualVolatility());
    values.put("sharpe", sheet.sharpe());
    values.put("sortino", sheet.sortino());
    values.put("calmar", sheet.calmar());
    values.put("max_drawdown", sheet.maxDrawdown());
    values.put("downside_risk", sheet.downsideRisk());
    values.put("var_95", sheet.var95());
    values.put("cvar_95", sheet.cvar95());
    values.put("var_99", sheet.var99());
    values.put("cvar_99", sheet.cvar99());
    values.put("skew", sheet.skew());
    values.put("kurtosis", sheet.kurtosis());
    if (withBenchmark) {
      values.put("beta", sheet.beta());
      values.put("alpha", sheet.alpha());
    }
    return values;
  }

  private static String json(int count, Map<String, Double> values) throws IOException {
    final ObjectMapper mapper = new ObjectMapper();
    final ObjectNode node = mapper.createObjectNode();
    node.put("count", count);
    for (Map.Entry<String, Double> entry : values.entrySet()) {
      final double value = entry.getValue();
      if (Double.isFinite(value)) {
        node.put(entry.getKey(), value);
      } else {
        node.putNull(entry.getKey());
      }
    }
    return mapper.writeValueAsString(node);
  }

  private static String tableValue(double value) {
    if (Double.isNaN(value)) {
      return "undefined";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
