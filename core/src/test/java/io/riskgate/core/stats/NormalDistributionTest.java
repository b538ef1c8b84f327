package io.riskgate.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {

  /**
   * Quantiles of the standard normal distribution as tabulated (12 decimals) in Wikipedia's "Normal
   * distribution" article, section "Quantile function": the z with P(|Z| <= z) = p, that is Φ(-z) =
   * (1 - p) / 2. Pairs of {(1 - p) / 2, z}.
   */
  private static final double[][] TABLE = {
    {0.1, 1.281551565545},
    {0.05, 1.644853626951},
    {0.025, 1.959963984540},
    {0.01, 2.326347874041},
    {0.005, 2.575829303549},
    {0.0025, 2.807033768344},
    {0.001, 3.090232306168},
    {0.0005, 3.290526731492},
    {0.00005, 3.890591886413},
    {0.000005, 4.417173413469},
    {5e-7, 4.891638475699},
    {5e-8, 5.326723886384},
    {5e-9, 5.730728868236},
    {5e-10, 6.109410204869},
  };

  @Test
  void matchesPublishedQuantilesInBothTails() {
    for (double[] row : TABLE) {
      final double lowerTail = row[0];
      final double z = row[1];
      assertEquals(-z, NormalDistribution.inverseCdf(lowerTail), 1e-12, "p = " + lowerTail);
      if (lowerTail >= 1e-4) {
        assertEquals(z, NormalDistribution.inverseCdf(1.0 - lowerTail), 1e-12, "p = 1 - " + row[0]);
      }
    }
    assertEquals(0.0, NormalDistribution.inverseCdf(0.5));
  }

  @Test
  void varQuantilesAreTheFamiliarOnes() {
    // 1.6448536269514722 and 2.3263478740408408: the 95% and 99% one-sided normal quantiles to
    // double precision (the table above rounds them to 1.644853626951 and 2.326347874041).
    assertEquals(1.6448536269514722, NormalDistribution.inverseCdf(0.95), 1e-15);
    assertEquals(2.3263478740408408, NormalDistribution.inverseCdf(0.99), 1e-15);
  }

  @Test
  void isAntisymmetricAndIncreasing() {
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < 1000; i++) {
      final double p = i / 1000.0;
      final double z = NormalDistribution.inverseCdf(p);
      assertEquals(-z, NormalDistribution.inverseCdf(1.0 - p), 1e-12, "p = " + p);
      if (!(z > previous)) {
        throw new AssertionError("not increasing at p = " + p);
      }
      previous = z;
    }
  }

  @Test
  void densityAtZeroAndOne() {
    // φ(0) = 1/√(2π), φ(1) = e^(-1/2)/√(2π) = 0.24197072451914337.
    assertEquals(1 / Math.sqrt(2 * Math.PI), NormalDistribution.density(0.0), 1e-16);
    assertEquals(0.24197072451914337, NormalDistribution.density(1.0), 1e-16);
  }

  @Test
  void rejectsProbabilitiesOutsideTheOpenUnitInterval() {
    for (double p : new double[] {0.0, 1.0, -0.1, 1.1, Double.NaN}) {
      final IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> NormalDistribution.inverseCdf(p));
      assertEquals("probability must be in (0, 1), was " + p, e.getMessage());
    }
  }
}
