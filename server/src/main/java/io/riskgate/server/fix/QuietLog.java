package io.riskgate.server.fix;

import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * A QuickFIX/J log that keeps nothing, for the test client and the simulated venue (without a
 * factory QuickFIX/J prints every message to the console). The gateway keeps file logs.
 */
final class QuietLog implements Log, LogFactory {
  static final QuietLog INSTANCE = new QuietLog();

  @Override
  public Log create(SessionID sessionID) {
    return this;
  }

  @Override
  public void clear() {}

  @Override
  public void onIncoming(String message) {}

  @Override
  public void onOutgoing(String message) {}

  @Override
  public void onEvent(String text) {}

  @Override
  public void onErrorEvent(String text) {}
}
