package io.riskgate.app;

import com.fasterxml.jackson.core.JsonGenerator;
import io.riskgate.core.Fixed;
import io.riskgate.core.sizing.DynamicSizer;
import io.riskgate.core.sizing.DynamicSizerSettings;
import io.riskgate.core.sizing.FixedRiskSizer;
import io.riskgate.core.sizing.SizingInstrument;
import io.riskgate.core.sizing.SizingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code riskgate size}: the dynamic or the fixed-risk sizer's quantity for one order, with its
 * breakdown.
 */
@Command(
    name = "size",
    mixinStandardHelpOptions = true,
    description = {
      "Dynamic position size: base fraction x equity x (0.5 + 1.5 s) x 1/(1 + volatility) x"
          + " performance multiplier, capped at max position fraction x equity, converted at"
          + " price x multiplier, rounded down to the lot size, 0 below the minimum quantity.",
      "Performance multiplier: 1 without --drawdown, else 1 - (1 - floor) x min(drawdown /"
          + " limit, 1).",
      "--sizer fixed-risk: equity x risk / (|price - stop| x multiplier x rate + commission),"
          + " rounded down to the lot size, capped at --hard-limit; 0 when the stop is at the"
          + " price (NautilusTrader's FixedRiskSizer)."
    })
final class SizeCommand implements Callable<Integer> {
  enum Format {
    json,
    text
  }

  /** The sizers this calculator runs. */
  enum Sizer {
    DYNAMIC,
    FIXED_RISK
  }

  @Option(
      names = "--sizer",
      defaultValue = "dynamic",
      paramLabel = "dynamic|fixed-risk",
      converter = SizerConverter.class,
      description = "Which sizer (default: dynamic).")
  Sizer sizer;

  /** Reads {@code dynamic} and {@code fixed-risk}. */
  static final class SizerConverter implements picocli.CommandLine.ITypeConverter<Sizer> {
    @Override
    public Sizer convert(String value) {
      return switch (value) {
        case "dynamic" -> Sizer.DYNAMIC;
        case "fixed-risk" -> Sizer.FIXED_RISK;
        default ->
            throw new picocli.CommandLine.TypeConversionException(
                "--sizer must be dynamic or fixed-risk, got '" + value + "'");
      };
    }
  }

  @Option(
      names = "--stop",
      paramLabel = "PRICE",
      description = "fixed-risk: the stop price (decimal).")
  String stop;

  @Option(
      names = "--risk",
      paramLabel = "F",
      description = "fixed-risk: fraction of equity at risk, in (0, 1], e.g. 0.001.")
  Double risk;

  @Option(
      names = "--rate",
      defaultValue = "1",
      paramLabel = "R",
      description =
          "fixed-risk: account currency per unit of the instrument's currency (default 1).")
  String rate;

  @Option(
      names = "--commission",
      defaultValue = "0",
      description = "fixed-risk: commission per unit in the account currency (default 0).")
  String commission;

  @Option(
      names = "--hard-limit",
      defaultValue = "0",
      paramLabel = "Q",
      description = "fixed-risk: the largest quantity (default 0: none).")
  String hardLimit;

  @Spec CommandSpec spec;

  @Option(names = "--equity", required = true, description = "Equity, positive.")
  double equity;

  @Option(names = "--price", required = true, description = "Price per unit (decimal).")
  String price;

  @Option(names = "--signal", paramLabel = "S", description = "dynamic (required): in [0, 1].")
  Double signal;

  @Option(
      names = "--volatility",
      paramLabel = "SIGMA",
      description = "dynamic (required): annualized volatility as a fraction, e.g. 0.25.")
  Double volatility;

  @Option(
      names = "--drawdown",
      paramLabel = "D",
      description = "Current drawdown of the strategy as a fraction (omit: no history).")
  Double drawdown;

  @Option(
      names = "--drawdown-limit",
      defaultValue = "0.15",
      paramLabel = "L",
      description = "Strategy drawdown limit (default 0.15).")
  double drawdownLimit;

  @Option(names = "--lot-size", defaultValue = "1", description = "Lot size (default 1).")
  String lotSize;

  @Option(
      names = "--min-quantity",
      defaultValue = "0",
      description = "Minimum quantity (default 0).")
  String minQuantity;

  @Option(
      names = "--multiplier",
      defaultValue = "1",
      description = "Contract multiplier (default 1).")
  String multiplier;

  @Option(
      names = "--max-position-fraction",
      defaultValue = "0.10",
      description = "Position limit as a fraction of equity (default 0.10).")
  double maxPositionFraction;

  @Option(
      names = "--base-fraction",
      defaultValue = "0.02",
      description = "Base fraction of equity (default 0.02).")
  double baseFraction;

  @Option(
      names = "--performance-floor",
      defaultValue = "0.25",
      description = "Lowest performance multiplier (default 0.25).")
  double performanceFloor;

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
      final SizingInstrument instrument =
          new SizingInstrument(
              decimal("--multiplier", multiplier),
              decimal("--lot-size", lotSize),
              decimal("--min-quantity", minQuantity));
      final SizingResult result = new SizingResult();
      if (sizer == Sizer.FIXED_RISK) {
        if (stop == null || risk == null) {
          throw new IllegalArgumentException("--sizer fixed-risk needs --stop and --risk");
        }
        final long entry = decimal("--price", price);
        final long unitRate = decimal("--rate", rate);
        new FixedRiskSizer(risk)
            .size(
                Fixed.ofDouble(equity),
                entry,
                decimal("--stop", stop),
                unitRate,
                decimal("--commission", commission),
                decimal("--hard-limit", hardLimit),
                unitRate <= 0 ? entry : Fixed.multiply(entry, unitRate),
                instrument,
                result);
      } else {
        if (signal == null || volatility == null) {
          throw new IllegalArgumentException("--sizer dynamic needs --signal and --volatility");
        }
        new DynamicSizer(
                new DynamicSizerSettings(baseFraction, maxPositionFraction, performanceFloor))
            .size(
                equity,
                signal,
                volatility,
                drawdown == null ? Double.NaN : drawdown,
                drawdown == null ? Double.NaN : drawdownLimit,
                decimal("--price", price),
                instrument,
                result);
      }
      if (format == Format.json) {
        final StringWriter buffer = new StringWriter();
        final JsonGenerator json = CalculatorOutput.start(buffer);
        json.writeFieldName("quantity");
        json.writeNumber(Fixed.toString(result.quantity()));
        json.writeFieldName("notional");
        json.writeNumber(Fixed.toString(result.notional()));
        json.writeStringField("status", result.status().name());
        CalculatorOutput.breakdown(json, result);
        CalculatorOutput.finish(json, buffer, out);
      } else {
        CalculatorOutput.line(out, "quantity", Fixed.toString(result.quantity()));
        CalculatorOutput.line(out, "notional", Fixed.toString(result.notional()));
        CalculatorOutput.line(out, "status", result.status().name());
        CalculatorOutput.breakdown(out, result);
        out.flush();
      }
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      return CalculatorOutput.fail(err, "size", e);
    }
  }

  private static long decimal(String option, String text) {
    try {
      return Fixed.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }
}
