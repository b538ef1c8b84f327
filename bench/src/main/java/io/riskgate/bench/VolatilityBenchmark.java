package io.riskgate.bench;

import io.riskgate.core.volatility.EwmaVolatility;
import io.riskgate.core.volatility.HistoricalVolatility;
import io.riskgate.core.volatility.InstrumentVolatility;
import io.riskgate.core.volatility.VolatilitySettings;
import io.riskgate.core.volatility.WilderAtr;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.num.DoubleNum;

/**
 * Volatility estimators: streaming updates per bar (throughput) and batch ATR over 1,000,000 bars
 * against ta4j-core 0.17's {@code ATRIndicator} on the same bars in the same run.
 *
 * <p>ta4j is given its fastest number type ({@code DoubleNum}) and a fresh indicator per invocation
 * (its cache would otherwise answer from memory); Riskgate's batch ATR writes into a preallocated
 * output array. Run: {@code java -jar bench/target/benchmarks.jar VolatilityBenchmark -prof gc}.
 */
@State(Scope.Thread)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class VolatilityBenchmark {
  static final int BARS = 1_000_000;
  static final int STREAM_BATCH = 1_024;
  static final int PERIOD = 14;

  double[] high;
  double[] low;
  double[] close;
  double[] out;
  BarSeries ta4jSeries;

  WilderAtr atr;
  HistoricalVolatility historical;
  EwmaVolatility ewma;
  InstrumentVolatility instrument;
  int offset;

  @Setup(Level.Trial)
  public void setUp() {
    final SplittableRandom random = new SplittableRandom(20261124L);
    high = new double[BARS];
    low = new double[BARS];
    close = new double[BARS];
    out = new double[BARS];
    final double[] open = new double[BARS];
    double price = 100.0;
    for (int i = 0; i < BARS; i++) {
      final double o = price * Math.exp(0.004 * (random.nextDouble() - 0.5));
      final double c = o * Math.exp(0.02 * (random.nextDouble() - 0.5));
      open[i] = o;
      high[i] = Math.max(o, c) * (1.0 + 0.01 * random.nextDouble());
      low[i] = Math.min(o, c) * (1.0 - 0.01 * random.nextDouble());
      close[i] = c;
      price = c;
    }
    ta4jSeries = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum::valueOf).build();
    final ZonedDateTime start = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    final Duration day = Duration.ofDays(1);
    for (int i = 0; i < BARS; i++) {
      ta4jSeries.addBar(day, start.plusDays(i + 1L), open[i], high[i], low[i], close[i], 1000.0);
    }
    atr = new WilderAtr(PERIOD);
    historical = new HistoricalVolatility(20);
    ewma = new EwmaVolatility();
    instrument = new InstrumentVolatility(VolatilitySettings.defaults());
    checkSameValues();
  }

  /** Both ATRs follow Wilder's recursion; after the seeds wash out they agree (here to 1e-9). */
  private void checkSameValues() {
    WilderAtr.compute(high, low, close, BARS, PERIOD, out);
    final ATRIndicator indicator = new ATRIndicator(ta4jSeries, PERIOD);
    for (int i = 0; i < BARS; i++) {
      final double theirs = indicator.getValue(i).doubleValue();
      if (i >= 1_000 && Math.abs(theirs - out[i]) > 1e-9 * out[i]) {
        throw new IllegalStateException(
            "ATR differs from ta4j at bar " + i + ": " + out[i] + " vs " + theirs);
      }
    }
  }

  private int nextOffset() {
    final int o = offset;
    final int next = o + STREAM_BATCH;
    offset = next + STREAM_BATCH > BARS ? 0 : next;
    return o;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(STREAM_BATCH)
  public double streamingAtrUpdate() {
    final int o = nextOffset();
    for (int i = o; i < o + STREAM_BATCH; i++) {
      atr.update(high[i], low[i], close[i]);
    }
    return atr.value();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(STREAM_BATCH)
  public double streamingHistoricalVolatilityUpdate() {
    final int o = nextOffset();
    for (int i = o; i < o + STREAM_BATCH; i++) {
      historical.update(close[i]);
    }
    return historical.value();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(STREAM_BATCH)
  public double streamingEwmaUpdate() {
    final int o = nextOffset();
    for (int i = o; i < o + STREAM_BATCH; i++) {
      ewma.update(close[i]);
    }
    return ewma.value();
  }

  /** All four estimators of one instrument (ATR, close-only ATR, historical, EWMA) per bar. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(STREAM_BATCH)
  public double streamingInstrumentVolatilityUpdate() {
    final int o = nextOffset();
    for (int i = o; i < o + STREAM_BATCH; i++) {
      instrument.update(high[i], low[i], close[i]);
    }
    return instrument.atr() + instrument.historicalVolatility();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double batchAtrRiskgate() {
    WilderAtr.compute(high, low, close, BARS, PERIOD, out);
    return out[BARS - 1];
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public double batchAtrTa4j() {
    final ATRIndicator indicator = new ATRIndicator(ta4jSeries, PERIOD);
    double last = 0;
    for (int i = 0; i < BARS; i++) {
      last = indicator.getValue(i).doubleValue();
    }
    return last;
  }
}
