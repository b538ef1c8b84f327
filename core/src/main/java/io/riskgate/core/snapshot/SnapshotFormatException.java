package io.riskgate.core.snapshot;

/**
 * A snapshot that cannot be read: damaged, cut short, of a format or section version this code does
 * not read, or holding values that do not fit together. The caller falls back to replaying the
 * journal; the message says what was found.
 */
public final class SnapshotFormatException extends IllegalArgumentException {
  public SnapshotFormatException(String message) {
    super(message);
  }
}
