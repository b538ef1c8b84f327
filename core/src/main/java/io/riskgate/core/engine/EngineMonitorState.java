package io.riskgate.core.engine;

import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.monitor.MonitorOutput;
import io.riskgate.core.monitor.MonitorState;
import io.riskgate.core.monitor.MonitoredInstrument;
import io.riskgate.core.position.Position;

/**
 * The engine's state as {@link io.riskgate.core.monitor.Monitor} and {@link
 * io.riskgate.core.monitor.PriceStaleness} read it, and where their alerts and due reports go (the
 * engine's sink).
 */
final class EngineMonitorState implements MonitorState, MonitorOutput {
  private final RiskEngine e;

  EngineMonitorState(RiskEngine e) {
    this.e = e;
  }

  @Override
  public long now() {
    return e.now;
  }

  @Override
  public long bookLimit(int strategy, Limit limit) {
    return e.bookLimit(strategy, limit);
  }

  @Override
  public LimitSet instrumentLimits(int instrument) {
    return e.instrumentLimits[instrument];
  }

  @Override
  public ScopeFigures firm() {
    return e.firm;
  }

  @Override
  public int accountCount() {
    return e.accountCount;
  }

  @Override
  public Scope accountScope(int account) {
    return e.accounts[account].scope();
  }

  @Override
  public String accountName(int account) {
    return e.accounts[account].name;
  }

  @Override
  public int strategyCount() {
    return e.strategyCount;
  }

  @Override
  public String strategyName(int strategy) {
    return e.strategies[strategy].name;
  }

  @Override
  public Position[] positions(int strategy) {
    return e.positions[strategy];
  }

  @Override
  public int instrumentCount() {
    return e.instrumentCount;
  }

  @Override
  public MonitoredInstrument instrument(int instrument) {
    return e.instruments[instrument];
  }

  @Override
  public double correlation(int a, int b, int lookback, int minimum) {
    return CorrelationMeasure.correlation(e.instruments[a], e.instruments[b], lookback, minimum);
  }

  @Override
  public int defaultCorrelationLookback() {
    return e.config.defaultCorrelationLookback();
  }

  @Override
  public int defaultCorrelationMinObservations() {
    return e.config.defaultCorrelationMinObservations();
  }

  @Override
  public void onAlert(Alert alert) {
    e.sink.onAlert(alert);
  }

  @Override
  public void onReportDue(long now) {
    e.sink.onReport(e.report(now));
  }
}
