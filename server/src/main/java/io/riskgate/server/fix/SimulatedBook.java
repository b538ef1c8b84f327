package io.riskgate.server.fix;

import io.riskgate.server.fix.SimulatedVenue.Execution;
import io.riskgate.server.fix.SimulatedVenue.FillMode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.field.Account;
import quickfix.field.AvgPx;
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
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TotalAffectedOrders;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.OrderMassCancelReport;

/**
 * The simulated venue's orders, prices and fills, and the reports it sends for them. Not
 * thread-safe: {@link SimulatedVenue} calls it under its own monitor.
 */
final class SimulatedBook {
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
  private final Map<String, SimOrder> orders = new HashMap<>();
  private final Map<String, BigDecimal> prices = new HashMap<>();
  private final Map<String, BigDecimal> pathStart = new HashMap<>();
  private final Map<String, Execution> executions = new LinkedHashMap<>();
  private long nextOrder;
  private long nextExec;

  SimulatedBook(FillMode mode) {
    this.mode = mode;
  }

  /** Sets the price of {@code symbol} and fills the resting orders it crosses. */
  void price(String symbol, BigDecimal price) {
    prices.put(symbol, price);
    pathStart.putIfAbsent(symbol, price);
    for (SimOrder o : List.copyOf(orders.values())) {
      if (o.open && o.symbol.equals(symbol) && !o.text.contains("venue:rest")) {
        match(o);
      }
    }
  }

  /** Busts the fill {@code execId}: 150=H with ExecRefID. */
  void bust(String execId) {
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
  void correct(String execId, BigDecimal quantity, BigDecimal price) {
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
  void expire(String clOrdId) {
    final SimOrder o = orders.get(clOrdId);
    if (o == null || !o.open) {
      throw new IllegalArgumentException("no open order " + clOrdId);
    }
    o.open = false;
    send(report(o, ExecType.EXPIRED, OrdStatus.EXPIRED), o.session);
  }

  /** The fills reported so far (busted ones removed), in order. */
  List<Execution> executions() {
    return List.copyOf(executions.values());
  }

  /** ClOrdIDs of the orders open now. */
  List<String> openOrders() {
    return orders.values().stream()
        .filter(o -> o.open)
        .map(o -> o.clOrdId)
        .distinct()
        .sorted()
        .toList();
  }

  /** Moves every symbol's price to {@code factor} times its first price. */
  void path(double factor) {
    for (Map.Entry<String, BigDecimal> e : pathStart.entrySet()) {
      final BigDecimal next =
          e.getValue()
              .multiply(BigDecimal.valueOf(factor))
              .setScale(2, java.math.RoundingMode.HALF_UP);
      price(e.getKey(), next);
    }
  }

  private static String key(SessionID session, String clOrdId) {
    return session.getTargetCompID() + "|" + clOrdId;
  }

  void newOrder(Message m, SessionID session) throws FieldNotFound {
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

  void cancel(Message m, SessionID session) throws FieldNotFound {
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

  void replace(Message m, SessionID session) throws FieldNotFound {
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

  void massCancel(Message m, SessionID session) throws FieldNotFound {
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

  static void send(Message m, SessionID session) {
    try {
      Session.sendToTarget(m, session);
    } catch (SessionNotFound e) {
      // the counterparty is gone; a venue does not queue for sessions it does not know
    }
  }
}
