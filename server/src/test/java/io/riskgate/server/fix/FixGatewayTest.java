package io.riskgate.server.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.core.Fixed;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.PositionView;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.RiskgateServer;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.config.ConfigLoader;
import io.riskgate.server.config.ServerConfig;
import io.riskgate.server.journal.Journal;
import io.riskgate.server.journal.JournalConfig;
import io.riskgate.server.journal.JournalReader;
import io.riskgate.server.runtime.EngineReply;
import io.riskgate.server.runtime.JournalEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;

/**
 * The FIX gateway end to end in one JVM: a QuickFIX/J client (DESK1, account A1, strategy S1), a
 * real server with the gateway, the simulated venue in book mode (orders rest until the venue's
 * price crosses them) and a drop-copy listener (COMPLIANCE). Account A1 has 1,000,000 of capital
 * and a position limit of 10% of it: 1,000 BTC-USD at 100 is the most it may hold.
 */
class FixGatewayTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Caller RISK = new Caller("officer", Role.RISK, Set.of(), false);

  @TempDir Path data;
  @TempDir Path venueData;
  private int venuePort;
  private int clientPort;
  private int dropCopyPort;
  private SimulatedVenue venue;
  private RiskgateServer server;
  private ServerConfig config;
  private FixClient desk;
  private FixClient compliance;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private int ids;

  @BeforeEach
  void start() throws Exception {
    venuePort = freePort();
    clientPort = freePort();
    dropCopyPort = freePort();
    venue = SimulatedVenue.start("VENUE", venuePort, SimulatedVenue.FillMode.BOOK, venueData, 0);
    startServer();
    desk = FixClient.connect("DESK1", "RISKGATE", "127.0.0.1", clientPort);
    compliance = FixClient.connect("COMPLIANCE", "RISKGATE", "127.0.0.1", dropCopyPort);
    desk.awaitLogon(WAIT);
    compliance.awaitLogon(WAIT);
    price("100");
  }

  private void startServer() throws IOException, InterruptedException {
    final String yaml =
        """
        server: {host: 127.0.0.1, port: 0}
        journal: {dir: "%s", fsync: os}
        engine: {timerMillis: 0}
        instruments:
          - {symbol: BTC-USD, venue: X, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto}
        accounts:
          - {account: A1, capital: 1000000, currency: USD}
        strategies:
          - {strategy: S1, account: A1, allocation: 1000000}
          - {strategy: S2, account: A1, allocation: 1000000}
        limits:
          - {scope: "account:A1", limits: {minLiquidity: null, maxPositionFraction: 0.1}}
        fix:
          acceptor:
            port: %d
            sessions:
              - {senderCompId: DESK1, targetCompId: RISKGATE, account: A1, strategy: S1, cancelOnDisconnect: true, maxMessagesPerSecond: 200}
              - {senderCompId: DESK2, targetCompId: RISKGATE, account: A1, strategy: S2, cancelOnDisconnect: false, maxMessagesPerSecond: 5}
          venue: {host: 127.0.0.1, port: %d, senderCompId: RISKGATE, targetCompId: VENUE, name: X}
          dropCopy: {port: %d, sessions: [{senderCompId: RISKGATE, targetCompId: COMPLIANCE}]}
        """
            .formatted(data, clientPort, venuePort, dropCopyPort);
    config = ConfigLoader.parse(yaml, "test");
    server = RiskgateServer.start(config, new PrintStream(log, true, StandardCharsets.UTF_8));
    until(() -> server.fixGateway().venueConnected(), "the gateway's venue session logs on");
  }

  @AfterEach
  void stop() throws Exception {
    if (desk != null) {
      desk.close();
    }
    if (compliance != null) {
      compliance.close();
    }
    if (server != null) {
      server.close();
    }
    if (venue != null) {
      venue.close();
    }
  }

  @Test
  void approvedOrderGoesToTheVenueUnderTheGatewaysIdAndItsFillReachesTheEngine() throws Exception {
    venue.price("BTC-USD", new BigDecimal("99.5"));
    desk.send(limit("c1", Side.BUY, "10", "100"));
    final Message ack = desk.await(report("c1", ExecType.NEW), WAIT);
    assertEquals("A1", FixClient.field(ack, 1));
    final Message fill = desk.await(report("c1", ExecType.TRADE), WAIT);
    assertEquals("99.5", FixClient.field(fill, 31));
    assertEquals("10", FixClient.field(fill, 32));
    assertEquals("DESK1-c1", FixClient.field(venue.received().get(0), ClOrdID.FIELD));
    until(() -> position() == Fixed.parse("10"), "the engine holds the 10 bought");
    compliance.await(report("c1", ExecType.NEW), WAIT);
    compliance.await(report("c1", ExecType.TRADE), WAIT);
  }

  @Test
  void rejectedOrderIsAnsweredWithTheFailingCheckItsValueLimitAndScope() throws Exception {
    desk.send(limit("big", Side.BUY, "1110", "100"));
    final Message reject = desk.await(report("big", ExecType.REJECTED), WAIT);
    assertEquals("8", FixClient.field(reject, 39));
    assertEquals(String.valueOf(OrdRejReason.ORDER_EXCEEDS_LIMIT), FixClient.field(reject, 103));
    assertEquals("POSITION_LIMIT 0.1110 > 0.1000 account:A1", FixClient.field(reject, 58));
    assertTrue(venue.received().isEmpty(), "nothing reached the venue");
    compliance.await(report("big", ExecType.REJECTED), WAIT);
  }

  @Test
  void amendIsCheckedApprovedReplacesAndRejectedLeavesTheOrderAsItWas() throws Exception {
    desk.send(limit("a1", Side.BUY, "10", "90"));
    desk.await(report("a1", ExecType.NEW), WAIT);

    desk.send(replace("a2", "a1", "20", "90"));
    final Message replaced = desk.await(report("a2", ExecType.REPLACED), WAIT);
    assertEquals("a1", FixClient.field(replaced, OrigClOrdID.FIELD));
    assertEquals("20", FixClient.field(replaced, OrderQty.FIELD));

    // 1,500 at 90 is 135,000: beyond the 100,000 the account may hold.
    desk.send(replace("a3", "a2", "1500", "90"));
    final Message refused = desk.await(type(MsgType.ORDER_CANCEL_REJECT, "a3"), WAIT);
    assertEquals(
        String.valueOf(CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST),
        FixClient.field(refused, 434));
    assertTrue(
        FixClient.field(refused, Text.FIELD).startsWith("POSITION_LIMIT "),
        FixClient.field(refused, Text.FIELD));
    assertEquals(
        1,
        venue.received().stream()
            .filter(m -> FixClient.type(m).equals(MsgType.ORDER_CANCEL_REPLACE_REQUEST))
            .count(),
        "the rejected amend never reached the venue");
    assertEquals(List.of("DESK1-a1.1"), venue.openOrders());

    // The order is still the approved 20: filling it moves the engine by 20.
    venue.price("BTC-USD", new BigDecimal("89"));
    desk.await(report("a2", ExecType.TRADE), WAIT);
    until(() -> position() == Fixed.parse("20"), "the engine holds the amended 20");
  }

  @Test
  void replaceTheVenueRefusesPutsTheEnginesReservationBackToTheOrderTheVenueHolds()
      throws Exception {
    desk.send(limit("v1", Side.BUY, "10", "90"));
    desk.await(report("v1", ExecType.NEW), WAIT);
    until(() -> openBuy() == Fixed.parse("10"), "the engine reserves the 10");

    // The engine approves 600 at 90 (54,000 of the 100,000 allowed); the venue refuses it.
    final OrderCancelReplaceRequest refusedAtVenue = replace("v2", "v1", "600", "90");
    refusedAtVenue.set(new Text("venue:reject"));
    desk.send(refusedAtVenue);
    final Message refused = desk.await(type(MsgType.ORDER_CANCEL_REJECT, "v2"), WAIT);
    assertEquals("v1", FixClient.field(refused, OrigClOrdID.FIELD));
    assertEquals(
        String.valueOf(CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST),
        FixClient.field(refused, 434));
    until(
        () -> openBuy() == Fixed.parse("10"),
        "the engine's reservation is the venue's 10 again, not the amended 600");
    assertEquals(List.of("DESK1-v1"), venue.openOrders());

    // The journal holds the amendRejected: its replay rebuilds exactly this state (a restarted
    // server has one more event, the venue session's logon).
    final long live = server.runtime().query(RiskEngine::stateHash).get(10, TimeUnit.SECONDS);
    server.close();
    desk.awaitLogout(WAIT);
    assertEquals(live, replayedStateHash());
    startServer();
    desk.awaitLogons(2, WAIT);
    until(() -> openBuy() == Fixed.parse("10"), "the restarted engine reserves the venue's 10");

    // The order takes replaces again, and fills as the venue holds it.
    desk.send(replace("v3", "v1", "20", "90"));
    desk.await(report("v3", ExecType.REPLACED), WAIT);
    until(() -> openBuy() == Fixed.parse("20"), "the engine reserves the replaced 20");
    venue.price("BTC-USD", new BigDecimal("89"));
    desk.await(report("v3", ExecType.TRADE), WAIT);
    until(() -> position() == Fixed.parse("20"), "the engine holds the 20");
    assertEquals(0, openBuy());
  }

  @Test
  void cancelPassesThroughAndTheVenuesConfirmationClosesTheOrderInTheEngine() throws Exception {
    desk.send(limit("k1", Side.BUY, "10", "90"));
    desk.await(report("k1", ExecType.NEW), WAIT);
    assertNotNull(openStrategy("DESK1-k1"));
    desk.send(cancel("k2", "k1"));
    final Message cancelled = desk.await(report("k2", ExecType.CANCELED), WAIT);
    assertEquals("k1", FixClient.field(cancelled, OrigClOrdID.FIELD));
    until(() -> openStrategy("DESK1-k1") == null, "the engine closed the order");
    desk.send(cancel("k3", "k1"));
    desk.await(type(MsgType.ORDER_CANCEL_REJECT, "k3"), WAIT);
  }

  @Test
  void venueRejectReleasesTheOrderAndABustRestoresThePosition() throws Exception {
    final NewOrderSingle refused = limit("r1", Side.BUY, "10", "90");
    refused.set(new Text("venue:reject"));
    desk.send(refused);
    final Message reject = desk.await(report("r1", ExecType.REJECTED), WAIT);
    assertEquals("rejected by the venue on request", FixClient.field(reject, 58));
    until(() -> openStrategy("DESK1-r1") == null, "the engine released the rejected order");

    desk.send(limit("b1", Side.BUY, "10", "100"));
    desk.await(report("b1", ExecType.TRADE), WAIT);
    until(() -> position() == Fixed.parse("10"), "the fill reached the engine");
    venue.bust(venue.executions().get(0).execId());
    final Message bust = desk.await(report("b1", ExecType.TRADE_CANCEL), WAIT);
    assertNotNull(FixClient.field(bust, 19));
    until(() -> position() == 0, "the bust restored the position");
    compliance.await(report("b1", ExecType.TRADE_CANCEL), WAIT);
  }

  @Test
  void droppedClientSocketCancelsItsOpenOrdersAtTheVenue() throws Exception {
    desk.send(limit("d1", Side.BUY, "10", "90"));
    desk.send(limit("d2", Side.BUY, "5", "80"));
    desk.await(report("d2", ExecType.NEW), WAIT);
    desk.await(report("d1", ExecType.NEW), WAIT);
    assertEquals(2, venue.openOrders().size());
    desk.drop();
    until(() -> venue.openOrders().isEmpty(), "the venue cancelled both orders");
    until(
        () -> openStrategy("DESK1-d1") == null && openStrategy("DESK1-d2") == null,
        "the engine closed both orders");
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("cancelling its 2 open orders"));
  }

  @Test
  void sessionOverItsMessageRateGetsBusinessRejectsAndNothingIsForwarded() throws Exception {
    try (FixClient fast = FixClient.connect("DESK2", "RISKGATE", "127.0.0.1", clientPort)) {
      fast.awaitLogon(WAIT);
      for (int i = 0; i < 8; i++) {
        final NewOrderSingle o = limit("t" + i, Side.BUY, "1", "90");
        fast.send(o);
      }
      until(
          () ->
              fast.all(m -> FixClient.type(m).equals(MsgType.BUSINESS_MESSAGE_REJECT)).size() >= 3
                  && fast.all(report(null, ExecType.NEW)).size() == 5,
          "5 orders acknowledged and 3 refused");
      final Message j =
          fast.all(m -> FixClient.type(m).equals(MsgType.BUSINESS_MESSAGE_REJECT)).get(0);
      assertTrue(FixClient.field(j, 58).startsWith("THROTTLE: more than 5 messages per second"));
      assertEquals(MsgType.ORDER_SINGLE, FixClient.field(j, 372));
      assertEquals(
          5,
          venue.received().stream()
              .filter(m -> FixClient.type(m).equals(MsgType.ORDER_SINGLE))
              .count());
    }
  }

  @Test
  void killSwitchCancelsAtTheVenueWithOneMassCancelAndFlattens() throws Exception {
    desk.send(limit("f1", Side.BUY, "10", "100"));
    desk.await(report("f1", ExecType.TRADE), WAIT);
    desk.send(limit("m1", Side.BUY, "10", "90"));
    desk.send(limit("m2", Side.BUY, "10", "80"));
    desk.await(report("m2", ExecType.NEW), WAIT);
    desk.await(report("m1", ExecType.NEW), WAIT);
    until(() -> position() == Fixed.parse("10"), "the first order's fill reached the engine");

    event("{\"type\":\"kill\",\"ts\":\"" + Instant.now() + "\",\"scope\":\"account:A1\"}");
    desk.await(report("m1", ExecType.CANCELED), WAIT);
    desk.await(report("m2", ExecType.CANCELED), WAIT);
    assertEquals(
        1,
        venue.received().stream()
            .filter(m -> FixClient.type(m).equals(MsgType.ORDER_MASS_CANCEL_REQUEST))
            .count());
    assertEquals(
        0,
        venue.received().stream()
            .filter(m -> FixClient.type(m).equals(MsgType.ORDER_CANCEL_REQUEST))
            .count());
    until(
        () -> openStrategy("DESK1-m1") == null && openStrategy("DESK1-m2") == null,
        "the engine confirmed both cancels");
    // The flattening market order sells the 10 at the venue's price, and the drop copy sees it.
    until(() -> position() == 0, "the kill switch flattened the position");
    compliance.await(
        m ->
            FixClient.type(m).equals(MsgType.EXECUTION_REPORT)
                && "2".equals(FixClient.field(m, 54))
                && String.valueOf(ExecType.TRADE).equals(FixClient.field(m, 150)),
        WAIT);
  }

  @Test
  void dropCopyReceivesEveryExecutionReport() throws Exception {
    desk.send(limit("p1", Side.BUY, "10", "100"));
    desk.send(limit("p2", Side.BUY, "5000", "100"));
    desk.send(limit("p3", Side.BUY, "10", "90"));
    desk.await(report("p3", ExecType.NEW), WAIT);
    desk.send(cancel("p4", "p3"));
    desk.await(report("p4", ExecType.CANCELED), WAIT);
    desk.await(report("p1", ExecType.TRADE), WAIT);
    desk.await(report("p2", ExecType.REJECTED), WAIT);
    final List<Message> sent = desk.all(m -> FixClient.type(m).equals(MsgType.EXECUTION_REPORT));
    assertEquals(5, sent.size(), sent.toString());
    until(
        () -> compliance.all(m -> FixClient.type(m).equals(MsgType.EXECUTION_REPORT)).size() == 5,
        "the drop copy has the same five reports");
    for (Message m : sent) {
      final String id = FixClient.field(m, ClOrdID.FIELD);
      final String exec = FixClient.field(m, 150);
      assertFalse(
          compliance
              .all(c -> id.equals(FixClient.field(c, 11)) && exec.equals(FixClient.field(c, 150)))
              .isEmpty(),
          "drop copy of " + m);
    }
  }

  @Test
  void restartedGatewayKeepsSequenceNumbersAndItsOpenOrders() throws Exception {
    desk.send(limit("s1", Side.BUY, "10", "90"));
    desk.await(report("s1", ExecType.NEW), WAIT);
    desk.send(limit("s2", Side.BUY, "10", "80"));
    desk.await(report("s2", ExecType.NEW), WAIT);
    server.close();
    desk.awaitLogout(WAIT);
    assertEquals(2, venue.openOrders().size(), "stopping the gateway cancels nothing");

    startServer();
    desk.awaitLogons(2, WAIT);
    assertEquals(List.of("DESK1-s1", "DESK1-s2"), server.fixGateway().openOrders("DESK1"));
    desk.send(cancel("s3", "s1"));
    final Message cancelled = desk.await(report("s3", ExecType.CANCELED), WAIT);
    assertEquals("s1", FixClient.field(cancelled, OrigClOrdID.FIELD));
    until(() -> openStrategy("DESK1-s1") == null, "the engine closed s1 after the restart");
    venue.price("BTC-USD", new BigDecimal("79"));
    desk.await(report("s2", ExecType.TRADE), WAIT);
    until(() -> position() == Fixed.parse("10"), "s2's fill after the restart reached the engine");
    // The client kept its sequence numbers and the gateway its own: no reset, no gap left open.
    final quickfix.Session session =
        quickfix.Session.lookupSession(new quickfix.SessionID("FIX.4.4", "RISKGATE", "DESK1"));
    assertTrue(session.getStore().getNextSenderMsgSeqNum() > 5);
  }

  // ------------------------------------------------------------------ helpers

  private NewOrderSingle limit(String id, char side, String qty, String price) {
    final NewOrderSingle o =
        new NewOrderSingle(
            new ClOrdID(id),
            new Side(side),
            new TransactTime(LocalDateTime.now(ZoneOffset.UTC)),
            new OrdType(OrdType.LIMIT));
    o.set(new Symbol("BTC-USD"));
    o.setString(OrderQty.FIELD, qty);
    o.setString(Price.FIELD, price);
    return o;
  }

  private static OrderCancelReplaceRequest replace(
      String id, String orig, String qty, String price) {
    final OrderCancelReplaceRequest r =
        new OrderCancelReplaceRequest(
            new OrigClOrdID(orig),
            new ClOrdID(id),
            new Side(Side.BUY),
            new TransactTime(LocalDateTime.now(ZoneOffset.UTC)),
            new OrdType(OrdType.LIMIT));
    r.set(new Symbol("BTC-USD"));
    r.setString(OrderQty.FIELD, qty);
    r.setString(Price.FIELD, price);
    return r;
  }

  private static OrderCancelRequest cancel(String id, String orig) {
    final OrderCancelRequest r =
        new OrderCancelRequest(
            new OrigClOrdID(orig),
            new ClOrdID(id),
            new Side(Side.BUY),
            new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
    r.set(new Symbol("BTC-USD"));
    return r;
  }

  private static Predicate<Message> report(String clOrdId, char execType) {
    return m ->
        FixClient.type(m).equals(MsgType.EXECUTION_REPORT)
            && (clOrdId == null || clOrdId.equals(FixClient.field(m, ClOrdID.FIELD)))
            && String.valueOf(execType).equals(FixClient.field(m, ExecType.FIELD));
  }

  private static Predicate<Message> type(String msgType, String clOrdId) {
    return m ->
        FixClient.type(m).equals(msgType) && clOrdId.equals(FixClient.field(m, ClOrdID.FIELD));
  }

  private void price(String px) throws Exception {
    event(
        "{\"type\":\"price\",\"ts\":\""
            + Instant.now()
            + "\",\"symbol\":\"BTC-USD\",\"bid\":\""
            + px
            + "\",\"ask\":\""
            + px
            + "\",\"last\":\""
            + px
            + "\"}");
    venue.price("BTC-USD", new BigDecimal(px));
  }

  private void event(String json) throws Exception {
    final ObjectNode node = (ObjectNode) JSON.readTree(json);
    if (node.path("type").asText().equals("kill")) {
      node.put("by", RISK.name());
    }
    final EngineReply reply =
        server
            .runtime()
            .submit(RISK, List.of(node), List.of(EventCodec.parse(node)))
            .get(10, TimeUnit.SECONDS);
    assertNull(reply.refusal(), () -> String.valueOf(reply.refusal()));
  }

  private long position() {
    try {
      return server
          .runtime()
          .query(
              (RiskEngine e) ->
                  e.positions().stream()
                      .filter(p -> p.symbol().equals("BTC-USD"))
                      .mapToLong(PositionView::quantity)
                      .sum())
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The state hash of a fresh engine fed the configuration's reference data and the journal. */
  private long replayedStateHash() throws IOException {
    final RiskEngine engine = new RiskEngine(config.engine(), OutputSink.NONE);
    for (Event event : config.referenceData()) {
      engine.apply(event);
    }
    try (Journal journal =
            Journal.open(
                JournalConfig.defaults(config.journalDirectory())
                    .withMaxPayloadBytes(config.maxJournalPayloadBytes()));
        JournalReader reader = journal.reader(journal.firstSequence())) {
      while (reader.next()) {
        engine.apply(EventCodec.parse(JournalEntry.decode(reader.payload()).event()));
      }
    }
    return engine.stateHash();
  }

  private long openBuy() {
    try {
      return server
          .runtime()
          .query(
              (RiskEngine e) ->
                  e.positions().stream()
                      .filter(p -> p.symbol().equals("BTC-USD"))
                      .mapToLong(PositionView::openBuy)
                      .sum())
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String openStrategy(String orderId) {
    try {
      return server.runtime().query(e -> e.openOrderStrategy(orderId)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void until(BooleanSupplier condition, String what) throws InterruptedException {
    final long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not within "
                + WAIT
                + ": "
                + what
                + "\nserver log:\n"
                + log.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(10);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
