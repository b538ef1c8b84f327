package io.riskgate.core.engine;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * The circuit breaker of one scope: its state, when it last opened or went half-open, what tripped
 * it, and the scope's current run of losing closed trades (for the stop-loss guard). The
 * transitions are made by {@link Safeguards}, which alone knows the settings and the outputs.
 */
final class CircuitBreaker {

  /** What tripped a breaker. Daily triggers are reset by a new trading day; drawdown is not. */
  enum Trigger {
    DAILY_LOSS(true),
    PROFIT_TARGET(true),
    DRAWDOWN(false),
    LOSING_STREAK(true),
    NONE(false);

    final boolean daily;

    Trigger(boolean daily) {
      this.daily = daily;
    }
  }

  BreakerState state = BreakerState.CLOSED;
  Trigger trippedBy = Trigger.NONE;
  long openedAtNanos;
  long halfOpenAtNanos;

  /** Close times of the current run of consecutive losing trades: a ring of the last few. */
  long[] lossTimes = new long[0];

  int lossNext;
  int lossRun;

  /** The time of the next timed transition, or {@link Long#MAX_VALUE}. */
  long deadline(BreakerSettings settings) {
    return switch (state) {
      case OPEN -> openedAtNanos + settings.coolDownNanos();
      case HALF_OPEN -> halfOpenAtNanos + settings.probationNanos();
      default -> Long.MAX_VALUE;
    };
  }

  /**
   * Counts a closed trade; returns true when it completes a losing streak of {@code streak} trades
   * that all closed within {@code windowNanos} (the run then starts over).
   */
  boolean recordTrade(boolean loss, long now, int streak, long windowNanos) {
    if (streak == 0) {
      return false;
    }
    if (!loss) {
      lossRun = 0;
      return false;
    }
    if (lossTimes.length != streak) {
      lossTimes = new long[streak];
      lossNext = 0;
      lossRun = 0;
    }
    lossTimes[lossNext] = now;
    lossNext = lossNext + 1 == streak ? 0 : lossNext + 1;
    lossRun++;
    // After the write, lossNext points at the oldest of the last `streak` losses.
    if (lossRun >= streak && now - lossTimes[lossNext] <= windowNanos) {
      lossRun = 0;
      return true;
    }
    return false;
  }

  /** Writes the state, what tripped it, its times and the ring of losses as it is. */
  void write(SnapshotWriter out) {
    out.writeEnum(state);
    out.writeEnum(trippedBy);
    out.writeLong(openedAtNanos);
    out.writeLong(halfOpenAtNanos);
    out.writeInt(lossTimes.length);
    out.writeLongs(lossTimes, lossTimes.length);
    out.writeInt(lossNext);
    out.writeInt(lossRun);
  }

  /** Reads what {@link #write} wrote into this breaker. */
  void read(SnapshotReader in) {
    state = in.readEnumNonNull(BreakerState.class);
    trippedBy = in.readEnumNonNull(Trigger.class);
    openedAtNanos = in.readLong();
    halfOpenAtNanos = in.readLong();
    lossTimes = new long[in.readCount(8)];
    in.readLongs(lossTimes, lossTimes.length);
    lossNext = in.readInt();
    lossRun = in.readInt();
    if (lossNext < 0 || (lossNext > 0 && lossNext >= lossTimes.length) || lossRun < 0) {
      throw in.invalid("breaker loss ring at " + lossNext + " with a run of " + lossRun);
    }
  }
}
