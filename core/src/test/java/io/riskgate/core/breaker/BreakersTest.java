package io.riskgate.core.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.TestScope;
import io.riskgate.core.limit.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The breakers alone, without an engine: a scope whose figures the test sets, the daily-loss
 * trigger at its boundary, cool-down, half-open and probation, and the sizing scale.
 */
class BreakersTest {
  private static final long SECOND = 1_000_000_000L;

  /** 10% daily loss, cool-down 300 s, probation 300 s, half-open at 25%. */
  private static final BreakerSettings SEED = BreakerSettings.defaults();

  private final List<String> transitions = new ArrayList<>();
  private final Breakers breakers =
      new Breakers(
          SEED,
          SEED,
          SEED,
          (scope, from, reason) ->
              transitions.add(scope.name() + " " + from + "->" + scope.breaker().state()));
  private final FakeScope account = new FakeScope(Scope.Kind.ACCOUNT, "A1");
  private final BreakerScopes all = action -> action.accept(account);

  @Test
  void dailyLossTripsAtTheThresholdNotBefore() {
    account.startOfDayEquity = Fixed.ofLong(1_000_000);
    account.dailyPnl = -Fixed.ofLong(100_000) + 1; // a loss one unit short of 10%
    breakers.onEquityChange(account, 0);
    assertEquals(BreakerState.CLOSED, account.breaker.state());
    account.dailyPnl = -Fixed.ofLong(100_000);
    breakers.onEquityChange(account, 5 * SECOND);
    assertEquals(BreakerState.OPEN, account.breaker.state());
    assertEquals(5 * SECOND, account.breaker.openedAtNanos());
    assertEquals(List.of("A1 CLOSED->OPEN"), transitions);
    assertEquals(5 * SECOND + SEED.coolDownNanos(), breakers.nextDeadline());
  }

  @Test
  void coolDownThenHalfOpenThenProbationCloses() {
    account.startOfDayEquity = Fixed.ofLong(1_000_000);
    account.dailyPnl = -Fixed.ofLong(200_000);
    breakers.onEquityChange(account, 0);
    account.dailyPnl = 0; // the loss no longer holds when the cool-down ends
    breakers.onTime(SEED.coolDownNanos() - 1, all);
    assertEquals(BreakerState.OPEN, account.breaker.state());
    breakers.onTime(SEED.coolDownNanos(), all);
    assertEquals(BreakerState.HALF_OPEN, account.breaker.state());
    assertEquals(0.25, breakers.scale(account, account, account));
    breakers.onTime(SEED.coolDownNanos() + SEED.probationNanos(), all);
    assertEquals(BreakerState.CLOSED, account.breaker.state());
    assertEquals(1.0, breakers.scale(account, account, account));
    assertEquals(
        List.of("A1 CLOSED->OPEN", "A1 OPEN->HALF_OPEN", "A1 HALF_OPEN->CLOSED"), transitions);
  }

  @Test
  void aLossThatStillHoldsReopensInsteadOfHalfOpening() {
    account.startOfDayEquity = Fixed.ofLong(1_000_000);
    account.dailyPnl = -Fixed.ofLong(200_000);
    breakers.onEquityChange(account, 0);
    breakers.onTime(SEED.coolDownNanos(), all);
    assertEquals(BreakerState.OPEN, account.breaker.state());
    assertEquals(SEED.coolDownNanos(), account.breaker.openedAtNanos());
    assertEquals(List.of("A1 CLOSED->OPEN", "A1 OPEN->OPEN"), transitions);
    assertEquals(0.0, breakers.scale(account, account, account));
  }

  @Test
  void resetClosesAndANewDayForgetsADailyTrip() {
    account.startOfDayEquity = Fixed.ofLong(1_000_000);
    account.dailyPnl = -Fixed.ofLong(200_000);
    breakers.onEquityChange(account, 0);
    breakers.reset(account, "risk officer", all);
    assertEquals(BreakerState.CLOSED, account.breaker.state());
    assertEquals(Long.MAX_VALUE, breakers.nextDeadline());
    breakers.onEquityChange(account, SECOND);
    breakers.onNewDay(all);
    assertEquals(BreakerState.CLOSED, account.breaker.state());
    assertEquals(
        List.of("A1 CLOSED->OPEN", "A1 OPEN->CLOSED", "A1 CLOSED->OPEN", "A1 OPEN->CLOSED"),
        transitions);
  }

  @Test
  void checkOpenLeavesClosedBreakersAlone() {
    final io.riskgate.core.check.Decision d = new io.riskgate.core.check.Decision();
    assertNull(breakers.checkOpen(d, account, account, account, false));
    account.breaker.state = BreakerState.HALF_OPEN;
    assertSame(account, breakers.checkOpen(d, account, account, account, false));
  }

  /** A stand-in scope with a breaker. */
  private static final class FakeScope extends TestScope implements BreakerScope {
    final CircuitBreaker breaker = new CircuitBreaker();

    FakeScope(Scope.Kind kind, String name) {
      super(kind, name);
      inWindow = 0;
    }

    @Override
    public CircuitBreaker breaker() {
      return breaker;
    }

    @Override
    public Scope scope() {
      return Scope.parse("account:" + name());
    }
  }
}
