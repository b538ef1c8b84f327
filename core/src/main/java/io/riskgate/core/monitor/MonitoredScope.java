package io.riskgate.core.monitor;

import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.limit.Scope;

/**
 * An account or the firm as the monitor reads it: its figures, plus the two things the monitor
 * keeps on it, the bit set of its raised alerts and its risk level. Implemented by the engine's
 * ledgers; the monitor changes nothing else of them.
 */
public interface MonitoredScope extends ScopeFigures {
  /** The scope's name as outputs spell it. */
  Scope scope();

  /** The bit set of the scope's raised alerts (the monitor's own bits). */
  int alertFlags();

  void setAlertFlags(int flags);

  RiskLevel riskLevel();

  void setRiskLevel(RiskLevel level);
}
