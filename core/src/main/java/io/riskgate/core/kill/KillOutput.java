package io.riskgate.core.kill;

import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;

/** Where the kill switch's acts go: the kill state's transitions, its alerts and instructions. */
public interface KillOutput {
  /** A scope's kill switch went from {@code from} to {@code to} ({@code ARMED}, {@code KILLED}). */
  void onKillState(Scope scope, String from, String to, String reason);

  void onAlert(Alert alert);

  void onAction(Action action);
}
