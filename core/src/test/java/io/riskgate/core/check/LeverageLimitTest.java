package io.riskgate.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.position.Holding;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The leverage rule and its headroom: sizing's room passes the check, one unit more fails. */
class LeverageLimitTest {
  private static boolean passes(
      TestScope scope, Holding holding, int sign, long quantity, long price) {
    final Decision d = new Decision();
    d.reset(1, "o1", 0);
    LeverageLimit.check(d, scope, TestScope.INSTRUMENT, holding, sign, quantity, price);
    return d.approved();
  }

  @Test
  void grossAfterTheOrderAtTheLimitPassesAndBeyondFails() {
    final TestScope scope = TestScope.withEquity(Fixed.ofLong(10_000));
    scope.limits.set(Limit.MAX_LEVERAGE, Fixed.ofLong(2));
    scope.grossExposure = Fixed.ofLong(5_000);
    final long price = Fixed.ofLong(100);
    assertTrue(passes(scope, null, 1, Fixed.ofLong(150), price), "5,000 + 15,000 = 2 × 10,000");
    assertFalse(passes(scope, null, 1, Fixed.ofLong(150) + 1, price));
    scope.startOfDayEquity = 0;
    final Decision d = new Decision();
    d.reset(1, "o1", 0);
    LeverageLimit.check(d, scope, TestScope.INSTRUMENT, null, 1, Fixed.ONE, price);
    assertEquals("no positive equity", d.reason(0));
  }

  @Test
  void roomIsAQuantityTheCheckPassesAndOneUnitMoreFails() {
    final long seed = 1203L;
    final SplittableRandom random = new SplittableRandom(seed);
    int checked = 0;
    for (int k = 0; k < 5_000; k++) {
      final TestScope scope = TestScope.withEquity(Fixed.ofLong(1 + random.nextInt(1_000_000)));
      scope.limits.set(Limit.MAX_LEVERAGE, random.nextLong(Fixed.ONE / 10, Fixed.ofLong(5)));
      final long price = random.nextLong(Fixed.ofLong(10), Fixed.ofLong(2_000));
      final Holding holding = new Holding();
      holding.net = random.nextLong(-Fixed.ofLong(200), Fixed.ofLong(200));
      holding.openBuy = random.nextLong(0, Fixed.ofLong(50));
      holding.openSell = random.nextLong(0, Fixed.ofLong(50));
      holding.exposure = TestScope.INSTRUMENT.value(holding.worstQuantity(0, 0), price);
      scope.grossExposure = holding.exposure + random.nextLong(0, Fixed.ofLong(300_000));
      final int sign = random.nextBoolean() ? 1 : -1;
      final long unit = TestScope.INSTRUMENT.value(Fixed.ONE, price);
      final long room = LeverageLimit.room(scope, holding, sign, unit);
      final String where = "seed " + seed + " case " + k + " room " + room;
      if (room > 0) {
        assertTrue(passes(scope, holding, sign, room, price), where);
        assertFalse(passes(scope, holding, sign, room + Fixed.ONE, price), where);
        checked++;
      }
    }
    assertTrue(checked > 500, "cases with room: " + checked);
  }
}
