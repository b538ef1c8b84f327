package io.riskgate.server.fix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;

/**
 * A FIX 4.4 client session (a QuickFIX/J initiator) that keeps every application message it
 * receives, for the gateway's tests, the latency benchmark and the demo's FIX strategies. Its store
 * is in memory: it lives as long as the object, across the reconnections of its session.
 */
public final class FixClient implements AutoCloseable {
  private final SocketInitiator initiator;
  private final SessionID session;
  private final List<Message> received = new ArrayList<>();
  private final List<Consumer<Message>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean loggedOn;
  private volatile boolean keep = true;
  private int logons;

  private FixClient(String sender, String target, String host, int port) throws ConfigError {
    final SessionSettings settings = FixSessions.settings(Path.of("."));
    this.session = FixSessions.initiator(settings, sender, target, host, port);
    this.initiator =
        new SocketInitiator(
            new Receiver(),
            new MemoryStoreFactory(),
            settings,
            QuietLog.INSTANCE,
            new DefaultMessageFactory());
  }

  /** Starts a session from {@code sender} to {@code target} at {@code host:port}. */
  public static FixClient connect(String sender, String target, String host, int port) {
    try {
      final FixClient client = new FixClient(sender, target, host, port);
      client.initiator.start();
      return client;
    } catch (ConfigError e) {
      throw new IllegalStateException("FIX client settings: " + e.getMessage(), e);
    }
  }

  /** This session's id (our comp id as sender). */
  public SessionID sessionId() {
    return session;
  }

  /** Whether the session is logged on now. */
  public boolean loggedOn() {
    return loggedOn;
  }

  /** Waits until the session logged on at least {@code count} times in all. */
  public void awaitLogons(int count, Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (logons < count || !loggedOn) {
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "session "
                  + session
                  + " did not log on within "
                  + timeout
                  + " (logons: "
                  + logons
                  + ")");
        }
        received.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Waits until the session is logged on. */
  public void awaitLogon(Duration timeout) throws InterruptedException {
    awaitLogons(1, timeout);
  }

  /** Waits until the session is logged off (after a logout or a dropped connection). */
  public void awaitLogout(Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (loggedOn) {
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("session " + session + " still logged on");
        }
        received.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Sends an application message; false when the session is not logged on. */
  public boolean send(Message message) {
    try {
      return Session.sendToTarget(message, session);
    } catch (SessionNotFound e) {
      throw new IllegalStateException(e);
    }
  }

  /** Calls {@code listener} with each application message as it arrives (receiving thread). */
  public void onMessage(Consumer<Message> listener) {
    listeners.add(listener);
  }

  /**
   * Stops keeping the messages received (listeners still get each one): for a session that runs for
   * hours, such as a demo strategy's. {@link #received} and {@link #await} see only what was kept
   * before.
   */
  public void keepNothing() {
    keep = false;
    synchronized (received) {
      received.clear();
    }
  }

  /** Every application message received so far, in order. */
  public List<Message> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /**
   * The first application message received (from the start) that matches, waiting for it up to
   * {@code timeout}.
   *
   * @throws IllegalStateException when none arrived in time, listing what did
   */
  public Message await(Predicate<Message> match, Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      int seen = 0;
      while (true) {
        for (; seen < received.size(); seen++) {
          if (match.test(received.get(seen))) {
            return received.get(seen);
          }
        }
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "no matching message within " + timeout + "; received: " + received);
        }
        received.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Messages received that match. */
  public List<Message> all(Predicate<Message> match) {
    synchronized (received) {
      return received.stream().filter(match).toList();
    }
  }

  /** Drops the TCP connection without a Logout, as a crashed client would. */
  public void drop() {
    final Session s = Session.lookupSession(session);
    if (s != null) {
      try {
        s.disconnect("dropped by the test", true);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Logs out and stops the session. */
  @Override
  public void close() {
    initiator.stop(true);
  }

  /** Message type of a message (header tag 35). */
  public static String type(Message message) {
    try {
      return message.getHeader().getString(MsgType.FIELD);
    } catch (FieldNotFound e) {
      return "";
    }
  }

  /** A field as text, or null when absent. */
  public static String field(Message message, int tag) {
    return message.isSetField(tag) ? getOrNull(message, tag) : null;
  }

  private static String getOrNull(Message message, int tag) {
    try {
      return message.getString(tag);
    } catch (FieldNotFound e) {
      return null;
    }
  }

  private final class Receiver implements Application {
    @Override
    public void onCreate(SessionID sessionId) {}

    @Override
    public void onLogon(SessionID sessionId) {
      synchronized (received) {
        loggedOn = true;
        logons++;
        received.notifyAll();
      }
    }

    @Override
    public void onLogout(SessionID sessionId) {
      synchronized (received) {
        loggedOn = false;
        received.notifyAll();
      }
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {}

    @Override
    public void fromAdmin(Message message, SessionID sessionId) {}

    @Override
    public void toApp(Message message, SessionID sessionId) {}

    @Override
    public void fromApp(Message message, SessionID sessionId) {
      for (Consumer<Message> l : listeners) {
        l.accept(message);
      }
      if (keep) {
        synchronized (received) {
          received.add(message);
          received.notifyAll();
        }
      }
    }
  }
}
