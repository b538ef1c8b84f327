package io.riskgate.server.fix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.auth.Caller;
import java.math.BigDecimal;
import java.util.function.Consumer;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.Commission;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecRefID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrigClOrdID;
import quickfix.field.Text;

/**
 * The venue's messages on their way back: its ExecutionReports become the engine's {@code fill},
 * {@code cancel}, {@code orderRejected}, {@code orderExpired}, {@code tradeBust} and {@code
 * tradeCorrect} events and go to the owning client with its ClOrdIDs and to every drop-copy
 * session; its OrderCancelRejects go to the client (a refused replace puts the engine's reservation
 * back); the venue session's logon and logout become {@code venueStatus}.
 */
final class VenueReports {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GatewayState g;
  private final GatewayOrders orders;
  private final Object lock;
  private final Consumer<String> log;
  private final SessionID venueSession;
  private final Caller venueCaller;
  private final FixSettings settings;

  VenueReports(GatewayState g) {
    this.g = g;
    this.orders = g.orders;
    this.lock = g.lock;
    this.log = g.log;
    this.venueSession = g.venueSession;
    this.venueCaller = g.venueCaller;
    this.settings = g.settings;
  }

  void fromVenue(Message m) throws FieldNotFound {
    final String type = m.getHeader().getString(MsgType.FIELD);
    if (type.equals(MsgType.EXECUTION_REPORT)) {
      executionReport(m);
    } else if (type.equals(MsgType.ORDER_CANCEL_REJECT)) {
      synchronized (lock) {
        final String venueId = m.getString(ClOrdID.FIELD);
        final GatewayOrders.Order o = orders.byVenueId(venueId);
        if (o == null || o.session == null) {
          log.accept("FIX venue cancel reject for an unknown order: " + m);
          return;
        }
        if (orders.refused(o, venueId)) {
          replaceRefused(o, m);
        }
        final Message out = toClient(m, o);
        g.sendToOwner(out, o);
      }
    } else if (!type.equals(MsgType.ORDER_MASS_CANCEL_REPORT)) {
      log.accept("FIX venue sent " + type + ": " + m);
    }
  }

  /**
   * The venue refused a replace the engine approved: the engine's reservation follows the amend,
   * the venue's order does not. An {@code amendRejected} puts the reservation back to what the
   * venue holds (its OrderQty less what it filled, at its price). Not an {@code amend} back: that
   * would be checked again (a kill switch or a moved price could refuse it, leaving the engine with
   * less reserved than the venue works) and would count as one more message of the strategy's.
   */
  private void replaceRefused(GatewayOrders.Order o, Message m) throws FieldNotFound {
    if (!o.open) {
      return; // filled or closed at the venue meanwhile: the engine heard it from that report
    }
    if (o.quantity == null) {
      log.accept(
          "warning: the venue refused a replace of order "
              + o.orderId
              + " whose quantity the gateway does not know; the engine keeps the amended"
              + " reservation");
      return;
    }
    final BigDecimal leaves = o.quantity.subtract(o.cumQty);
    if (leaves.signum() <= 0) {
      return;
    }
    final ObjectNode node = JSON.createObjectNode();
    node.put("type", "amendRejected");
    node.put("orderId", o.orderId);
    node.put("quantity", leaves.toPlainString());
    if (o.price != null) {
      node.put("price", o.price);
    }
    node.put("reason", m.isSetField(Text.FIELD) ? m.getString(Text.FIELD) : "refused by the venue");
    submitVenueEvent(node, o, m);
  }

  /** Hands a venue's report to the engine as {@code node}; a refusal is logged, not answered. */
  private void submitVenueEvent(ObjectNode sent, GatewayOrders.Order o, Message m) {
    try {
      g.submit(venueCaller, sent)
          .whenComplete(
              (reply, error) -> {
                if (error != null || reply.refusal() != null) {
                  log.accept(
                      "warning: the engine did not take the venue's "
                          + sent.path("type").asText()
                          + " of order "
                          + o.orderId
                          + ": "
                          + (error != null
                              ? EngineDecisions.rootMessage(error)
                              : reply.refusal().detail()));
                }
              });
    } catch (IllegalArgumentException e) {
      log.accept("warning: venue report not understood (" + e.getMessage() + "): " + m);
    }
  }

  private void executionReport(Message m) throws FieldNotFound {
    final String venueId = m.getString(ClOrdID.FIELD);
    final char execType = m.getChar(ExecType.FIELD);
    final Message out;
    final GatewayOrders.Order o;
    synchronized (lock) {
      GatewayOrders.Order found = orders.byVenueId(venueId);
      if (found == null && m.isSetField(OrigClOrdID.FIELD)) {
        found = orders.byVenueId(m.getString(OrigClOrdID.FIELD));
      }
      o = found;
      if (o == null) {
        log.accept("FIX venue report for an order the gateway did not send: " + m);
        g.dropCopy(m);
        return;
      }
      final ObjectNode event = engineEvent(m, o, execType, venueId);
      if (m.isSetField(CumQty.FIELD)) {
        final BigDecimal cum = m.getDecimal(CumQty.FIELD);
        if (cum.compareTo(o.cumQty) != 0) {
          orders.filled(o, cum);
        }
      }
      final char status = m.getChar(OrdStatus.FIELD);
      if (status == OrdStatus.FILLED
          || status == OrdStatus.CANCELED
          || status == OrdStatus.REJECTED
          || status == OrdStatus.EXPIRED) {
        orders.closed(o);
      }
      if (event.has("type")) {
        submitVenueEvent(event, o, m);
      }
      out = toClient(m, o);
      g.sendToOwner(out, o);
    }
    g.dropCopy(out);
  }

  /**
   * The engine's event of a venue report ({@code type} unset when it has none); a replace is
   * recorded in the order file. Called under the gateway's lock.
   */
  private ObjectNode engineEvent(Message m, GatewayOrders.Order o, char execType, String venueId)
      throws FieldNotFound {
    final ObjectNode event = JSON.createObjectNode();
    switch (execType) {
      case ExecType.TRADE -> {
        event.put("type", "fill");
        event.put("fillId", m.getString(ExecID.FIELD));
        event.put("orderId", o.orderId);
        event.put("quantity", m.getString(LastQty.FIELD));
        event.put("price", m.getString(LastPx.FIELD));
        event.put("fee", m.isSetField(Commission.FIELD) ? m.getString(Commission.FIELD) : "0");
      }
      case ExecType.CANCELED -> {
        event.put("type", "cancel");
        event.put("orderId", o.orderId);
      }
      case ExecType.REJECTED -> {
        event.put("type", "orderRejected");
        event.put("orderId", o.orderId);
        event.put(
            "reason", m.isSetField(Text.FIELD) ? m.getString(Text.FIELD) : "rejected by the venue");
      }
      case ExecType.EXPIRED -> {
        event.put("type", "orderExpired");
        event.put("orderId", o.orderId);
      }
      case ExecType.TRADE_CANCEL -> {
        event.put("type", "tradeBust");
        event.put("fillId", m.getString(ExecRefID.FIELD));
      }
      case ExecType.TRADE_CORRECT -> {
        event.put("type", "tradeCorrect");
        event.put("fillId", m.getString(ExecRefID.FIELD));
        event.put("quantity", m.getString(LastQty.FIELD));
        event.put("price", m.getString(LastPx.FIELD));
        event.put("fee", m.isSetField(Commission.FIELD) ? m.getString(Commission.FIELD) : "0");
      }
      case ExecType.REPLACED -> orders.replaced(o, venueId);
      default -> {}
    }
    return event;
  }

  /** The venue's message with the client's ClOrdIDs (or the engine's ids for its own orders). */
  private Message toClient(Message m, GatewayOrders.Order o) throws FieldNotFound {
    final Message out = GatewayState.forward(m, m.getHeader().getString(MsgType.FIELD));
    final String venueId = m.getString(ClOrdID.FIELD);
    final String client = orders.clientId(venueId);
    out.setString(
        ClOrdID.FIELD, client != null ? client : o.session == null ? o.orderId : o.clientClOrdId);
    if (m.isSetField(OrigClOrdID.FIELD)) {
      final String orig = orders.clientId(m.getString(OrigClOrdID.FIELD));
      if (orig != null) {
        out.setString(OrigClOrdID.FIELD, orig);
      } else {
        out.removeField(OrigClOrdID.FIELD);
      }
    }
    out.setString(Account.FIELD, o.account);
    return out;
  }

  void venueStatus(boolean connected) {
    g.venueUp = connected;
    if (g.stopping) {
      return;
    }
    final ObjectNode node = JSON.createObjectNode();
    node.put("type", "venueStatus");
    node.put("venue", settings.venue().venue());
    node.put("connected", connected);
    node.put("latencyMs", 0);
    log.accept("FIX venue session " + venueSession + (connected ? " logged on" : " logged out"));
    g.submit(venueCaller, node);
  }
}
