package io.riskgate.server.fix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.runtime.EngineReply;
import io.riskgate.server.runtime.EngineRuntime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.field.MsgType;

/**
 * What the gateway's parts share: its settings, sessions and order file, the lock that guards the
 * order file and what is sent under it, and the one step that stamps an event and queues it to the
 * engine.
 */
final class GatewayState {
  final FixSettings settings;
  final Supplier<EngineRuntime> runtime;
  final Consumer<String> log;
  final GatewayOrders orders;
  final SessionID venueSession;
  final Caller venueCaller;
  final Map<SessionID, Client> clients;
  final List<SessionID> dropCopies;
  final Object lock = new Object();
  private final LongSupplier clockNanos;
  private final AtomicLong lastTimestamp = new AtomicLong();
  private final Object stamps = new Object();
  volatile boolean venueUp;
  volatile boolean stopping;

  /** A client session as configured, with its throttle and the identity it acts under. */
  record Client(SessionID id, FixSettings.ClientSession config, Throttle throttle, Caller caller) {
    String key() {
      return config.senderCompId();
    }
  }

  GatewayState(
      FixSettings settings,
      Supplier<EngineRuntime> runtime,
      Consumer<String> log,
      LongSupplier clockNanos,
      GatewayOrders orders,
      SessionID venueSession,
      Caller venueCaller,
      Map<SessionID, Client> clients,
      List<SessionID> dropCopies) {
    this.settings = settings;
    this.runtime = runtime;
    this.log = log;
    this.clockNanos = clockNanos;
    this.orders = orders;
    this.venueSession = venueSession;
    this.venueCaller = venueCaller;
    this.clients = clients;
    this.dropCopies = dropCopies;
  }

  /** A copy of a client's message to send on: its body, a fresh header. */
  static Message forward(Message m, String type) {
    final Message out = (Message) m.clone();
    out.getHeader().clear();
    out.getTrailer().clear();
    out.getHeader().setString(MsgType.FIELD, type);
    return out;
  }

  void sendToOwner(Message out, GatewayOrders.Order o) {
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

  void dropCopy(Message report) {
    for (SessionID d : dropCopies) {
      final Message copy = (Message) report.clone();
      copy.getHeader().clear();
      copy.getHeader().setString(MsgType.FIELD, MsgType.EXECUTION_REPORT);
      send(copy, d);
    }
  }

  /**
   * Stamps {@code node} with the gateway's clock ({@code ts}) and hands it to the engine in one
   * step, so that the order of the stamps is the order of the engine's inbound buffer: stamped on
   * one of the gateway's threads and queued after an event stamped later on another, an event would
   * be refused by the engine as out of order.
   *
   * @throws IllegalArgumentException if the node is not a valid event
   */
  CompletableFuture<EngineReply> submit(Caller caller, ObjectNode node) {
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
  long now() {
    final long clock = clockNanos.getAsLong();
    return lastTimestamp.accumulateAndGet(clock, (last, w) -> Math.max(last + 1, w));
  }

  static long wallClockNanos() {
    final Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  void send(Message m, SessionID session) {
    try {
      Session.sendToTarget(m, session);
    } catch (SessionNotFound e) {
      log.accept("warning: FIX session " + session + " not found for " + m);
    }
  }
}
