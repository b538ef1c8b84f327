package io.riskgate.server.fix;

import java.nio.file.Path;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * Builds QuickFIX/J session settings in code: FIX 4.4 with its data dictionary, sessions that never
 * end (no daily schedule: the operator stops them), a file store (sequence numbers and sent
 * messages survive a restart) and file logs in a directory of the caller's.
 */
final class FixSessions {
  static final String BEGIN_STRING = "FIX.4.4";

  private FixSessions() {}

  /** Settings whose sessions keep their stores and logs under {@code directory}. */
  static SessionSettings settings(Path directory) {
    final SessionSettings settings = new SessionSettings();
    settings.setString("FileStorePath", directory.resolve("store").toString());
    settings.setString("FileLogPath", directory.resolve("log").toString());
    settings.setString("FileIncludeMilliseconds", "Y");
    settings.setString("FileIncludeTimeStampForMessages", "Y");
    settings.setString("FileLogHeartbeats", "N");
    settings.setString("NonStopSession", "Y");
    settings.setString("UseDataDictionary", "Y");
    settings.setString("DataDictionary", "FIX44.xml");
    settings.setString("ValidateUserDefinedFields", "N");
    settings.setString("ResetOnLogon", "N");
    settings.setString("ResetOnLogout", "N");
    settings.setString("ResetOnDisconnect", "N");
    settings.setString("PersistMessages", "Y");
    settings.setString("SocketTcpNoDelay", "Y");
    settings.setString("SocketReuseAddress", "Y");
    return settings;
  }

  /** An acceptor session on {@code port}, as {@code sender} (us) talking to {@code target}. */
  static SessionID acceptor(
      SessionSettings settings, String sender, String target, String host, int port) {
    final SessionID id = new SessionID(BEGIN_STRING, sender, target);
    settings.setString(id, "ConnectionType", "acceptor");
    settings.setString(id, "SocketAcceptAddress", host);
    settings.setLong(id, "SocketAcceptPort", port);
    return id;
  }

  /** An initiator session to {@code host:port}, reconnecting every second while down. */
  static SessionID initiator(
      SessionSettings settings, String sender, String target, String host, int port) {
    final SessionID id = new SessionID(BEGIN_STRING, sender, target);
    settings.setString(id, "ConnectionType", "initiator");
    settings.setString(id, "SocketConnectHost", host);
    settings.setLong(id, "SocketConnectPort", port);
    settings.setLong(id, "HeartBtInt", FixSettings.HEARTBEAT_SECONDS);
    settings.setLong(id, "ReconnectInterval", 1);
    return id;
  }
}
