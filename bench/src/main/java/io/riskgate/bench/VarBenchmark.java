package io.riskgate.bench;

import io.riskgate.core.risk.Covariance;
import io.riskgate.core.risk.HistoricalVar;
import io.riskgate.core.risk.ParametricVar;
import io.riskgate.core.risk.VarResult;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Portfolio VaR of 500 instruments over 500 scenarios (DESIGN.md section 6 target: historical VaR ≤
 * 5 ms). Returns follow a one-factor model (market factor plus noise, fixed seed) so the portfolio
 * PnL has a realistic spread; exposures are signed. {@code historicalVar} is the allocation-free
 * quickselect path; {@code historicalVarFullSort} is the same result by copy and full sort, for
 * comparison; {@code parametricVar} is σ = √(wᵀΣw) from a precomputed covariance; {@code
 * sampleCovariance} and {@code ewmaCovariance} build the 500 × 500 matrix it needs.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VarBenchmark {

  private static final int INSTRUMENTS = 500;
  private static final int SCENARIOS = 500;

  private double[][] returns;
  private double[] exposures;
  private double[][] covariance;
  private double[][] scratchCovariance;
  private HistoricalVar historicalVar;
  private VarResult result;

  @Setup
  public void setUp() {
    final SplittableRandom random = new SplittableRandom(20261124L);
    final double[] market = new double[SCENARIOS];
    for (int s = 0; s < SCENARIOS; s++) {
      market[s] = random.nextGaussian() * 0.01;
    }
    returns = new double[INSTRUMENTS][SCENARIOS];
    exposures = new double[INSTRUMENTS];
    for (int i = 0; i < INSTRUMENTS; i++) {
      final double beta = 0.5 + random.nextDouble();
      for (int s = 0; s < SCENARIOS; s++) {
        returns[i][s] = beta * market[s] + random.nextGaussian() * 0.015;
      }
      exposures[i] = (random.nextDouble() < 0.7 ? 1 : -1) * (10_000 + random.nextInt(90_000));
    }
    covariance = new double[INSTRUMENTS][INSTRUMENTS];
    scratchCovariance = new double[INSTRUMENTS][INSTRUMENTS];
    Covariance.sample(returns, 0, SCENARIOS, covariance);
    historicalVar = new HistoricalVar(SCENARIOS);
    result = new VarResult();
  }

  @Benchmark
  public double historicalVar() {
    historicalVar.compute(returns, 0, SCENARIOS, exposures, 25_000_000.0, result);
    return result.var99();
  }

  @Benchmark
  public double historicalVarOffsetWindow() {
    historicalVar.compute(returns, 1, SCENARIOS - 1, exposures, 25_000_000.0, result);
    return result.var99();
  }

  @Benchmark
  public double historicalVarFullSort() {
    final double[] pnl = new double[SCENARIOS];
    for (int i = 0; i < INSTRUMENTS; i++) {
      final double exposure = exposures[i];
      final double[] row = returns[i];
      for (int s = 0; s < SCENARIOS; s++) {
        pnl[s] += exposure * row[s];
      }
    }
    Arrays.sort(pnl);
    final double position = (SCENARIOS - 1) * 0.05;
    final int lower = (int) position;
    return -(pnl[lower] + (position - lower) * (pnl[lower + 1] - pnl[lower]));
  }

  @Benchmark
  public double parametricVar() {
    ParametricVar.compute(covariance, exposures, 25_000_000.0, result);
    return result.var99();
  }

  @Benchmark
  public double[][] sampleCovariance() {
    Covariance.sample(returns, 0, SCENARIOS, scratchCovariance);
    return scratchCovariance;
  }

  @Benchmark
  public double[][] ewmaCovariance() {
    Covariance.ewma(returns, 0, SCENARIOS, Covariance.RISKMETRICS_DAILY_LAMBDA, scratchCovariance);
    return scratchCovariance;
  }
}
