package io.riskgate.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeBucketsTest {
  @Test
  void bucketsMergeInPairsWhenTimeRunsPastTheLastOne() {
    final TimeBuckets b = new TimeBuckets(4, 10);
    final int level = b.series("equity", TimeBuckets.Mode.LAST);
    final int deepest = b.series("drawdown", TimeBuckets.Mode.MAX);
    final int count = b.series("rejections", TimeBuckets.Mode.SUM);
    for (int t = 0; t < 40; t += 5) {
      b.record(level, 1_000 + t, t);
      b.record(deepest, 1_000 + t, t % 15);
      b.record(count, 1_000 + t, 1);
    }
    assertEquals(4, b.size());
    assertEquals(10, b.widthNanos());
    // Time 40 is past the fourth bucket of width 10: buckets merge to width 20.
    b.record(count, 1_040, 1);
    assertEquals(20, b.widthNanos());
    assertEquals(3, b.size());
    assertEquals(1_000, b.bucketStartNanos(0));
    assertEquals(1_020, b.bucketStartNanos(1));
    assertEquals(15.0, b.value(level, 0)); // last of 0, 5, 10, 15
    assertEquals(35.0, b.value(level, 1));
    assertEquals(Double.NaN, b.value(level, 2));
    assertEquals(10.0, b.value(deepest, 0)); // max of 0, 5, 10, 0
    assertEquals(10.0, b.value(deepest, 1)); // max of 5, 10, 0, 5
    assertEquals(4.0, b.value(count, 0));
    assertEquals(4.0, b.value(count, 1));
    assertEquals(1.0, b.value(count, 2));
  }

  @Test
  void aLongSpanStaysWithinCapacityAndSumsAreKept() {
    final long seed = 7L;
    System.out.println("TimeBucketsTest seed " + seed);
    final SplittableRandom random = new SplittableRandom(seed);
    final TimeBuckets b = new TimeBuckets(2_000, 1_000_000_000L);
    final int count = b.series("n", TimeBuckets.Mode.SUM);
    long t = 1_700_000_000_000_000_000L;
    for (int i = 0; i < 100_000; i++) {
      t += random.nextLong(50_000_000_000L);
      b.record(count, t, 1);
    }
    assertTrue(b.size() <= 2_000, "size " + b.size());
    double total = 0;
    for (int i = 0; i < b.size(); i++) {
      total += b.value(count, i);
    }
    assertEquals(100_000.0, total);
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TimeBuckets(3, 1));
    assertThrows(IllegalArgumentException.class, () -> new TimeBuckets(4, 0));
    final TimeBuckets b = new TimeBuckets(4, 1);
    b.series("x", TimeBuckets.Mode.SUM);
    assertThrows(IllegalArgumentException.class, () -> b.series("x", TimeBuckets.Mode.LAST));
  }
}
