package io.riskgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.RiskgateServer;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.config.ConfigLoader;
import io.riskgate.server.fix.FixClient;
import io.riskgate.server.fix.SimulatedVenue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

/**
 * Round trip of a FIX order, NewOrderSingle to ExecutionReport(new), through the gateway (client →
 * gateway → engine check, journaled → venue → gateway → client) against the same client talking to
 * the simulated venue directly, in one JVM and one run: direct, then the gateway with {@code fsync:
 * os}, then with {@code fsync: every-batch}. Closed loop: one order in flight, the sender parked
 * until the report wakes it (a spinning sender would take one of the machine's two cores from the
 * threads it measures). Every order buys 1 at 1 and rests at the venue (book mode, no price path).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.riskgate.bench.FixLatencyLoad [--orders 10000]
 *     [--warmup 3000] [--dir DIR]
 * </pre>
 */
public final class FixLatencyLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  private FixLatencyLoad() {}

  public static void main(String[] args) throws Exception {
    int orders = 10_000;
    int warmup = 3_000;
    Path dir = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--orders" -> orders = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--dir" -> dir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    final Path base = dir != null ? dir : Files.createTempDirectory("riskgate-fix-load");
    final int venuePort = freePort();
    try (SimulatedVenue venue =
        SimulatedVenue.start(
            "VENUE", venuePort, SimulatedVenue.FillMode.BOOK, base.resolve("venue"), 0)) {
      try (FixClient direct = FixClient.connect("DIRECT", "VENUE", "127.0.0.1", venue.port())) {
        direct.awaitLogon(WAIT);
        report("direct to the venue", run(direct, "d", warmup, orders));
      }
      for (String fsync : List.of("os", "every-batch")) {
        final int clientPort = freePort();
        final Path data = base.resolve("server-" + fsync);
        final String yaml =
            """
            server: {host: 127.0.0.1, port: 0}
            journal: {dir: "%s", fsync: %s}
            engine: {timerMillis: 0}
            audit: {kind: none}
            instruments:
              - {symbol: BTC-USD, venue: X, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto}
            accounts:
              - {account: A1, capital: 1000000, currency: USD}
            strategies:
              - {strategy: S1, account: A1, allocation: 1000000}
            limits:
              - {scope: "account:A1", limits: {minLiquidity: null}}
            fix:
              acceptor: {port: %d, sessions: [{senderCompId: DESK1, targetCompId: RISKGATE, account: A1, strategy: S1, maxMessagesPerSecond: 1000000}]}
              venue: {host: 127.0.0.1, port: %d, senderCompId: RISKGATE-%s, targetCompId: VENUE, name: X}
            """
                .formatted(data, fsync, clientPort, venuePort, fsync);
        try (RiskgateServer server =
            RiskgateServer.start(
                ConfigLoader.parse(yaml, "bench"),
                new PrintStream(OutputStream.nullOutputStream()))) {
          final long deadline = System.nanoTime() + WAIT.toNanos();
          while (!server.fixGateway().venueConnected()) {
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException("the gateway's venue session did not log on");
            }
            Thread.sleep(10);
          }
          final ObjectNode price = JSON.createObjectNode();
          price.put("type", "price");
          price.put("ts", Instant.now().toString());
          price.put("symbol", "BTC-USD");
          price.put("bid", "1");
          price.put("ask", "1");
          price.put("last", "1");
          server
              .runtime()
              .submit(
                  new Caller("bench", Role.RISK, Set.of(), false),
                  List.of(price),
                  List.of(EventCodec.parse(price)))
              .get(10, TimeUnit.SECONDS);
          try (FixClient client = FixClient.connect("DESK1", "RISKGATE", "127.0.0.1", clientPort)) {
            client.awaitLogon(WAIT);
            report("through the gateway, fsync " + fsync, run(client, "g", warmup, orders));
          }
        }
      }
    }
  }

  /**
   * Sends {@code warmup + orders} orders one at a time; the round trips of the last {@code orders}.
   */
  private static long[] run(FixClient client, String prefix, int warmup, int orders)
      throws InterruptedException {
    final AtomicReference<String> acked = new AtomicReference<>();
    final AtomicReference<String> done = new AtomicReference<>();
    final Thread sender = Thread.currentThread();
    client.onMessage(
        m -> {
          if (isNew(m)) {
            acked.set(FixClient.field(m, ClOrdID.FIELD));
          } else if (FixClient.type(m).equals(MsgType.EXECUTION_REPORT)) {
            done.set(FixClient.field(m, ClOrdID.FIELD) + " " + FixClient.field(m, ExecType.FIELD));
          }
          LockSupport.unpark(sender);
        });
    final long[] rtt = new long[orders];
    final long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    for (int i = 0; i < warmup + orders; i++) {
      final String id = prefix + i;
      final NewOrderSingle o =
          new NewOrderSingle(
              new ClOrdID(id),
              new Side(Side.BUY),
              new TransactTime(LocalDateTime.now(ZoneOffset.UTC)),
              new OrdType(OrdType.LIMIT));
      o.set(new Symbol("BTC-USD"));
      o.setString(OrderQty.FIELD, "1");
      o.setString(Price.FIELD, "1");
      final long t0 = System.nanoTime();
      if (!client.send(o)) {
        throw new IllegalStateException("session not logged on");
      }
      while (!id.equals(acked.get())) {
        if ((id + " " + ExecType.REJECTED).equals(done.get())) {
          throw new IllegalStateException("order " + id + " answered " + done.get());
        }
        if (System.nanoTime() > end) {
          throw new IllegalStateException("no ExecutionReport(new) for " + id);
        }
        LockSupport.parkNanos(1_000_000); // woken by the report: no core spent spinning
      }
      final long t1 = System.nanoTime();
      if (i >= warmup) {
        rtt[i - warmup] = t1 - t0;
      }
      LockSupport.parkNanos(20_000);
    }
    return rtt;
  }

  private static boolean isNew(Message m) {
    return FixClient.type(m).equals(MsgType.EXECUTION_REPORT)
        && String.valueOf(ExecType.NEW).equals(FixClient.field(m, ExecType.FIELD));
  }

  private static void report(String what, long[] rtt) {
    final long[] sorted = rtt.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%-34s n=%d  p50 %7.1f us  p90 %7.1f us  p99 %7.1f us  max %8.1f us%n",
        what,
        sorted.length,
        at(sorted, 0.50) / 1e3,
        at(sorted, 0.90) / 1e3,
        at(sorted, 0.99) / 1e3,
        sorted[sorted.length - 1] / 1e3);
  }

  private static long at(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
