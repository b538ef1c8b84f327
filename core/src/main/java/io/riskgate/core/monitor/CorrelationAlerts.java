package io.riskgate.core.monitor;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The correlation alert, judged on timer events: per account, each pair of held positions whose
 * signed correlation (the correlation of returns times both directions) is beyond the alert
 * threshold raises one alert, cleared once it is back below the threshold by the hysteresis.
 */
final class CorrelationAlerts {
  private final MonitorState state;
  private final MonitorSettings settings;
  private final ActiveAlerts alerts;

  /** Pairs of instruments (per account) whose correlation alert is raised, sorted. */
  private final Set<String> correlatedPairs = new TreeSet<>();

  CorrelationAlerts(MonitorState state, MonitorSettings settings, ActiveAlerts alerts) {
    this.state = state;
    this.settings = settings;
    this.alerts = alerts;
  }

  /** Raises the pairs that became correlated and clears those that no longer are. */
  void scan() {
    final int lookback = state.defaultCorrelationLookback();
    final int minimum = state.defaultCorrelationMinObservations();
    final Set<String> now = new HashSet<>();
    for (int a = 0; a < state.accountCount(); a++) {
      final List<MonitoredInstrument> held = new ArrayList<>();
      for (int i = 0; i < state.instrumentCount(); i++) {
        final MonitoredInstrument instrument = state.instrument(i);
        final var holding = instrument.heldByAccount(a);
        if (holding != null && holding.net != 0) {
          held.add(instrument);
        }
      }
      for (int x = 0; x < held.size(); x++) {
        for (int y = x + 1; y < held.size(); y++) {
          pair(a, held.get(x), held.get(y), lookback, minimum, now);
        }
      }
    }
    for (String pair : correlatedPairs) {
      if (!now.contains(pair)) {
        alerts.clear("CORRELATION|" + pair, Double.NaN, settings.correlationAlert(), null);
      }
    }
    correlatedPairs.clear();
    correlatedPairs.addAll(now);
  }

  private void pair(
      int a,
      MonitoredInstrument first,
      MonitoredInstrument second,
      int lookback,
      int minimum,
      Set<String> now) {
    final double rho = state.correlation(first.id(), second.id(), lookback, minimum);
    if (Double.isNaN(rho)) {
      return;
    }
    final double signed =
        rho * Long.signum(first.heldByAccount(a).net) * Long.signum(second.heldByAccount(a).net);
    final String pair = state.accountName(a) + "|" + first.symbol() + "|" + second.symbol();
    if (signed > settings.correlationAlert()
        || (correlatedPairs.contains(pair)
            && signed > settings.correlationAlert() * (1 - settings.hysteresis()))) {
      now.add(pair);
      if (!correlatedPairs.contains(pair)) {
        alerts.raise(
            "CORRELATION|" + pair,
            Alert.Level.WARNING,
            "CORRELATION",
            state.accountScope(a),
            first.symbol()
                + " and "
                + second.symbol()
                + " positions move together: signed correlation "
                + String.format(Locale.ROOT, "%.3f", signed),
            signed,
            settings.correlationAlert(),
            "reduce one of the pair");
      }
    }
  }

  /** Writes the raised pairs in sorted order. */
  void write(SnapshotWriter out) {
    out.writeInt(correlatedPairs.size());
    for (String pair : correlatedPairs) {
      out.writeString(pair);
    }
  }

  /** Replaces the raised pairs with what {@link #write} wrote. */
  void read(SnapshotReader in) {
    final int pairs = in.readCount(1);
    correlatedPairs.clear();
    for (int i = 0; i < pairs; i++) {
      correlatedPairs.add(in.readStringNonNull("correlated pair"));
    }
    if (correlatedPairs.size() != pairs) {
      throw in.invalid("a correlated pair written twice");
    }
  }
}
