package io.riskgate.core.volatility;

import java.util.SplittableRandom;

/**
 * Seeded random OHLC series (a geometric random walk with gaps) for streaming-versus-batch tests.
 */
final class RandomBars {
  final double[] high;
  final double[] low;
  final double[] close;

  RandomBars(long seed, int count) {
    System.out.println("random bars: seed " + seed + ", " + count + " bars");
    final SplittableRandom random = new SplittableRandom(seed);
    high = new double[count];
    low = new double[count];
    close = new double[count];
    double price = 100.0;
    for (int i = 0; i < count; i++) {
      final boolean gap = random.nextInt(20) == 0;
      final double open = price * Math.exp((gap ? 0.05 : 0.0) * (random.nextDouble() - 0.5));
      final double c = open * Math.exp(0.02 * (random.nextDouble() - 0.5));
      final double h = Math.max(open, c) * (1.0 + 0.01 * random.nextDouble());
      final double l = Math.min(open, c) * (1.0 - 0.01 * random.nextDouble());
      high[i] = h;
      low[i] = l;
      close[i] = c;
      price = c;
    }
  }
}
