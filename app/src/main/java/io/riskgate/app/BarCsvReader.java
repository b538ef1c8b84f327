package io.riskgate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a bar file in CSV: a header naming at least {@code date, high, low, close} (any case, any
 * order, extra columns such as {@code open} and {@code volume} ignored), then one bar per line.
 * Blank lines are skipped; a malformed row is rejected with its line number. Named for what it
 * reads: bars from CSV.
 */
final class BarCsvReader {
  private BarCsvReader() {}

  /** The bars of a file, in file order, as parallel arrays of {@code count} entries. */
  record Bars(String[] dates, double[] high, double[] low, double[] close, int count) {}

  static Bars read(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    }
  }

  static Bars read(BufferedReader reader, String source) throws IOException {
    String line = reader.readLine();
    int lineNumber = 1;
    while (line != null && line.isBlank()) {
      line = reader.readLine();
      lineNumber++;
    }
    if (line == null) {
      throw new IllegalArgumentException(source + ": empty file, expected a header line");
    }
    final String[] header = split(stripBom(line));
    final int dateColumn = column(header, "date", source);
    final int highColumn = column(header, "high", source);
    final int lowColumn = column(header, "low", source);
    final int closeColumn = column(header, "close", source);
    final int needed =
        Math.max(Math.max(dateColumn, highColumn), Math.max(lowColumn, closeColumn)) + 1;

    String[] dates = new String[256];
    double[] high = new double[256];
    double[] low = new double[256];
    double[] close = new double[256];
    int count = 0;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      final String[] cells = split(line);
      if (cells.length < needed) {
        throw new IllegalArgumentException(
            source
                + " line "
                + lineNumber
                + ": expected at least "
                + needed
                + " columns, found "
                + cells.length);
      }
      final String date = cells[dateColumn];
      if (date.isEmpty()) {
        throw new IllegalArgumentException(source + " line " + lineNumber + ": date is empty");
      }
      final double h = price(cells[highColumn], "high", source, lineNumber);
      final double l = price(cells[lowColumn], "low", source, lineNumber);
      final double c = price(cells[closeColumn], "close", source, lineNumber);
      if (h < l) {
        throw new IllegalArgumentException(
            source + " line " + lineNumber + ": high " + h + " is below low " + l);
      }
      if (count == dates.length) {
        final int grown = count * 2;
        dates = Arrays.copyOf(dates, grown);
        high = Arrays.copyOf(high, grown);
        low = Arrays.copyOf(low, grown);
        close = Arrays.copyOf(close, grown);
      }
      dates[count] = date;
      high[count] = h;
      low[count] = l;
      close[count] = c;
      count++;
    }
    return new Bars(dates, high, low, close, count);
  }

  private static double price(String text, String name, String source, int lineNumber) {
    final double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          source + " line " + lineNumber + ": " + name + " is not a number: '" + text + "'", e);
    }
    if (!(value > 0.0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          source
              + " line "
              + lineNumber
              + ": "
              + name
              + " must be a finite positive price, got "
              + text);
    }
    return value;
  }

  private static int column(String[] header, String name, String source) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].toLowerCase(Locale.ROOT).equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        source
            + " line 1: header has no '"
            + name
            + "' column (expected date,open,high,low,close[,volume]), found: "
            + String.join(",", header));
  }

  private static String[] split(String line) {
    final String[] cells = line.split(",", -1);
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i].trim();
      if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
        cell = cell.substring(1, cell.length() - 1).trim();
      }
      cells[i] = cell;
    }
    return cells;
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }
}
