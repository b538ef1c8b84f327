package io.riskgate.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Definitions as in the standard trading literature (e.g. R. Pardo, The Evaluation and Optimization
 * of Trading Strategies, 2nd ed., 2008, ch. 13: win rate, average win and loss, profit factor =
 * gross profit / gross loss; expectancy = average PnL per trade), worked by hand.
 */
class TradeStatisticsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void summarizesAWorkedExample() {
    final TradeStatistics trades = new TradeStatistics();
    trades.record(100.0, 3600 * SECOND);
    trades.record(-50.0, 7200 * SECOND);
    trades.record(200.0, 1800 * SECOND);
    trades.record(0.0, 600 * SECOND);
    trades.record(-25.0, 1200 * SECOND);
    assertEquals(5, trades.tradeCount());
    assertEquals(2, trades.winCount());
    assertEquals(2, trades.lossCount());
    assertEquals(0.4, trades.winRate(), 1e-15);
    assertEquals(150.0, trades.averageWin(), 1e-12);
    assertEquals(-37.5, trades.averageLoss(), 1e-12);
    assertEquals(300.0, trades.grossProfit(), 1e-12);
    assertEquals(-75.0, trades.grossLoss(), 1e-12);
    // 300 / 75
    assertEquals(4.0, trades.profitFactor(), 1e-12);
    // (300 - 75) / 5
    assertEquals(45.0, trades.expectancy(), 1e-12);
    // (3600 + 7200 + 1800 + 600 + 1200) s / 5 = 2880 s
    assertEquals(2880.0 * SECOND, trades.averageHoldingNanos(), 1e-3);
  }

  @Test
  void undefinedValuesBeforeTradesAndWithoutLosses() {
    final TradeStatistics trades = new TradeStatistics();
    assertEquals(0, trades.tradeCount());
    assertTrue(Double.isNaN(trades.winRate()));
    assertTrue(Double.isNaN(trades.averageWin()));
    assertTrue(Double.isNaN(trades.averageLoss()));
    assertTrue(Double.isNaN(trades.profitFactor()));
    assertTrue(Double.isNaN(trades.expectancy()));
    assertTrue(Double.isNaN(trades.averageHoldingNanos()));
    trades.record(10.0, 0);
    assertEquals(Double.POSITIVE_INFINITY, trades.profitFactor());
    assertTrue(Double.isNaN(trades.averageLoss()));
    assertEquals(1.0, trades.winRate());
    trades.clear();
    trades.record(-10.0, 5);
    assertEquals(0.0, trades.profitFactor());
    assertEquals(0.0, trades.winRate());
    assertEquals(-10.0, trades.expectancy());
  }

  @Test
  void rejectsBadTradesAndChangesNothing() {
    final TradeStatistics trades = new TradeStatistics();
    trades.record(10.0, 100);
    final IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> trades.record(Double.NaN, 1));
    assertTrue(nan.getMessage().contains("finite"), nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> trades.record(Double.NEGATIVE_INFINITY, 1));
    final IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> trades.record(1.0, -1));
    assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
    assertThrows(ArithmeticException.class, () -> trades.record(1.0, Long.MAX_VALUE));
    assertEquals(1, trades.tradeCount());
    assertEquals(10.0, trades.expectancy());
    assertEquals(100.0, trades.averageHoldingNanos());
  }

  @Test
  void recordingAllocatesNothing() {
    final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    final long thread = Thread.currentThread().getId();
    final TradeStatistics trades = new TradeStatistics();
    for (int i = 0; i < 20_000; i++) {
      trades.record(i % 3 - 1.0, i);
    }
    trades.clear();
    final long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 100_000; i++) {
      trades.record(i % 3 - 1.0, i);
    }
    final long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertEquals(100_000, trades.tradeCount());
    assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 100,000 trades");
  }
}
