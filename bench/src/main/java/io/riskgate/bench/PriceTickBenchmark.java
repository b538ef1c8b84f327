package io.riskgate.bench;

import io.riskgate.core.Fixed;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Price ticks applied to the engine with 200 open positions: each tick re-marks the positions in
 * its instrument, updates unrealized PnL, exposure, high-water marks and drawdowns at book, account
 * and firm level, and evaluates the monitoring alerts and the safeguards incrementally. {@code
 * held}: ticks only for the 200 instruments with a position (every tick does the full work) or for
 * all 1,000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
public class PriceTickBenchmark {
  @Param({"true", "false"})
  public boolean held;

  private EngineWorld world;
  private int[] symbols;
  private long[] bids;
  private int n;
  private int nextSlot;

  @Setup
  public void setUp() {
    world = new EngineWorld(true, 1 << 12);
    final int count = held ? EngineWorld.POSITIONS : EngineWorld.INSTRUMENTS;
    symbols = new int[count];
    bids = new long[count];
    for (int k = 0; k < count; k++) {
      final int i = held ? (k * 37) % EngineWorld.INSTRUMENTS : k;
      symbols[k] = world.instruments[i];
      bids[k] = world.prices[i] - Fixed.parse("0.01");
    }
  }

  @Benchmark
  public void tick() {
    final int k = n++ & Integer.MAX_VALUE;
    // k mod the number of symbols, kept as a counter: no division of the benchmark's own in front
    // of the tick's first load (the same sequence of ticks).
    final int slot = nextSlot;
    nextSlot = slot + 1 == symbols.length ? 0 : slot + 1;
    // The bid moves by up to ±3 ticks around its level; the ask is one tick wider.
    final long bid = bids[slot] + ((k >> 3) % 7 - 3) * 1_000_000L;
    world.engine.price(world.now += 100, symbols[slot], bid, bid + 2_000_000L, 0);
  }
}
