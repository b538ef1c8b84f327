package io.riskgate.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.riskgate.core.sizing.SizingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Output helpers shared by the calculator commands ({@code volatility}, {@code kelly}, {@code
 * size}): JSON through Jackson with {@code null} for undefined numbers, and aligned text.
 */
final class CalculatorOutput {
  static final JsonFactory JSON = new JsonFactory();

  private CalculatorOutput() {}

  /** Writes {@code value}, or {@code null} when it is NaN (not yet defined). */
  static void numberOrNull(JsonGenerator json, String field, double value) throws IOException {
    if (Double.isNaN(value)) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }

  /** Writes every factor of the breakdown as a field named by its camelCase key. */
  static void breakdown(JsonGenerator json, SizingResult result) throws IOException {
    for (int i = 0; i < result.factorCount(); i++) {
      numberOrNull(json, result.factor(i).key(), result.factorValue(i));
    }
  }

  /** Writes the breakdown as {@code key value} lines. */
  static void breakdown(PrintWriter out, SizingResult result) {
    for (int i = 0; i < result.factorCount(); i++) {
      line(out, result.factor(i).key(), Double.toString(result.factorValue(i)));
    }
  }

  static void line(PrintWriter out, String key, String value) {
    out.printf("%-24s %s%n", key, value);
  }

  /** Starts a JSON object on a string buffer; finish with {@link #finish}. */
  static JsonGenerator start(StringWriter buffer) throws IOException {
    final JsonGenerator json = JSON.createGenerator(buffer);
    json.writeStartObject();
    return json;
  }

  static void finish(JsonGenerator json, StringWriter buffer, PrintWriter out) throws IOException {
    json.writeEndObject();
    json.close();
    out.println(buffer);
    out.flush();
  }

  /** Prints a one-line error naming the command and returns picocli's usage exit code, 2. */
  static int fail(PrintWriter err, String command, Exception e) {
    err.println("riskgate " + command + ": " + e.getMessage());
    err.flush();
    return 2;
  }
}
