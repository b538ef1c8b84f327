package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.riskgate.core.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A snapshot restores exactly the state, and snapshot + the rest of the events = full replay. */
class SnapshotTest {

  @Test
  void snapshotThenReplayOfTheTailEqualsAFullReplay() {
    final long seed = 11L;
    final List<Event> events = DeterminismTest.randomEvents(seed, 20_000);
    final int n = events.size();
    for (int cut : new int[] {0, 1, 500, 7_777, n}) {
      final StringBuilder referenceOutput = new StringBuilder();
      final RiskEngine reference =
          new RiskEngine(EngineConfig.defaults(), DeterminismTest.recorder(referenceOutput));
      final RiskEngine prefix = new RiskEngine(EngineConfig.defaults(), OutputSink.NONE);
      int tailStart = 0;
      for (int i = 0; i < n; i++) {
        if (i == cut) {
          tailStart = referenceOutput.length();
        }
        DeterminismTest.applyOrRecord(reference, events.get(i), referenceOutput);
        if (i < cut) {
          DeterminismTest.applyOrRecord(prefix, events.get(i), new StringBuilder());
        }
      }
      if (cut == n) {
        tailStart = referenceOutput.length();
      }
      final StringBuilder tailOutput = new StringBuilder();
      final RiskEngine restored =
          RiskEngine.readSnapshot(
              prefix.writeSnapshot(), prefix.config(), DeterminismTest.recorder(tailOutput));
      assertEquals(prefix.stateHash(), restored.stateHash(), "seed " + seed + " cut " + cut);
      for (int i = cut; i < n; i++) {
        DeterminismTest.applyOrRecord(restored, events.get(i), tailOutput);
      }
      assertEquals(reference.stateHash(), restored.stateHash(), "seed " + seed + " cut " + cut);
      assertEquals(
          referenceOutput.substring(tailStart),
          tailOutput.toString(),
          "seed " + seed + " cut " + cut);
    }
  }

  /** Alerts raised, a breaker open and a kill's flattening orders pending survive a snapshot. */
  @Test
  void alertsBreakersAndPendingKillInstructionsSurviveASnapshot() {
    final long t = EngineFixture.T0;
    final long s = EngineFixture.SECOND;
    final java.util.List<Event> prefix =
        java.util.List.of(
            new Event.Account(t, "A1", io.riskgate.core.Fixed.ofLong(1_000_000), "USD"),
            new Event.Strategy(t, "S1", "A1", io.riskgate.core.Fixed.ofLong(100_000)),
            new Event.Instrument(
                Event.NO_TIME,
                "AAA",
                "X",
                "USD",
                io.riskgate.core.Fixed.parse("0.01"),
                io.riskgate.core.Fixed.ONE,
                io.riskgate.core.Fixed.ONE,
                "equity",
                "tech"),
            new Event.Limits(
                t,
                io.riskgate.core.limit.Scope.parse("account:A1"),
                java.util.Map.of(
                    io.riskgate.core.limit.Limit.MIN_LIQUIDITY,
                    io.riskgate.core.limit.LimitSet.UNSET,
                    io.riskgate.core.limit.Limit.MAX_CORRELATION,
                    io.riskgate.core.limit.LimitSet.UNSET),
                "t"),
            new Event.Price(
                t + s,
                "AAA",
                io.riskgate.core.Fixed.parse("100"),
                io.riskgate.core.Fixed.parse("100.02"),
                0),
            new Event.Order(
                t + 2 * s,
                "o1",
                "A1",
                "S1",
                "AAA",
                io.riskgate.core.event.Side.BUY,
                io.riskgate.core.Fixed.ofLong(500),
                io.riskgate.core.Fixed.parse("100.02"),
                0),
            new Event.Fill(
                t + 3 * s,
                "f1",
                "o1",
                io.riskgate.core.Fixed.ofLong(500),
                io.riskgate.core.Fixed.parse("100.02"),
                0),
            new Event.Price(
                t + 4 * s,
                "AAA",
                io.riskgate.core.Fixed.parse("70"),
                io.riskgate.core.Fixed.parse("70.02"),
                0),
            new Event.Kill(t + 5 * s, io.riskgate.core.limit.Scope.FIRM, "officer"));
    final java.util.List<Event> tail =
        java.util.List.of(
            new Event.Timer(t + 30 * s),
            new Event.Price(
                t + 31 * s,
                "AAA",
                io.riskgate.core.Fixed.parse("71"),
                io.riskgate.core.Fixed.parse("71.02"),
                0),
            new Event.Timer(t + 400 * s));
    final StringBuilder referenceOutput = new StringBuilder();
    final RiskEngine reference =
        new RiskEngine(EngineConfig.defaults(), DeterminismTest.recorder(referenceOutput));
    final RiskEngine before = new RiskEngine(EngineConfig.defaults(), OutputSink.NONE);
    for (Event event : prefix) {
      DeterminismTest.applyOrRecord(reference, event, referenceOutput);
      DeterminismTest.applyOrRecord(before, event, new StringBuilder());
    }
    org.junit.jupiter.api.Assertions.assertFalse(before.activeAlerts().isEmpty());
    final int mark = referenceOutput.length();
    final StringBuilder restoredOutput = new StringBuilder();
    final RiskEngine restored =
        RiskEngine.readSnapshot(
            before.writeSnapshot(), before.config(), DeterminismTest.recorder(restoredOutput));
    assertEquals(before.stateHash(), restored.stateHash());
    for (Event event : tail) {
      DeterminismTest.applyOrRecord(reference, event, referenceOutput);
      DeterminismTest.applyOrRecord(restored, event, restoredOutput);
    }
    assertEquals(referenceOutput.substring(mark), restoredOutput.toString());
    assertEquals(reference.stateHash(), restored.stateHash());
    org.junit.jupiter.api.Assertions.assertTrue(
        restoredOutput.toString().contains("FLATTEN"), "a retried flatten: " + restoredOutput);
  }

  @Test
  void aDamagedSnapshotIsRefusedWithAClearError() {
    final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), OutputSink.NONE);
    final byte[] snapshot = engine.writeSnapshot();
    snapshot[snapshot.length / 2] ^= 0x5A;
    assertThrows(
        IllegalArgumentException.class,
        () -> RiskEngine.readSnapshot(snapshot, engine.config(), OutputSink.NONE));
  }
}
