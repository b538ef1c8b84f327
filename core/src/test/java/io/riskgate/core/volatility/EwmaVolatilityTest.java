package io.riskgate.core.volatility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EwmaVolatilityTest {

  @Test
  void followsTheRiskMetricsRecursion() {
    // J.P. Morgan/Reuters, "RiskMetrics - Technical Document", 4th ed. (1996), section 5.2.1,
    // eq. 5.3: sigma^2(t) = lambda * sigma^2(t-1) + (1 - lambda) * r(t)^2, lambda = 0.94 daily.
    // Closes 100, 101, 99.99, 100.9899 give simple returns 0.01, -0.01, 0.01 (to rounding).
    final EwmaVolatility ewma = new EwmaVolatility(0.94, 252, ReturnType.SIMPLE);
    final double[] closes = {100, 101, 99.99, 100.9899};
    for (double c : closes) {
      ewma.update(c);
    }
    final double r1 = 101 / 100.0 - 1;
    final double r2 = 99.99 / 101 - 1;
    final double r3 = 100.9899 / 99.99 - 1;
    final double expected = 0.94 * (0.94 * r1 * r1 + 0.06 * r2 * r2) + 0.06 * r3 * r3;
    assertEquals(expected, ewma.variance(), 1e-18);
    assertEquals(Math.sqrt(expected), ewma.periodValue(), 1e-15);
    assertEquals(Math.sqrt(expected * 252), ewma.value(), 1e-15);
  }

  @Test
  void weightsDecayAsRiskMetricsDescribes() {
    // RiskMetrics (1996), Table 5.3: with lambda = 0.94 about 74 days carry 99% of the weight;
    // a single shock's contribution to the variance therefore falls below 1% after 75 more days.
    final EwmaVolatility ewma = new EwmaVolatility();
    ewma.update(100);
    ewma.update(100);
    ewma.update(110); // a 10% shock
    final double shock = ewma.variance();
    for (int i = 0; i < 74; i++) {
      ewma.update(110);
    }
    assertTrue(ewma.variance() > 0.01 * shock);
    ewma.update(110);
    assertTrue(ewma.variance() < 0.01 * shock);
  }

  @Test
  void seededWithTheFirstSquaredReturn() {
    final EwmaVolatility ewma = new EwmaVolatility(0.94, 1, ReturnType.LOG);
    ewma.update(50);
    assertTrue(Double.isNaN(ewma.value()), "no return yet");
    ewma.update(55);
    final double r = Math.log(1.1);
    assertEquals(r * r, ewma.variance(), 1e-18);
  }

  @Test
  void constantPricesGiveZero() {
    final EwmaVolatility ewma = new EwmaVolatility();
    for (int i = 0; i < 10; i++) {
      ewma.update(12.5);
    }
    assertEquals(0.0, ewma.value(), 0.0);
  }

  @Test
  void streamingEqualsBatchOnRandomBars() {
    final RandomBars bars = new RandomBars(3L, 10_000);
    final double[] batch = new double[bars.close.length];
    EwmaVolatility.compute(bars.close, batch.length, 0.97, 365, ReturnType.LOG, batch);
    final EwmaVolatility ewma = new EwmaVolatility(0.97, 365, ReturnType.LOG);
    for (int i = 0; i < batch.length; i++) {
      ewma.update(bars.close[i]);
      assertEquals(Double.doubleToLongBits(batch[i]), Double.doubleToLongBits(ewma.value()));
    }
  }

  @Test
  void invalidInputThrowsAndChangesNothing() {
    final EwmaVolatility ewma = new EwmaVolatility();
    ewma.update(100);
    ewma.update(101);
    final double before = ewma.variance();
    assertThrows(IllegalArgumentException.class, () -> ewma.update(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> ewma.update(-3));
    assertEquals(before, ewma.variance(), 0.0);
  }

  @Test
  void rejectsLambdaOutsideTheOpenUnitInterval() {
    for (double lambda : new double[] {0.0, 1.0, -0.5, 1.5, Double.NaN}) {
      final IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new EwmaVolatility(lambda, 252, ReturnType.SIMPLE));
      assertTrue(e.getMessage().startsWith("EWMA decay factor lambda"), e::getMessage);
    }
  }
}
