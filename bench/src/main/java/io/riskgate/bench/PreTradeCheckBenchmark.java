package io.riskgate.bench;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.Decision;
import io.riskgate.core.engine.OrderRequest;
import io.riskgate.core.event.Side;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One in-process pre-trade check with every check enabled (1,000 instruments, 200 open positions,
 * 20 strategies, correlation against the held positions), followed by the cancel that releases the
 * order's reservation so the open-order count stays level. The orders cycle over strategies,
 * instruments and sides.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
public class PreTradeCheckBenchmark {
  /** How many of the 1,000 instruments the orders cycle over (1,000: all, cold caches). */
  @Param({"1000"})
  public int traded;

  private EngineWorld world;
  private final OrderRequest order = new OrderRequest();
  private int n;

  /**
   * The k-th order's instrument index ({@code k × 7919 mod traded}) and strategy ({@code k mod 20})
   * over one whole cycle of both (their least common multiple, even, so the side alternates across
   * its end too): computed here, so that no 64-bit division of the benchmark's own sits in front of
   * every check's first load.
   */
  private int[] instrumentAt;

  private int[] strategyAt;

  @Setup(Level.Trial)
  public void setUp() {
    world = new EngineWorld(true, 1 << 23);
    int cycle = traded;
    while (cycle % EngineWorld.STRATEGIES != 0 || (cycle & 1) != 0) {
      cycle += traded;
    }
    instrumentAt = new int[cycle];
    strategyAt = new int[cycle];
    for (int k = 0; k < cycle; k++) {
      instrumentAt[k] = (int) ((k * 7919L) % traded);
      strategyAt[k] = k % EngineWorld.STRATEGIES;
    }
  }

  @Setup(Level.Iteration)
  public void newDay() {
    world.nextDay();
  }

  @Benchmark
  public boolean checkThenCancel() {
    final EngineWorld w = world;
    final int k = n;
    n = k + 1 == instrumentAt.length ? 0 : k + 1;
    final int i = instrumentAt[k];
    final long now = w.now += 1_000;
    final long key = w.nextKey++;
    order.set(
        now,
        key,
        null,
        w.account,
        w.strategies[strategyAt[k]],
        w.instruments[i],
        (k & 1) == 0 ? Side.BUY : Side.SELL,
        Fixed.ofLong(10),
        w.prices[i],
        0);
    final Decision decision = w.engine.check(order);
    final boolean approved = decision.approved();
    if (approved) {
      w.engine.cancel(now, key);
    }
    return approved;
  }
}
