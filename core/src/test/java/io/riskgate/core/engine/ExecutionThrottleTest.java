package io.riskgate.core.engine;

import static io.riskgate.core.engine.SafeguardWorld.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.check.CheckCode;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.throttle.ThrottleSettings;
import org.junit.jupiter.api.Test;

/** The repeated-execution throttle (MiFID II RTS 6 Art. 15(3)): at most 3 fills per 10 s. */
class ExecutionThrottleTest {

  private static SafeguardWorld world() {
    final SafeguardWorld w =
        new SafeguardWorld(
            SafeguardSettings.off().withThrottle(new ThrottleSettings(3, 10 * SECOND)));
    w.price("AAA", "100.00", "100.00");
    return w;
  }

  @Test
  void moreThanTheMaximumFillsOfOneInstrumentAndSideWithinTheWindowHaltTheStrategy() {
    final SafeguardWorld w = world();
    for (int i = 0; i < 3; i++) {
      w.trade(Side.BUY, "AAA", "1", "100.00");
    }
    w.trade(Side.SELL, "AAA", "1", "100.00"); // the other side counts apart
    assertEquals(TradingState.ACTIVE, w.engine.ledger("strategy:S1").state());
    w.trade(Side.BUY, "AAA", "1", "100.00"); // the 4th buy within 10 s
    assertEquals(TradingState.HALTED, w.engine.ledger("strategy:S1").state());
    final StateChange halted = w.lastState("tradingState");
    assertEquals("ACTIVE", halted.from());
    assertTrue(halted.reason().startsWith("repeated executions: more than 3 buy fills of AAA"));
    assertEquals(Alert.Level.HIGH, w.alerts("REPEATED_EXECUTION").get(0).level());
    assertEquals(CheckCode.TRADING_HALTED, w.order(Side.BUY, "AAA", "1", "100.00").firstFailure());

    // Only a person re-enables it; its windows then start over.
    w.apply(
        new Event.TradingStateChange(
            w.tick(), Scope.parse("strategy:S1"), TradingState.ACTIVE, "risk-officer"));
    w.trade(Side.BUY, "AAA", "1", "100.00");
    assertEquals(TradingState.ACTIVE, w.engine.ledger("strategy:S1").state());
  }

  @Test
  void fillsSpreadOverMoreThanTheWindowPass() {
    final SafeguardWorld w = world();
    final long start = w.time;
    for (int i = 0; i < 3; i++) {
      w.trade(Side.BUY, "AAA", "1", "100.00");
    }
    final long first = start + SECOND;
    // The 4th fill exactly one window after the first: the first has left (now − 10 s, now].
    w.time = first + 10 * SECOND - SECOND;
    w.trade(Side.BUY, "AAA", "1", "100.00");
    assertEquals(TradingState.ACTIVE, w.engine.ledger("strategy:S1").state());
  }
}
