package io.riskgate.server.fix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.runtime.EngineReply;
import io.riskgate.server.runtime.EngineRuntime;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileLogFactory;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.field.Account;
import quickfix.field.BusinessRejectReason;
import quickfix.field.BusinessRejectRefID;
import quickfix.field.ClOrdID;
import quickfix.field.Commission;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecRefID;
import quickfix.field.ExecType;
import quickfix.field.ExpireTime;
import quickfix.field.LastPx;
import quickfix.field.LastQty;
import quickfix.field.MassCancelRequestType;
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
import quickfix.field.TransactTime;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReject;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderMassCancelRequest;

/**
 * The FIX 4.4 risk gateway: clients' orders pass the engine's pre-trade checks on their way to the
 * venue, and the venue's reports come back as the engine's events.
 *
 * <ul>
 *   <li>NewOrderSingle (35=D) becomes an {@code order} event through the runtime (journaled, as
 *       from HTTP); approved, it goes to the venue under the gateway's own ClOrdID; rejected, the
 *       client gets an ExecutionReport 150=8 39=8 with OrdRejReason 3 (a limit) or 99 and a Text
 *       naming the check, its value, its limit and its scope.
 *   <li>OrderCancelReplaceRequest (35=G) becomes an {@code amend}; rejected, the client gets an
 *       OrderCancelReject (35=9, CxlRejResponseTo 2) and the order stays as it was.
 *       OrderCancelRequest (35=F) passes through.
 *   <li>The venue's ExecutionReports become {@code fill}, {@code cancel}, {@code orderRejected},
 *       {@code orderExpired}, {@code tradeBust} and {@code tradeCorrect} events, and go to the
 *       owning client with its ClOrdIDs, and to every drop-copy session.
 *   <li>Cancel-on-disconnect, a message throttle per session (BusinessMessageReject 35=j), {@code
 *       venueStatus} on the venue session's logon and logout (new orders are rejected while it is
 *       down), and the engine's kill-switch actions sent to the venue: OrderMassCancelRequest
 *       (35=q) when the venue takes it, else one 35=F per order, and market orders that flatten.
 * </ul>
 *
 * <p>Session stores (sequence numbers, sent messages) are files in the gateway's directory, with
 * its order file ({@link GatewayOrders}): a restarted gateway resumes its sessions where they were
 * and knows its open orders. Message logs are written there too when {@link
 * FixSettings#messageLog()} is on. Messages are processed on the sockets' I/O threads ({@link
 * InlineSessions}), and an approved order is sent to the venue by the thread that completes its
 * decision, once the check is durable under the journal's fsync policy.
 */
public final class FixGateway implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FixSettings settings;
  private final Supplier<EngineRuntime> runtime;
  private final Consumer<String> log;
  private final LongSupplier clockNanos;
  private final GatewayOrders orders;
  private final InlineSessions.Acceptor acceptor;
  private final InlineSessions.Initiator initiator;
  private final SessionID venueSession;
  private final Caller venueCaller;
  private final Map<SessionID, Client> clients = new HashMap<>();
  private final List<SessionID> dropCopies;
  private final Set<String> massCancelled = new HashSet<>();
  private final AtomicLong lastTimestamp = new AtomicLong();
  private final AtomicLong massCancelIds = new AtomicLong();
  private final Object lock = new Object();
  private final Object stamps = new Object();
  private final Consumer<String> outputs = this::onOutput;
  private volatile boolean venueUp;
  private volatile boolean stopping;

  /** A client session as configured, with its throttle and the identity it acts under. */
  private record Client(
      SessionID id, FixSettings.ClientSession config, Throttle throttle, Caller caller) {
    String key() {
      return config.senderCompId();
    }
  }

  private FixGateway(
      FixSettings settings,
      String host,
      Path directory,
      boolean force,
      Supplier<EngineRuntime> runtime,
      Consumer<String> log,
      LongSupplier clockNanos)
      throws IOException, ConfigError {
    this.settings = settings;
    this.runtime = runtime;
    this.log = log;
    this.clockNanos = clockNanos;
    this.orders = GatewayOrders.open(directory, force);
    final SessionSettings accept = FixSessions.settings(directory);
    for (FixSettings.ClientSession c : settings.clients()) {
      final SessionID id =
          FixSessions.acceptor(
              accept, c.targetCompId(), c.senderCompId(), host, settings.acceptorPort());
      clients.put(
          id,
          new Client(
              id,
              c,
              new Throttle(c.maxMessagesPerSecond()),
              new Caller("fix:" + c.senderCompId(), Role.TRADER, Set.of(c.strategy()), false)));
    }
    this.dropCopies =
        settings.dropCopies().stream()
            .map(
                d ->
                    FixSessions.acceptor(
                        accept, d.senderCompId(), d.targetCompId(), host, settings.dropCopyPort()))
            .toList();
    final Application app = new Handler();
    this.acceptor =
        new InlineSessions.Acceptor(
            app,
            new FileStoreFactory(accept),
            accept,
            settings.messageLog() ? new FileLogFactory(accept) : QuietLog.errorsTo(log),
            new DefaultMessageFactory());
    final SessionSettings initiate = FixSessions.settings(directory);
    final FixSettings.VenueSession v = settings.venue();
    this.venueSession =
        FixSessions.initiator(initiate, v.senderCompId(), v.targetCompId(), v.host(), v.port());
    this.venueCaller = new Caller("fix:" + v.targetCompId(), Role.RISK, Set.of(), false);
    this.initiator =
        new InlineSessions.Initiator(
            app,
            new FileStoreFactory(initiate),
            initiate,
            settings.messageLog() ? new FileLogFactory(initiate) : QuietLog.errorsTo(log),
            new DefaultMessageFactory());
  }

  /**
   * Starts the gateway: the acceptor of client and drop-copy sessions, and the session to the venue
   * (retried every second until it logs on).
   *
   * @param directory where session stores, message logs and the order file live
   * @param force whether the order file is forced to the device on every change
   * @param runtime the engine's runtime (read at each use: a server may replace it)
   */
  public static FixGateway start(
      FixSettings settings,
      String host,
      Path directory,
      boolean force,
      Supplier<EngineRuntime> runtime,
      Consumer<String> log)
      throws IOException {
    return start(settings, host, directory, force, runtime, log, FixGateway::wallClockNanos);
  }

  /**
   * Starts the gateway with its events stamped by {@code clockNanos} (epoch nanoseconds) instead of
   * the wall clock: for a demo whose market data runs on its own clock. The stamps never go back:
   * each event is at least a nanosecond after the gateway's previous one.
   */
  public static FixGateway start(
      FixSettings settings,
      String host,
      Path directory,
      boolean force,
      Supplier<EngineRuntime> runtime,
      Consumer<String> log,
      LongSupplier clockNanos)
      throws IOException {
    try {
      final FixGateway gateway =
          new FixGateway(settings, host, directory, force, runtime, log, clockNanos);
      runtime.get().subscribe(gateway.outputs);
      gateway.acceptor.start();
      gateway.initiator.start();
      return gateway;
    } catch (ConfigError e) {
      throw new IllegalStateException("FIX gateway settings: " + e.getMessage(), e);
    }
  }

  /** Whether the venue session is logged on. */
  public boolean venueConnected() {
    return venueUp;
  }

  /** Whether the client session of {@code senderCompId} is logged on. */
  public boolean clientConnected(String senderCompId) {
    for (Client c : clients.values()) {
      if (c.key().equals(senderCompId)) {
        final Session s = Session.lookupSession(c.id());
        return s != null && s.isLoggedOn();
      }
    }
    return false;
  }

  /** Engine order ids of the open orders the gateway forwarded for {@code senderCompId}. */
  public List<String> openOrders(String senderCompId) {
    synchronized (lock) {
      return orders.open(senderCompId).stream().map(o -> o.orderId).sorted().toList();
    }
  }

  /** Stops every session (without cancelling on disconnect) and closes the order file. */
  @Override
  public void close() throws IOException {
    stopping = true;
    final EngineRuntime rt = runtime.get();
    if (rt != null) {
      rt.unsubscribe(outputs);
    }
    acceptor.stop(true);
    initiator.stop(true);
    synchronized (lock) {
      orders.close();
    }
  }

  // ------------------------------------------------------------------ client messages

  private void fromClient(Client c, Message m) throws FieldNotFound {
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
      send(reject, c.id());
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
        send(reject, c.id());
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
        default ->
            problem =
                "TimeInForce (59) must be 0 (day), 1 (gtc), 3 (ioc) or 6 (gtd), got "
                    + m.getChar(TimeInForce.FIELD);
      }
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
      decided = submit(c.caller(), node);
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

  private void onOrderDecision(
      Client c, Message m, String orderId, EngineReply reply, Throwable error)
      throws FieldNotFound {
    if (error != null) {
      rejectOrder(c, m, OrdRejReason.OTHER, "UNAVAILABLE " + rootMessage(error));
      return;
    }
    if (reply.refusal() != null) {
      rejectOrder(c, m, OrdRejReason.OTHER, "REFUSED " + reply.refusal().detail());
      return;
    }
    final Boolean approved = approved(reply, orderId);
    if (approved == null) {
      rejectOrder(c, m, OrdRejReason.OTHER, "NO_DECISION the engine gave no decision");
      return;
    }
    if (!approved) {
      final JsonNode decision = decision(reply, orderId);
      final String code = decision.path("rejectedBy").asText();
      rejectOrder(
          c,
          m,
          code.endsWith("_LIMIT") ? OrdRejReason.ORDER_EXCEEDS_LIMIT : OrdRejReason.OTHER,
          failure(decision));
      return;
    }
    synchronized (lock) {
      if (!venueUp) {
        final ObjectNode rejected = JSON.createObjectNode();
        rejected.put("type", "orderRejected");
        rejected.put("orderId", orderId);
        rejected.put("reason", "the venue session is down");
        submit(venueCaller, rejected);
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
      final Message out = forward(m, MsgType.ORDER_SINGLE);
      out.setString(ClOrdID.FIELD, orderId);
      out.setString(Account.FIELD, c.config().account());
      send(out, venueSession);
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
        synchronized (lock) {
          o.replacing = false;
        }
        cancelReject(
            c,
            clOrdId,
            orig,
            CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST,
            CxlRejReason.OTHER,
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
      decided = submit(c.caller(), node);
    } catch (IllegalArgumentException e) {
      synchronized (lock) {
        o.replacing = false;
      }
      cancelReject(
          c,
          clOrdId,
          orig,
          CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST,
          CxlRejReason.OTHER,
          "INVALID_ORDER " + e.getMessage());
      return;
    }
    decided.whenComplete(
        (reply, error) -> {
          final String text;
          if (error != null) {
            text = "UNAVAILABLE " + rootMessage(error);
          } else if (reply.refusal() != null) {
            text = "REFUSED " + reply.refusal().detail();
          } else {
            final JsonNode decision = decision(reply, o.orderId);
            if (decision == null) {
              text = "NO_DECISION the engine gave no decision";
            } else if (!decision.path("approved").asBoolean()) {
              text = failure(decision);
            } else {
              text = null;
            }
          }
          if (text != null) {
            synchronized (lock) {
              o.replacing = false;
            }
            cancelReject(
                c,
                clOrdId,
                orig,
                CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST,
                CxlRejReason.OTHER,
                text);
            return;
          }
          synchronized (lock) {
            final String venueId = orders.replaceRequest(o, clOrdId, newQuantity, newPrice);
            final Message out = forward(m, MsgType.ORDER_CANCEL_REPLACE_REQUEST);
            out.setString(ClOrdID.FIELD, venueId);
            out.setString(OrigClOrdID.FIELD, o.venueClOrdId);
            out.setString(Account.FIELD, o.account);
            send(out, venueSession);
          }
        });
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
      if (!venueUp) {
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
      final Message out = forward(m, MsgType.ORDER_CANCEL_REQUEST);
      out.setString(ClOrdID.FIELD, venueId);
      out.setString(OrigClOrdID.FIELD, o.venueClOrdId);
      out.setString(Account.FIELD, o.account);
      send(out, venueSession);
    }
  }

  /** A copy of a client's message to send on: its body, a fresh header. */
  private static Message forward(Message m, String type) {
    final Message out = (Message) m.clone();
    out.getHeader().clear();
    out.getTrailer().clear();
    out.getHeader().setString(MsgType.FIELD, type);
    return out;
  }

  private void rejectOrder(Client c, Message m, int reason, String text) throws FieldNotFound {
    final ExecutionReport r =
        ExecutionReports.of(
            "NONE",
            "RG-" + now(),
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
    send(r, c.id());
    dropCopy(r);
  }

  private void cancelReject(
      Client c, String clOrdId, String orig, char responseTo, int reason, String text) {
    final OrderCancelReject r =
        ExecutionReports.cancelReject(
            "NONE", clOrdId, orig, OrdStatus.REJECTED, responseTo, reason, text);
    r.set(new Account(c.config().account()));
    send(r, c.id());
  }

  /** Cancels the open orders of a client session that logged out or dropped. */
  private void cancelOnDisconnect(Client c) {
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
    send(r, venueSession);
  }

  // ------------------------------------------------------------------ venue messages

  private void fromVenue(Message m) throws FieldNotFound {
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
        sendToOwner(out, o);
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
      submit(venueCaller, sent)
          .whenComplete(
              (reply, error) -> {
                if (error != null || reply.refusal() != null) {
                  log.accept(
                      "warning: the engine did not take the venue's "
                          + sent.path("type").asText()
                          + " of order "
                          + o.orderId
                          + ": "
                          + (error != null ? rootMessage(error) : reply.refusal().detail()));
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
        dropCopy(m);
        return;
      }
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
              "reason",
              m.isSetField(Text.FIELD) ? m.getString(Text.FIELD) : "rejected by the venue");
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
      sendToOwner(out, o);
    }
    dropCopy(out);
  }

  /** The venue's message with the client's ClOrdIDs (or the engine's ids for its own orders). */
  private Message toClient(Message m, GatewayOrders.Order o) throws FieldNotFound {
    final Message out = forward(m, m.getHeader().getString(MsgType.FIELD));
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

  private void sendToOwner(Message out, GatewayOrders.Order o) {
    if (o.session == null) {
      return;
    }
    for (Client c : clients.values()) {
      if (c.key().equals(o.session)) {
        send((Message) out.clone(), c.id());
        return;
      }
    }
  }

  private void dropCopy(Message report) {
    for (SessionID d : dropCopies) {
      final Message copy = (Message) report.clone();
      copy.getHeader().clear();
      copy.getHeader().setString(MsgType.FIELD, MsgType.EXECUTION_REPORT);
      send(copy, d);
    }
  }

  private void venueStatus(boolean connected) {
    venueUp = connected;
    if (stopping) {
      return;
    }
    final ObjectNode node = JSON.createObjectNode();
    node.put("type", "venueStatus");
    node.put("venue", settings.venue().venue());
    node.put("connected", connected);
    node.put("latencyMs", 0);
    log.accept("FIX venue session " + venueSession + (connected ? " logged on" : " logged out"));
    submit(venueCaller, node);
  }

  // ------------------------------------------------------------------ the engine's actions

  private void onOutput(String json) {
    if (stopping || !json.startsWith("{\"type\":\"action\"")) {
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
                new ClOrdID("MC-" + now() + "-" + massCancelIds.incrementAndGet()),
                new MassCancelRequestType(MassCancelRequestType.CANCEL_ALL_ORDERS),
                new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
        if (scope.startsWith("account:")) {
          q.setString(Account.FIELD, scope.substring("account:".length()));
        }
        q.set(new Text("kill switch " + scope + ": " + a.path("reason").asText()));
        log.accept("FIX kill switch " + scope + ": OrderMassCancelRequest to the venue");
        send(q, venueSession);
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
    send(order, venueSession);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Stamps {@code node} with the gateway's clock ({@code ts}) and hands it to the engine in one
   * step, so that the order of the stamps is the order of the engine's inbound buffer: stamped on
   * one of the gateway's threads and queued after an event stamped later on another, an event would
   * be refused by the engine as out of order.
   *
   * @throws IllegalArgumentException if the node is not a valid event
   */
  private CompletableFuture<EngineReply> submit(Caller caller, ObjectNode node) {
    final EngineRuntime rt = runtime.get();
    if (rt == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("no engine runtime"));
    }
    synchronized (stamps) {
      node.put("ts", EventCodec.formatTime(now()));
      return rt.submit(caller, List.of(node), List.of(EventCodec.parse(node)));
    }
  }

  /** Event time: the gateway's clock, never earlier than the gateway's last event. */
  private long now() {
    final long clock = clockNanos.getAsLong();
    return lastTimestamp.accumulateAndGet(clock, (last, w) -> Math.max(last + 1, w));
  }

  private static long wallClockNanos() {
    final Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /**
   * Whether the engine approved {@code orderId}, read from the top-level fields of its decision
   * without building the whole tree (the checks array is skipped); null when the reply holds no
   * decision of that order. The approval is on the order path; a rejection is parsed in full for
   * its text ({@link #decision}).
   */
  static Boolean approved(EngineReply reply, String orderId) {
    for (String output : reply.outputs()) {
      if (!output.startsWith("{\"type\":\"decision\"")) {
        continue;
      }
      try (JsonParser p = JSON.getFactory().createParser(output)) {
        p.nextToken();
        String id = null;
        Boolean approved = null;
        while (p.nextToken() == JsonToken.FIELD_NAME && (id == null || approved == null)) {
          final String name = p.currentName();
          final JsonToken value = p.nextToken();
          if (name.equals("orderId")) {
            id = p.getText();
          } else if (name.equals("approved")) {
            approved = value == JsonToken.VALUE_TRUE;
          } else {
            p.skipChildren();
          }
        }
        if (orderId.equals(id) && approved != null) {
          return approved;
        }
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  private static JsonNode decision(EngineReply reply, String orderId) {
    for (String output : reply.outputs()) {
      if (output.startsWith("{\"type\":\"decision\"")) {
        try {
          final JsonNode d = JSON.readTree(output);
          if (orderId.equals(d.path("orderId").asText())) {
            return d;
          }
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * The failing check of a rejection as a trader reads it: {@code POSITION_LIMIT 0.1110 > 0.1000
   * account:A1}.
   */
  static String failure(JsonNode decision) {
    for (JsonNode check : decision.path("checks")) {
      if (!check.path("passed").asBoolean(true)) {
        final StringBuilder b = new StringBuilder(check.path("code").asText());
        if (check.hasNonNull("value") || check.hasNonNull("limit")) {
          b.append(' ').append(number(check.get("value")));
          b.append(" > ").append(number(check.get("limit")));
        }
        if (check.hasNonNull("scope")) {
          b.append(' ').append(check.get("scope").asText());
        }
        if (check.hasNonNull("reason")) {
          b.append(" (").append(check.get("reason").asText()).append(')');
        }
        return b.toString();
      }
    }
    return decision.path("rejectedBy").asText("REJECTED");
  }

  private static String number(JsonNode n) {
    if (n == null || n.isNull() || !n.isNumber()) {
      return "n/a";
    }
    return n.decimalValue().setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t != t.getCause()) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private void send(Message m, SessionID session) {
    try {
      Session.sendToTarget(m, session);
    } catch (SessionNotFound e) {
      log.accept("warning: FIX session " + session + " not found for " + m);
    }
  }

  private final class Handler implements Application {
    @Override
    public void onCreate(SessionID sessionId) {}

    @Override
    public void onLogon(SessionID sessionId) {
      if (sessionId.equals(venueSession)) {
        venueStatus(true);
      } else if (clients.containsKey(sessionId)) {
        log.accept("FIX client session " + sessionId + " logged on");
      }
    }

    @Override
    public void onLogout(SessionID sessionId) {
      if (sessionId.equals(venueSession)) {
        if (venueUp) {
          venueStatus(false);
        }
        return;
      }
      final Client c = clients.get(sessionId);
      if (c != null && !stopping && c.config().cancelOnDisconnect()) {
        cancelOnDisconnect(c);
      }
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {}

    @Override
    public void fromAdmin(Message message, SessionID sessionId) {}

    @Override
    public void toApp(Message message, SessionID sessionId) {}

    @Override
    public void fromApp(Message message, SessionID sessionId) throws FieldNotFound {
      if (sessionId.equals(venueSession)) {
        fromVenue(message);
        return;
      }
      final Client c = clients.get(sessionId);
      if (c != null) {
        fromClient(c, message);
        return;
      }
      final BusinessMessageReject reject =
          new BusinessMessageReject(
              new RefMsgType(message.getHeader().getString(MsgType.FIELD)),
              new BusinessRejectReason(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
      reject.set(new Text("a drop-copy session only receives execution reports"));
      send(reject, sessionId);
    }
  }
}
