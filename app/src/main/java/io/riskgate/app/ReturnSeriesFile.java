package io.riskgate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A return series read from a CSV file: one simple return per line, optionally after a header line,
 * optionally preceded by a date column ({@code date,return}).
 *
 * <p>Named for its content and its source. Rules: blank lines are ignored; the first non-blank line
 * is a header when its return field is not a number; a missing return is written {@code NaN},
 * {@code NA} or left empty ({@code 2024-01-02,}) and is kept as NaN (a period without an
 * observation, skipped by the statistics); every data line has the same number of columns (one or
 * two); a return is a plain decimal number (exponent allowed) of at least −1; dates are compared as
 * text and must be unique. Anything else is a {@link MalformedLineException} naming the line.
 *
 * @param path the file read
 * @param dates the date of each return, or null when the file has no date column
 * @param returns the returns in file order, NaN where missing
 */
record ReturnSeriesFile(Path path, String[] dates, double[] returns) {

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /** A line of a returns file that cannot be read, with its 1-based line number. */
  static final class MalformedLineException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedLineException(Path path, long line, String reason) {
      super(path + " line " + line + ": " + reason);
    }

    MalformedLineException(Path path, String reason) {
      super(path + ": " + reason);
    }
  }

  /** Reads and validates a returns file. */
  static ReturnSeriesFile read(Path path) throws IOException, MalformedLineException {
    final List<String> dates = new ArrayList<>();
    final List<Double> returns = new ArrayList<>();
    final Map<String, Long> seenDates = new HashMap<>();
    int columns = 0;
    boolean firstLine = true;
    long lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        final String[] fields = line.split(",", -1);
        final String returnField = fields[fields.length - 1].trim();
        if (firstLine) {
          firstLine = false;
          if (!isMissing(returnField) && !NUMBER.matcher(returnField).matches()) {
            continue;
          }
        }
        if (fields.length > 2) {
          throw new MalformedLineException(
              path,
              lineNumber,
              "expected 'return' or 'date,return' but found " + fields.length + " columns");
        }
        if (columns == 0) {
          columns = fields.length;
        } else if (fields.length != columns) {
          throw new MalformedLineException(
              path,
              lineNumber,
              "found " + fields.length + " columns where earlier lines have " + columns);
        }
        if (columns == 2) {
          final String date = fields[0].trim();
          if (date.isEmpty()) {
            throw new MalformedLineException(path, lineNumber, "empty date");
          }
          final Long previous = seenDates.putIfAbsent(date, lineNumber);
          if (previous != null) {
            throw new MalformedLineException(
                path, lineNumber, "date " + date + " already appeared on line " + previous);
          }
          dates.add(date);
        }
        returns.add(parseReturn(path, lineNumber, returnField));
      }
    }
    if (returns.isEmpty()) {
      throw new MalformedLineException(path, "no returns found");
    }
    final double[] values = new double[returns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = returns.get(i);
    }
    return new ReturnSeriesFile(path, columns == 2 ? dates.toArray(new String[0]) : null, values);
  }

  /**
   * The benchmark's returns aligned with this series: matched by date when both files have dates
   * (NaN where the benchmark lacks a date), otherwise by position, which needs equal lengths.
   */
  double[] align(ReturnSeriesFile benchmark) throws MalformedLineException {
    if (dates != null && benchmark.dates != null) {
      final Map<String, Double> byDate = new HashMap<>();
      for (int i = 0; i < benchmark.dates.length; i++) {
        byDate.put(benchmark.dates[i], benchmark.returns[i]);
      }
      final double[] aligned = new double[returns.length];
      for (int i = 0; i < dates.length; i++) {
        aligned[i] = byDate.getOrDefault(dates[i], Double.NaN);
      }
      return aligned;
    }
    if (benchmark.returns.length != returns.length) {
      throw new MalformedLineException(
          benchmark.path,
          "has "
              + benchmark.returns.length
              + " returns but "
              + path
              + " has "
              + returns.length
              + "; without a date column in both files, returns are paired line by line");
    }
    return benchmark.returns;
  }

  private static boolean isMissing(String field) {
    return field.isEmpty() || field.equals("NaN") || field.equals("nan") || field.equals("NA");
  }

  private static double parseReturn(Path path, long line, String field)
      throws MalformedLineException {
    if (isMissing(field)) {
      return Double.NaN;
    }
    if (!NUMBER.matcher(field).matches()) {
      throw new MalformedLineException(path, line, "'" + field + "' is not a number");
    }
    final double value = Double.parseDouble(field);
    if (Double.isInfinite(value)) {
      throw new MalformedLineException(path, line, "'" + field + "' is out of range");
    }
    if (value < -1.0) {
      throw new MalformedLineException(
          path, line, "return " + field + " is below -1 (a loss of more than everything)");
    }
    return value;
  }
}
