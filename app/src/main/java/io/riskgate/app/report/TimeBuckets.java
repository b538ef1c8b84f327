package io.riskgate.app.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time series sampled by event time into at most {@code capacity} equal buckets, so a chart of ten
 * million events stays a few thousand points. Named after its buckets: when time runs past the last
 * one, neighbouring buckets merge in pairs and the bucket width doubles, so the whole replay always
 * fits however long it spans.
 *
 * <p>Each series keeps one value per bucket by its own rule ({@link Mode}): the last value seen (a
 * level such as equity), the largest (a drawdown) or the sum (a count of rejections). Empty buckets
 * are NaN for levels and maxima, 0 for sums.
 */
public final class TimeBuckets {

  /** How a series keeps one value per bucket. */
  public enum Mode {
    LAST,
    MAX,
    SUM
  }

  private final int capacity;
  private long startNanos = Long.MIN_VALUE;
  private long widthNanos;
  private int used;
  private final Map<String, Integer> index = new LinkedHashMap<>();
  private final List<Mode> modes = new ArrayList<>();
  private double[][] values = new double[0][];

  /**
   * @param capacity most buckets kept, even, at least 2
   * @param initialWidthNanos width of a bucket before any merge, positive
   */
  public TimeBuckets(int capacity, long initialWidthNanos) {
    if (capacity < 2 || capacity % 2 != 0) {
      throw new IllegalArgumentException("capacity must be even and at least 2, got " + capacity);
    }
    if (initialWidthNanos <= 0) {
      throw new IllegalArgumentException(
          "bucket width must be positive, got " + initialWidthNanos + " ns");
    }
    this.capacity = capacity;
    this.widthNanos = initialWidthNanos;
  }

  /** The id of a series, created empty on first use. */
  public int series(String name, Mode mode) {
    final Integer existing = index.get(name);
    if (existing != null) {
      if (modes.get(existing) != mode) {
        throw new IllegalArgumentException("series " + name + " already exists as " + mode);
      }
      return existing;
    }
    final int id = modes.size();
    modes.add(mode);
    index.put(name, id);
    values = Arrays.copyOf(values, id + 1);
    values[id] = new double[capacity];
    Arrays.fill(values[id], mode == Mode.SUM ? 0 : Double.NaN);
    return id;
  }

  /** Records a value of series {@code id} at event time {@code timestampNanos}. */
  public void record(int id, long timestampNanos, double value) {
    final int bucket = bucket(timestampNanos);
    final double[] v = values[id];
    switch (modes.get(id)) {
      case LAST -> v[bucket] = value;
      case MAX -> v[bucket] = Double.isNaN(v[bucket]) ? value : Math.max(v[bucket], value);
      case SUM -> v[bucket] += value;
    }
  }

  private int bucket(long timestampNanos) {
    if (startNanos == Long.MIN_VALUE) {
      startNanos = timestampNanos;
    }
    // Out-of-order times cannot reach here (the engine refuses them); clamp defensively to 0.
    final long offset = Math.max(0, timestampNanos - startNanos);
    while (offset / widthNanos >= capacity) {
      mergePairs();
    }
    final int bucket = (int) (offset / widthNanos);
    used = Math.max(used, bucket + 1);
    return bucket;
  }

  private void mergePairs() {
    for (int s = 0; s < values.length; s++) {
      final double[] v = values[s];
      final Mode mode = modes.get(s);
      for (int i = 0; i < capacity / 2; i++) {
        final double a = v[2 * i];
        final double b = v[2 * i + 1];
        v[i] =
            switch (mode) {
              case LAST -> Double.isNaN(b) ? a : b;
              case MAX -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
              case SUM -> a + b;
            };
      }
      Arrays.fill(v, capacity / 2, capacity, mode == Mode.SUM ? 0 : Double.NaN);
    }
    used = (used + 1) / 2;
    widthNanos *= 2;
  }

  /** Names of the series, in creation order. */
  public List<String> names() {
    return List.copyOf(index.keySet());
  }

  /** Id of a named series, or −1. */
  public int id(String name) {
    return index.getOrDefault(name, -1);
  }

  /** Buckets in use: from the first recorded time to the latest. */
  public int size() {
    return used;
  }

  /** Start time of bucket {@code i}, ns since the epoch. */
  public long bucketStartNanos(int i) {
    return startNanos + i * widthNanos;
  }

  /** Current width of a bucket, ns. */
  public long widthNanos() {
    return widthNanos;
  }

  /** The value of series {@code id} in bucket {@code i} (NaN: nothing recorded for a level). */
  public double value(int id, int i) {
    return values[id][i];
  }
}
