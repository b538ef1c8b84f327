package io.riskgate.server.fix;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.MessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.field.BusinessRejectReason;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.fix44.BusinessMessageReject;

/**
 * A simulated FIX 4.4 venue (a QuickFIX/J acceptor taking any counterparty's comp id): it
 * acknowledges orders, fills them, cancels, replaces, cancels en masse (35=q), and can be told to
 * reject, bust, correct or expire, for the gateway's tests, the benchmark and {@code riskgate
 * venue}.
 *
 * <p>Fill modes: {@link FillMode#IMMEDIATE} fills a limit order in full at its price as soon as it
 * is acknowledged (a market order at the symbol's price); {@link FillMode#BOOK} keeps orders
 * resting until the symbol's price crosses them (a buy at or above the price, a sell at or below),
 * then fills at the price. The price of a symbol is set with {@link #price} or, when a price path
 * runs ({@code pathMillis > 0}), moves on a slow sine of ±1% around the first price seen.
 *
 * <p>Controls in an order's Text (58): {@code venue:reject} (refused, 35=8 150=8), {@code
 * venue:rest} (never filled by itself), {@code venue:bust} (filled then the fill busted, 150=H),
 * {@code venue:expire} (acknowledged then expired, 150=C); in a cancel/replace request's Text,
 * {@code venue:reject} refuses the replace (35=9, the order stays as it was). In process: {@link
 * #bust}, {@link #correct}, {@link #expire}, {@link #price}.
 */
public final class SimulatedVenue implements AutoCloseable {
  /** How orders are filled. */
  public enum FillMode {
    IMMEDIATE,
    BOOK;

    /** The mode of its command-line name ({@code immediate} or {@code book}). */
    public static FillMode of(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "immediate" -> IMMEDIATE;
        case "book" -> BOOK;
        default ->
            throw new IllegalArgumentException(
                "fill mode must be immediate or book, got \"" + name + "\"");
      };
    }
  }

  /** One fill the venue reported. */
  public record Execution(
      String execId, String clOrdId, String symbol, BigDecimal quantity, BigDecimal price) {}

  private final SimulatedBook book;
  private final SocketAcceptor acceptor;
  private final int port;
  private final List<Message> received = new ArrayList<>();
  private final ScheduledExecutorService path;
  private long pathTicks;

  private SimulatedVenue(String compId, int port, FillMode mode, Path directory, long pathMillis)
      throws ConfigError {
    this.book = new SimulatedBook(mode);
    this.port = port;
    final SessionSettings settings = FixSessions.settings(directory);
    final SessionID template = new SessionID(FixSessions.BEGIN_STRING, compId, "*");
    settings.setString(template, "ConnectionType", "acceptor");
    settings.setString(template, "AcceptorTemplate", "Y");
    settings.setLong(template, "SocketAcceptPort", port);
    settings.setString(template, "AllowUnknownMsgFields", "Y");
    final MessageStoreFactory stores = new FileStoreFactory(settings);
    final MessageFactory messages = new DefaultMessageFactory();
    final Application app = new Handler();
    this.acceptor = new SocketAcceptor(app, stores, settings, QuietLog.INSTANCE, messages);
    acceptor.setSessionProvider(
        new InetSocketAddress(port),
        new quickfix.mina.acceptor.DynamicAcceptorSessionProvider(
            settings, template, app, stores, QuietLog.INSTANCE, messages));
    if (pathMillis > 0) {
      this.path =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                final Thread t = new Thread(r, "venue-price-path");
                t.setDaemon(true);
                return t;
              });
      path.scheduleAtFixedRate(this::stepPath, pathMillis, pathMillis, TimeUnit.MILLISECONDS);
    } else {
      this.path = null;
    }
  }

  /**
   * Starts a venue whose comp id is {@code compId} on {@code port}, with its session stores under
   * {@code directory}.
   *
   * @param pathMillis period of the price path's steps, 0 for prices set only by {@link #price}
   */
  public static SimulatedVenue start(
      String compId, int port, FillMode mode, Path directory, long pathMillis) {
    try {
      final SimulatedVenue venue = new SimulatedVenue(compId, port, mode, directory, pathMillis);
      venue.acceptor.start();
      return venue;
    } catch (ConfigError e) {
      throw new IllegalStateException("venue settings: " + e.getMessage(), e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** Sets the price of {@code symbol} and fills the resting orders it crosses. */
  public synchronized void price(String symbol, BigDecimal price) {
    book.price(symbol, price);
  }

  /** Busts the fill {@code execId}: 150=H with ExecRefID. */
  public synchronized void bust(String execId) {
    book.bust(execId);
  }

  /** Corrects the fill {@code execId} to {@code quantity} at {@code price}: 150=G. */
  public synchronized void correct(String execId, BigDecimal quantity, BigDecimal price) {
    book.correct(execId, quantity, price);
  }

  /** Expires the open order {@code clOrdId}: 150=C. */
  public synchronized void expire(String clOrdId) {
    book.expire(clOrdId);
  }

  /** The fills reported so far (busted ones removed), in order. */
  public synchronized List<Execution> executions() {
    return book.executions();
  }

  /** ClOrdIDs of the orders open now. */
  public synchronized List<String> openOrders() {
    return book.openOrders();
  }

  /** Every application message received, in order. */
  public synchronized List<Message> received() {
    return List.copyOf(received);
  }

  /** Stops the acceptor (logging every session out) and the price path. */
  @Override
  public void close() {
    if (path != null) {
      path.shutdownNow();
    }
    acceptor.stop(true);
  }

  private synchronized void stepPath() {
    pathTicks++;
    final double factor = 1 + 0.01 * Math.sin(2 * Math.PI * pathTicks / 300.0);
    book.path(factor);
  }

  private synchronized void onMessage(Message m, SessionID session) throws FieldNotFound {
    received.add(m);
    final String type = m.getHeader().getString(MsgType.FIELD);
    switch (type) {
      case MsgType.ORDER_SINGLE -> book.newOrder(m, session);
      case MsgType.ORDER_CANCEL_REQUEST -> book.cancel(m, session);
      case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> book.replace(m, session);
      case MsgType.ORDER_MASS_CANCEL_REQUEST -> book.massCancel(m, session);
      default -> {
        final BusinessMessageReject reject =
            new BusinessMessageReject(
                new RefMsgType(type),
                new BusinessRejectReason(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
        reject.set(new RefSeqNum(m.getHeader().getInt(MsgSeqNum.FIELD)));
        SimulatedBook.send(reject, session);
      }
    }
  }

  private final class Handler implements Application {
    @Override
    public void onCreate(SessionID sessionId) {}

    @Override
    public void onLogon(SessionID sessionId) {}

    @Override
    public void onLogout(SessionID sessionId) {}

    @Override
    public void toAdmin(Message message, SessionID sessionId) {}

    @Override
    public void fromAdmin(Message message, SessionID sessionId) {}

    @Override
    public void toApp(Message message, SessionID sessionId) {}

    @Override
    public void fromApp(Message message, SessionID sessionId) throws FieldNotFound {
      onMessage(message, sessionId);
    }
  }
}
