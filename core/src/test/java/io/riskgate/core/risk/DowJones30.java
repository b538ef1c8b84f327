package io.riskgate.core.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The DowJones30 test data set (see {@code DowJones30_README.md}): daily closes of the 30 Dow Jones
 * stocks 1990–2001, turned into daily simple returns {@code [stock][day]}.
 */
final class DowJones30 {

  static final int STOCKS = 30;

  private DowJones30() {}

  /** Daily simple returns {@code close[t] / close[t - 1] - 1}, one row per stock. */
  static double[][] returns() {
    final List<double[]> closes = new ArrayList<>();
    try (InputStream in = DowJones30.class.getResourceAsStream("/DowJones30_daily_1990-2001.csv");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      final String header = reader.readLine();
      if (header.split(",").length != STOCKS + 1) {
        throw new IllegalStateException("unexpected header " + header);
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        final String[] fields = line.split(",");
        final double[] row = new double[STOCKS];
        for (int i = 0; i < STOCKS; i++) {
          row[i] = Double.parseDouble(fields[i + 1]);
        }
        closes.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    final int days = closes.size() - 1;
    final double[][] returns = new double[STOCKS][days];
    for (int t = 0; t < days; t++) {
      for (int i = 0; i < STOCKS; i++) {
        returns[i][t] = closes.get(t + 1)[i] / closes.get(t)[i] - 1.0;
      }
    }
    return returns;
  }
}
