package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.monitor.MonitorSettings;
import io.riskgate.core.monitor.RiskLevel;
import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seed's monitoring alerts, evaluated incrementally as the engine marks positions and updates
 * totals, each raised once on the transition into its condition and cleared on the way out, with
 * hysteresis so that a value hovering at a threshold does not flood the operator.
 *
 * <ul>
 *   <li>per position, on every mark: stop loss (loss beyond {@code stopLoss} × entry value),
 *       trailing stop (mark beyond {@code trailingStop} from the best mark since the position
 *       opened), position timeout (open longer than {@code positionTimeoutSeconds} of event time);
 *   <li>per account and for the firm, on every change of equity: drawdown, daily loss, position
 *       count, and the risk level (LOW / MEDIUM / HIGH / CRITICAL from the drawdown);
 *   <li>on timer events: position timeouts, and pairs of held positions whose signed correlation is
 *       beyond the alert threshold.
 * </ul>
 *
 * Stale prices are judged by {@link PriceStaleness}, which raises and clears its alerts here.
 *
 * <p>Limits for a position are looked up at the strategy, then the account, then the firm scope,
 * then the instrument. Decides and emits {@code alert} outputs; changes no position.
 */
final class Monitor {
  static final int STOP_LOSS = 1;
  static final int TRAILING_STOP = 2;
  static final int TIMEOUT = 4;

  static final int DRAWDOWN = 1;
  static final int DAILY_LOSS = 2;
  static final int POSITION_COUNT = 4;

  private final RiskEngine engine;
  private final MonitorSettings settings;

  /**
   * Alerts raised and not yet cleared, by key, in the order they were raised. Written to a snapshot
   * as its entries in that order.
   */
  private final Map<String, Alert> active = new LinkedHashMap<>();

  /** Pairs of instruments (per account) whose correlation alert is raised, sorted. */
  private final Set<String> correlatedPairs = new TreeSet<>();

  private long nextReportNanos = Long.MIN_VALUE;

  Monitor(RiskEngine engine, MonitorSettings settings) {
    this.engine = engine;
    this.settings = settings;
  }

  MonitorSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- positions

  /** Evaluates the position alerts after {@code position} was marked at {@code mark}. */
  void onMarked(Position position, InstrumentState instrument, long mark) {
    if (position.net == 0 || mark == 0) {
      return;
    }
    if (position.bestMark == 0
        || (position.net > 0 ? mark > position.bestMark : mark < position.bestMark)) {
      position.bestMark = mark;
    }
    // The entry value in the account currency, as the unrealized PnL is (at the current rate).
    final double entryValue =
        Math.abs(Fixed.toDouble(position.cost))
            * (instrument.fx == null || !instrument.fx.exists()
                ? 1.0
                : instrument.fx.factor(position.net < 0));
    final double loss = -Fixed.toDouble(position.unrealized);
    final double stopLoss = positionLimit(position, instrument, Limit.STOP_LOSS);
    if (!Double.isNaN(stopLoss) && entryValue > 0) {
      final double fraction = loss / entryValue;
      update(
          position,
          STOP_LOSS,
          fraction,
          stopLoss,
          Alert.Level.HIGH,
          "STOP_LOSS",
          "close the position",
          instrument);
    }
    final double trailing = positionLimit(position, instrument, Limit.TRAILING_STOP);
    if (!Double.isNaN(trailing)) {
      final double best = Fixed.toDouble(position.bestMark);
      final double retreat =
          position.net > 0
              ? (best - Fixed.toDouble(mark)) / best
              : (Fixed.toDouble(mark) - best) / best;
      update(
          position,
          TRAILING_STOP,
          retreat,
          trailing,
          Alert.Level.HIGH,
          "TRAILING_STOP",
          "close the position",
          instrument);
    }
    checkTimeout(position, instrument);
  }

  /** Clears every alert of a position that went flat. */
  void onClosed(Position position, InstrumentState instrument) {
    position.bestMark = 0;
    final int flags = position.alertFlags;
    if (flags == 0) {
      return;
    }
    for (int bit : new int[] {STOP_LOSS, TRAILING_STOP, TIMEOUT}) {
      if ((flags & bit) != 0) {
        clear(key(positionCode(bit), position, instrument), 0, 0);
      }
    }
    position.alertFlags = 0;
  }

  private void checkTimeout(Position position, InstrumentState instrument) {
    final double timeout = positionLimit(position, instrument, Limit.POSITION_TIMEOUT_SECONDS);
    if (Double.isNaN(timeout) || position.net == 0) {
      return;
    }
    final double ageSeconds = (engine.now - position.openedAtNanos) / 1e9;
    final boolean beyond = ageSeconds > timeout;
    final boolean raised = (position.alertFlags & TIMEOUT) != 0;
    if (beyond && !raised) {
      position.alertFlags |= TIMEOUT;
      raise(
          key("POSITION_TIMEOUT", position, instrument),
          Alert.Level.WARNING,
          "POSITION_TIMEOUT",
          strategyScope(position),
          instrument.definition.symbol()
              + " position open for "
              + Math.round(ageSeconds)
              + " s, beyond "
              + Math.round(timeout)
              + " s",
          ageSeconds,
          timeout,
          "close the position");
    }
  }

  private void update(
      Position position,
      int bit,
      double value,
      double threshold,
      Alert.Level level,
      String code,
      String action,
      InstrumentState instrument) {
    final boolean raised = (position.alertFlags & bit) != 0;
    if (!raised && value > threshold) {
      position.alertFlags |= bit;
      raise(
          key(code, position, instrument),
          level,
          code,
          strategyScope(position),
          String.format(
              "%s %s %.2f%% beyond %.2f%%",
              instrument.definition.symbol(),
              code.toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
              value * 100,
              threshold * 100),
          value,
          threshold,
          action);
    } else if (raised && value <= threshold * (1 - settings.hysteresis())) {
      position.alertFlags &= ~bit;
      clear(key(code, position, instrument), value, threshold);
    }
  }

  private double positionLimit(Position position, InstrumentState instrument, Limit limit) {
    long value = engine.bookLimit(position.book, limit);
    if (value == LimitSet.UNSET) {
      value = engine.instrumentLimits[instrument.id].get(limit);
    }
    return value == LimitSet.UNSET ? Double.NaN : Fixed.toDouble(value);
  }

  // ---------------------------------------------------------------- accounts and the firm

  /** Evaluates the portfolio alerts and the risk level of an account or the firm. */
  void onLedger(Ledger ledger) {
    if (ledger.kind == Scope.Kind.STRATEGY) {
      return;
    }
    final double drawdown = ledger.drawdownFraction();
    ledgerAlert(
        ledger,
        DRAWDOWN,
        drawdown,
        settings.drawdownAlert(),
        Alert.Level.HIGH,
        "PORTFOLIO_DRAWDOWN",
        "drawdown",
        "reduce positions");
    final long base = ledger.startOfDayEquity;
    final double dailyLoss =
        base > 0 ? -Fixed.toDouble(ledger.dailyPnl()) / Fixed.toDouble(base) : 0;
    ledgerAlert(
        ledger,
        DAILY_LOSS,
        dailyLoss,
        settings.dailyLossAlert(),
        Alert.Level.HIGH,
        "DAILY_LOSS",
        "daily loss",
        "stop opening positions");
    final int positions = ledger.openPositions;
    final boolean countRaised = (ledger.alertFlags & POSITION_COUNT) != 0;
    if (!countRaised && positions > settings.positionCountAlert()) {
      ledger.alertFlags |= POSITION_COUNT;
      raise(
          key("POSITION_COUNT", ledger),
          Alert.Level.WARNING,
          "POSITION_COUNT",
          ledger.scope(),
          positions + " open positions, more than " + settings.positionCountAlert(),
          positions,
          settings.positionCountAlert(),
          "consolidate positions");
    } else if (countRaised && positions <= settings.positionCountAlert()) {
      ledger.alertFlags &= ~POSITION_COUNT;
      clear(key("POSITION_COUNT", ledger), positions, settings.positionCountAlert());
    }
    riskLevel(ledger, drawdown);
  }

  private void ledgerAlert(
      Ledger ledger,
      int bit,
      double value,
      double threshold,
      Alert.Level level,
      String code,
      String what,
      String action) {
    final boolean raised = (ledger.alertFlags & bit) != 0;
    if (!raised && value > threshold) {
      ledger.alertFlags |= bit;
      raise(
          key(code, ledger),
          level,
          code,
          ledger.scope(),
          String.format(
              "%s %s %.2f%% beyond %.2f%%", ledger.scope(), what, value * 100, threshold * 100),
          value,
          threshold,
          action);
    } else if (raised && value <= threshold * (1 - settings.hysteresis())) {
      ledger.alertFlags &= ~bit;
      clear(key(code, ledger), value, threshold);
    }
  }

  private void riskLevel(Ledger ledger, double drawdown) {
    final RiskLevel current = ledger.riskLevel;
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
    ledger.riskLevel = level;
    final Alert.Level alertLevel =
        switch (level) {
          case LOW -> Alert.Level.INFO;
          case MEDIUM -> Alert.Level.WARNING;
          case HIGH -> Alert.Level.HIGH;
          case CRITICAL -> Alert.Level.CRITICAL;
        };
    final String code = "RISK_LEVEL";
    active.remove(key(code, ledger));
    final Alert alert =
        new Alert(
            engine.now,
            alertLevel,
            code,
            ledger.scope(),
            level != RiskLevel.LOW,
            ledger.scope() + " risk level " + current + " -> " + level,
            drawdown,
            threshold(level),
            level == RiskLevel.CRITICAL ? "emergency stop" : "review exposure");
    if (level != RiskLevel.LOW) {
      active.put(key(code, ledger), alert);
    }
    engine.sink.onAlert(alert);
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

  // ---------------------------------------------------------------- timer scans

  /** Timeouts and correlated pairs; a report when one is due. */
  void onTimer(long now) {
    for (int s = 0; s < engine.strategyCount; s++) {
      for (Position position : engine.positions[s]) {
        if (position == null || position.net == 0) {
          continue;
        }
        final InstrumentState instrument = engine.instruments[position.instrument];
        checkTimeout(position, instrument);
      }
    }
    correlations();
    if (settings.reportIntervalNanos() > 0) {
      if (nextReportNanos == Long.MIN_VALUE) {
        nextReportNanos = now + settings.reportIntervalNanos();
      } else if (now >= nextReportNanos) {
        nextReportNanos = now + settings.reportIntervalNanos();
        engine.sink.onReport(engine.report(now));
      }
    }
  }

  private void correlations() {
    final int lookback = engine.config.defaultCorrelationLookback();
    final int minimum = engine.config.defaultCorrelationMinObservations();
    final Set<String> now = new HashSet<>();
    for (int a = 0; a < engine.accountCount; a++) {
      final List<Integer> held = new ArrayList<>();
      for (int i = 0; i < engine.instrumentCount; i++) {
        final var holdings = engine.instruments[i].accountHoldings;
        if (a < holdings.length && holdings[a] != null && holdings[a].net != 0) {
          held.add(i);
        }
      }
      for (int x = 0; x < held.size(); x++) {
        for (int y = x + 1; y < held.size(); y++) {
          final InstrumentState first = engine.instruments[held.get(x)];
          final InstrumentState second = engine.instruments[held.get(y)];
          final double rho = CorrelationMeasure.correlation(first, second, lookback, minimum);
          if (Double.isNaN(rho)) {
            continue;
          }
          final double signed =
              rho
                  * Long.signum(first.accountHoldings[a].net)
                  * Long.signum(second.accountHoldings[a].net);
          final String pair =
              engine.accounts[a].name
                  + "|"
                  + first.definition.symbol()
                  + "|"
                  + second.definition.symbol();
          if (signed > settings.correlationAlert()
              || (correlatedPairs.contains(pair)
                  && signed > settings.correlationAlert() * (1 - settings.hysteresis()))) {
            now.add(pair);
            if (!correlatedPairs.contains(pair)) {
              raise(
                  "CORRELATION|" + pair,
                  Alert.Level.WARNING,
                  "CORRELATION",
                  engine.accounts[a].scope(),
                  first.definition.symbol()
                      + " and "
                      + second.definition.symbol()
                      + " positions move together: signed correlation "
                      + String.format(java.util.Locale.ROOT, "%.3f", signed),
                  signed,
                  settings.correlationAlert(),
                  "reduce one of the pair");
            }
          }
        }
      }
    }
    for (String pair : correlatedPairs) {
      if (!now.contains(pair)) {
        clear("CORRELATION|" + pair, Double.NaN, settings.correlationAlert());
      }
    }
    correlatedPairs.clear();
    correlatedPairs.addAll(now);
  }

  // ---------------------------------------------------------------- alerts

  /** The alerts raised and not cleared, oldest first. */
  List<Alert> activeAlerts() {
    return new ArrayList<>(active.values());
  }

  /** Raises an alert under {@code key} (kept among the active ones until cleared). */
  void raise(
      String key,
      Alert.Level level,
      String code,
      Scope scope,
      String message,
      double value,
      double threshold,
      String action) {
    final Alert alert =
        new Alert(engine.now, level, code, scope, true, message, value, threshold, action);
    active.put(key, alert);
    engine.sink.onAlert(alert);
  }

  private void clear(String key, double value, double threshold) {
    clear(key, value, threshold, null);
  }

  /** Clears the alert raised under {@code key}, if any; {@code why} (or null) ends the message. */
  void clear(String key, double value, double threshold, String why) {
    final Alert raised = active.remove(key);
    if (raised == null) {
      return;
    }
    engine.sink.onAlert(
        new Alert(
            engine.now,
            Alert.Level.INFO,
            raised.code(),
            raised.scope(),
            false,
            "cleared: " + raised.message() + (why == null ? "" : "; " + why),
            value,
            threshold,
            "none"));
  }

  private Scope strategyScope(Position position) {
    return new Scope(Scope.Kind.STRATEGY, engine.strategies[position.book].name);
  }

  private static String key(String code, Ledger ledger) {
    return code + "|" + ledger.scope();
  }

  private String key(String code, Position position, InstrumentState instrument) {
    return code
        + "|"
        + engine.strategies[position.book].name
        + "|"
        + instrument.definition.symbol();
  }

  private static String positionCode(int bit) {
    return switch (bit) {
      case STOP_LOSS -> "STOP_LOSS";
      case TRAILING_STOP -> "TRAILING_STOP";
      default -> "POSITION_TIMEOUT";
    };
  }

  /**
   * Writes the monitor's state: the next report time, the raised alerts in the order they were
   * raised (each by its key and every field), and the raised correlation pairs in sorted order.
   */
  void write(SnapshotWriter out) {
    out.writeLong(nextReportNanos);
    out.writeInt(active.size());
    for (Map.Entry<String, Alert> entry : active.entrySet()) {
      out.writeString(entry.getKey());
      writeAlert(out, entry.getValue());
    }
    out.writeInt(correlatedPairs.size());
    for (String pair : correlatedPairs) {
      out.writeString(pair);
    }
  }

  /** Replaces the monitor's state with what {@link #write} wrote. */
  void read(SnapshotReader in) {
    nextReportNanos = in.readLong();
    final int alerts = in.readCount(2);
    active.clear();
    for (int i = 0; i < alerts; i++) {
      final String key = in.readStringNonNull("alert key");
      if (active.put(key, readAlert(in)) != null) {
        throw in.invalid("alert " + key + " written twice");
      }
    }
    final int pairs = in.readCount(1);
    correlatedPairs.clear();
    for (int i = 0; i < pairs; i++) {
      correlatedPairs.add(in.readStringNonNull("correlated pair"));
    }
    if (correlatedPairs.size() != pairs) {
      throw in.invalid("a correlated pair written twice");
    }
  }

  /** Writes an alert, every field. */
  static void writeAlert(SnapshotWriter out, Alert alert) {
    out.writeLong(alert.timestampNanos());
    out.writeEnum(alert.level());
    out.writeString(alert.code());
    writeScope(out, alert.scope());
    out.writeBoolean(alert.raised());
    out.writeString(alert.message());
    out.writeDouble(alert.value());
    out.writeDouble(alert.threshold());
    out.writeString(alert.action());
  }

  /** Reads an alert that {@link #writeAlert} wrote. */
  static Alert readAlert(SnapshotReader in) {
    return new Alert(
        in.readLong(),
        in.readEnum(Alert.Level.class),
        in.readString(),
        readScope(in),
        in.readBoolean(),
        in.readString(),
        in.readDouble(),
        in.readDouble(),
        in.readString());
  }

  /** Writes a scope (or null): its kind and name. */
  static void writeScope(SnapshotWriter out, Scope scope) {
    out.writeEnum(scope == null ? null : scope.kind());
    if (scope != null) {
      out.writeString(scope.name());
    }
  }

  /** Reads a scope that {@link #writeScope} wrote. */
  static Scope readScope(SnapshotReader in) {
    final Scope.Kind kind = in.readEnum(Scope.Kind.class);
    if (kind == null) {
      return null;
    }
    final String name = in.readStringNonNull("scope name");
    try {
      return kind == Scope.Kind.FIRM && name.isEmpty() ? Scope.FIRM : new Scope(kind, name);
    } catch (IllegalArgumentException e) {
      throw in.invalid(e.getMessage());
    }
  }
}
