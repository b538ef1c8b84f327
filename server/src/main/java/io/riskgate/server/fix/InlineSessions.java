package io.riskgate.server.fix;

import java.io.IOException;
import java.util.Collection;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.LogFactory;
import quickfix.LogUtil;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.RuntimeError;
import quickfix.Session;
import quickfix.SessionSettings;
import quickfix.mina.EventHandlingStrategy;
import quickfix.mina.SessionConnector;
import quickfix.mina.acceptor.AbstractSocketAcceptor;
import quickfix.mina.initiator.AbstractSocketInitiator;

/**
 * QuickFIX/J connectors that hand each message to its session on the socket's own I/O thread.
 *
 * <p>QuickFIX/J's {@code SocketAcceptor} and {@code SocketInitiator} put every decoded message on a
 * queue for one "message processor" thread: one more thread to wake per message, twice per order on
 * the gateway's path (the client's order in, the venue's report in), which on a machine with few
 * cores costs more than the work itself. The gateway's callbacks never block (an order is handed to
 * the engine's ring buffer; a report is mapped and sent on), so they can run where the message was
 * read. A session's messages still arrive in order (one connection, one I/O thread), and timers
 * (heartbeats, logon timeouts) run on QuickFIX/J's timer thread as with the queued connectors.
 */
final class InlineSessions {
  private InlineSessions() {}

  /** Closes each session's store and log and forgets it, as the queued connectors do on stop. */
  private static void closeAll(Collection<Session> sessions) {
    for (Session s : sessions) {
      try {
        s.close();
      } catch (IOException e) {
        LogUtil.logThrowable(s.getSessionID(), "closing the session's store failed", e);
      }
    }
  }

  /** Processes each message on the thread that decoded it. */
  private static final class Inline implements EventHandlingStrategy {
    private final SessionConnector connector;

    Inline(SessionConnector connector) {
      this.connector = connector;
    }

    @Override
    public void onMessage(Session session, Message message) {
      try {
        session.next(message);
      } catch (Throwable e) {
        LogUtil.logThrowable(session.getSessionID(), e.getMessage(), e);
      }
    }

    @Override
    public SessionConnector getSessionConnector() {
      return connector;
    }

    @Override
    public int getQueueSize() {
      return 0;
    }

    @Override
    public int getQueueSize(quickfix.SessionID sessionID) {
      return 0;
    }
  }

  /** An acceptor whose sessions process messages on the sockets' I/O threads. */
  static final class Acceptor extends AbstractSocketAcceptor {
    private final Inline strategy = new Inline(this);
    private boolean started;

    Acceptor(
        Application app,
        MessageStoreFactory stores,
        SessionSettings settings,
        LogFactory logs,
        MessageFactory messages)
        throws ConfigError {
      super(app, stores, settings, logs, messages);
    }

    @Override
    public synchronized void start() throws ConfigError, RuntimeError {
      if (!started) {
        started = true;
        startAcceptingConnections();
      }
    }

    @Override
    public synchronized void stop(boolean force) {
      if (!started) {
        return;
      }
      started = false;
      try {
        logoutAllSessions(force);
        stopAcceptingConnections();
        stopSessionTimer();
      } finally {
        closeAll(getSessionMap().values());
        clearConnectorSessions();
      }
    }

    @Override
    protected EventHandlingStrategy getEventHandlingStrategy() {
      return strategy;
    }
  }

  /** An initiator whose sessions process messages on the sockets' I/O threads. */
  static final class Initiator extends AbstractSocketInitiator {
    private final Inline strategy = new Inline(this);
    private boolean started;

    Initiator(
        Application app,
        MessageStoreFactory stores,
        SessionSettings settings,
        LogFactory logs,
        MessageFactory messages)
        throws ConfigError {
      super(app, stores, settings, logs, messages);
    }

    @Override
    public synchronized void start() throws ConfigError, RuntimeError {
      if (!started) {
        started = true;
        createSessionInitiators();
        startInitiators();
      }
    }

    @Override
    public synchronized void stop(boolean force) {
      if (!started) {
        return;
      }
      started = false;
      try {
        logoutAllSessions(force);
        stopInitiators();
      } finally {
        closeAll(getSessionMap().values());
        clearConnectorSessions();
      }
    }

    @Override
    protected EventHandlingStrategy getEventHandlingStrategy() {
      return strategy;
    }
  }
}
