package io.riskgate.core.check;

import io.riskgate.core.limit.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one order: approved or not, and every check that ran with its code, the measured
 * value and the limit it was held against. The audit trail and the explanation in one.
 *
 * <p>The engine reuses one instance for every check so that checking allocates nothing: read it (or
 * {@link #copy()} it) before the next event. Values and limits are in the check's own unit (money
 * in the account currency, fractions as fractions, counts as counts).
 */
public final class Decision {
  private static final int INITIAL_CAPACITY = 96;

  private long orderKey;
  private String orderId;
  private long timestampNanos;
  private boolean approved;
  private boolean riskReducing;
  private boolean amend;
  private int size;
  private static final CheckCode[] CODES = CheckCode.values();
  private static final Scope.Kind[] KINDS = Scope.Kind.values();

  // One entry per check: code (bits 0-7), passed (bit 8) and the scope's kind + 1 (bits 9-11, 0 for
  // no scope) in one int, the value and the limit side by side in one array. Primitive arrays where
  // possible: recording a check stores no object reference but the scope name and the reason, so
  // the hot path pays no garbage-collector write barrier for the rest, and few stores.
  private static final int CODE_MASK = 0xFF;
  private static final int PASSED = 1 << 8;
  private static final int KIND_SHIFT = 9;

  private int[] entries = new int[INITIAL_CAPACITY];
  private double[] amounts = new double[2 * INITIAL_CAPACITY];
  private String[] scopeNames = new String[INITIAL_CAPACITY];
  private String[] reasons = new String[INITIAL_CAPACITY];

  static {
    if (CODES.length > CODE_MASK + 1 || KINDS.length > 6) {
      throw new ExceptionInInitializerError("check codes or scope kinds beyond a decision's entry");
    }
  }

  /** Doubles the room for checks: once, when a configuration runs more checks than ever before. */
  private void grow() {
    final int capacity = entries.length * 2;
    entries = java.util.Arrays.copyOf(entries, capacity);
    amounts = java.util.Arrays.copyOf(amounts, 2 * capacity);
    scopeNames = java.util.Arrays.copyOf(scopeNames, capacity);
    reasons = java.util.Arrays.copyOf(reasons, capacity);
  }

  /** Starts a new decision; approved until a check fails. */
  public void reset(long orderKey, String orderId, long timestampNanos) {
    this.orderKey = orderKey;
    this.orderId = orderId;
    this.timestampNanos = timestampNanos;
    this.approved = true;
    this.riskReducing = false;
    this.amend = false;
    this.size = 0;
  }

  /**
   * Records one check.
   *
   * @param reason a constant explaining a failure or a special case, or null
   * @return {@code pass}, for chaining into control flow
   */
  public boolean record(
      CheckCode code,
      boolean pass,
      double value,
      double limit,
      Scope.Kind scopeKind,
      String scopeName,
      String reason) {
    final int i = size;
    if (i == entries.length) {
      grow();
    }
    entries[i] =
        code.ordinal()
            | (pass ? PASSED : 0)
            | (scopeKind == null ? 0 : (scopeKind.ordinal() + 1) << KIND_SHIFT);
    final double[] a = amounts;
    a[2 * i] = value;
    a[2 * i + 1] = limit;
    if (scopeNames[i] != scopeName) {
      scopeNames[i] = scopeName;
    }
    if (reasons[i] != reason) {
      reasons[i] = reason;
    }
    size = i + 1;
    if (!pass) {
      approved = false;
    }
    return pass;
  }

  /** Marks the decision as the answer to an amend (cancel/replace) of an open order. */
  public void setAmend(boolean amend) {
    this.amend = amend;
  }

  /** Whether this decision answers an amend rather than a new order. */
  public boolean amend() {
    return amend;
  }

  /** Marks whether the order only moves positions toward zero. */
  public void setRiskReducing(boolean reducing) {
    this.riskReducing = reducing;
  }

  public long orderKey() {
    return orderKey;
  }

  public String orderId() {
    return orderId;
  }

  public long timestampNanos() {
    return timestampNanos;
  }

  public boolean approved() {
    return approved;
  }

  public boolean riskReducing() {
    return riskReducing;
  }

  /** Number of checks recorded. */
  public int size() {
    return size;
  }

  public CheckCode code(int i) {
    return CODES[entries[i] & CODE_MASK];
  }

  public boolean passed(int i) {
    return (entries[i] & PASSED) != 0;
  }

  public double value(int i) {
    return amounts[2 * i];
  }

  public double limit(int i) {
    return amounts[2 * i + 1];
  }

  /** The scope whose limit the check used, or null when the check has no scope. */
  public Scope.Kind scopeKind(int i) {
    final int kind = entries[i] >>> KIND_SHIFT;
    return kind == 0 ? null : KINDS[kind - 1];
  }

  public String scopeName(int i) {
    return scopeNames[i];
  }

  /** A short explanation (why a check failed or was special), or null. */
  public String reason(int i) {
    return reasons[i];
  }

  /** The first failed check's code, or null when approved. */
  public CheckCode firstFailure() {
    for (int i = 0; i < size; i++) {
      if (!passed(i)) {
        return code(i);
      }
    }
    return null;
  }

  /** True when a check of that code ran and failed. */
  public boolean failed(CheckCode code) {
    for (int i = 0; i < size; i++) {
      if ((entries[i] & CODE_MASK) == code.ordinal() && !passed(i)) {
        return true;
      }
    }
    return false;
  }

  /** True when a check of that code ran. */
  public boolean ran(CheckCode code) {
    for (int i = 0; i < size; i++) {
      if ((entries[i] & CODE_MASK) == code.ordinal()) {
        return true;
      }
    }
    return false;
  }

  /** One check as a value, for reports and tests (allocates). */
  public record Check(
      CheckCode code, boolean passed, double value, double limit, String scope, String reason) {}

  /** All checks as values (allocates; not for the hot path). */
  public List<Check> checks() {
    final List<Check> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(
          new Check(
              code(i),
              passed(i),
              value(i),
              limit(i),
              scopeText(scopeKind(i), scopeNames[i]),
              reasons[i]));
    }
    return list;
  }

  private static String scopeText(Scope.Kind kind, String name) {
    if (kind == null) {
      return null;
    }
    return kind == Scope.Kind.FIRM
        ? "firm"
        : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
  }

  /** A detached copy that later checks do not change. */
  public Decision copy() {
    final Decision copy = new Decision();
    copy.reset(orderKey, orderId, timestampNanos);
    copy.riskReducing = riskReducing;
    copy.amend = amend;
    for (int i = 0; i < size; i++) {
      copy.record(code(i), passed(i), value(i), limit(i), scopeKind(i), scopeNames[i], reasons[i]);
    }
    return copy;
  }
}
