package io.riskgate.bench;

import io.riskgate.core.Fixed;
import io.riskgate.core.sizing.DynamicSizer;
import io.riskgate.core.sizing.DynamicSizerSettings;
import io.riskgate.core.sizing.FixedFractionalSizer;
import io.riskgate.core.sizing.KellyCriterion;
import io.riskgate.core.sizing.SizingFactor;
import io.riskgate.core.sizing.SizingInstrument;
import io.riskgate.core.sizing.SizingResult;
import io.riskgate.core.sizing.VolatilityTargetSizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Latency of one sizing call into a reused {@link SizingResult}; with {@code -prof gc} the
 * allocation per call ({@code gc.alloc.rate.norm}) must be 0 bytes. Inputs are state fields so the
 * JIT cannot fold them. Run: {@code java -jar bench/target/benchmarks.jar SizingBenchmark -prof
 * gc}.
 */
@State(Scope.Thread)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SizingBenchmark {
  final DynamicSizer dynamic = new DynamicSizer(DynamicSizerSettings.defaults());
  final KellyCriterion kelly = new KellyCriterion();
  final FixedFractionalSizer fixedFractional = new FixedFractionalSizer(0.01, 2.0);
  final VolatilityTargetSizer volatilityTarget = new VolatilityTargetSizer(0.10);
  final SizingInstrument instrument =
      new SizingInstrument(Fixed.ONE, Fixed.parse("0.001"), Fixed.parse("0.01"));
  final SizingResult result = new SizingResult();

  double equity = 1_000_000.0;
  double signal = 0.7;
  double volatility = 0.35;
  double drawdown = 0.04;
  double drawdownLimit = 0.15;
  double atr = 2.5;
  double winRate = 0.55;
  double averageWin = 120.0;
  double averageLoss = -100.0;
  long price = Fixed.parse("43250.5");
  long headroom = Fixed.parse("0.4");

  @Benchmark
  public long dynamicSizer() {
    dynamic.size(equity, signal, volatility, drawdown, drawdownLimit, price, instrument, result);
    return result.quantity();
  }

  /** The dynamic sizer followed by what the engine adds: three headroom caps and the breaker. */
  @Benchmark
  public long dynamicSizerWithEngineCaps() {
    dynamic.size(equity, signal, volatility, drawdown, drawdownLimit, price, instrument, result);
    result.capQuantity(headroom, SizingFactor.HEADROOM_POSITION);
    result.capQuantity(headroom, SizingFactor.HEADROOM_LEVERAGE);
    result.capQuantity(headroom, SizingFactor.HEADROOM_DAILY_LOSS);
    result.scaleQuantity(0.25, SizingFactor.BREAKER_SCALE);
    return result.quantity();
  }

  @Benchmark
  public long kelly() {
    kelly.size(winRate, averageWin, averageLoss, equity, price, instrument, result);
    return result.quantity();
  }

  @Benchmark
  public long fixedFractional() {
    fixedFractional.size(equity, atr, price, instrument, result);
    return result.quantity();
  }

  @Benchmark
  public long volatilityTarget() {
    volatilityTarget.size(equity, volatility, price, instrument, result);
    return result.quantity();
  }
}
