package io.riskgate.core.monitor;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.List;

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
public final class Monitor {
  static final int STOP_LOSS = 1;
  static final int TRAILING_STOP = 2;
  static final int TIMEOUT = 4;

  static final int DRAWDOWN = 1;
  static final int DAILY_LOSS = 2;
  static final int POSITION_COUNT = 4;

  private final MonitorState state;
  private final MonitorOutput output;
  private final MonitorSettings settings;
  private final ActiveAlerts active;
  private final CorrelationAlerts correlations;
  private final RiskLevels riskLevels;

  private long nextReportNanos = Long.MIN_VALUE;

  public Monitor(MonitorState state, MonitorOutput output, MonitorSettings settings) {
    this.state = state;
    this.output = output;
    this.settings = settings;
    this.active = new ActiveAlerts(state, output);
    this.correlations = new CorrelationAlerts(state, settings, active);
    this.riskLevels = new RiskLevels(state, settings, active);
  }

  public MonitorSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- positions

  /** Evaluates the position alerts after {@code position} was marked at {@code mark}. */
  public void onMarked(Position position, MonitoredInstrument instrument, long mark) {
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
            * (!instrument.foreign() || !instrument.rateKnown()
                ? 1.0
                : instrument.rateFactor(position.net < 0));
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
  public void onClosed(Position position, MonitoredInstrument instrument) {
    position.bestMark = 0;
    final int flags = position.alertFlags;
    if (flags == 0) {
      return;
    }
    for (int bit : new int[] {STOP_LOSS, TRAILING_STOP, TIMEOUT}) {
      if ((flags & bit) != 0) {
        active.clear(key(positionCode(bit), position, instrument), 0, 0, null);
      }
    }
    position.alertFlags = 0;
  }

  private void checkTimeout(Position position, MonitoredInstrument instrument) {
    final double timeout = positionLimit(position, instrument, Limit.POSITION_TIMEOUT_SECONDS);
    if (Double.isNaN(timeout) || position.net == 0) {
      return;
    }
    final double ageSeconds = (state.now() - position.openedAtNanos) / 1e9;
    final boolean beyond = ageSeconds > timeout;
    final boolean raised = (position.alertFlags & TIMEOUT) != 0;
    if (beyond && !raised) {
      position.alertFlags |= TIMEOUT;
      active.raise(
          key("POSITION_TIMEOUT", position, instrument),
          Alert.Level.WARNING,
          "POSITION_TIMEOUT",
          strategyScope(position),
          instrument.symbol()
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
      MonitoredInstrument instrument) {
    final boolean raised = (position.alertFlags & bit) != 0;
    if (!raised && value > threshold) {
      position.alertFlags |= bit;
      active.raise(
          key(code, position, instrument),
          level,
          code,
          strategyScope(position),
          String.format(
              "%s %s %.2f%% beyond %.2f%%",
              instrument.symbol(),
              code.toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
              value * 100,
              threshold * 100),
          value,
          threshold,
          action);
    } else if (raised && value <= threshold * (1 - settings.hysteresis())) {
      position.alertFlags &= ~bit;
      active.clear(key(code, position, instrument), value, threshold, null);
    }
  }

  private double positionLimit(Position position, MonitoredInstrument instrument, Limit limit) {
    long value = state.bookLimit(position.book, limit);
    if (value == LimitSet.UNSET) {
      value = state.instrumentLimits(instrument.id()).get(limit);
    }
    return value == LimitSet.UNSET ? Double.NaN : Fixed.toDouble(value);
  }

  // ---------------------------------------------------------------- accounts and the firm

  /** Evaluates the portfolio alerts and the risk level of an account or the firm. */
  public void onLedger(MonitoredScope ledger) {
    if (ledger.kind() == Scope.Kind.STRATEGY) {
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
    final long base = ledger.startOfDayEquity();
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
    final int positions = ledger.openPositions();
    final boolean countRaised = (ledger.alertFlags() & POSITION_COUNT) != 0;
    if (!countRaised && positions > settings.positionCountAlert()) {
      ledger.setAlertFlags(ledger.alertFlags() | POSITION_COUNT);
      active.raise(
          key("POSITION_COUNT", ledger),
          Alert.Level.WARNING,
          "POSITION_COUNT",
          ledger.scope(),
          positions + " open positions, more than " + settings.positionCountAlert(),
          positions,
          settings.positionCountAlert(),
          "consolidate positions");
    } else if (countRaised && positions <= settings.positionCountAlert()) {
      ledger.setAlertFlags(ledger.alertFlags() & ~POSITION_COUNT);
      active.clear(key("POSITION_COUNT", ledger), positions, settings.positionCountAlert(), null);
    }
    riskLevels.update(ledger, drawdown);
  }

  private void ledgerAlert(
      MonitoredScope ledger,
      int bit,
      double value,
      double threshold,
      Alert.Level level,
      String code,
      String what,
      String action) {
    final boolean raised = (ledger.alertFlags() & bit) != 0;
    if (!raised && value > threshold) {
      ledger.setAlertFlags(ledger.alertFlags() | bit);
      active.raise(
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
      ledger.setAlertFlags(ledger.alertFlags() & ~bit);
      active.clear(key(code, ledger), value, threshold, null);
    }
  }

  // ---------------------------------------------------------------- timer scans

  /** Timeouts and correlated pairs; a report when one is due. */
  public void onTimer(long now) {
    for (int s = 0; s < state.strategyCount(); s++) {
      for (Position position : state.positions(s)) {
        if (position == null || position.net == 0) {
          continue;
        }
        checkTimeout(position, state.instrument(position.instrument));
      }
    }
    correlations.scan();
    if (settings.reportIntervalNanos() > 0) {
      if (nextReportNanos == Long.MIN_VALUE) {
        nextReportNanos = now + settings.reportIntervalNanos();
      } else if (now >= nextReportNanos) {
        nextReportNanos = now + settings.reportIntervalNanos();
        output.onReportDue(now);
      }
    }
  }

  // ---------------------------------------------------------------- alerts

  /** The alerts raised and not cleared, oldest first. */
  public List<Alert> activeAlerts() {
    return active.list();
  }

  /** Raises an alert under {@code key} (kept among the active ones until cleared). */
  public void raise(
      String key,
      Alert.Level level,
      String code,
      Scope scope,
      String message,
      double value,
      double threshold,
      String action) {
    active.raise(key, level, code, scope, message, value, threshold, action);
  }

  /** Clears the alert raised under {@code key}, if any; {@code why} (or null) ends the message. */
  public void clear(String key, double value, double threshold, String why) {
    active.clear(key, value, threshold, why);
  }

  private Scope strategyScope(Position position) {
    return new Scope(Scope.Kind.STRATEGY, state.strategyName(position.book));
  }

  private static String key(String code, MonitoredScope ledger) {
    return code + "|" + ledger.scope();
  }

  private String key(String code, Position position, MonitoredInstrument instrument) {
    return code + "|" + state.strategyName(position.book) + "|" + instrument.symbol();
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
  public void write(SnapshotWriter out) {
    out.writeLong(nextReportNanos);
    active.write(out);
    correlations.write(out);
  }

  /** Replaces the monitor's state with what {@link #write} wrote. */
  public void read(SnapshotReader in) {
    nextReportNanos = in.readLong();
    active.read(in);
    correlations.read(in);
  }
}
