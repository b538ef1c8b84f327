package io.riskgate.server.journal;

/**
 * The journal cannot take or confirm records: it is closed, or its writer failed on an I/O error.
 *
 * <p>Callers treat it as "not journaled" and fail closed: whatever waited on the record is refused.
 */
public final class JournalUnavailableException extends RuntimeException {
  /** Unavailable for {@code reason}, caused by {@code cause} (may be null). */
  public JournalUnavailableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
