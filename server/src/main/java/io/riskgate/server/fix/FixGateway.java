package io.riskgate.server.fix;

import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.fix.GatewayState.Client;
import io.riskgate.server.runtime.EngineRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import quickfix.SessionSettings;
import quickfix.field.BusinessRejectReason;
import quickfix.field.MsgType;
import quickfix.field.RefMsgType;
import quickfix.field.Text;
import quickfix.fix44.BusinessMessageReject;

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
 *
 * <p>This class sets the sessions up and routes their messages; the work is in its parts, over the
 * state they share ({@link GatewayState}: the order file, its lock, event stamping): {@link
 * ClientIntake} (35=D, G and F from clients), {@link VenueReports} (the venue's reports to the
 * engine, the client and the drop copies), {@link VenueActions} (kill-switch actions and
 * cancel-on-disconnect), {@link EngineDecisions} (the engine's replies read) and {@link
 * ExecutionReports} (the reports it builds itself).
 */
public final class FixGateway implements AutoCloseable {
  private final GatewayState g;
  private final ClientIntake intake;
  private final VenueReports reports;
  private final VenueActions actions;
  private final Supplier<EngineRuntime> runtime;
  private final GatewayOrders orders;
  private final InlineSessions.Acceptor acceptor;
  private final InlineSessions.Initiator initiator;
  private final SessionID venueSession;
  private final Map<SessionID, Client> clients;
  private final Consumer<String> log;
  private final Object lock;
  private final Consumer<String> outputs;

  private FixGateway(
      FixSettings settings,
      String host,
      Path directory,
      boolean force,
      Supplier<EngineRuntime> runtime,
      Consumer<String> log,
      LongSupplier clockNanos)
      throws IOException, ConfigError {
    this.runtime = runtime;
    this.log = log;
    this.orders = GatewayOrders.open(directory, force);
    final SessionSettings accept = FixSessions.settings(directory);
    this.clients = new HashMap<>();
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
    final List<SessionID> dropCopies =
        settings.dropCopies().stream()
            .map(
                d ->
                    FixSessions.acceptor(
                        accept, d.senderCompId(), d.targetCompId(), host, settings.dropCopyPort()))
            .toList();
    final SessionSettings initiate = FixSessions.settings(directory);
    final FixSettings.VenueSession v = settings.venue();
    this.venueSession =
        FixSessions.initiator(initiate, v.senderCompId(), v.targetCompId(), v.host(), v.port());
    final Caller venueCaller = new Caller("fix:" + v.targetCompId(), Role.RISK, Set.of(), false);
    this.g =
        new GatewayState(
            settings,
            runtime,
            log,
            clockNanos,
            orders,
            venueSession,
            venueCaller,
            clients,
            dropCopies);
    this.lock = g.lock;
    this.intake = new ClientIntake(g);
    this.reports = new VenueReports(g);
    this.actions = new VenueActions(g);
    this.outputs = actions::onOutput;
    final Application app = new Handler();
    this.acceptor =
        new InlineSessions.Acceptor(
            app,
            new FileStoreFactory(accept),
            accept,
            settings.messageLog() ? new FileLogFactory(accept) : QuietLog.errorsTo(log),
            new DefaultMessageFactory());
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
    return start(settings, host, directory, force, runtime, log, GatewayState::wallClockNanos);
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
    return g.venueUp;
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
    g.stopping = true;
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

  private final class Handler implements Application {
    @Override
    public void onCreate(SessionID sessionId) {}

    @Override
    public void onLogon(SessionID sessionId) {
      if (sessionId.equals(venueSession)) {
        reports.venueStatus(true);
      } else if (clients.containsKey(sessionId)) {
        log.accept("FIX client session " + sessionId + " logged on");
      }
    }

    @Override
    public void onLogout(SessionID sessionId) {
      if (sessionId.equals(venueSession)) {
        if (g.venueUp) {
          reports.venueStatus(false);
        }
        return;
      }
      final Client c = clients.get(sessionId);
      if (c != null && !g.stopping && c.config().cancelOnDisconnect()) {
        actions.cancelOnDisconnect(c);
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
        reports.fromVenue(message);
        return;
      }
      final Client c = clients.get(sessionId);
      if (c != null) {
        intake.fromClient(c, message);
        return;
      }
      final BusinessMessageReject reject =
          new BusinessMessageReject(
              new RefMsgType(message.getHeader().getString(MsgType.FIELD)),
              new BusinessRejectReason(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE));
      reject.set(new Text("a drop-copy session only receives execution reports"));
      g.send(reject, sessionId);
    }
  }
}
