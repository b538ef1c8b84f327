package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.riskgate.core.Fixed;
import io.riskgate.core.position.Position;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PositionAccountingTest {

  @Test
  void addsPartialClosesAndFlipsRealizeExactly() {
    final Position p = new Position(0, 0);
    p.apply(Fixed.ofLong(10), Fixed.parse("100"), Fixed.ONE, 0, 1);
    p.apply(Fixed.ofLong(10), Fixed.parse("110"), Fixed.ONE, 0, 2); // average 105
    assertEquals(Fixed.parse("105"), p.averageEntryPrice(Fixed.ONE));
    final long realized = p.apply(Fixed.ofLong(-5), Fixed.parse("120"), Fixed.ONE, 0, 3);
    assertEquals(Fixed.parse("75"), realized); // 5 × (120 − 105)
    final long flip =
        p.apply(Fixed.ofLong(-20), Fixed.parse("90"), Fixed.ONE, Fixed.parse("1.5"), 4);
    assertEquals(Fixed.parse("-225"), flip); // 15 × (90 − 105)
    assertEquals(Fixed.ofLong(-5), p.net);
    assertEquals(Fixed.parse("90"), p.averageEntryPrice(Fixed.ONE));
    assertEquals(4, p.openedAtNanos);
    assertEquals(Fixed.parse("1.5"), p.fees);
  }

  @Test
  void multiplierScalesValueAndPnl() {
    final Position p = new Position(0, 0);
    final long fifty = Fixed.ofLong(50);
    p.apply(Fixed.ofLong(2), Fixed.parse("4000.25"), fifty, 0, 1); // 2 × 0.25 × 50 lost below
    assertEquals(
        Fixed.parse("-25"), p.apply(Fixed.ofLong(-2), Fixed.parse("4000.00"), fifty, 0, 2));
    assertEquals(0, p.cost);
  }

  /**
   * One million random fills (fixed seed) that end flat: the position is exactly zero, its cost is
   * exactly zero, and the realized PnL equals the exact sum of sell values minus buy values.
   */
  @Test
  void aMillionFillsThatNetToZeroLeaveExactlyZeroAndTheExactPnl() {
    final long seed = 424242L;
    final SplittableRandom random = new SplittableRandom(seed);
    final Position p = new Position(0, 0);
    final long lot = Fixed.parse("0.001");
    final long tick = Fixed.parse("0.01");
    BigDecimal reference = BigDecimal.ZERO;
    long realizedSum = 0;
    final int fills = 1_000_000;
    for (int i = 0; i < fills; i++) {
      long quantity;
      if (i == fills - 1) {
        quantity = -p.net;
        if (quantity == 0) {
          break;
        }
      } else {
        quantity = random.nextLong(1, 5_000) * lot * (random.nextBoolean() ? 1 : -1);
      }
      final long price = random.nextLong(1_000, 10_000_000) * tick;
      realizedSum += p.apply(quantity, price, Fixed.ONE, 0, i);
      final BigDecimal value =
          Fixed.toBigDecimal(Math.abs(quantity)).multiply(Fixed.toBigDecimal(price));
      reference = quantity > 0 ? reference.subtract(value) : reference.add(value);
    }
    assertEquals(0, p.net, "seed " + seed);
    assertEquals(0, p.cost, "seed " + seed);
    assertEquals(Fixed.of(reference), p.realized, "seed " + seed);
    assertEquals(p.realized, realizedSum, "seed " + seed);
  }
}
