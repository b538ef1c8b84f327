package io.riskgate.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.RiskgateServer;
import io.riskgate.server.auth.TokenHash;
import io.riskgate.server.codec.ExactJson;
import io.riskgate.server.config.ConfigLoader;
import io.riskgate.server.fix.FixClient;
import io.riskgate.server.fix.FixGateway;
import io.riskgate.server.fix.FixSettings;
import io.riskgate.server.fix.SimulatedVenue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecType;
import quickfix.field.LastQty;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

/**
 * Drives a demo server: a simulated venue and three simple strategies over real market data, one
 * step (five minutes of market time) at a time through the server's own HTTP API with the trader's
 * token. The venue fills approved orders at the next step and answers the engine's kill-switch
 * instructions (cancel, flatten); everything the engine says is counted from its output stream.
 *
 * <p>Strategies: {@code ma-cross} buys 150 AAPL while the 5-step average is above the 20-step one;
 * {@code momentum} holds 60 BTC/USD after a rise of 0.5% over 12 steps and is flat after a fall as
 * large; {@code scalper} holds 900 units of a simulated index (whose flash crashes trip its circuit
 * breaker, which recovers once the price is back) and now and then asks for far more than its
 * limits allow (rejected).
 *
 * <p>With FIX ({@link #start(Path, int, PrintWriter, boolean)}), the orders take the way real order
 * flow takes: each strategy is a FIX 4.4 client session ({@link FixClient}) of a FIX gateway in
 * front of the engine, which sends what it approves to a simulated FIX venue ({@link
 * SimulatedVenue}, filling at once at the order's price); the venue's fills come back to the engine
 * through the gateway, and the kill switch's cancels and flattening orders go to that venue. Prices
 * and timers still come over HTTP. The gateway stamps its events with the demo's market clock, and
 * each step waits until its orders are answered, so the market data stays in order.
 */
public final class DemoDriver implements AutoCloseable {
  /** Market time between two steps. */
  public static final long STEP_SECONDS = 300;

  /** Steps per real second at speed 1. */
  public static final double STEPS_PER_SECOND = 4;

  /** The market clock's start: the first BTC/USD trade of the data. */
  public static final Instant START = Instant.parse("2013-11-25T00:00:00Z");

  private static final ObjectMapper JSON = ExactJson.MAPPER;

  /** The demo's tokens, one per role, made fresh for each run. */
  public record Tokens(String trader, String risk, String viewer) {
    static Tokens random() {
      final SecureRandom random = new SecureRandom();
      return new Tokens(hex(random), hex(random), hex(random));
    }

    private static String hex(SecureRandom random) {
      final byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      return HexFormat.of().formatHex(bytes);
    }
  }

  /** What the engine said during the run, counted from its output stream. */
  public static final class Counters {
    public final AtomicLong approved = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();
    public final AtomicLong alerts = new AtomicLong();
    public final AtomicLong breakerTransitions = new AtomicLong();
    public final AtomicLong kills = new AtomicLong();

    @Override
    public String toString() {
      return "approved="
          + approved
          + " rejected="
          + rejected
          + " alerts="
          + alerts
          + " breakerTransitions="
          + breakerTransitions
          + " kills="
          + kills;
    }
  }

  private record PendingFill(
      String orderId, String strategy, String symbol, double signedQuantity, double price) {}

  private record Book(String strategy, String symbol) {}

  /** FIX mode: the venue, the gateway and one client session per strategy. */
  private record Fix(
      SimulatedVenue venue, FixGateway gateway, Map<String, FixClient> clients, AtomicLong clock) {}

  /** What came back over FIX, counted from the clients' execution reports. */
  public static final class FixCounters {
    public final AtomicLong sent = new AtomicLong();
    public final AtomicLong acknowledged = new AtomicLong();
    public final AtomicLong filled = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();

    @Override
    public String toString() {
      return "orders="
          + sent
          + " acknowledged="
          + acknowledged
          + " filled="
          + filled
          + " rejected="
          + rejected;
    }
  }

  private static final Book MA_CROSS = new Book("ma-cross", "AAPL");
  private static final Book MOMENTUM = new Book("momentum", "BTC-USD");
  private static final Book SCALPER = new Book("scalper", "IDX");

  private final RiskgateServer server;
  private final Tokens tokens;
  private final MarketData market;
  private final PrintWriter out;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Counters counters = new Counters();
  private final ConcurrentLinkedQueue<JsonNode> actions = new ConcurrentLinkedQueue<>();
  private final Consumer<String> subscriber = this::onOutput;
  private final Map<String, Double> position = new HashMap<>();
  private final Map<String, Double> pending = new HashMap<>();
  private final List<PendingFill> fills = new ArrayList<>();
  private final Map<String, Double> mid = new HashMap<>();
  private final Fix fix;
  private final FixCounters fixCounters = new FixCounters();
  private final ConcurrentLinkedQueue<Message> reports = new ConcurrentLinkedQueue<>();
  private final Map<String, PendingFill> working = new HashMap<>();
  private long step;
  private long orderSequence;
  private long fillSequence;

  private DemoDriver(
      RiskgateServer server, Tokens tokens, MarketData market, PrintWriter out, Fix fix) {
    this.server = server;
    this.tokens = tokens;
    this.market = market;
    this.out = out;
    this.fix = fix;
    server.runtime().subscribe(subscriber);
    if (fix != null) {
      for (FixClient c : fix.clients().values()) {
        c.keepNothing(); // the listener below takes each report; a long demo keeps none
        c.onMessage(
            m -> {
              if (FixClient.type(m).equals(MsgType.EXECUTION_REPORT)) {
                reports.add(m);
              }
            });
      }
    }
  }

  /**
   * The demo configuration: instruments, one account, three strategies, limits and tokens. The
   * server's clock is off (the market time of the data is in 2013, the wall clock's timers would
   * overtake it), and prices are stale after 900 s, three steps of market time, since each step
   * prices every instrument once.
   */
  static String configYaml(Path data, int port, Tokens tokens) {
    return """
        server: {host: 127.0.0.1, port: %d, maxBodyBytes: 65536, streamIntervalMillis: 500}
        journal: {dir: "%s", fsync: os, rollBytes: 67108864}
        engine: {timerMillis: 0}
        instruments:
          - {symbol: AAPL, venue: XNAS, currency: USD, tickSize: 0.01, lotSize: 1, assetClass: equity, sector: technology}
          - {symbol: BTC-USD, venue: BITSTAMP, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto, sector: crypto}
          - {symbol: IDX, venue: SIM, currency: USD, tickSize: 0.01, lotSize: 1, assetClass: equity, sector: index}
        accounts:
          - {account: DEMO, capital: 1000000, currency: USD}
        strategies:
          - {strategy: ma-cross, account: DEMO, allocation: 300000}
          - {strategy: momentum, account: DEMO, allocation: 300000}
          - {strategy: scalper, account: DEMO, allocation: 100000}
        limits:
          - {scope: "account:DEMO", limits: {minLiquidity: null, maxCorrelation: null, maxOrderNotional: 150000}}
          - {scope: "firm", limits: {maxPriceAgeSeconds: 900}}
        tokens:
          - {name: demo-trader, role: trader, sha256: "%s", strategies: ["*"]}
          - {name: demo-risk, role: risk, sha256: "%s"}
          - {name: demo-viewer, role: viewer, sha256: "%s"}
        """
        .formatted(
            port,
            data.toString().replace("\\", "/"),
            TokenHash.sha256Hex(tokens.trader()),
            TokenHash.sha256Hex(tokens.risk()),
            TokenHash.sha256Hex(tokens.viewer()));
  }

  /** Starts the server with fresh tokens on {@code port} (0 = any) and loads the market data. */
  public static DemoDriver start(Path data, int port, PrintWriter out) throws IOException {
    return start(data, port, out, false);
  }

  /**
   * Starts the server; with {@code fix}, also the simulated FIX venue, the FIX gateway and one FIX
   * client session per strategy, and waits until they are logged on.
   */
  public static DemoDriver start(Path data, int port, PrintWriter out, boolean fix)
      throws IOException {
    final Tokens tokens = Tokens.random();
    final MarketData market = MarketData.load(20131125L);
    final RiskgateServer server =
        RiskgateServer.start(
            ConfigLoader.parse(configYaml(data, port, tokens), "demo"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    if (!fix) {
      return new DemoDriver(server, tokens, market, out, null);
    }
    SimulatedVenue venue = null;
    FixGateway gateway = null;
    final Map<String, FixClient> clients = new HashMap<>();
    try {
      venue =
          SimulatedVenue.start(
              "VENUE", freePort(), SimulatedVenue.FillMode.IMMEDIATE, data.resolve("venue"), 0);
      final int acceptorPort = freePort();
      final List<FixSettings.ClientSession> sessions = new ArrayList<>();
      for (Book b : List.of(MA_CROSS, MOMENTUM, SCALPER)) {
        sessions.add(
            new FixSettings.ClientSession(
                compId(b), "RISKGATE", "DEMO", b.strategy(), true, 10_000));
      }
      final FixSettings settings =
          new FixSettings(
              acceptorPort,
              sessions,
              new FixSettings.VenueSession(
                  "127.0.0.1", venue.port(), "RISKGATE", "VENUE", "SIM", true),
              -1,
              List.of());
      // The market clock starts a second before the first step's prices: the venue session's
      // logon is stamped before them.
      final AtomicLong clock = new AtomicLong(nanos(START.minusSeconds(1)));
      gateway =
          FixGateway.start(
              settings,
              "127.0.0.1",
              data.resolve("fix"),
              false,
              server::runtime,
              line -> {
                if (line.startsWith("warning") || line.startsWith("error")) {
                  out.println("fix " + line);
                  out.flush();
                }
              },
              clock::get);
      for (Book b : List.of(MA_CROSS, MOMENTUM, SCALPER)) {
        clients.put(
            b.strategy(), FixClient.connect(compId(b), "RISKGATE", "127.0.0.1", acceptorPort));
      }
      final long deadline = System.nanoTime() + 20_000_000_000L;
      while (!gateway.venueConnected()
          || !clients.values().stream().allMatch(FixClient::loggedOn)) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the demo's FIX sessions did not log on within 20 s");
        }
        Thread.sleep(10);
      }
      out.println("fix gateway 127.0.0.1:" + acceptorPort + " venue 127.0.0.1:" + venue.port());
      return new DemoDriver(server, tokens, market, out, new Fix(venue, gateway, clients, clock));
    } catch (IOException | RuntimeException | InterruptedException e) {
      clients.values().forEach(FixClient::close);
      if (gateway != null) {
        gateway.close();
      }
      if (venue != null) {
        venue.close();
      }
      server.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the FIX sessions logged on", e);
      }
      if (e instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) e;
    }
  }

  private static String compId(Book b) {
    return b.strategy().toUpperCase(java.util.Locale.ROOT);
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** What came back over FIX, or null without FIX. */
  public FixCounters fixCounters() {
    return fix == null ? null : fixCounters;
  }

  public Tokens tokens() {
    return tokens;
  }

  public int port() {
    return server.port();
  }

  public Counters counters() {
    return counters;
  }

  /**
   * Runs steps at {@code speed} × {@value #STEPS_PER_SECOND} a second until {@code seconds} have
   * passed (0 = until interrupted); prints a line of counts every ten seconds.
   */
  public void run(double speed, double seconds) throws InterruptedException {
    final double nanosPerStep = 1e9 / (STEPS_PER_SECOND * speed);
    final long start = System.nanoTime();
    final long end = seconds > 0 ? start + (long) (seconds * 1e9) : Long.MAX_VALUE;
    long nextReport = start + 10_000_000_000L;
    long done = 0;
    while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
      step();
      done++;
      final long now = System.nanoTime();
      if (now >= nextReport) {
        out.println("step " + step + " (" + time(0) + "): " + counters);
        out.flush();
        nextReport += 10_000_000_000L;
      }
      final long due = start + (long) (done * nanosPerStep);
      if (due > now) {
        Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
      }
    }
  }

  /** One step: prices and a timer, the venue's confirmations, then each strategy's orders. */
  void step() {
    mid.put("AAPL", market.aapl(step));
    mid.put("BTC-USD", market.btc(step));
    mid.put("IDX", market.index(step));
    final ArrayNode feed = JSON.createArrayNode();
    for (Map.Entry<String, Double> e : mid.entrySet()) {
      final ObjectNode p = feed.addObject();
      p.put("type", "price");
      p.put("ts", time(0));
      p.put("symbol", e.getKey());
      p.put("bid", decimal(e.getValue() * 0.9999));
      p.put("ask", decimal(e.getValue() * 1.0001));
    }
    feed.addObject().put("type", "timer").put("ts", time(0));
    post("/v1/events", feed);
    if (fix == null) {
      venue();
    } else {
      fix.clock().set(nanos(Instant.parse(time(2))));
    }
    trade(MA_CROSS, maCrossTarget(), 1);
    trade(MOMENTUM, momentumTarget(), 0.001);
    trade(SCALPER, 900, 1);
    if (step % 25 == 12) {
      order(SCALPER, 3000, time(3));
    }
    if (fix != null) {
      settle();
    }
    step++;
  }

  /**
   * FIX mode: takes the execution reports in until every order sent is filled or rejected (at most
   * two seconds: an order still working then is counted as pending into the next step).
   */
  private void settle() {
    final long deadline = System.nanoTime() + 2_000_000_000L;
    while (true) {
      for (Message m = reports.poll(); m != null; m = reports.poll()) {
        onReport(m);
      }
      if (working.isEmpty() || System.nanoTime() > deadline) {
        return;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void onReport(Message m) {
    final String clOrdId = FixClient.field(m, ClOrdID.FIELD);
    final String execType = FixClient.field(m, ExecType.FIELD);
    final PendingFill o = clOrdId == null ? null : working.get(clOrdId);
    if (o == null || execType == null) {
      return;
    }
    switch (execType.charAt(0)) {
      case ExecType.NEW -> fixCounters.acknowledged.incrementAndGet();
      case ExecType.TRADE -> {
        final double quantity = Double.parseDouble(FixClient.field(m, LastQty.FIELD));
        final double signed = o.signedQuantity() > 0 ? quantity : -quantity;
        pending.merge(o.strategy(), -signed, Double::sum);
        position.merge(o.strategy(), signed, Double::sum);
        if (String.valueOf(OrdStatus.FILLED).equals(FixClient.field(m, OrdStatus.FIELD))) {
          fixCounters.filled.incrementAndGet();
          working.remove(clOrdId);
        }
      }
      case ExecType.REJECTED, ExecType.CANCELED, ExecType.EXPIRED -> {
        if (execType.charAt(0) == ExecType.REJECTED) {
          fixCounters.rejected.incrementAndGet();
        }
        // What never filled is no longer pending; fills came in their own reports.
        final String cum = FixClient.field(m, CumQty.FIELD);
        final double open =
            Math.abs(o.signedQuantity()) - (cum == null ? 0 : Double.parseDouble(cum));
        pending.merge(o.strategy(), o.signedQuantity() > 0 ? -open : open, Double::sum);
        working.remove(clOrdId);
      }
      default -> {}
    }
  }

  private double maCrossTarget() {
    if (step < 20) {
      return 0;
    }
    double fast = 0;
    double slow = 0;
    for (int i = 0; i < 20; i++) {
      final double close = market.aapl(step - i);
      slow += close / 20;
      if (i < 5) {
        fast += close / 5;
      }
    }
    return fast > slow ? 150 : 0;
  }

  private double momentumTarget() {
    final double held = held(MOMENTUM.strategy());
    if (step < 12) {
      return held;
    }
    final double r = market.btc(step) / market.btc(step - 12) - 1;
    return r > 0.005 ? 60 : r < -0.005 ? 0 : held;
  }

  private double held(String strategy) {
    return position.getOrDefault(strategy, 0.0) + pending.getOrDefault(strategy, 0.0);
  }

  private void trade(Book book, double target, double lot) {
    final double delta = target - held(book.strategy());
    if (Math.abs(delta) >= lot) {
      order(book, delta, time(2));
    }
  }

  private void order(Book book, double signedQuantity, String ts) {
    final String orderId = book.strategy() + "-" + (++orderSequence);
    final boolean buy = signedQuantity > 0;
    final double price = mid.get(book.symbol()) * (buy ? 1.0001 : 0.9999);
    final ObjectNode o = JSON.createObjectNode();
    o.put("ts", ts);
    o.put("orderId", orderId);
    o.put("account", "DEMO");
    o.put("strategy", book.strategy());
    o.put("symbol", book.symbol());
    o.put("side", buy ? "buy" : "sell");
    o.put("quantity", decimal(Math.abs(signedQuantity)));
    o.put("price", decimal(price));
    if (fix != null) {
      final NewOrderSingle nos =
          new NewOrderSingle(
              new ClOrdID(orderId),
              new Side(buy ? Side.BUY : Side.SELL),
              new TransactTime(LocalDateTime.ofInstant(Instant.parse(ts), ZoneOffset.UTC)),
              new OrdType(OrdType.LIMIT));
      nos.set(new Symbol(book.symbol()));
      nos.setString(OrderQty.FIELD, decimal(Math.abs(signedQuantity)));
      nos.setString(Price.FIELD, decimal(price));
      if (fix.clients().get(book.strategy()).send(nos)) {
        fixCounters.sent.incrementAndGet();
        pending.merge(book.strategy(), signedQuantity, Double::sum);
        working.put(
            orderId,
            new PendingFill(orderId, book.strategy(), book.symbol(), signedQuantity, price));
      }
      return;
    }
    final JsonNode decision = post("/v1/orders/check", o);
    if (decision != null && decision.path("approved").asBoolean(false)) {
      pending.merge(book.strategy(), signedQuantity, Double::sum);
      fills.add(new PendingFill(orderId, book.strategy(), book.symbol(), signedQuantity, price));
    }
  }

  /** The venue: kill-switch instructions first, then fills of the orders approved before. */
  private void venue() {
    for (JsonNode a = actions.poll(); a != null; a = actions.poll()) {
      final String orderId = a.path("orderId").asText();
      if (a.path("action").asText().equals("cancel")) {
        for (Iterator<PendingFill> it = fills.iterator(); it.hasNext(); ) {
          final PendingFill f = it.next();
          if (f.orderId().equals(orderId)) {
            it.remove();
            pending.merge(f.strategy(), -f.signedQuantity(), Double::sum);
          }
        }
        final ObjectNode c = JSON.createObjectNode().put("ts", time(1)).put("orderId", orderId);
        post("/v1/cancels", c);
      } else {
        final String symbol = a.path("symbol").asText();
        final double quantity = a.path("quantity").asDouble();
        final double signed = a.path("side").asText().equals("buy") ? quantity : -quantity;
        final double price = mid.getOrDefault(symbol, 0.0);
        if (price > 0) {
          fills.add(new PendingFill(orderId, a.path("strategy").asText(), symbol, signed, price));
          pending.merge(a.path("strategy").asText(), signed, Double::sum);
        }
      }
    }
    final List<PendingFill> due = new ArrayList<>(fills);
    fills.clear();
    for (PendingFill f : due) {
      final ObjectNode body = JSON.createObjectNode();
      body.put("ts", time(1));
      body.put("fillId", "fill-" + (++fillSequence));
      body.put("orderId", f.orderId());
      body.put("quantity", decimal(Math.abs(f.signedQuantity())));
      body.put("price", decimal(f.price()));
      pending.merge(f.strategy(), -f.signedQuantity(), Double::sum);
      if (post("/v1/fills", body) != null) {
        position.merge(f.strategy(), f.signedQuantity(), Double::sum);
      }
    }
  }

  private void onOutput(String text) {
    final JsonNode m;
    try {
      m = JSON.readTree(text);
    } catch (IOException e) {
      return;
    }
    switch (m.path("type").asText()) {
      case "decision" -> {
        if (m.path("approved").asBoolean()) {
          counters.approved.incrementAndGet();
        } else {
          counters.rejected.incrementAndGet();
        }
      }
      case "alert" -> {
        if (m.path("raised").asBoolean(true)) {
          counters.alerts.incrementAndGet();
        }
      }
      case "state" -> {
        final String kind = m.path("kind").asText();
        if (kind.equals("breaker")) {
          counters.breakerTransitions.incrementAndGet();
        } else if (kind.equals("kill") && m.path("to").asText().equals("KILLED")) {
          counters.kills.incrementAndGet();
        }
        out.println(
            "state "
                + m.path("scope").asText()
                + " "
                + kind
                + " "
                + m.path("from").asText()
                + " -> "
                + m.path("to").asText()
                + " ("
                + m.path("reason").asText()
                + ")");
        out.flush();
      }
      case "action" -> actions.add(m);
      default -> {}
    }
  }

  private String time(int offsetSeconds) {
    return START.plusSeconds(step * STEP_SECONDS + offsetSeconds).toString();
  }

  private static String decimal(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Posts as the trader; the answer's JSON on 2xx, null when the server refused the request. */
  private JsonNode post(String path, JsonNode body) {
    try {
      final HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                  .header("Authorization", "Bearer " + tokens.trader())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() / 100 == 2 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    server.runtime().unsubscribe(subscriber);
    if (fix != null) {
      fix.clients().values().forEach(FixClient::close);
      fix.gateway().close();
      fix.venue().close();
    }
    server.close();
  }
}
