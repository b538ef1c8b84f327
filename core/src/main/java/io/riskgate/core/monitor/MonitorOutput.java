package io.riskgate.core.monitor;

/** Where the monitor's decisions go: alerts, and the periodic report when it is due. */
public interface MonitorOutput {
  void onAlert(Alert alert);

  /** The report cadence came round at {@code now}: the report of the state is to be sent. */
  void onReportDue(long now);
}
