package io.riskgate.server.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riskgate.server.fix.GatewayState.Client;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import quickfix.SessionID;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.MassCancelRequestType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderMassCancelRequest;

/**
 * What the gateway sends the venue on its own: the engine's kill-switch actions
 * (OrderMassCancelRequest 35=q when the venue takes it, else one 35=F per order, and market orders
 * that flatten) and the cancels of a client session's open orders when it disconnects.
 */
final class VenueActions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GatewayState g;
  private final GatewayOrders orders;
  private final Object lock;
  private final Consumer<String> log;
  private final SessionID venueSession;
  private final FixSettings settings;
  private final Set<String> massCancelled = new HashSet<>();
  private final AtomicLong massCancelIds = new AtomicLong();

  VenueActions(GatewayState g) {
    this.g = g;
    this.orders = g.orders;
    this.lock = g.lock;
    this.log = g.log;
    this.venueSession = g.venueSession;
    this.settings = g.settings;
  }

  void onOutput(String json) {
    if (g.stopping || !json.startsWith("{\"type\":\"action\"")) {
      return;
    }
    try {
      final JsonNode a = JSON.readTree(json);
      synchronized (lock) {
        if ("cancel".equals(a.path("action").asText())) {
          engineCancel(a);
        } else {
          engineFlatten(a);
        }
      }
    } catch (IOException | RuntimeException e) {
      log.accept("error: engine action not sent to the venue: " + e + ": " + json);
    }
  }

  private void engineCancel(JsonNode a) {
    final GatewayOrders.Order o = orders.byOrderId(a.path("orderId").asText());
    if (o == null || !o.open) {
      return; // not an order of this venue session, or already done there
    }
    final String scope = a.path("scope").asText();
    final boolean massable = scope.equals("firm") || scope.startsWith("account:");
    if (a.path("attempt").asInt() == 1 && settings.venue().massCancel() && massable) {
      if (massCancelled.add(a.path("ts").asText() + " " + scope)) {
        final OrderMassCancelRequest q =
            new OrderMassCancelRequest(
                new ClOrdID("MC-" + g.now() + "-" + massCancelIds.incrementAndGet()),
                new MassCancelRequestType(MassCancelRequestType.CANCEL_ALL_ORDERS),
                new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
        if (scope.startsWith("account:")) {
          q.setString(Account.FIELD, scope.substring("account:".length()));
        }
        q.set(new Text("kill switch " + scope + ": " + a.path("reason").asText()));
        log.accept("FIX kill switch " + scope + ": OrderMassCancelRequest to the venue");
        g.send(q, venueSession);
      }
      return;
    }
    cancelAtVenue(o);
  }

  private void engineFlatten(JsonNode a) {
    final String orderId = a.path("orderId").asText();
    if (orders.byOrderId(orderId) != null) {
      return; // sent already: a venue acts on an order id once
    }
    final char side = "buy".equals(a.path("side").asText()) ? Side.BUY : Side.SELL;
    final String symbol = a.path("symbol").asText();
    final String account = a.path("account").asText();
    orders.add(orderId, null, null, account, symbol, side, a.path("quantity").asText(), null);
    final NewOrderSingle order =
        new NewOrderSingle(
            new ClOrdID(orderId),
            new Side(side),
            new TransactTime(LocalDateTime.now(ZoneOffset.UTC)),
            new OrdType(OrdType.MARKET));
    order.set(new Symbol(symbol));
    order.setString(OrderQty.FIELD, a.path("quantity").asText());
    order.set(new Account(account));
    order.set(new Text("flatten: " + a.path("reason").asText()));
    g.send(order, venueSession);
  }

  /** Cancels the open orders of a client session that logged out or dropped. */
  void cancelOnDisconnect(Client c) {
    synchronized (lock) {
      final List<GatewayOrders.Order> open = orders.open(c.key());
      if (!open.isEmpty()) {
        log.accept(
            "FIX session "
                + c.key()
                + " disconnected: cancelling its "
                + open.size()
                + " open orders at the venue");
      }
      for (GatewayOrders.Order o : open) {
        cancelAtVenue(o);
      }
    }
  }

  private void cancelAtVenue(GatewayOrders.Order o) {
    final String venueId = orders.request(o, null);
    final OrderCancelRequest r =
        new OrderCancelRequest(
            new OrigClOrdID(o.venueClOrdId),
            new ClOrdID(venueId),
            new Side(o.side),
            new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
    r.set(new Symbol(o.symbol));
    r.set(new Account(o.account));
    g.send(r, venueSession);
  }
}
