package io.riskgate.server.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.fix.GatewayState.Client;
import io.riskgate.server.runtime.EngineReply;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.field.Account;
import quickfix.field.BusinessRejectReason;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecType;
import quickfix.field.ExpireTime;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.RefMsgType;
import quickfix.field.RefSeqNum;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TimeInForce;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.OrderCancelReject;

/**
 * A client session's orders on their way in: NewOrderSingle (35=D), OrderCancelReplaceRequest
 * (35=G) and OrderCancelRequest (35=F) become the engine's {@code order} and {@code amend} events
 * or go on to the venue; refusals go back as ExecutionReports (150=8) and OrderCancelRejects
 * (35=9), and the session's throttle answers with a BusinessMessageReject (35=j).
 */
final class ClientIntake {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GatewayState g;
  private final GatewayOrders orders;
  private final Object lock;
  private final Consumer<String> log;
  private final SessionID venueSession;
  private final Caller venueCaller;

  ClientIntake(GatewayState g) {
    this.g = g;
    this.orders = g.orders;
    this.lock = g.lock;
    this.log = g.log;
    this.venueSession = g.venueSession;
    this.venueCaller = g.venueCaller;
  }

  void fromClient(Client c, Message m) throws FieldNotFound {
    final String type = m.getHeader().getString(MsgType.FIELD);
    if (!c.throttle().allow(System.nanoTime())) {
      final BusinessMessageReject reject =
          new BusinessMessageReject(
              new RefMsgType(type), new BusinessRejectReason(BusinessRejectReason.OTHER));
      reject.set(new RefSeqNum(m.getHeader().getInt(MsgSeqNum.FIELD)));
      if (m.isSetField(ClOrdID.FIELD)) {
        reject.set(new BusinessRejectRefID(m.getString(ClOrdID.FIELD)));
      }
      reject.set(
          new Text(
              "THROTTLE: more than "
                  + c.throttle().perSecond()
                  + " messages per second on session "
                  + c.key()
                  + "; not forwarded"));
      g.send(reject, c.id());
      return;
    }
    switch (type) {
      case MsgType.ORDER_SINGLE -> newOrder(c, m);
      case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> replace(c, m);
      case MsgType.ORDER_CANCEL_REQUEST -> cancel(c, m);
      default -> {
        final BusinessMessageReject reject =
            new BusinessMessageReject(
                new RefMsgType(type),
                new BusinessRejectReason(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
        reject.set(new RefSeqNum(m.getHeader().getInt(MsgSeqNum.FIELD)));
        reject.set(new Text("the gateway takes 35=D, 35=G and 35=F"));
        g.send(reject, c.id());
      }
    }
  }

  private void newOrder(Client c, Message m) throws FieldNotFound {
    final String clOrdId = m.getString(ClOrdID.FIELD);
    final String orderId = c.key() + "-" + clOrdId;
    final ObjectNode node = JSON.createObjectNode();
    node.put("type", "order");
    node.put("orderId", orderId);
    node.put("account", c.config().account());
    node.put("strategy", c.config().strategy());
    node.put("symbol", m.getString(Symbol.FIELD));
    String problem = null;
    final char side = m.getChar(Side.FIELD);
    if (side == Side.BUY || side == Side.SELL) {
      node.put("side", side == Side.BUY ? "buy" : "sell");
    } else {
      problem = "Side (54) must be 1 (buy) or 2 (sell), got " + side;
    }
    node.put("quantity", m.getString(OrderQty.FIELD));
    final char ordType = m.getChar(OrdType.FIELD);
    if (ordType == OrdType.LIMIT) {
      if (!m.isSetField(Price.FIELD)) {
        problem = "a limit order (40=2) needs Price (44)";
      } else {
        node.put("price", m.getString(Price.FIELD));
      }
    } else if (ordType != OrdType.MARKET) {
      problem = "OrdType (40) must be 1 (market) or 2 (limit), got " + ordType;
    }
    final String timeInForceProblem = timeInForce(m, node);
    if (timeInForceProblem != null) {
      problem = timeInForceProblem;
    }
    if (m.isSetField(Account.FIELD) && !m.getString(Account.FIELD).equals(c.config().account())) {
      problem =
          "Account (1) "
              + m.getString(Account.FIELD)
              + " is not this session's account "
              + c.config().account();
    }
    final CompletableFuture<EngineReply> decided;
    try {
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      decided = g.submit(c.caller(), node);
    } catch (IllegalArgumentException e) {
      rejectOrder(c, m, OrdRejReason.OTHER, "INVALID_ORDER " + e.getMessage());
      return;
    }
    decided.whenComplete(
        (reply, error) -> {
          try {
            onOrderDecision(c, m, orderId, reply, error);
          } catch (RuntimeException | FieldNotFound e) {
            log.accept("error: FIX order " + orderId + ": " + e);
          }
        });
  }

  /** Puts the order's time in force (59, and 126 of a gtd) on {@code node}; a problem, or null. */
  private static String timeInForce(Message m, ObjectNode node) throws FieldNotFound {
    if (m.isSetField(TimeInForce.FIELD)) {
      switch (m.getChar(TimeInForce.FIELD)) {
        case TimeInForce.DAY -> node.put("timeInForce", "day");
        case TimeInForce.GOOD_TILL_CANCEL -> node.put("timeInForce", "gtc");
        case TimeInForce.IMMEDIATE_OR_CANCEL -> node.put("timeInForce", "ioc");
        case TimeInForce.GOOD_TILL_DATE -> {
          node.put("timeInForce", "gtd");
          if (m.isSetField(ExpireTime.FIELD)) {
            node.put(
                "expireAt",
                m.getUtcTimeStamp(ExpireTime.FIELD).toInstant(ZoneOffset.UTC).toString());
          }
        }
        default -> {
          return "TimeInForce (59) must be 0 (day), 1 (gtc), 3 (ioc) or 6 (gtd), got "
              + m.getChar(TimeInForce.FIELD);
        }
      }
    }
    return null;
  }

  private void onOrderDecision(
      Client c, Message m, String orderId, EngineReply reply, Throwable error)
      throws FieldNotFound {
    if (error != null) {
      rejectOrder(c, m, OrdRejReason.OTHER, "UNAVAILABLE " + EngineDecisions.rootMessage(error));
      return;
    }
    if (reply.refusal() != null) {
      rejectOrder(c, m, OrdRejReason.OTHER, "REFUSED " + reply.refusal().detail());
      return;
    }
    final Boolean approved = EngineDecisions.approved(reply, orderId);
    if (approved == null) {
      rejectOrder(c, m, OrdRejReason.OTHER, "NO_DECISION the engine gave no decision");
      return;
    }
    if (!approved) {
      final JsonNode decision = EngineDecisions.decision(reply, orderId);
      final String code = decision.path("rejectedBy").asText();
      rejectOrder(
          c,
          m,
          code.endsWith("_LIMIT") ? OrdRejReason.ORDER_EXCEEDS_LIMIT : OrdRejReason.OTHER,
          EngineDecisions.failure(decision));
      return;
    }
    synchronized (lock) {
      if (!g.venueUp) {
        final ObjectNode rejected = JSON.createObjectNode();
        rejected.put("type", "orderRejected");
        rejected.put("orderId", orderId);
        rejected.put("reason", "the venue session is down");
        g.submit(venueCaller, rejected);
        rejectOrder(
            c,
            m,
            OrdRejReason.EXCHANGE_CLOSED,
            "VENUE_DOWN the venue session "
                + venueSession
                + " is not logged on; the order is not queued");
        return;
      }
      orders.add(
          orderId,
          c.key(),
          m.getString(ClOrdID.FIELD),
          c.config().account(),
          m.getString(Symbol.FIELD),
          m.getChar(Side.FIELD),
          m.getString(OrderQty.FIELD),
          m.getChar(OrdType.FIELD) == OrdType.LIMIT ? m.getString(Price.FIELD) : null);
      final Message out = GatewayState.forward(m, MsgType.ORDER_SINGLE);
      out.setString(ClOrdID.FIELD, orderId);
      out.setString(Account.FIELD, c.config().account());
      g.send(out, venueSession);
    }
  }

  private void replace(Client c, Message m) throws FieldNotFound {
    final String clOrdId = m.getString(ClOrdID.FIELD);
    final String orig = m.getString(OrigClOrdID.FIELD);
    final GatewayOrders.Order o;
    final BigDecimal cum;
    final boolean pending;
    synchronized (lock) {
      o = orders.byClientId(c.key(), orig);
      cum = o == null ? null : o.cumQty;
      pending = o != null && o.open && o.replacing;
      if (o != null && o.open && !pending) {
        o.replacing = true; // until the engine refuses it, or the venue answers
      }
    }
    if (o == null || !o.open) {
      cancelReject(
          c,
          clOrdId,
          orig,
          CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST,
          CxlRejReason.UNKNOWN_ORDER,
          "UNKNOWN_ORDER no open order " + orig + " on session " + c.key());
      return;
    }
    if (pending) {
      // One replace at a time: were two approved and the venue refused the first, the engine
      // could not know which of them the venue holds.
      cancelReject(
          c,
          clOrdId,
          orig,
          CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST,
          CxlRejReason.ORDER_ALREADY_IN_PENDING_CANCEL_OR_PENDING_REPLACE_STATUS,
          "PENDING_REPLACE a replace of " + orig + " is not answered yet");
      return;
    }
    try {
      replaceChecked(c, m, o, cum, clOrdId, orig);
    } catch (RuntimeException | FieldNotFound e) {
      synchronized (lock) {
        o.replacing = false;
      }
      throw e;
    }
  }

  private void replaceChecked(
      Client c, Message m, GatewayOrders.Order o, BigDecimal cum, String clOrdId, String orig)
      throws FieldNotFound {
    final ObjectNode node = JSON.createObjectNode();
    node.put("type", "amend");
    node.put("orderId", o.orderId);
    if (m.isSetField(OrderQty.FIELD)) {
      final BigDecimal open = m.getDecimal(OrderQty.FIELD).subtract(cum);
      if (open.signum() <= 0) {
        refuseReplace(
            c,
            o,
            clOrdId,
            orig,
            "INVALID_ORDER OrderQty "
                + m.getString(OrderQty.FIELD)
                + " is not above the filled "
                + cum.toPlainString());
        return;
      }
      node.put("quantity", open.toPlainString());
    }
    if (m.isSetField(Price.FIELD)) {
      node.put("price", m.getString(Price.FIELD));
    }
    final String newQuantity = m.isSetField(OrderQty.FIELD) ? m.getString(OrderQty.FIELD) : null;
    final String newPrice = m.isSetField(Price.FIELD) ? m.getString(Price.FIELD) : null;
    final CompletableFuture<EngineReply> decided;
    try {
      decided = g.submit(c.caller(), node);
    } catch (IllegalArgumentException e) {
      refuseReplace(c, o, clOrdId, orig, "INVALID_ORDER " + e.getMessage());
      return;
    }
    decided.whenComplete(
        (reply, error) ->
            onAmendDecision(c, m, o, clOrdId, orig, newQuantity, newPrice, reply, error));
  }

  private void onAmendDecision(
      Client c,
      Message m,
      GatewayOrders.Order o,
      String clOrdId,
      String orig,
      String newQuantity,
      String newPrice,
      EngineReply reply,
      Throwable error) {
    final String text;
    if (error != null) {
      text = "UNAVAILABLE " + EngineDecisions.rootMessage(error);
    } else if (reply.refusal() != null) {
      text = "REFUSED " + reply.refusal().detail();
    } else {
      final JsonNode decision = EngineDecisions.decision(reply, o.orderId);
      if (decision == null) {
        text = "NO_DECISION the engine gave no decision";
      } else if (!decision.path("approved").asBoolean()) {
        text = EngineDecisions.failure(decision);
      } else {
        text = null;
      }
    }
    if (text != null) {
      refuseReplace(c, o, clOrdId, orig, text);
      return;
    }
    synchronized (lock) {
      final String venueId = orders.replaceRequest(o, clOrdId, newQuantity, newPrice);
      final Message out = GatewayState.forward(m, MsgType.ORDER_CANCEL_REPLACE_REQUEST);
      out.setString(ClOrdID.FIELD, venueId);
      out.setString(OrigClOrdID.FIELD, o.venueClOrdId);
      out.setString(Account.FIELD, o.account);
      g.send(out, venueSession);
    }
  }

  private void cancel(Client c, Message m) throws FieldNotFound {
    final String clOrdId = m.getString(ClOrdID.FIELD);
    final String orig = m.getString(OrigClOrdID.FIELD);
    synchronized (lock) {
      final GatewayOrders.Order o = orders.byClientId(c.key(), orig);
      if (o == null || !o.open) {
        cancelReject(
            c,
            clOrdId,
            orig,
            CxlRejResponseTo.ORDER_CANCEL_REQUEST,
            CxlRejReason.UNKNOWN_ORDER,
            "UNKNOWN_ORDER no open order " + orig + " on session " + c.key());
        return;
      }
      if (!g.venueUp) {
        cancelReject(
            c,
            clOrdId,
            orig,
            CxlRejResponseTo.ORDER_CANCEL_REQUEST,
            CxlRejReason.OTHER,
            "VENUE_DOWN the venue session " + venueSession + " is not logged on");
        return;
      }
      final String venueId = orders.request(o, clOrdId);
      final Message out = GatewayState.forward(m, MsgType.ORDER_CANCEL_REQUEST);
      out.setString(ClOrdID.FIELD, venueId);
      out.setString(OrigClOrdID.FIELD, o.venueClOrdId);
      out.setString(Account.FIELD, o.account);
      g.send(out, venueSession);
    }
  }

  private void rejectOrder(Client c, Message m, int reason, String text) throws FieldNotFound {
    final ExecutionReport r =
        ExecutionReports.of(
            "NONE",
            "RG-" + g.now(),
            ExecType.REJECTED,
            OrdStatus.REJECTED,
            m.getChar(Side.FIELD),
            m.getString(ClOrdID.FIELD),
            m.getString(Symbol.FIELD));
    r.setString(OrderQty.FIELD, m.getString(OrderQty.FIELD));
    r.set(new Account(c.config().account()));
    r.set(new OrdRejReason(reason));
    r.set(new Text(text));
    ExecutionReports.stampNow(r);
    g.send(r, c.id());
    g.dropCopy(r);
  }

  /** Ends a replace the gateway or the engine refused: the order takes replaces again; 35=9. */
  private void refuseReplace(
      Client c, GatewayOrders.Order o, String clOrdId, String orig, String text) {
    synchronized (lock) {
      o.replacing = false;
    }
    cancelReject(
        c, clOrdId, orig, CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST, CxlRejReason.OTHER, text);
  }

  private void cancelReject(
      Client c, String clOrdId, String orig, char responseTo, int reason, String text) {
    final OrderCancelReject r =
        ExecutionReports.cancelReject(
            "NONE", clOrdId, orig, OrdStatus.REJECTED, responseTo, reason, text);
    r.set(new Account(c.config().account()));
    g.send(r, c.id());
  }
}
