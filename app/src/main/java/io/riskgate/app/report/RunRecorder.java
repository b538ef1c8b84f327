package io.riskgate.app.report;

import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.SizeAnswer;
import io.riskgate.core.engine.StateChange;
import io.riskgate.core.kill.Action;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.report.RiskReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts what one engine said during a replay while passing every output on unchanged: decisions by
 * outcome and rejection code, alerts by code and level, breaker trips and recoveries, kills. Named
 * so because it records the run for the report and changes nothing in it.
 */
public final class RunRecorder implements OutputSink {
  private static final CheckCode[] CODES = CheckCode.values();

  /** Most state transitions listed one by one in the report. */
  static final int LISTED_TRANSITIONS = 200;

  private final OutputSink downstream;
  private final TimeBuckets buckets;
  private final int[] rejectionSeries = new int[CODES.length];
  private final Set<String> rejectedOrderIds;

  long decisions;
  long approved;
  final long[] rejectedByCode = new long[CODES.length];
  long sizeAnswers;
  long actions;
  long reports;
  long alertsRaised;
  long alertsCleared;
  final Map<String, Long> alertsByCode = new TreeMap<>();
  final Map<String, Long> alertsByLevel = new TreeMap<>();
  long breakerTrips;
  long breakerRecoveries;
  long kills;
  long rearms;
  long tradingStateChanges;
  final List<StateChange> transitions = new ArrayList<>();

  // The latest decision, read right after each order event for the what-if comparison.
  long decisionSequence;
  boolean lastApproved;
  CheckCode lastRejectedBy;
  double lastValue;
  double lastLimit;
  String lastScope;

  /**
   * @param downstream receives every output unchanged
   * @param trackRejectedOrders remember the ids of rejected orders, so fills and cancels of orders
   *     this replay never let through can be recognised
   */
  RunRecorder(OutputSink downstream, TimeBuckets buckets, boolean trackRejectedOrders) {
    this.downstream = downstream;
    this.buckets = buckets;
    this.rejectedOrderIds = trackRejectedOrders ? new HashSet<>() : null;
    Arrays.fill(rejectionSeries, -1);
  }

  @Override
  public void onDecision(Decision d) {
    downstream.onDecision(d);
    decisions++;
    decisionSequence++;
    lastApproved = d.approved();
    if (d.approved()) {
      approved++;
      lastRejectedBy = null;
      if (rejectedOrderIds != null && d.orderId() != null) {
        rejectedOrderIds.remove(d.orderId());
      }
      return;
    }
    final CheckCode code = d.firstFailure();
    lastRejectedBy = code;
    for (int i = 0; i < d.size(); i++) {
      if (!d.passed(i)) {
        lastValue = d.value(i);
        lastLimit = d.limit(i);
        lastScope =
            d.scopeKind(i) == null
                ? null
                : new Scope(d.scopeKind(i), d.scopeKind(i) == Scope.Kind.FIRM ? "" : d.scopeName(i))
                    .toString();
        break;
      }
    }
    rejectedByCode[code.ordinal()]++;
    int series = rejectionSeries[code.ordinal()];
    if (series < 0) {
      series = buckets.series("rejections:" + code.name(), TimeBuckets.Mode.SUM);
      rejectionSeries[code.ordinal()] = series;
    }
    buckets.record(series, d.timestampNanos(), 1);
    if (rejectedOrderIds != null && d.orderId() != null && code != CheckCode.DUPLICATE_ORDER) {
      rejectedOrderIds.add(d.orderId());
    }
  }

  /** True when this run rejected the order of that id (and did not approve it later). */
  boolean rejected(String orderId) {
    return rejectedOrderIds != null && rejectedOrderIds.contains(orderId);
  }

  @Override
  public void onSize(SizeAnswer answer) {
    downstream.onSize(answer);
    sizeAnswers++;
  }

  @Override
  public void onReport(RiskReport report) {
    downstream.onReport(report);
    reports++;
  }

  @Override
  public void onAlert(Alert alert) {
    downstream.onAlert(alert);
    if (alert.raised()) {
      alertsRaised++;
      alertsByCode.merge(alert.code(), 1L, Long::sum);
      alertsByLevel.merge(alert.level().name(), 1L, Long::sum);
    } else {
      alertsCleared++;
    }
  }

  @Override
  public void onAction(Action action) {
    downstream.onAction(action);
    actions++;
  }

  @Override
  public void onStateChange(StateChange change) {
    downstream.onStateChange(change);
    switch (change.kind()) {
      case "breaker" -> {
        if ("OPEN".equals(change.to())) {
          breakerTrips++;
        } else if ("CLOSED".equals(change.to())) {
          breakerRecoveries++;
        }
      }
      case "kill" -> {
        if ("KILLED".equals(change.to())) {
          kills++;
        } else {
          rearms++;
        }
      }
      default -> tradingStateChanges++;
    }
    if (transitions.size() < LISTED_TRANSITIONS) {
      transitions.add(change);
    }
  }

  /** Rejections of one code. */
  public long rejected(CheckCode code) {
    return rejectedByCode[code.ordinal()];
  }
}
