package io.riskgate.server.runtime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The server's own clock, so that time passes for the engine when no client sends anything: a dead
 * market-data feed still makes prices stale, breaker cool-downs still end, kill-switch retries are
 * still sent and positions still time out.
 *
 * <p>Every period it hands the engine thread a {@code timer} event ({@link EngineRuntime#tick}),
 * which is applied and journaled exactly like a client's event, by the caller {@code clock}, so a
 * replay of the journal meets the same timers and gives the same state; a journal without timers
 * replays as it always did. The engine never goes back in time, and the clock keeps to that:
 *
 * <ul>
 *   <li>a timer is stamped {@value #LATENESS_MILLIS} ms behind the wall clock, so that an event a
 *       client stamped just before a tick, still on its way (or stamped by a clock a little behind
 *       the server's), is not refused as out of order; an event that reaches the engine more than
 *       that after its own time may be, once a timer has passed it;
 *   <li>a timer whose time is not after the engine's time is skipped, not journaled: when clients
 *       keep time moving (or stamp events ahead of the server's clock), the clock adds nothing, so
 *       timers fill the journal only while the server is otherwise idle, one a period (86,400 a day
 *       at the default second). Snapshots count them as events like any other.
 * </ul>
 *
 * A tick still in the engine's queue when the next is due makes that one skip (no pile-up behind a
 * slow journal); a full queue or a failed journal skips it too.
 */
public final class EngineClock implements AutoCloseable {
  /** How far behind the wall clock timers are stamped: the lateness allowed to clients' events. */
  public static final long LATENESS_MILLIS = 1000;

  private final EngineRuntime runtime;
  private final long periodMillis;
  private final LongSupplier wallMillis;
  private final Consumer<String> log;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean inFlight = new AtomicBoolean();

  private EngineClock(
      EngineRuntime runtime, long periodMillis, LongSupplier wallMillis, Consumer<String> log) {
    this.runtime = runtime;
    this.periodMillis = periodMillis;
    this.wallMillis = wallMillis;
    this.log = log;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread t = new Thread(r, "riskgate-clock");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts ticking every {@code periodMillis} (positive) of the wall clock {@code wallMillis}
   * (milliseconds since the epoch, UTC); unexpected refusals of a timer go to {@code log}.
   */
  public static EngineClock start(
      EngineRuntime runtime, long periodMillis, LongSupplier wallMillis, Consumer<String> log) {
    if (periodMillis <= 0) {
      throw new IllegalArgumentException(
          "the clock's period must be positive, got " + periodMillis);
    }
    final EngineClock clock = new EngineClock(runtime, periodMillis, wallMillis, log);
    clock.scheduler.scheduleAtFixedRate(
        clock::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    return clock;
  }

  private void tick() {
    if (!inFlight.compareAndSet(false, true)) {
      return;
    }
    final long timestampNanos = (wallMillis.getAsLong() - LATENESS_MILLIS) * 1_000_000L;
    runtime
        .tick(timestampNanos)
        .whenComplete(
            (reply, error) -> {
              inFlight.set(false);
              if (error == null && reply != null && reply.refusal() != null) {
                log.accept("warning: the clock's timer was refused: " + reply.refusal().detail());
              }
            });
  }

  /** Stops ticking; a tick already handed to the engine thread still completes. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
