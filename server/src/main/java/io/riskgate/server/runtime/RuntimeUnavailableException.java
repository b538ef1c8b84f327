package io.riskgate.server.runtime;

/**
 * The runtime cannot take or answer a submission now: queue full, stopping, journal failed, or this
 * node is a standby (then {@link #leaderUrl()} names the leader, when known).
 */
public final class RuntimeUnavailableException extends RuntimeException {
  private final String leaderUrl;

  public RuntimeUnavailableException(String message) {
    this(message, null);
  }

  public RuntimeUnavailableException(String message, String leaderUrl) {
    super(message);
    this.leaderUrl = leaderUrl;
  }

  /** The URL of the node that takes writes, when this one does not and knows it; else null. */
  public String leaderUrl() {
    return leaderUrl;
  }
}
