package io.riskgate.core.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit digest of the engine's state, fed field by field in a fixed order. Two engines that
 * applied the same events in the same order have the same digest; any difference in a position, a
 * total or a state shows.
 */
public final class StateHasher {
  private long hash = 0x6A09E667F3BCC908L;

  public void add(long value) {
    long h = hash ^ value;
    h *= 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    hash = h ^ (h >>> 32);
  }

  public void add(int value) {
    add((long) value);
  }

  public void add(boolean value) {
    add(value ? 1L : 0L);
  }

  public void add(double value) {
    add(Double.doubleToLongBits(value));
  }

  public void add(String value) {
    if (value == null) {
      add(-1L);
      return;
    }
    final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    add(bytes.length);
    for (byte b : bytes) {
      add((long) b);
    }
  }

  /** Adds bytes, eight at a time (big-endian), then the rest one by one, then their count. */
  public void add(byte[] bytes) {
    int i = 0;
    for (; i + 8 <= bytes.length; i += 8) {
      long word = 0;
      for (int k = 0; k < 8; k++) {
        word = (word << 8) | (bytes[i + k] & 0xFF);
      }
      add(word);
    }
    for (; i < bytes.length; i++) {
      add((long) bytes[i]);
    }
    add(bytes.length);
  }

  public long value() {
    return hash;
  }
}
