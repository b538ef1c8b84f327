package io.riskgate.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.position.Holding;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The position limit's rule, its allowance and its room agree: the room sizing and the dashboard
 * use is a quantity the check passes, and one unit more fails it.
 */
class PositionLimitTest {
  private static final long PRICE = Fixed.ofLong(100);

  private static boolean passes(TestScope scope, Holding holding, int sign, long quantity) {
    final Decision d = new Decision();
    d.reset(1, "o1", 0);
    PositionLimit.check(d, scope, TestScope.INSTRUMENT, holding, sign, quantity, PRICE);
    return d.approved();
  }

  @Test
  void rejectsPositionOneUnitBeyondTheAbsoluteLimitAndPassesAtIt() {
    final TestScope scope = TestScope.withEquity(Fixed.ofLong(1_000_000));
    scope.limits.set(Limit.MAX_POSITION_NOTIONAL, Fixed.ofLong(10_000));
    final Holding holding = new Holding();
    holding.net = Fixed.ofLong(40);
    assertTrue(passes(scope, holding, 1, Fixed.ofLong(60)), "100 × 100 = 10,000: at the limit");
    assertFalse(passes(scope, holding, 1, Fixed.ofLong(60) + 1), "a smallest step beyond");
    assertTrue(passes(scope, holding, -1, Fixed.ofLong(140)), "sell to −100: at the limit");
    assertFalse(passes(scope, holding, -1, Fixed.ofLong(141)));
  }

  @Test
  void fractionOfEquityUsesTheExactProductAndFailsWithoutPositiveEquity() {
    final TestScope scope = TestScope.withEquity(Fixed.ofLong(100_000));
    scope.limits.set(Limit.MAX_POSITION_FRACTION, Fixed.ofDouble(0.1));
    assertTrue(passes(scope, null, 1, Fixed.ofLong(100)), "10,000 = 0.1 × 100,000");
    assertFalse(passes(scope, null, 1, Fixed.ofLong(100) + 1));
    scope.startOfDayEquity = 0;
    final Decision d = new Decision();
    d.reset(1, "o1", 0);
    PositionLimit.check(d, scope, TestScope.INSTRUMENT, null, 1, Fixed.ONE, PRICE);
    assertFalse(d.approved());
    assertEquals(Double.POSITIVE_INFINITY, d.value(0));
    assertEquals("no positive equity", d.reason(0));
  }

  @Test
  void allowanceIsTheSmallerLimitAndNoneWhenUnset() {
    final TestScope scope = TestScope.withEquity(Fixed.ofLong(50_000));
    assertEquals(Headroom.NONE, PositionLimit.allowance(scope.limits, scope.equity()));
    scope.limits.set(Limit.MAX_POSITION_FRACTION, Fixed.ofDouble(0.2));
    assertEquals(Fixed.ofLong(10_000), PositionLimit.allowance(scope.limits, scope.equity()));
    scope.limits.set(Limit.MAX_POSITION_NOTIONAL, Fixed.ofLong(7_500));
    assertEquals(Fixed.ofLong(7_500), PositionLimit.allowance(scope.limits, scope.equity()));
    assertEquals(
        0,
        PositionLimit.allowance(scope.limits, -Fixed.ofLong(1)),
        "no equity: the fraction allows 0");
    scope.limits.set(Limit.MAX_POSITION_FRACTION, io.riskgate.core.limit.LimitSet.UNSET);
    assertEquals(Fixed.ofLong(7_500), PositionLimit.allowance(scope.limits, -Fixed.ofLong(1)));
  }

  @Test
  void roomIsAQuantityTheCheckPassesAndOneUnitMoreFails() {
    final long seed = 20261203L;
    final SplittableRandom random = new SplittableRandom(seed);
    int checked = 0;
    for (int k = 0; k < 5_000; k++) {
      final TestScope scope = TestScope.withEquity(Fixed.ofLong(1 + random.nextInt(2_000_000)));
      if (random.nextBoolean()) {
        scope.limits.set(Limit.MAX_POSITION_NOTIONAL, Fixed.ofLong(1 + random.nextInt(500_000)));
      }
      if (random.nextBoolean() || !PositionLimit.applies(scope.limits)) {
        scope.limits.set(Limit.MAX_POSITION_FRACTION, random.nextInt(1, 100_000_000));
      }
      final Holding holding = new Holding();
      holding.net = random.nextLong(-Fixed.ofLong(500), Fixed.ofLong(500));
      holding.openBuy = random.nextLong(0, Fixed.ofLong(100));
      holding.openSell = random.nextLong(0, Fixed.ofLong(100));
      final long price = random.nextLong(Fixed.ofLong(10), Fixed.ofLong(5_000));
      final int sign = random.nextBoolean() ? 1 : -1;
      final long unit = TestScope.INSTRUMENT.value(Fixed.ONE, price);
      final long room = PositionLimit.room(scope.limits, scope.equity(), holding, sign, unit);
      final String where = "seed " + seed + " case " + k + " room " + room;
      if (room > 0) {
        assertTrue(passesAt(scope, holding, sign, room, price), where);
        checked++;
      }
      final long beyond = Math.max(room, 0) + Fixed.ONE;
      assertFalse(passesAt(scope, holding, sign, beyond, price), where);
    }
    assertTrue(checked > 1_000, "cases with room: " + checked);
  }

  private static boolean passesAt(
      TestScope scope, Holding holding, int sign, long quantity, long price) {
    final Decision d = new Decision();
    d.reset(1, "o1", 0);
    PositionLimit.check(d, scope, TestScope.INSTRUMENT, holding, sign, quantity, price);
    return d.approved();
  }
}
