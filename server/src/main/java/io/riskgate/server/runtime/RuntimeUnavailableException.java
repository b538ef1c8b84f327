package io.riskgate.server.runtime;

/** The runtime cannot take or answer a submission now: queue full, stopping, or journal failed. */
public final class RuntimeUnavailableException extends RuntimeException {
  public RuntimeUnavailableException(String message) {
    super(message);
  }
}
