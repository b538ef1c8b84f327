package io.riskgate.server.audit;

/** The audit store cannot be opened, migrated or used; the message names the store. */
public final class AuditStoreException extends Exception {
  public AuditStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public AuditStoreException(String message) {
    super(message);
  }
}
