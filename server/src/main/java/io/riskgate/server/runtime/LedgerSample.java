package io.riskgate.server.runtime;

import io.riskgate.core.Fixed;
import io.riskgate.core.engine.LedgerView;
import io.riskgate.core.engine.RiskEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * One scope's figures at one moment of engine time: a point of the dashboard's history of equity,
 * drawdown, daily PnL and gross exposure.
 *
 * <p>The history is down-sampled by engine time in fixed buckets of {@link #BUCKET_NANOS}: an event
 * that moves the engine's time into a later bucket is followed by one sample of every scope (the
 * firm, each account, each strategy, which is also its book), taken after the event. Whether an
 * event samples depends only on the engine's time before and after it, so the live server and a
 * replay of the journal take the same samples of the same states; they travel with the event's
 * {@link DurableRecord} to the audit store, which keeps them beside the decisions.
 *
 * @param scope the ledger's scope ({@code firm}, {@code account:A1}, {@code strategy:S1})
 * @param tsNanos the engine's time after the event
 * @param equity equity, scaled as {@link Fixed}
 * @param highWaterMark the equity's high-water mark, scaled as {@link Fixed}
 * @param drawdown the fall from the high-water mark, a fraction of it (0 at the mark)
 * @param dailyPnl the trading day's PnL, scaled as {@link Fixed}
 * @param grossExposure gross exposure, scaled as {@link Fixed}
 */
public record LedgerSample(
    String scope,
    long tsNanos,
    long equity,
    long highWaterMark,
    double drawdown,
    long dailyPnl,
    long grossExposure) {

  /** The width of a history bucket: one minute of engine time. */
  public static final long BUCKET_NANOS = 60_000_000_000L;

  /**
   * Whether an event that moved the engine's time from {@code beforeNanos} to {@code afterNanos}
   * takes samples: its time is in a later bucket ({@link Long#MIN_VALUE}: no time yet).
   */
  public static boolean samples(long beforeNanos, long afterNanos) {
    if (afterNanos == Long.MIN_VALUE) {
      return false;
    }
    return beforeNanos == Long.MIN_VALUE
        || Math.floorDiv(afterNanos, BUCKET_NANOS) > Math.floorDiv(beforeNanos, BUCKET_NANOS);
  }

  /** Every scope's sample now: the firm, then the accounts and strategies in definition order. */
  public static List<LedgerSample> of(
      RiskEngine engine, List<String> accounts, List<String> strategies) {
    final List<LedgerSample> out = new ArrayList<>(1 + accounts.size() + strategies.size());
    final long now = engine.timeNanos();
    out.add(of(engine.ledger("firm"), now));
    for (String a : accounts) {
      out.add(of(engine.ledger("account:" + a), now));
    }
    for (String s : strategies) {
      out.add(of(engine.ledger("strategy:" + s), now));
    }
    return out;
  }

  private static LedgerSample of(LedgerView l, long now) {
    return new LedgerSample(
        l.scope(),
        now,
        l.equity(),
        l.highWaterMark(),
        drawdown(l.equity(), l.highWaterMark()),
        l.dailyPnl(),
        l.grossExposure());
  }

  /** The drawdown as the dashboard shows it: (mark - equity) / mark, 0 without a positive mark. */
  public static double drawdown(long equity, long highWaterMark) {
    return highWaterMark > 0 ? Math.max(0, (double) (highWaterMark - equity) / highWaterMark) : 0.0;
  }
}
