package io.riskgate.core.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.snapshot.SnapshotFormatException;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import io.riskgate.core.snapshot.StateHasher;
import org.junit.jupiter.api.Test;

/** The throttle alone, without an engine: the window's boundary, sides, reset and its snapshot. */
class ExecutionThrottleWindowTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long WINDOW = 10 * SECOND;

  private static ExecutionThrottle threeIn10s() {
    return new ExecutionThrottle(new ThrottleSettings(3, WINDOW));
  }

  @Test
  void theFillAfterMaxWithinTheWindowIsBeyond() {
    final ExecutionThrottle t = threeIn10s();
    assertFalse(t.onFill(0, 5, 1, 0));
    assertFalse(t.onFill(0, 5, 1, SECOND));
    assertFalse(t.onFill(0, 5, 1, 2 * SECOND));
    assertTrue(t.onFill(0, 5, 1, WINDOW - 1), "oldest fill at 0 is inside (now - window, now]");
  }

  @Test
  void aFillExactlyOneWindowLaterIsOutsideIt() {
    final ExecutionThrottle t = threeIn10s();
    t.onFill(0, 5, 1, 0);
    t.onFill(0, 5, 1, SECOND);
    t.onFill(0, 5, 1, 2 * SECOND);
    assertFalse(t.onFill(0, 5, 1, WINDOW), "the window is open at now - window");
  }

  @Test
  void sidesBooksAndInstrumentsCountApart() {
    final ExecutionThrottle t = threeIn10s();
    for (int k = 0; k < 3; k++) {
      t.onFill(0, 5, 1, k);
    }
    assertFalse(t.onFill(0, 5, -1, 3), "sell side has its own window");
    assertFalse(t.onFill(1, 5, 1, 3), "another book");
    assertFalse(t.onFill(0, 6, 1, 3), "another instrument");
    assertTrue(t.onFill(0, 5, 1, 3));
  }

  @Test
  void resetStartsTheBooksWindowsOver() {
    final ExecutionThrottle t = threeIn10s();
    for (int k = 0; k < 3; k++) {
      t.onFill(2, 0, 1, k);
    }
    t.reset(2);
    t.reset(40); // a book that never filled
    assertFalse(t.onFill(2, 0, 1, 3));
    assertFalse(t.onFill(2, 0, 1, 4));
    assertFalse(t.onFill(2, 0, 1, 5));
    assertTrue(t.onFill(2, 0, 1, 6));
  }

  @Test
  void snapshotRoundTripKeepsTheWindows() {
    final ExecutionThrottle t = threeIn10s();
    t.onFill(0, 1, 1, 0);
    t.onFill(3, 2, -1, SECOND);
    t.onFill(3, 2, -1, 2 * SECOND);
    final SnapshotWriter out = new SnapshotWriter(256);
    t.write(out);
    final byte[] bytes = out.toByteArray();
    final ExecutionThrottle back = threeIn10s();
    back.read(new SnapshotReader(bytes, 0, bytes.length), 10);
    assertEquals(hash(t), hash(back));
    assertEquals(t.onFill(3, 2, -1, 3 * SECOND), back.onFill(3, 2, -1, 3 * SECOND));
    assertTrue(t.onFill(3, 2, -1, 4 * SECOND), "three earlier sells within the window");
  }

  @Test
  void readRefusesRingsOfOtherSettings() {
    final ExecutionThrottle t = threeIn10s();
    t.onFill(0, 0, 1, 0);
    final SnapshotWriter out = new SnapshotWriter(256);
    t.write(out);
    final byte[] bytes = out.toByteArray();
    final ExecutionThrottle other = new ExecutionThrottle(new ThrottleSettings(4, WINDOW));
    assertThrows(
        SnapshotFormatException.class,
        () -> other.read(new SnapshotReader(bytes, 0, bytes.length), 10));
  }

  private static long hash(ExecutionThrottle t) {
    final SnapshotWriter out = new SnapshotWriter(256);
    t.write(out);
    final StateHasher h = new StateHasher();
    h.add(out.toByteArray());
    return h.value();
  }
}
