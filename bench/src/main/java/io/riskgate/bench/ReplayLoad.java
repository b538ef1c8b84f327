package io.riskgate.bench;

import io.riskgate.app.Main;
import io.riskgate.core.check.Decision;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.server.codec.EventCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine;

/**
 * Load generator for {@code riskgate replay --report}: writes a realistic event file (accounts,
 * strategies, instruments, quotes as random walks, marketable limit orders, partial and full fills,
 * cancels, timers) and times the replay command on it in-process, the way a researcher runs it.
 *
 * <p>Named a load generator rather than a benchmark because it measures one long end-to-end run
 * (file read, parsing, engine, report), which a JMH loop cannot express. The file is consistent: it
 * is produced by driving an engine, so every fill and cancel refers to an order that is open.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.riskgate.bench.ReplayLoad \
 *     --events 10000000 --seed 42 [--dir DIR] [--keep] [--runs 2] [--what-if]
 * </pre>
 */
public final class ReplayLoad {
  private static final String[] ACCOUNTS = {"A1", "A2", "A3", "A4"};
  private static final int STRATEGIES = 8;
  private static final int INSTRUMENTS = 16;
  private static final long START_NANOS =
      Instant.parse("2026-11-02T14:30:00Z").getEpochSecond() * 1_000_000_000L;

  /** Mean gap between events: 10 M events span about four and a half days. */
  private static final long MEAN_GAP_NANOS = 40_000_000L;

  private ReplayLoad() {}

  /** One open order as the generator knows it, from the engine's own approval. */
  private static final class OpenOrder {
    final String id;
    final int strategy;
    final int instrument;
    final boolean buy;
    final long priceCents;
    long remaining;

    OpenOrder(String id, int strategy, int instrument, boolean buy, long priceCents, long qty) {
      this.id = id;
      this.strategy = strategy;
      this.instrument = instrument;
      this.buy = buy;
      this.priceCents = priceCents;
      this.remaining = qty;
    }
  }

  /** What the generator's engine said about the latest order. */
  private static final class LastDecision implements OutputSink {
    boolean approved;

    @Override
    public void onDecision(Decision decision) {
      approved = decision.approved();
    }
  }

  /**
   * Writes {@code count} events to {@code file}.
   *
   * @return the number of lines written
   */
  public static long generate(Path file, long count, long seed) throws IOException {
    final SplittableRandom random = new SplittableRandom(seed);
    final LastDecision last = new LastDecision();
    final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), last);
    final long[] midCents = new long[INSTRUMENTS];
    final long[][] net = new long[STRATEGIES][INSTRUMENTS];
    final List<OpenOrder> open = new ArrayList<>();
    long written = 0;
    long now = START_NANOS;
    long nextOrder = 1;
    long nextFill = 1;
    final StringBuilder line = new StringBuilder(256);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      final List<String> header = new ArrayList<>();
      for (String account : ACCOUNTS) {
        header.add(
            "{\"type\":\"account\",\"account\":\""
                + account
                + "\",\"capital\":10000000,\"currency\":\"USD\"}");
        header.add(
            "{\"type\":\"limits\",\"scope\":\"account:"
                + account
                + "\",\"limits\":{\"minLiquidity\":null,\"maxCorrelation\":null},\"by\":\"risk\"}");
      }
      for (int s = 0; s < STRATEGIES; s++) {
        header.add(
            "{\"type\":\"strategy\",\"strategy\":\"S"
                + s
                + "\",\"account\":\""
                + ACCOUNTS[s % ACCOUNTS.length]
                + "\",\"allocation\":2000000}");
      }
      for (int i = 0; i < INSTRUMENTS; i++) {
        midCents[i] = 2_000 + random.nextInt(18_000);
        header.add(
            "{\"type\":\"instrument\",\"symbol\":\""
                + symbol(i)
                + "\",\"venue\":\"XNYS\",\"currency\":\"USD\",\"tickSize\":\"0.01\",\"lotSize\":1,"
                + "\"assetClass\":\"equity\",\"sector\":\"sector"
                + (i % 4)
                + "\"}");
      }
      for (String h : header) {
        emit(out, engine, h);
        written++;
      }
      while (written < count) {
        now += 1 + random.nextLong(2 * MEAN_GAP_NANOS);
        final String ts = EventCodec.formatTime(now);
        line.setLength(0);
        final int r = random.nextInt(100);
        OpenOrder order = null;
        if (r >= 72 && r < 86 && !open.isEmpty()) {
          // fill (10 in 14) or cancel (4 in 14) of a random open order
          final int k = random.nextInt(open.size());
          order = open.get(k);
          if (r < 82) {
            final long qty =
                random.nextInt(3) == 0 ? order.remaining : 1 + random.nextLong(order.remaining);
            line.append("{\"type\":\"fill\",\"ts\":\"")
                .append(ts)
                .append("\",\"fillId\":\"F")
                .append(nextFill++)
                .append("\",\"orderId\":\"")
                .append(order.id)
                .append("\",\"quantity\":")
                .append(qty)
                .append(",\"price\":\"")
                .append(cents(order.priceCents))
                .append("\",\"fee\":\"0.05\"}");
            if (emitIfOpen(out, engine, line.toString())) {
              net[order.strategy][order.instrument] += order.buy ? qty : -qty;
              order.remaining -= qty;
            } else {
              order.remaining = 0;
              written--;
            }
          } else {
            line.append("{\"type\":\"cancel\",\"ts\":\"")
                .append(ts)
                .append("\",\"orderId\":\"")
                .append(order.id)
                .append("\"}");
            if (!emitIfOpen(out, engine, line.toString())) {
              written--;
            }
            order.remaining = 0;
          }
          if (order.remaining == 0) {
            open.set(k, open.get(open.size() - 1));
            open.remove(open.size() - 1);
          }
        } else if (r >= 86 && r < 98) {
          final int s = random.nextInt(STRATEGIES);
          final int i = 2 * s + random.nextInt(2);
          final long held = net[s][i];
          // Lean towards reducing a large position so that the book stays within limits mostly.
          final double buyChance = held > 2_000 ? 0.3 : held < -2_000 ? 0.7 : 0.5;
          final boolean buy = random.nextDouble() < buyChance;
          final long qty = 10 + random.nextInt(800);
          final long price = buy ? midCents[i] + 1 : midCents[i] - 1;
          final String id = "O" + nextOrder++;
          line.append("{\"type\":\"order\",\"ts\":\"")
              .append(ts)
              .append("\",\"orderId\":\"")
              .append(id)
              .append("\",\"account\":\"")
              .append(ACCOUNTS[s % ACCOUNTS.length])
              .append("\",\"strategy\":\"S")
              .append(s)
              .append("\",\"symbol\":\"")
              .append(symbol(i))
              .append("\",\"side\":\"")
              .append(buy ? "buy" : "sell")
              .append("\",\"quantity\":")
              .append(qty)
              .append(",\"price\":\"")
              .append(cents(price))
              .append("\"}");
          emit(out, engine, line.toString());
          if (last.approved) {
            open.add(new OpenOrder(id, s, i, buy, price, qty));
          }
        } else if (r >= 98) {
          line.append("{\"type\":\"timer\",\"ts\":\"").append(ts).append("\"}");
          emit(out, engine, line.toString());
        } else {
          final int i = random.nextInt(INSTRUMENTS);
          final long step = Math.max(1, midCents[i] / 2_000);
          midCents[i] = Math.max(100, midCents[i] + (random.nextBoolean() ? step : -step));
          line.append("{\"type\":\"price\",\"ts\":\"")
              .append(ts)
              .append("\",\"symbol\":\"")
              .append(symbol(i))
              .append("\",\"bid\":\"")
              .append(cents(midCents[i] - 1))
              .append("\",\"ask\":\"")
              .append(cents(midCents[i] + 1))
              .append("\",\"last\":\"")
              .append(cents(midCents[i]))
              .append("\"}");
          emit(out, engine, line.toString());
        }
        written++;
      }
    }
    return written;
  }

  private static void emit(BufferedWriter out, RiskEngine engine, String line) throws IOException {
    engine.apply(EventCodec.parse(line));
    out.write(line);
    out.write('\n');
  }

  /**
   * Emits a fill or cancel unless the engine closed the order itself (expiry at the end of the
   * trading day, a kill switch); the engine refuses such an event without changing anything.
   */
  private static boolean emitIfOpen(BufferedWriter out, RiskEngine engine, String line)
      throws IOException {
    try {
      emit(out, engine, line);
      return true;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().endsWith("is not open")) {
        return false;
      }
      throw e;
    }
  }

  private static String symbol(int i) {
    return String.format(Locale.ROOT, "SYM%02d", i);
  }

  private static String cents(long cents) {
    return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
  }

  public static void main(String[] args) throws IOException {
    long events = 10_000_000;
    long seed = 42;
    Path dir = null;
    boolean keep = false;
    boolean whatIf = false;
    int runs = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = Long.parseLong(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--keep" -> keep = true;
        case "--what-if" -> whatIf = true;
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (events < 100 || runs < 1) {
      throw new IllegalArgumentException("--events must be at least 100 and --runs at least 1");
    }
    final Path work =
        dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("replay-load");
    final Path file = work.resolve("events-" + events + "-" + seed + ".jsonl");
    System.out.printf(Locale.ROOT, "seed %d%n", seed);
    if (!Files.exists(file)) {
      final long t0 = System.nanoTime();
      generate(file, events, seed);
      System.out.printf(
          Locale.ROOT,
          "generated %,d events (%,d bytes) in %.1f s: %s%n",
          events,
          Files.size(file),
          (System.nanoTime() - t0) / 1e9,
          file);
    }
    final List<String> args0 = new ArrayList<>(List.of("replay", "--events", file.toString()));
    if (whatIf) {
      final Path a = work.resolve("a.yaml");
      final Path b = work.resolve("b.yaml");
      Files.writeString(a, "- scope: firm\n  limits: {maxLeverage: 5}\n");
      Files.writeString(
          b,
          "- scope: account:A1\n  limits: {maxPositionFraction: 0.02}\n"
              + "- scope: account:A2\n  limits: {maxPositionFraction: 0.02}\n");
      args0.addAll(List.of("--limits", a.toString(), "--compare-limits", b.toString()));
    }
    for (int run = 1; run <= runs; run++) {
      final Path report = work.resolve("report-" + run);
      final List<String> cli = new ArrayList<>(args0);
      cli.addAll(List.of("--report", report.toString(), "--state-hash"));
      final CommandLine command = Main.commandLine();
      command.setErr(new PrintWriter(System.err, true));
      final long t0 = System.nanoTime();
      final int exit = command.execute(cli.toArray(new String[0]));
      final double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "run %d: exit %d, %.2f s, %,.0f events/s%s%n",
          run,
          exit,
          seconds,
          events / seconds,
          whatIf ? " (two engines)" : "");
      if (exit != 0) {
        System.exit(exit);
      }
      System.out.println(
          Files.readString(report.resolve("summary.json"))
              .lines()
              .limit(40)
              .reduce("", (x, y) -> x + "\n" + y));
    }
    if (!keep) {
      Files.delete(file);
    }
  }
}
