package io.riskgate.core.monitor;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * The {@code STAL} part of a snapshot: {@link PriceStaleness}'s per-instrument marks and session
 * windows, its count of stale instruments, its next scan and the instruments waiting to be judged.
 * Beside the class rather than in it, so the judge holds only its rules; the two change together.
 */
final class StalenessSnapshot {
  private StalenessSnapshot() {}

  /**
   * Writes, per instrument, whether it is stale and since when and the session window it is in,
   * then the count of stale instruments, the next scan time and the instruments still waiting to be
   * judged, in order (some wait between events until the clock has started).
   */
  static void write(PriceStaleness p, SnapshotWriter out) {
    final int n = p.state.instrumentCount();
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      out.writeBoolean(p.stale[i]);
      out.writeLong(p.staleSinceNanos[i]);
      out.writeBoolean(p.sessionOpen[i]);
      out.writeLong(p.sessionStartNanos[i]);
      out.writeLong(p.sessionUntilNanos[i]);
    }
    out.writeInt(p.staleCount);
    out.writeLong(p.nextScanNanos);
    out.writeInt(p.pendingCount);
    out.writeInts(p.pending, p.pendingCount);
  }

  /** Replaces the state with what {@link #write} wrote, for the instruments already read. */
  static void read(PriceStaleness p, SnapshotReader in) {
    final int n = in.readInt();
    if (n != p.state.instrumentCount()) {
      throw in.invalid(
          "staleness of " + n + " instruments, " + p.state.instrumentCount() + " exist");
    }
    p.ensureCapacity(n);
    int counted = 0;
    for (int i = 0; i < n; i++) {
      p.stale[i] = in.readBoolean();
      p.staleSinceNanos[i] = in.readLong();
      p.sessionOpen[i] = in.readBoolean();
      p.sessionStartNanos[i] = in.readLong();
      p.sessionUntilNanos[i] = in.readLong();
      counted += p.stale[i] ? 1 : 0;
    }
    p.staleCount = in.readInt();
    if (p.staleCount != counted) {
      throw in.invalid(p.staleCount + " stale instruments counted, " + counted + " marked");
    }
    p.nextScanNanos = in.readLong();
    final int waiting = in.readCount(4, n, "instruments waiting to be judged");
    if (p.pending.length < waiting) {
      p.pending = new int[Math.max(16, waiting)];
    }
    in.readInts(p.pending, waiting);
    for (int k = 0; k < waiting; k++) {
      if (p.pending[k] < 0 || p.pending[k] >= n || p.isPending[p.pending[k]]) {
        throw in.invalid("instrument " + p.pending[k] + " waiting to be judged");
      }
      p.isPending[p.pending[k]] = true;
    }
    p.pendingCount = waiting;
  }
}
