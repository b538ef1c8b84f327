package io.riskgate.app;

import com.fasterxml.jackson.core.JsonGenerator;
import io.riskgate.core.sizing.KellyCriterion;
import io.riskgate.core.sizing.SizingFactor;
import io.riskgate.core.sizing.SizingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskgate kelly}: the fractional Kelly size of equity for a win rate and payoff. */
@Command(
    name = "kelly",
    mixinStandardHelpOptions = true,
    description = {
      "Kelly fraction f = W - (1 - W) / R with R = avg win / |avg loss|; the size is"
          + " fraction x f clamped to [min, max] when f > 0, and 0 when f <= 0."
    })
final class KellyCommand implements Callable<Integer> {
  enum Format {
    json,
    text
  }

  @Spec CommandSpec spec;

  @Option(names = "--win-rate", required = true, paramLabel = "W", description = "In [0, 1].")
  double winRate;

  @Option(names = "--avg-win", required = true, paramLabel = "A", description = "Positive.")
  double averageWin;

  @Option(
      names = "--avg-loss",
      required = true,
      paramLabel = "L",
      description = "Non-zero; its sign is ignored.")
  double averageLoss;

  @Option(
      names = "--fraction",
      defaultValue = "0.5",
      description = "Multiplier on f, in (0, 1] (default 0.5: half Kelly).")
  double fraction;

  @Option(names = "--min", defaultValue = "0.01", description = "Lower clamp (default 0.01).")
  double min;

  @Option(names = "--max", defaultValue = "0.05", description = "Upper clamp (default 0.05).")
  double max;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "json|text",
      description = "Output format (default: text).")
  Format format;

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    try {
      final KellyCriterion kelly = new KellyCriterion(fraction, min, max);
      final SizingResult result = new SizingResult();
      final double size = kelly.fraction(winRate, averageWin, averageLoss, result);
      final double raw = result.valueOf(SizingFactor.KELLY_RAW);
      if (format == Format.json) {
        final StringWriter buffer = new StringWriter();
        final JsonGenerator json = CalculatorOutput.start(buffer);
        json.writeNumberField("kelly", raw);
        json.writeNumberField("size", size);
        json.writeStringField("status", result.status().name());
        CalculatorOutput.breakdown(json, result);
        CalculatorOutput.finish(json, buffer, out);
      } else {
        CalculatorOutput.line(out, "kelly", Double.toString(raw));
        CalculatorOutput.line(out, "size", Double.toString(size));
        CalculatorOutput.line(out, "status", result.status().name());
        CalculatorOutput.breakdown(out, result);
        out.flush();
      }
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      return CalculatorOutput.fail(err, "kelly", e);
    }
  }
}
