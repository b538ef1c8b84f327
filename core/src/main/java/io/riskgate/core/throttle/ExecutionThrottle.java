package io.riskgate.core.throttle;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.Arrays;

/**
 * The repeated-execution throttle of MiFID II RTS 6 Art. 15(3): counts each strategy's fills per
 * instrument and side in a sliding window and says when one more is beyond the limit. It decides
 * only; the engine halts the strategy and raises the alert. Time is an argument.
 *
 * <p>A fill beyond the limit is one that finds {@code maxExecutions} earlier fills of the same
 * (strategy, instrument, side) with times in {@code (now − window, now]}.
 */
public final class ExecutionThrottle {
  private final ThrottleSettings settings;

  /** By book, then by {@code instrument × 2 + (buy ? 0 : 1)}; null until the first fill. */
  private ExecutionRing[][] rings = new ExecutionRing[4][];

  /** Fill times of one (strategy, instrument, side), the most recent {@code capacity}. */
  private static final class ExecutionRing {
    final long[] times;
    int next;
    int size;

    ExecutionRing(int capacity) {
      times = new long[capacity];
    }
  }

  public ExecutionThrottle(ThrottleSettings settings) {
    this.settings = settings;
  }

  /** The settings the throttle counts by. */
  public ThrottleSettings settings() {
    return settings;
  }

  /** Whether the throttle counts at all ({@code maxExecutions} is not 0). */
  public boolean on() {
    return settings.maxExecutions() != 0;
  }

  /**
   * Counts a fill of {@code book} in {@code instrument} on the side of {@code sideSign} at {@code
   * now}; returns true when it is beyond the limit. Call only when {@link #on()}.
   */
  public boolean onFill(int book, int instrument, int sideSign, long now) {
    final int max = settings.maxExecutions();
    if (book >= rings.length) {
      rings = Arrays.copyOf(rings, Math.max(book + 1, rings.length * 2));
    }
    ExecutionRing[] row = rings[book];
    final int key = instrument * 2 + (sideSign > 0 ? 0 : 1);
    if (row == null || key >= row.length) {
      row =
          row == null
              ? new ExecutionRing[Math.max(8, key + 2)]
              : Arrays.copyOf(row, Math.max(key + 2, row.length * 2));
      rings[book] = row;
    }
    ExecutionRing ring = row[key];
    if (ring == null) {
      ring = new ExecutionRing(max);
      row[key] = ring;
    }
    final boolean beyond = ring.size == max && ring.times[ring.next] > now - settings.windowNanos();
    ring.times[ring.next] = now;
    ring.next = ring.next + 1 == max ? 0 : ring.next + 1;
    if (ring.size < max) {
      ring.size++;
    }
    return beyond;
  }

  /** A person set the strategy {@code book}'s trading state: its windows start over. */
  public void reset(int book) {
    if (book < rings.length && rings[book] != null) {
      for (ExecutionRing ring : rings[book]) {
        if (ring != null) {
          ring.size = 0;
          ring.next = 0;
        }
      }
    }
  }

  /** Writes the rings as they are: per book its row (or −1), per key its ring (or −1). */
  public void write(SnapshotWriter out) {
    out.writeInt(rings.length);
    for (ExecutionRing[] row : rings) {
      out.writeInt(row == null ? -1 : row.length);
      if (row == null) {
        continue;
      }
      for (ExecutionRing ring : row) {
        out.writeInt(ring == null ? -1 : ring.times.length);
        if (ring != null) {
          out.writeLongs(ring.times, ring.times.length);
          out.writeInt(ring.next);
          out.writeInt(ring.size);
        }
      }
    }
  }

  /**
   * Replaces the rings with what {@link #write} wrote; a row may not be longer than {@code
   * instrumentCount} allows, and every ring must hold the settings' {@code maxExecutions}.
   */
  public void read(SnapshotReader in, int instrumentCount) {
    final int books = in.readCount(4);
    rings = new ExecutionRing[books][];
    final int max = settings.maxExecutions();
    for (int b = 0; b < books; b++) {
      final int keys = in.readInt();
      if (keys < -1 || keys > 8L * instrumentCount + 16) {
        throw in.invalid("throttle rings of book " + b + ": " + keys);
      }
      if (keys < 0) {
        continue;
      }
      final ExecutionRing[] row = new ExecutionRing[keys];
      rings[b] = row;
      for (int k = 0; k < keys; k++) {
        final int capacity = in.readInt();
        if (capacity == -1) {
          continue;
        }
        if (capacity != max) {
          throw in.invalid("a throttle ring of " + capacity + " fills, the settings say " + max);
        }
        final ExecutionRing ring = new ExecutionRing(capacity);
        in.readLongs(ring.times, capacity);
        ring.next = in.readInt();
        ring.size = in.readInt();
        if (ring.next < 0 || ring.next >= capacity || ring.size < 0 || ring.size > capacity) {
          throw in.invalid("a throttle ring at " + ring.next + " with " + ring.size + " fills");
        }
        row[k] = ring;
      }
    }
  }
}
