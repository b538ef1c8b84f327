package io.riskgate.core.limit;

import io.riskgate.core.Fixed;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits attached to one scope: one fixed-point value per {@link Limit}, or {@link #UNSET}
 * where the scope does not enforce that limit. Mutable; owned by the engine.
 */
public final class LimitSet {
  /** Sentinel for "not set at this scope". */
  public static final long UNSET = Long.MIN_VALUE;

  private final long[] values = new long[Limit.all().length];

  /**
   * One bit per limit whose value is set (bit {@code ordinal}): read first, so that a look-up of a
   * limit the scope does not set never touches {@link #values}. Derived from the values, rebuilt by
   * every method that changes them; not written to snapshots.
   */
  private long setMask;

  static {
    if (Limit.all().length > Long.SIZE) {
      throw new ExceptionInInitializerError("more limits than bits in the set's mask");
    }
  }

  /** An empty set: nothing enforced. */
  public LimitSet() {
    Arrays.fill(values, UNSET);
  }

  /** The seed's account defaults (DESIGN.md section 3). */
  public static LimitSet accountDefaults() {
    final LimitSet set = new LimitSet();
    for (Limit limit : Limit.all()) {
      set.values[limit.ordinal()] = limit.accountDefault();
    }
    set.rebuildMask();
    return set;
  }

  /** The value, or {@link #UNSET}. */
  public long get(Limit limit) {
    final int i = limit.ordinal();
    return (setMask & (1L << i)) == 0 ? UNSET : values[i];
  }

  /** True when the limit is enforced at this scope. */
  public boolean has(Limit limit) {
    return (setMask & (1L << limit.ordinal())) != 0;
  }

  /** Sets (validated) or, with {@link #UNSET}, removes one limit. */
  public void set(Limit limit, long fixedValue) {
    values[limit.ordinal()] = fixedValue == UNSET ? UNSET : limit.validate(fixedValue);
    rebuildMask();
  }

  /** Copies every value of {@code other} into this set. */
  public void copyFrom(LimitSet other) {
    System.arraycopy(other.values, 0, values, 0, values.length);
    rebuildMask();
  }

  private void rebuildMask() {
    long mask = 0;
    for (int i = 0; i < values.length; i++) {
      if (values[i] != UNSET) {
        mask |= 1L << i;
      }
    }
    setMask = mask;
  }

  /** The limits that are set, by event-language name, in declaration order. */
  public Map<String, Long> toMap() {
    final Map<String, Long> map = new LinkedHashMap<>();
    for (Limit limit : Limit.all()) {
      if (has(limit)) {
        map.put(limit.wireName(), values[limit.ordinal()]);
      }
    }
    return map;
  }

  @Override
  public String toString() {
    final StringBuilder text = new StringBuilder("{");
    for (Map.Entry<String, Long> entry : toMap().entrySet()) {
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append(entry.getKey()).append('=').append(Fixed.toString(entry.getValue()));
    }
    return text.append('}').toString();
  }

  /**
   * Writes the limits that are set, each by its event-language name and value, in declaration
   * order: a limit added or reordered in a later version does not change what an old snapshot
   * means.
   */
  public void write(SnapshotWriter out) {
    int n = 0;
    for (long value : values) {
      if (value != UNSET) {
        n++;
      }
    }
    out.writeInt(n);
    for (Limit limit : Limit.all()) {
      if (has(limit)) {
        out.writeString(limit.wireName());
        out.writeLong(values[limit.ordinal()]);
      }
    }
  }

  /** Replaces every value with what {@link #write} wrote; unnamed limits become unset. */
  public void read(SnapshotReader in) {
    final int n = in.readCount(9, values.length, "limits set");
    Arrays.fill(values, UNSET);
    setMask = 0;
    for (int i = 0; i < n; i++) {
      final String name = in.readStringNonNull("limit name");
      final long value = in.readLong();
      final Limit limit;
      try {
        limit = Limit.byWireName(name);
      } catch (IllegalArgumentException e) {
        throw in.invalid("unknown limit " + name);
      }
      if (values[limit.ordinal()] != UNSET) {
        throw in.invalid("limit " + name + " written twice");
      }
      try {
        set(limit, value);
      } catch (IllegalArgumentException e) {
        throw in.invalid("limit " + name + ": " + e.getMessage());
      }
    }
  }
}
