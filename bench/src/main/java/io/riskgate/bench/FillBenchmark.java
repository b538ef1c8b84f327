package io.riskgate.bench;

import io.riskgate.core.Fixed;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fills applied to the engine: each fills one lot of a large open buy or sell order in one of 200
 * books, alternating sides so positions add, reduce and flip, with exact PnL, re-marking and
 * exposure updates at book, account and firm level.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
public class FillBenchmark {
  private static final int BOOKS = 200;

  /**
   * Units of each reserved order: enough for an iteration's fills of three units, while the firm's
   * gross exposure over the 200 books stays within the engine's range (10^10).
   */
  private static final long QUANTITY = 150_000;

  private EngineWorld world;
  private final long[] buyKeys = new long[BOOKS];
  private final long[] sellKeys = new long[BOOKS];
  private final long[] fillPrices = new long[BOOKS];
  private int n;

  @Setup(Level.Iteration)
  public void setUp() {
    world = new EngineWorld(false, 1 << 12);
    final OrderRequest order = new OrderRequest();
    for (int b = 0; b < BOOKS; b++) {
      final int i = (b * 37) % EngineWorld.INSTRUMENTS;
      final int s = world.strategies[b % EngineWorld.STRATEGIES];
      buyKeys[b] = world.nextKey++;
      sellKeys[b] = world.nextKey++;
      fillPrices[b] = world.prices[i];
      requireApproved(
          world.engine.check(
              order.set(
                  world.now,
                  buyKeys[b],
                  null,
                  world.account,
                  s,
                  world.instruments[i],
                  Side.BUY,
                  Fixed.ofLong(QUANTITY),
                  world.prices[i],
                  0)));
      requireApproved(
          world.engine.check(
              order.set(
                  world.now,
                  sellKeys[b],
                  null,
                  world.account,
                  s,
                  world.instruments[i],
                  Side.SELL,
                  Fixed.ofLong(QUANTITY),
                  world.prices[i],
                  0)));
    }
  }

  private static void requireApproved(io.riskgate.core.check.Decision decision) {
    if (!decision.approved()) {
      throw new IllegalStateException("set-up order rejected: " + decision.checks());
    }
  }

  @Benchmark
  public void fill() {
    final int k = n++;
    final int b = k % BOOKS;
    final long key = ((k / BOOKS) & 3) < 2 ? buyKeys[b] : sellKeys[b];
    world.engine.fill(world.now, key, Fixed.ofLong(3), fillPrices[b] + (k & 7) * 1_000_000L, 0);
  }
}
