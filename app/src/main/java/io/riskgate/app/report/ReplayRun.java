package io.riskgate.app.report;

import io.riskgate.core.Fixed;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.LedgerView;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One engine replaying events under one set of limits, with what the report needs of it: the counts
 * of its outputs, the equity, drawdown and exposure of the firm and each account over time, and
 * each scope's deepest drawdown.
 *
 * <p>The firm's deepest drawdown is exact: it is read after every event that moves money. An
 * account's is read after every fill and transfer and after every fourth price or bar, so between
 * its fills a brief dip shorter than four ticks may be missed.
 *
 * <p>With limit overrides, the replay is counterfactual: a fill or cancel of an order this run
 * rejected is skipped (the order never reached the venue) and counted, instead of being an error;
 * orders this run approved but the recording did not stay open, since the recording has no fills
 * for them.
 */
public final class ReplayRun {
  /** Buckets kept per time series: at most this many points per chart line. */
  public static final int CHART_POINTS = 2_000;

  private static final long FIRST_BUCKET_NANOS = 1_000_000_000L;

  /**
   * Accounts are read after every fill and transfer but only after every fourth price or bar: a
   * read goes through the engine's scope lookup, the dearest part of the report's bookkeeping. The
   * firm is read after every one.
   */
  static final int ACCOUNT_SAMPLE_EVERY = 4;

  private final String label;
  private final LimitOverrides overrides;
  private final RiskEngine engine;
  private final RunRecorder recorder;
  private final TimeBuckets buckets;
  private final boolean counterfactual;

  private final List<String> accounts = new ArrayList<>();
  private final Map<String, String> strategies = new LinkedHashMap<>();
  // Ledger scopes watched over time: the firm first, then each account as it is defined.
  private String[] scopes = {"firm"};
  private double[] maxDrawdown = {0};
  private int[] equitySeries = new int[1];
  private int[] drawdownSeries = new int[1];
  private int[] exposureSeries = new int[1];

  private long marks;
  long events;
  long overridesApplied;
  long skippedFills;
  long skippedCancels;

  /**
   * @param label how the report names this run, e.g. {@code "a"}
   * @param counterfactual skip fills and cancels of orders this run rejected (see the class note)
   * @param downstream receives every engine output unchanged
   */
  public ReplayRun(
      String label, LimitOverrides overrides, boolean counterfactual, OutputSink downstream) {
    this.label = label;
    this.overrides = overrides;
    this.counterfactual = counterfactual;
    this.buckets = new TimeBuckets(CHART_POINTS, FIRST_BUCKET_NANOS);
    this.recorder = new RunRecorder(downstream, buckets, counterfactual);
    this.engine = new RiskEngine(EngineConfig.defaults(), recorder);
    watch(0);
    final Event.Limits firm = overrides.firm();
    if (firm != null) {
      engine.apply(firm);
      overridesApplied++;
    }
  }

  /**
   * Applies one event, then the overrides it calls for.
   *
   * @throws IllegalArgumentException when the engine refuses the event; nothing of it applied
   */
  public void apply(Event event) {
    if (counterfactual) {
      if (event instanceof Event.Fill fill && recorder.rejected(fill.orderId())) {
        skippedFills++;
        return;
      }
      if (event instanceof Event.Cancel cancel && recorder.rejected(cancel.orderId())) {
        skippedCancels++;
        return;
      }
    }
    engine.apply(event);
    events++;
    final Event.Limits override = overrides.after(event);
    if (override != null) {
      engine.apply(override);
      overridesApplied++;
    }
    if (event instanceof Event.Price
        || event instanceof Event.Bar
        || event instanceof Event.FxRate) {
      observe((++marks & (ACCOUNT_SAMPLE_EVERY - 1)) == 0 ? scopes.length : 1);
    } else if (event instanceof Event.Fill || event instanceof Event.Transfer) {
      observe(scopes.length);
    } else if (event instanceof Event.Account account) {
      accounts.add(account.account());
      addScope("account:" + account.account());
      observe(scopes.length);
    } else if (event instanceof Event.Strategy strategy) {
      strategies.put(strategy.strategy(), strategy.account());
    }
  }

  private void addScope(String scope) {
    final int i = scopes.length;
    scopes = Arrays.copyOf(scopes, i + 1);
    scopes[i] = scope;
    maxDrawdown = Arrays.copyOf(maxDrawdown, i + 1);
    equitySeries = Arrays.copyOf(equitySeries, i + 1);
    drawdownSeries = Arrays.copyOf(drawdownSeries, i + 1);
    exposureSeries = Arrays.copyOf(exposureSeries, i + 1);
    watch(i);
  }

  private void watch(int i) {
    equitySeries[i] = buckets.series("equity:" + scopes[i], TimeBuckets.Mode.LAST);
    drawdownSeries[i] = buckets.series("drawdown:" + scopes[i], TimeBuckets.Mode.MAX);
    exposureSeries[i] = buckets.series("exposure:" + scopes[i], TimeBuckets.Mode.LAST);
  }

  /** Reads equity, drawdown and exposure of the first {@code count} watched scopes. */
  private void observe(int count) {
    final long now = engine.timeNanos();
    for (int i = 0; i < count; i++) {
      final LedgerView view = engine.ledger(scopes[i]);
      final double drawdown = drawdown(view);
      if (drawdown > maxDrawdown[i]) {
        maxDrawdown[i] = drawdown;
      }
      if (now != Long.MIN_VALUE) {
        buckets.record(equitySeries[i], now, Fixed.toDouble(view.equity()));
        buckets.record(drawdownSeries[i], now, drawdown);
        buckets.record(exposureSeries[i], now, Fixed.toDouble(view.grossExposure()));
      }
    }
  }

  /** Drawdown from the high-water mark as a fraction: 1 − equity ÷ high-water mark. */
  static double drawdown(LedgerView view) {
    if (view.highWaterMark() <= 0 || view.equity() >= view.highWaterMark()) {
      return 0;
    }
    return 1 - (double) view.equity() / (double) view.highWaterMark();
  }

  /** How the report names this run. */
  public String label() {
    return label;
  }

  /** The limit overrides of this run. */
  public LimitOverrides overrides() {
    return overrides;
  }

  /** The engine, for its read-only views. */
  public RiskEngine engine() {
    return engine;
  }

  /** The counts of the engine's outputs. */
  public RunRecorder recorder() {
    return recorder;
  }

  /** The sampled time series. */
  public TimeBuckets buckets() {
    return buckets;
  }

  /** Accounts in the order they were defined. */
  public List<String> accounts() {
    return List.copyOf(accounts);
  }

  /** Strategies in the order they were defined, each with its account. */
  public Map<String, String> strategies() {
    return Collections.unmodifiableMap(strategies);
  }

  /** Deepest drawdown seen of a watched scope ({@code "firm"}, {@code "account:A1"}), or NaN. */
  public double maxDrawdown(String scope) {
    for (int i = 0; i < scopes.length; i++) {
      if (scopes[i].equals(scope)) {
        return maxDrawdown[i];
      }
    }
    return Double.NaN;
  }

  /** Events applied (the overrides not counted). */
  public long events() {
    return events;
  }

  /** Limit override events applied. */
  public long overridesApplied() {
    return overridesApplied;
  }

  /** Fills skipped because this run rejected their order. */
  public long skippedFills() {
    return skippedFills;
  }

  /** Cancels skipped because this run rejected their order. */
  public long skippedCancels() {
    return skippedCancels;
  }
}
