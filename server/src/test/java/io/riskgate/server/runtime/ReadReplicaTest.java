package io.riskgate.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadReplicaTest {
  private static final long T0 = 1_704_187_800_000_000_000L;

  /** The primary engine, its journal sequence and the replica following it. */
  private final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), OutputSink.NONE);

  private long sequence;
  private final AtomicInteger copies = new AtomicInteger();
  private final List<String> log = new ArrayList<>();

  private ReadReplica.Copy copy() {
    copies.incrementAndGet();
    return new ReadReplica.Copy(sequence, engine.writeSnapshot(), List.of("A1"), List.of("S1"));
  }

  private List<Event> applied(Event... events) {
    for (Event e : events) {
      engine.apply(e);
    }
    sequence += events.length;
    return List.of(events);
  }

  private static Event price(int i) {
    return new Event.Price(T0 + i * 1_000_000_000L, "AAA", 0, 0, Fixed.ofLong(100 + i % 7));
  }

  private long replicaHash(ReadReplica replica) throws Exception {
    return replica.read((e, a, s) -> e.stateHash()).get(10, TimeUnit.SECONDS);
  }

  @Test
  void followsTheEngineBatchByBatchAndRebuildsAfterAGap() throws Exception {
    applied(
        new Event.Account(Event.NO_TIME, "A1", Fixed.ofLong(1_000_000), "USD"),
        new Event.Strategy(Event.NO_TIME, "S1", "A1", Fixed.ofLong(100_000)),
        new Event.Instrument(
            Event.NO_TIME, "AAA", "X", "USD", Fixed.parse("0.01"), Fixed.ONE, Fixed.ONE, "e", "t"));
    try (ReadReplica replica =
        new ReadReplica(
            copy(), engine.config(), () -> CompletableFuture.completedFuture(copy()), log::add)) {
      for (int i = 1; i <= 50; i++) {
        replica.follow(
            applied(
                price(i),
                new Event.Order(
                    T0 + i * 1_000_000_000L,
                    "o" + i,
                    "A1",
                    "S1",
                    "AAA",
                    Side.BUY,
                    Fixed.ONE,
                    0,
                    0)),
            sequence);
      }
      assertEquals(engine.stateHash(), replicaHash(replica));
      assertEquals(1, copies.get(), "a replica that keeps up needs no second copy");

      applied(price(51)); // a batch that never reaches the replica
      replica.follow(applied(price(52)), sequence);
      replica.follow(applied(price(53)), sequence);
      final long afterGap = engine.stateHash();
      // The first read after the gap fetches a copy, then sees exactly the engine's state.
      assertEquals(afterGap, replicaHash(replica));
      assertEquals(2, copies.get());
      assertTrue(log.get(0).contains("did not reach it"), log.toString());
      replica.follow(applied(price(54)), sequence);
      assertEquals(engine.stateHash(), replicaHash(replica));
    }
  }
}
