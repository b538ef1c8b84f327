package io.riskgate.core.monitor;

import io.riskgate.core.limit.Scope;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts raised and not yet cleared, by key, in the order they were raised; raising and
 * clearing send the alert out. Written to a snapshot as its entries in that order.
 */
final class ActiveAlerts {
  private final MonitorState state;
  private final MonitorOutput output;
  private final Map<String, Alert> active = new LinkedHashMap<>();

  ActiveAlerts(MonitorState state, MonitorOutput output) {
    this.state = state;
    this.output = output;
  }

  /** The alerts raised and not cleared, oldest first. */
  List<Alert> list() {
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
        new Alert(state.now(), level, code, scope, true, message, value, threshold, action);
    active.put(key, alert);
    output.onAlert(alert);
  }

  /**
   * Sends {@code alert} as the one under {@code key}, in place of any before it: kept active when
   * {@code keep}, else only sent (a level back to normal).
   */
  void replace(String key, Alert alert, boolean keep) {
    active.remove(key);
    if (keep) {
      active.put(key, alert);
    }
    output.onAlert(alert);
  }

  /** Clears the alert raised under {@code key}, if any; {@code why} (or null) ends the message. */
  void clear(String key, double value, double threshold, String why) {
    final Alert raised = active.remove(key);
    if (raised == null) {
      return;
    }
    output.onAlert(
        new Alert(
            state.now(),
            Alert.Level.INFO,
            raised.code(),
            raised.scope(),
            false,
            "cleared: " + raised.message() + (why == null ? "" : "; " + why),
            value,
            threshold,
            "none"));
  }

  /** Writes the raised alerts in the order they were raised, each by its key and every field. */
  void write(SnapshotWriter out) {
    out.writeInt(active.size());
    for (Map.Entry<String, Alert> entry : active.entrySet()) {
      out.writeString(entry.getKey());
      writeAlert(out, entry.getValue());
    }
  }

  /** Replaces the alerts with what {@link #write} wrote. */
  void read(SnapshotReader in) {
    final int alerts = in.readCount(2);
    active.clear();
    for (int i = 0; i < alerts; i++) {
      final String key = in.readStringNonNull("alert key");
      if (active.put(key, readAlert(in)) != null) {
        throw in.invalid("alert " + key + " written twice");
      }
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
