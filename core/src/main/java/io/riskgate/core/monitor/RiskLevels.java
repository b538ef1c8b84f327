package io.riskgate.core.monitor;

/**
 * The risk level of an account or the firm from its drawdown: LOW, MEDIUM, HIGH, CRITICAL at the
 * monitoring thresholds, stepping up at once and down only once the drawdown is back inside the
 * lower band by the hysteresis. Each change is an alert ({@code RISK_LEVEL}, kept active above
 * LOW).
 */
final class RiskLevels {
  private static final String CODE = "RISK_LEVEL";

  private final MonitorState state;
  private final MonitorSettings settings;
  private final ActiveAlerts active;

  RiskLevels(MonitorState state, MonitorSettings settings, ActiveAlerts active) {
    this.state = state;
    this.settings = settings;
    this.active = active;
  }

  /** Moves the scope's risk level with its drawdown and sends the change as an alert. */
  void update(MonitoredScope ledger, double drawdown) {
    final RiskLevel current = ledger.riskLevel();
    final RiskLevel up = levelOf(drawdown, 1.0);
    final RiskLevel level;
    if (up.ordinal() > current.ordinal()) {
      level = up;
    } else {
      // Step down only once the drawdown is back inside the lower band by the hysteresis.
      final RiskLevel down = levelOf(drawdown, 1 - settings.hysteresis());
      if (down.ordinal() >= current.ordinal()) {
        return;
      }
      level = down;
    }
    ledger.setRiskLevel(level);
    final Alert.Level alertLevel =
        switch (level) {
          case LOW -> Alert.Level.INFO;
          case MEDIUM -> Alert.Level.WARNING;
          case HIGH -> Alert.Level.HIGH;
          case CRITICAL -> Alert.Level.CRITICAL;
        };
    final Alert alert =
        new Alert(
            state.now(),
            alertLevel,
            CODE,
            ledger.scope(),
            level != RiskLevel.LOW,
            ledger.scope() + " risk level " + current + " -> " + level,
            drawdown,
            threshold(level),
            level == RiskLevel.CRITICAL ? "emergency stop" : "review exposure");
    active.replace(key(ledger), alert, level != RiskLevel.LOW);
  }

  private RiskLevel levelOf(double drawdown, double scale) {
    if (drawdown > settings.riskLevelCritical() * scale) {
      return RiskLevel.CRITICAL;
    }
    if (drawdown > settings.riskLevelHigh() * scale) {
      return RiskLevel.HIGH;
    }
    if (drawdown > settings.riskLevelMedium() * scale) {
      return RiskLevel.MEDIUM;
    }
    return RiskLevel.LOW;
  }

  private double threshold(RiskLevel level) {
    return switch (level) {
      case LOW -> settings.riskLevelMedium();
      case MEDIUM -> settings.riskLevelMedium();
      case HIGH -> settings.riskLevelHigh();
      case CRITICAL -> settings.riskLevelCritical();
    };
  }

  private static String key(MonitoredScope ledger) {
    return CODE + "|" + ledger.scope();
  }
}
