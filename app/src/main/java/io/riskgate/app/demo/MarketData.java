package io.riskgate.app.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * The demo's price paths, one price per step: AAPL daily closes of 2013 and BTC/USD Bitstamp trades
 * sampled into bars of a fixed number of trades (both from the {@code org.ta4j:ta4j-examples:0.15}
 * jar on the classpath), and a simulated index correlated with AAPL, with a flash crash now and
 * then so that a circuit breaker trips and recovers. Named for what it holds.
 */
public final class MarketData {
  /** AAPL bars, 2013 (ta4j-examples). */
  public static final String AAPL_CSV = "appleinc_bars_from_20130101_usd.csv";

  /** BTC/USD trades on Bitstamp from 2013-11-25 (ta4j-examples). */
  public static final String BTC_CSV = "bitstamp_trades_from_20131125_usd.csv";

  /** Trades per sampled BTC bar. */
  public static final int TRADES_PER_BAR = 250;

  /** Steps between the starts of two flash crashes of the simulated index. */
  public static final int CRASH_PERIOD = 120;

  /** Step of the first flash crash. */
  public static final int FIRST_CRASH = 30;

  /** Steps a flash crash lasts before the price comes back. */
  public static final int CRASH_STEPS = 4;

  /** Fall of the simulated index during a crash. */
  public static final double CRASH_DEPTH = 0.15;

  private final double[] aapl;
  private final double[] btc;
  private final double[] index;

  private MarketData(double[] aapl, double[] btc, double[] index) {
    this.aapl = aapl;
    this.btc = btc;
    this.index = index;
  }

  /** Loads both files from the classpath and simulates the index with a fixed seed. */
  public static MarketData load(long seed) throws IOException {
    final double[] aapl = column(AAPL_CSV, "close", 1);
    final double[] trades = column(BTC_CSV, "price", 1);
    final double[] btc = new double[trades.length / TRADES_PER_BAR];
    for (int i = 0; i < btc.length; i++) {
      btc[i] = trades[(i + 1) * TRADES_PER_BAR - 1];
    }
    // A step is five minutes but AAPL's bars are days: the index takes a fifth of AAPL's daily
    // return plus independent noise (0.1% a step), so it stays correlated without drifting far.
    final Random random = new Random(seed);
    final double[] index = new double[aapl.length];
    index[0] = 100.0;
    for (int i = 1; i < index.length; i++) {
      final double r = 0.2 * (aapl[i] / aapl[i - 1] - 1) + 0.001 * random.nextGaussian();
      index[i] = index[i - 1] * (1 + r);
    }
    return new MarketData(aapl, btc, index);
  }

  /** AAPL's close at a step (the year repeats). */
  public double aapl(long step) {
    return aapl[(int) (step % aapl.length)];
  }

  /** BTC/USD's last trade of the bar at a step (the week repeats). */
  public double btc(long step) {
    return btc[(int) (step % btc.length)];
  }

  /** The simulated index at a step, with the flash crashes. */
  public double index(long step) {
    final double base = index[(int) (step % index.length)];
    return crashing(step) ? base * (1 - CRASH_DEPTH) : base;
  }

  /** Whether the simulated index is in a flash crash at a step. */
  public static boolean crashing(long step) {
    return step >= FIRST_CRASH && (step - FIRST_CRASH) % CRASH_PERIOD < CRASH_STEPS;
  }

  /** Number of AAPL bars and of sampled BTC bars. */
  public int[] sizes() {
    return new int[] {aapl.length, btc.length};
  }

  private static double[] column(String resource, String name, int skipLines) throws IOException {
    final InputStream in = MarketData.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException(
          resource + " is not on the classpath (it comes from org.ta4j:ta4j-examples:0.15)");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      final String header = reader.readLine();
      if (header == null) {
        throw new IOException(resource + ": empty");
      }
      final int column = Arrays.asList(header.trim().split(",")).indexOf(name);
      if (column < 0) {
        throw new IOException(resource + ": no column " + name + " in header " + header);
      }
      double[] values = new double[1024];
      int count = 0;
      int lineNumber = skipLines;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        final String[] cells = line.split(",");
        final double value;
        try {
          value = Double.parseDouble(cells[column]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
          throw new IOException(resource + " line " + lineNumber + ": bad " + name + ": " + line);
        }
        if (!(value > 0) || !Double.isFinite(value)) {
          throw new IOException(resource + " line " + lineNumber + ": " + name + " not positive");
        }
        if (count == values.length) {
          values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
      }
      return Arrays.copyOf(values, count);
    }
  }
}
