package io.riskgate.bench;

import io.riskgate.server.journal.FsyncPolicy;
import io.riskgate.server.journal.Journal;
import io.riskgate.server.journal.JournalConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Load generator for the journal: producer threads append ~200-byte order events, the journal's
 * group commit makes them durable, and every event's acknowledgement latency (from the moment it
 * was due to the end of the fsync that covered it) is recorded and reported as percentiles.
 *
 * <p>Named a load generator rather than a benchmark because it drives an open-loop rate the way
 * clients would, which JMH's closed loop cannot: with {@code --rate} each producer follows a fixed
 * schedule and an event that is late is timed from when it was due (no coordinated omission); with
 * {@code --rate 0} producers append as fast as the journal takes events.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.riskgate.bench.JournalLoad \
 *     --producers 8 --rate 200000 --seconds 10 --warmup 3 --fsync every-batch --dir DIR \
 *     [--preallocate-kib N]
 * </pre>
 *
 * <p>{@code --preallocate-kib} sets {@link JournalConfig#preallocateBytes()} (0 = off); without it
 * the journal's default applies.
 */
public final class JournalLoad {
  private static final String TEMPLATE =
      "{\"type\":\"order\",\"ts\":\"2026-11-24T10:15:30.123456Z\",\"orderId\":\"P0-00000000\","
          + "\"account\":\"A1\",\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\","
          + "\"quantity\":\"0.25000000\",\"price\":\"43250.50\",\"leverage\":2}";

  /**
   * A producer ahead of its schedule sleeps at least this long and then sends every event that has
   * come due, so that pacing costs few wake-ups on two cores; the wait counts in the latency.
   */
  private static final long MIN_PARK_NANOS = 200_000;

  private final int producers;
  private final long ratePerSecond;
  private final int seconds;
  private final int warmupSeconds;
  private final FsyncPolicy policy;
  private final Path directory;
  private final long preallocateBytes;

  private long[] dueNanos;
  private long[] batchLastSequence;
  private long[] batchDurableNanos;
  private long[] batchFsyncNanos;
  private int batches;
  private volatile boolean running = true;

  private JournalLoad(
      int producers,
      long ratePerSecond,
      int seconds,
      int warmupSeconds,
      FsyncPolicy policy,
      Path directory,
      long preallocateBytes) {
    this.producers = producers;
    this.ratePerSecond = ratePerSecond;
    this.seconds = seconds;
    this.warmupSeconds = warmupSeconds;
    this.policy = policy;
    this.directory = directory;
    this.preallocateBytes = preallocateBytes;
  }

  /** Runs one load test; options as in the class comment. */
  public static void main(String[] args) throws Exception {
    int producers = 8;
    long rate = 200_000;
    int seconds = 10;
    int warmup = 3;
    FsyncPolicy policy = FsyncPolicy.EVERY_BATCH;
    Path dir = Path.of("journal-load-data");
    long preallocate = JournalConfig.DEFAULT_PREALLOCATE_BYTES;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      final String value = args[i + 1];
      switch (args[i]) {
        case "--producers" -> producers = Integer.parseInt(value);
        case "--rate" -> rate = Long.parseLong(value);
        case "--seconds" -> seconds = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--fsync" -> policy = FsyncPolicy.fromConfigName(value);
        case "--dir" -> dir = Path.of(value);
        case "--preallocate-kib" -> preallocate = Long.parseLong(value) * 1024;
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; known: --producers --rate --seconds --warmup --fsync --dir"
                    + " --preallocate-kib");
      }
    }
    if (producers < 1 || rate < 0 || seconds < 1 || warmup < 0 || preallocate < 0) {
      throw new IllegalArgumentException(
          "need producers >= 1, rate >= 0 (0 = as fast as possible), seconds >= 1, warmup >= 0,"
              + " preallocate-kib >= 0");
    }
    new JournalLoad(producers, rate, seconds, warmup, policy, dir, preallocate).run();
  }

  private void run() throws Exception {
    deleteRecursively(directory);
    final long capacityEvents =
        (ratePerSecond > 0 ? ratePerSecond * 2 : 3_000_000L) * (seconds + warmupSeconds);
    if (capacityEvents > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many events to record: " + capacityEvents);
    }
    final int capacity = (int) capacityEvents;
    dueNanos = new long[capacity];
    batchLastSequence = new long[capacity];
    batchDurableNanos = new long[capacity];
    batchFsyncNanos = new long[capacity];
    final JournalConfig config =
        JournalConfig.defaults(directory)
            .withFsyncPolicy(policy)
            .withPreallocateBytes(preallocateBytes);
    final Journal journal = Journal.open(config, this::onDurable);
    final long start = System.nanoTime() + 10_000_000L;
    final long measureFrom = start + warmupSeconds * 1_000_000_000L;
    final long measureTo = measureFrom + seconds * 1_000_000_000L;
    final Thread[] threads = new Thread[producers];
    for (int p = 0; p < producers; p++) {
      final int producer = p;
      threads[p] =
          new Thread(() -> produce(journal, producer, start, measureTo, capacity), "producer-" + p);
      threads[p].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    journal.close();
    if (!running) {
      System.out.println("warning: the event record was full; the run stopped early");
    }
    report(journal.appendedSequence(), measureFrom, measureTo);
    deleteRecursively(directory);
  }

  private void produce(Journal journal, int producer, long start, long stopAt, int capacity) {
    final byte[] payload = TEMPLATE.getBytes(StandardCharsets.US_ASCII);
    payload[TEMPLATE.indexOf("P0-") + 1] = (byte) ('0' + producer % 10);
    final int digits = TEMPLATE.indexOf("P0-") + 3;
    final long interval = ratePerSecond > 0 ? 1_000_000_000L * producers / ratePerSecond : 0;
    long due = start + (interval * producer) / producers;
    long count = 0;
    while (running) {
      final long now = System.nanoTime();
      if (interval > 0) {
        if (due >= stopAt) {
          break;
        }
        if (due > now) {
          LockSupport.parkNanos(Math.max(due - now, MIN_PARK_NANOS));
          continue;
        }
      } else {
        if (now >= stopAt) {
          break;
        }
        due = now;
      }
      long n = ++count;
      for (int d = 7; d >= 0; d--) {
        payload[digits + d] = (byte) ('0' + n % 10);
        n /= 10;
      }
      final long sequence = journal.append(payload);
      if (sequence > capacity) {
        running = false;
        break;
      }
      dueNanos[(int) (sequence - 1)] = due;
      due += interval;
    }
  }

  private void onDurable(long durableSequence, long fsyncNanos) {
    if (batches < batchLastSequence.length) {
      batchLastSequence[batches] = durableSequence;
      batchDurableNanos[batches] = System.nanoTime();
      batchFsyncNanos[batches] = fsyncNanos;
      batches++;
    }
  }

  private void report(long lastSequence, long measureFrom, long measureTo) {
    final long[] latencies = new long[(int) Math.min(lastSequence, dueNanos.length)];
    int measured = 0;
    long durableInWindow = 0;
    long batchesInWindow = 0;
    long fsyncTotal = 0;
    long fsyncMax = 0;
    long previous = 0;
    for (int b = 0; b < batches; b++) {
      final long durableAt = batchDurableNanos[b];
      final boolean inWindow = durableAt >= measureFrom && durableAt < measureTo;
      if (inWindow) {
        durableInWindow += batchLastSequence[b] - previous;
        batchesInWindow++;
        fsyncTotal += batchFsyncNanos[b];
        fsyncMax = Math.max(fsyncMax, batchFsyncNanos[b]);
      }
      for (long s = previous + 1; s <= batchLastSequence[b] && s <= dueNanos.length; s++) {
        final long due = dueNanos[(int) (s - 1)];
        if (due >= measureFrom && due < measureTo) {
          latencies[measured++] = durableAt - due;
        }
      }
      previous = batchLastSequence[b];
    }
    Arrays.sort(latencies, 0, measured);
    final double windowSeconds = (measureTo - measureFrom) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "journal load: fsync=%s preallocate=%d KiB producers=%d offered=%s payload=%d bytes"
            + " measured=%.0f s%n",
        policy.configName(),
        preallocateBytes / 1024,
        producers,
        ratePerSecond > 0 ? ratePerSecond + "/s" : "unpaced",
        TEMPLATE.length(),
        windowSeconds);
    System.out.printf(
        Locale.ROOT,
        "durable events: %.0f/s (%d in window), batches %.0f/s, mean batch %.1f events,"
            + " mean fsync %.3f ms, max fsync %.3f ms%n",
        durableInWindow / windowSeconds,
        durableInWindow,
        batchesInWindow / windowSeconds,
        batchesInWindow == 0 ? 0.0 : (double) durableInWindow / batchesInWindow,
        batchesInWindow == 0 ? 0.0 : fsyncTotal / 1e6 / batchesInWindow,
        fsyncMax / 1e6);
    System.out.printf(
        Locale.ROOT,
        "ack latency (due -> durable) over %d events: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
        measured,
        millis(latencies, measured, 0.50),
        millis(latencies, measured, 0.90),
        millis(latencies, measured, 0.99),
        millis(latencies, measured, 0.999),
        measured == 0 ? "-" : String.format(Locale.ROOT, "%.3f ms", latencies[measured - 1] / 1e6));
  }

  private static String millis(long[] sorted, int count, double quantile) {
    if (count == 0) {
      return "-";
    }
    final int index = (int) Math.min(count - 1, Math.ceil(quantile * count) - 1);
    return String.format(Locale.ROOT, "%.3f ms", sorted[Math.max(0, index)] / 1e6);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
