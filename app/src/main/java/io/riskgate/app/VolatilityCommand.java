package io.riskgate.app;

import com.fasterxml.jackson.core.JsonGenerator;
import io.riskgate.core.volatility.CloseOnlyAtr;
import io.riskgate.core.volatility.HistoricalVolatility;
import io.riskgate.core.volatility.ReturnType;
import io.riskgate.core.volatility.TrueRange;
import io.riskgate.core.volatility.WilderAtr;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskgate volatility}: true range, ATR and historical volatility of a bar file. */
@Command(
    name = "volatility",
    mixinStandardHelpOptions = true,
    description = {
      "Per bar of a CSV file (header date,open,high,low,close[,volume]): the true range,"
          + " Wilder's ATR (TA-Lib seeding: first value at bar index N, the mean of the true"
          + " ranges of bars 1..N), the close-only ATR (mean |C - C[-1]| over N) and the"
          + " historical volatility of the last N returns (ddof = 1, annualized).",
      "Undefined values are null in JSON and empty in CSV."
    })
final class VolatilityCommand implements Callable<Integer> {
  enum Format {
    json,
    csv
  }

  @Spec CommandSpec spec;

  @Option(names = "--bars", required = true, paramLabel = "FILE", description = "CSV bar file.")
  Path bars;

  @Option(
      names = "--period",
      required = true,
      paramLabel = "N",
      description = "ATR period and number of returns in the volatility window (N >= 2).")
  int period;

  @Option(
      names = "--periods-per-year",
      defaultValue = "252",
      paramLabel = "N",
      description = "Bars per year for annualizing: 252 (default) for equities, 365 for crypto.")
  int periodsPerYear;

  @Option(
      names = "--returns",
      defaultValue = "simple",
      paramLabel = "simple|log",
      description = "Return type for the historical volatility (default: simple).")
  ReturnType returnType;

  @Option(
      names = "--format",
      defaultValue = "json",
      paramLabel = "json|csv",
      description = "Output format (default: json).")
  Format format;

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    try {
      final BarCsvReader.Bars input = BarCsvReader.read(bars);
      final int n = input.count();
      final double[] trueRange = new double[n];
      final double[] atr = new double[n];
      final double[] closeAtr = new double[n];
      final double[] volatility = new double[n];
      WilderAtr.compute(input.high(), input.low(), input.close(), n, period, atr);
      CloseOnlyAtr.compute(input.close(), n, period, closeAtr);
      HistoricalVolatility.compute(
          input.close(), n, period, periodsPerYear, returnType, volatility);
      TrueRange.compute(input.high(), input.low(), input.close(), n, trueRange);
      if (format == Format.json) {
        writeJson(out, input, trueRange, atr, closeAtr, volatility);
      } else {
        writeCsv(out, input, trueRange, atr, closeAtr, volatility);
      }
      return 0;
    } catch (NoSuchFileException e) {
      return CalculatorOutput.fail(
          err, "volatility", new IOException("no such file: " + e.getFile(), e));
    } catch (IllegalArgumentException | IOException e) {
      return CalculatorOutput.fail(err, "volatility", e);
    }
  }

  private static void writeJson(
      PrintWriter out,
      BarCsvReader.Bars input,
      double[] trueRange,
      double[] atr,
      double[] closeAtr,
      double[] volatility)
      throws IOException {
    final StringWriter buffer = new StringWriter();
    final JsonGenerator json = CalculatorOutput.start(buffer);
    json.writeArrayFieldStart("bars");
    for (int i = 0; i < input.count(); i++) {
      json.writeStartObject();
      json.writeStringField("date", input.dates()[i]);
      CalculatorOutput.numberOrNull(json, "trueRange", trueRange[i]);
      CalculatorOutput.numberOrNull(json, "atr", atr[i]);
      CalculatorOutput.numberOrNull(json, "closeAtr", closeAtr[i]);
      CalculatorOutput.numberOrNull(json, "volatility", volatility[i]);
      json.writeEndObject();
    }
    json.writeEndArray();
    CalculatorOutput.finish(json, buffer, out);
  }

  private static void writeCsv(
      PrintWriter out,
      BarCsvReader.Bars input,
      double[] trueRange,
      double[] atr,
      double[] closeAtr,
      double[] volatility) {
    out.println("date,trueRange,atr,closeAtr,volatility");
    for (int i = 0; i < input.count(); i++) {
      out.println(
          input.dates()[i]
              + ','
              + cell(trueRange[i])
              + ','
              + cell(atr[i])
              + ','
              + cell(closeAtr[i])
              + ','
              + cell(volatility[i]));
    }
    out.flush();
  }

  private static String cell(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }
}
