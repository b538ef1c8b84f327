package io.riskgate.bench;

import io.riskgate.core.Fixed;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import java.util.Locale;
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
 * An engine snapshot taken and restored: the benchmark world (1,000 instruments, 20 strategies, 200
 * positions) plus {@code openOrders} orders sent in the event language with text ids, approved and
 * neither filled nor cancelled, as under the server's load test. Every one of them holds an open
 * order slot, a used order id of the day and its text id. The snapshot's size is printed once per
 * trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
public class SnapshotBenchmark {
  @Param({"10000", "300000"})
  public int openOrders;

  private RiskEngine engine;
  private byte[] snapshot;

  @Setup(Level.Trial)
  public void setUp() {
    final EngineWorld world = new EngineWorld(false, 1 << 16);
    engine = world.engine;
    // A new day forgets the set-up orders' keys, which the event language's own keys would reuse.
    world.nextDay();
    for (int n = 0; n < openOrders; n++) {
      final int i = (int) ((n * 7919L) % EngineWorld.INSTRUMENTS);
      world.now += 1_000;
      engine.apply(
          new Event.Order(
              world.now,
              "ord-" + (1_000_000_000L + n),
              "A1",
              "S" + (n % EngineWorld.STRATEGIES),
              "I" + i,
              (n & 1) == 0 ? Side.BUY : Side.SELL,
              Fixed.ofLong(10),
              world.prices[i],
              0));
    }
    final int open = engine.ledger("firm").openOrders();
    if (open != openOrders) {
      throw new IllegalStateException("expected " + openOrders + " open orders, got " + open);
    }
    snapshot = engine.writeSnapshot();
    if (RiskEngine.readSnapshot(snapshot, engine.config(), OutputSink.NONE).stateHash()
        != engine.stateHash()) {
      throw new IllegalStateException("the snapshot does not restore the engine's state");
    }
    System.out.printf(
        Locale.ROOT,
        "%nsnapshot of %,d open orders: %,d bytes (%.1f MB)%n",
        openOrders,
        snapshot.length,
        snapshot.length / 1e6);
  }

  @Benchmark
  public byte[] writeSnapshot() {
    return engine.writeSnapshot();
  }

  @Benchmark
  public RiskEngine readSnapshot() {
    return RiskEngine.readSnapshot(snapshot, engine.config(), OutputSink.NONE);
  }
}
