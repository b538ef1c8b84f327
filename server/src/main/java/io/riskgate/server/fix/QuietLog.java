package io.riskgate.server.fix;

import java.util.function.Consumer;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * A QuickFIX/J log that keeps no messages (without a factory QuickFIX/J prints every message to the
 * console). The test client and the simulated venue keep nothing; the gateway, unless its message
 * log is on, passes a session's error events (a rejected logon, a garbled message, a failed resend)
 * to the server's log, one line each.
 */
final class QuietLog implements LogFactory {
  static final QuietLog INSTANCE = new QuietLog(null);

  private final Consumer<String> errors;

  private QuietLog(Consumer<String> errors) {
    this.errors = errors;
  }

  /** A factory of logs that keep no messages and report error events to {@code log}. */
  static QuietLog errorsTo(Consumer<String> log) {
    return new QuietLog(log);
  }

  @Override
  public Log create(SessionID sessionID) {
    return new Log() {
      @Override
      public void clear() {}

      @Override
      public void onIncoming(String message) {}

      @Override
      public void onOutgoing(String message) {}

      @Override
      public void onEvent(String text) {}

      @Override
      public void onErrorEvent(String text) {
        if (errors != null) {
          errors.accept("warning: FIX session " + sessionID + ": " + text);
        }
      }
    };
  }
}
