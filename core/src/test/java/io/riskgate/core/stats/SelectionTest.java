package io.riskgate.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectionTest {

  @Test
  void selectsTheSameOrderStatisticAsAFullSort() {
    final long seed = 20261124L;
    System.out.println("SelectionTest seed " + seed);
    final SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 2_000; round++) {
      final int n = 1 + random.nextInt(300);
      final double[] values = new double[n];
      final int distinct = 1 + random.nextInt(n + 1);
      for (int i = 0; i < n; i++) {
        // Few distinct values in some rounds, to exercise runs of duplicates.
        values[i] = random.nextInt(distinct) - distinct / 2.0;
      }
      final double[] sorted = values.clone();
      Arrays.sort(sorted);
      final int from = random.nextInt(n);
      final int to = from + 1 + random.nextInt(n - from);
      final int k = from + random.nextInt(to - from);
      final double[] range = Arrays.copyOfRange(values, from, to);
      Arrays.sort(range);
      final double[] work = values.clone();
      final double selected = Selection.select(work, from, to, k);
      assertEquals(range[k - from], selected, "seed " + seed + " round " + round);
      for (int i = from; i < k; i++) {
        assertTrue(work[i] <= selected, "left of k at " + i + ", round " + round);
      }
      for (int i = k + 1; i < to; i++) {
        assertTrue(work[i] >= selected, "right of k at " + i + ", round " + round);
      }
      final double[] rangeAfter = Arrays.copyOfRange(work, from, to);
      Arrays.sort(rangeAfter);
      assertTrue(Arrays.equals(range, rangeAfter), "selection must only permute the range");
      for (int i = 0; i < from; i++) {
        assertEquals(values[i], work[i]);
      }
      for (int i = to; i < n; i++) {
        assertEquals(values[i], work[i]);
      }
    }
  }

  @Test
  void minOfARange() {
    final double[] values = {3, -1, 4, -1.5, 9};
    assertEquals(-1.5, Selection.min(values, 0, 5));
    assertEquals(4, Selection.min(values, 2, 3));
    assertTrue(Double.isNaN(Selection.min(values, 2, 2)));
  }

  @Test
  void rejectsAnIndexOutsideTheRange() {
    final double[] values = {1, 2, 3};
    assertThrows(IllegalArgumentException.class, () -> Selection.select(values, 0, 3, 3));
    assertThrows(IllegalArgumentException.class, () -> Selection.select(values, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> Selection.select(values, 0, 4, 0));
  }
}
