package io.riskgate.server.fix;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.field.Account;
import quickfix.field.AvgPx;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecRefID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.LeavesQty;
import quickfix.field.MassCancelRequestType;
import quickfix.field.MassCancelResponse;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TotalAffectedOrders;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.OrderMassCancelReport;

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

  private static final class SimOrder {
    final SessionID session;
    final String orderId;
    final String symbol;
    final char side;
    final char ordType;
    final String account;
    final String text;
    String clOrdId;
    BigDecimal quantity;
    BigDecimal price;
    BigDecimal cum = BigDecimal.ZERO;
    BigDecimal notional = BigDecimal.ZERO;
    boolean open = true;

    SimOrder(SessionID session, String orderId, Message m) throws FieldNotFound {
      this.session = session;
      this.orderId = orderId;
      this.clOrdId = m.getString(ClOrdID.FIELD);
      this.symbol = m.getString(Symbol.FIELD);
      this.side = m.getChar(Side.FIELD);
      this.ordType = m.getChar(OrdType.FIELD);
      this.quantity = m.getDecimal(OrderQty.FIELD);
      this.price = m.isSetField(Price.FIELD) ? m.getDecimal(Price.FIELD) : null;
      this.account = m.isSetField(Account.FIELD) ? m.getString(Account.FIELD) : null;
      this.text = m.isSetField(Text.FIELD) ? m.getString(Text.FIELD) : "";
    }

    BigDecimal leaves() {
      return open ? quantity.subtract(cum).max(BigDecimal.ZERO) : BigDecimal.ZERO;
    }

    BigDecimal average() {
      return cum.signum() == 0 ? BigDecimal.ZERO : notional.divide(cum, MathContext.DECIMAL64);
    }
  }

  private final FillMode mode;
  private final SocketAcceptor acceptor;
  private final int port;
  private final Map<String, SimOrder> orders = new HashMap<>();
  private final Map<String, BigDecimal> prices = new HashMap<>();
  private final Map<String, BigDecimal> pathStart = new HashMap<>();
  private final Map<String, Execution> executions = new LinkedHashMap<>();
  private final List<Message> received = new ArrayList<>();
  private final ScheduledExecutorService path;
  private long nextOrder;
  private long nextExec;
  private long pathTicks;

  private SimulatedVenue(String compId, int port, FillMode mode, Path directory, long pathMillis)
      throws ConfigError {
    this.mode = mode;
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
    prices.put(symbol, price);
    pathStart.putIfAbsent(symbol, price);
    for (SimOrder o : List.copyOf(orders.values())) {
      if (o.open && o.symbol.equals(symbol) && !o.text.contains("venue:rest")) {
        match(o);
      }
    }
  }

  /** Busts the fill {@code execId}: 150=H with ExecRefID. */
  public synchronized void bust(String execId) {
    final Execution e = executions.remove(execId);
    if (e == null) {
      throw new IllegalArgumentException("no fill " + execId);
    }
    final SimOrder o = orders.get(e.clOrdId());
    o.cum = o.cum.subtract(e.quantity());
    o.notional = o.notional.subtract(e.quantity().multiply(e.price()));
    final ExecutionReport r = report(o, ExecType.TRADE_CANCEL, status(o));
    r.set(new ExecRefID(execId));
    r.setDecimal(LastQty.FIELD, e.quantity());
    r.setDecimal(LastPx.FIELD, e.price());
    send(r, o.session);
  }

  /** Corrects the fill {@code execId} to {@code quantity} at {@code price}: 150=G. */
  public synchronized void correct(String execId, BigDecimal quantity, BigDecimal price) {
    final Execution e = executions.get(execId);
    if (e == null) {
      throw new IllegalArgumentException("no fill " + execId);
    }
    final SimOrder o = orders.get(e.clOrdId());
    o.cum = o.cum.subtract(e.quantity()).add(quantity);
    o.notional =
        o.notional.subtract(e.quantity().multiply(e.price())).add(quantity.multiply(price));
    executions.put(execId, new Execution(execId, e.clOrdId(), e.symbol(), quantity, price));
    final ExecutionReport r = report(o, ExecType.TRADE_CORRECT, status(o));
    r.set(new ExecRefID(execId));
    r.setDecimal(LastQty.FIELD, quantity);
    r.setDecimal(LastPx.FIELD, price);
    send(r, o.session);
  }

  /** Expires the open order {@code clOrdId}: 150=C. */
  public synchronized void expire(String clOrdId) {
    final SimOrder o = orders.get(clOrdId);
    if (o == null || !o.open) {
      throw new IllegalArgumentException("no open order " + clOrdId);
    }
    o.open = false;
    send(report(o, ExecType.EXPIRED, OrdStatus.EXPIRED), o.session);
  }

  /** The fills reported so far (busted ones removed), in order. */
  public synchronized List<Execution> executions() {
    return List.copyOf(executions.values());
  }

  /** ClOrdIDs of the orders open now. */
  public synchronized List<String> openOrders() {
    return orders.values().stream()
        .filter(o -> o.open)
        .map(o -> o.clOrdId)
        .distinct()
        .sorted()
        .toList();
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
    for (Map.Entry<String, BigDecimal> e : pathStart.entrySet()) {
      final BigDecimal next =
          e.getValue()
              .multiply(BigDecimal.valueOf(factor))
              .setScale(2, java.math.RoundingMode.HALF_UP);
      price(e.getKey(), next);
    }
  }

  private synchronized void onMessage(Message m, SessionID session) throws FieldNotFound {
    received.add(m);
    final String type = m.getHeader().getString(MsgType.FIELD);
    switch (type) {
      case MsgType.ORDER_SINGLE -> newOrder(m, session);
      case MsgType.ORDER_CANCEL_REQUEST -> cancel(m, session);
      case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> replace(m, session);
      case MsgType.ORDER_MASS_CANCEL_REQUEST -> massCancel(m, session);
      default -> {
        final BusinessMessageReject reject =
            new BusinessMessageReject(
                new RefMsgType(type),
                new BusinessRejectReason(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
        reject.set(new RefSeqNum(m.getHeader().getInt(MsgSeqNum.FIELD)));
        send(reject, session);
      }
    }
  }

  private static String key(SessionID session, String clOrdId) {
    return session.getTargetCompID() + "|" + clOrdId;
  }

  private void newOrder(Message m, SessionID session) throws FieldNotFound {
    final SimOrder o = new SimOrder(session, "V" + (++nextOrder), m);
    if (orders.containsKey(key(session, o.clOrdId))) {
      o.open = false;
      final ExecutionReport r = report(o, ExecType.REJECTED, OrdStatus.REJECTED);
      r.set(new OrdRejReason(OrdRejReason.DUPLICATE_ORDER));
      r.set(new Text("duplicate ClOrdID " + o.clOrdId));
      send(r, session);
      return;
    }
    if (o.text.contains("venue:reject")
        || (o.ordType == OrdType.MARKET && !prices.containsKey(o.symbol))) {
      o.open = false;
      final ExecutionReport r = report(o, ExecType.REJECTED, OrdStatus.REJECTED);
      r.set(new OrdRejReason(OrdRejReason.OTHER));
      r.set(
          new Text(
              o.text.contains("venue:reject")
                  ? "rejected by the venue on request"
                  : "no price for " + o.symbol + " to fill a market order"));
      send(r, session);
      return;
    }
    orders.put(key(session, o.clOrdId), o);
    if (o.price != null) {
      pathStart.putIfAbsent(o.symbol, o.price);
    }
    send(report(o, ExecType.NEW, OrdStatus.NEW), session);
    if (o.text.contains("venue:expire")) {
      o.open = false;
      send(report(o, ExecType.EXPIRED, OrdStatus.EXPIRED), session);
      return;
    }
    if (o.text.contains("venue:rest")) {
      return;
    }
    if (mode == FillMode.IMMEDIATE) {
      final BigDecimal px = o.price != null ? o.price : prices.get(o.symbol);
      fill(o, o.leaves(), px);
    } else {
      match(o);
    }
    if (o.text.contains("venue:bust") && !executions.isEmpty()) {
      String last = null;
      for (Execution e : executions.values()) {
        if (e.clOrdId().equals(key(session, o.clOrdId))) {
          last = e.execId();
        }
      }
      if (last != null) {
        bust(last);
      }
    }
  }

  private void match(SimOrder o) {
    final BigDecimal px = prices.get(o.symbol);
    if (px == null || o.leaves().signum() <= 0) {
      return;
    }
    final boolean crosses =
        o.price == null
            || (o.side == Side.BUY ? o.price.compareTo(px) >= 0 : o.price.compareTo(px) <= 0);
    if (crosses) {
      fill(o, o.leaves(), px);
    }
  }

  private void fill(SimOrder o, BigDecimal quantity, BigDecimal px) {
    o.cum = o.cum.add(quantity);
    o.notional = o.notional.add(quantity.multiply(px));
    final String execId = "X" + (++nextExec);
    executions.put(
        execId, new Execution(execId, key(o.session, o.clOrdId), o.symbol, quantity, px));
    final ExecutionReport r =
        report(
            o,
            execId,
            ExecType.TRADE,
            o.cum.compareTo(o.quantity) >= 0 ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED);
    r.setDecimal(LastQty.FIELD, quantity);
    r.setDecimal(LastPx.FIELD, px);
    if (o.cum.compareTo(o.quantity) >= 0) {
      o.open = false;
    }
    send(r, o.session);
  }

  private void cancel(Message m, SessionID session) throws FieldNotFound {
    final String orig = m.getString(OrigClOrdID.FIELD);
    final String clOrdId = m.getString(ClOrdID.FIELD);
    final SimOrder o = orders.get(key(session, orig));
    if (o == null || !o.open) {
      cancelReject(session, clOrdId, orig, CxlRejResponseTo.ORDER_CANCEL_REQUEST, o);
      return;
    }
    o.open = false;
    o.clOrdId = clOrdId;
    orders.put(key(session, clOrdId), o);
    final ExecutionReport r = report(o, ExecType.CANCELED, OrdStatus.CANCELED);
    r.set(new OrigClOrdID(orig));
    send(r, session);
  }

  private void replace(Message m, SessionID session) throws FieldNotFound {
    final String orig = m.getString(OrigClOrdID.FIELD);
    final String clOrdId = m.getString(ClOrdID.FIELD);
    final SimOrder o = orders.get(key(session, orig));
    if (o == null || !o.open) {
      cancelReject(session, clOrdId, orig, CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST, o);
      return;
    }
    if (m.isSetField(Text.FIELD) && m.getString(Text.FIELD).contains("venue:reject")) {
      send(
          ExecutionReports.cancelReject(
              o.orderId,
              clOrdId,
              orig,
              status(o),
              CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST,
              CxlRejReason.OTHER,
              "replace of " + orig + " rejected by the venue on request"),
          session);
      return;
    }
    if (m.isSetField(OrderQty.FIELD)) {
      o.quantity = m.getDecimal(OrderQty.FIELD);
    }
    if (m.isSetField(Price.FIELD)) {
      o.price = m.getDecimal(Price.FIELD);
    }
    o.clOrdId = clOrdId;
    orders.put(key(session, clOrdId), o);
    final ExecutionReport r = report(o, ExecType.REPLACED, status(o));
    r.set(new OrigClOrdID(orig));
    send(r, session);
    if (mode == FillMode.BOOK && !o.text.contains("venue:rest")) {
      match(o);
    }
  }

  private void massCancel(Message m, SessionID session) throws FieldNotFound {
    final char type = m.getChar(MassCancelRequestType.FIELD);
    final String account = m.isSetField(Account.FIELD) ? m.getString(Account.FIELD) : null;
    final String symbol = m.isSetField(Symbol.FIELD) ? m.getString(Symbol.FIELD) : null;
    final List<SimOrder> hit = new ArrayList<>();
    for (SimOrder o : orders.values()) {
      if (o.open
          && o.session.equals(session)
          && !hit.contains(o)
          && (account == null || account.equals(o.account))
          && (type != MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY
              || o.symbol.equals(symbol))) {
        hit.add(o);
      }
    }
    final OrderMassCancelReport report =
        new OrderMassCancelReport(
            new OrderID("MC" + (++nextOrder)),
            new MassCancelRequestType(type),
            new MassCancelResponse(type));
    report.set(new ClOrdID(m.getString(ClOrdID.FIELD)));
    report.set(new TotalAffectedOrders(hit.size()));
    send(report, session);
    for (SimOrder o : hit) {
      o.open = false;
      send(report(o, ExecType.CANCELED, OrdStatus.CANCELED), session);
    }
  }

  private void cancelReject(
      SessionID session, String clOrdId, String orig, char responseTo, SimOrder o) {
    send(
        ExecutionReports.cancelReject(
            o == null ? "NONE" : o.orderId,
            clOrdId,
            orig,
            o == null ? OrdStatus.REJECTED : status(o),
            responseTo,
            o == null ? CxlRejReason.UNKNOWN_ORDER : CxlRejReason.TOO_LATE_TO_CANCEL,
            o == null ? "unknown order " + orig : "order " + orig + " is not open"),
        session);
  }

  private static char status(SimOrder o) {
    if (!o.open) {
      return o.cum.compareTo(o.quantity) >= 0 ? OrdStatus.FILLED : OrdStatus.CANCELED;
    }
    return o.cum.signum() > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
  }

  private ExecutionReport report(SimOrder o, char execType, char status) {
    return report(o, "X" + (++nextExec), execType, status);
  }

  private static ExecutionReport report(SimOrder o, String execId, char execType, char status) {
    final ExecutionReport r =
        ExecutionReports.of(o.orderId, execId, execType, status, o.side, o.clOrdId, o.symbol);
    r.setDecimal(LeavesQty.FIELD, o.leaves());
    r.setDecimal(CumQty.FIELD, o.cum);
    r.setDecimal(AvgPx.FIELD, o.average());
    r.setDecimal(OrderQty.FIELD, o.quantity);
    r.set(new OrdType(o.ordType));
    if (o.price != null) {
      r.setDecimal(Price.FIELD, o.price);
    }
    if (o.account != null) {
      r.set(new Account(o.account));
    }
    ExecutionReports.stampNow(r);
    return r;
  }

  private static void send(Message m, SessionID session) {
    try {
      Session.sendToTarget(m, session);
    } catch (SessionNotFound e) {
      // the counterparty is gone; a venue does not queue for sessions it does not know
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
