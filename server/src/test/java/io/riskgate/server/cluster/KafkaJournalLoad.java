package io.riskgate.server.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for the journal on Kafka (a benchmark, not a test): three local brokers, a topic
 * with replication factor 3 and {@code min.insync.replicas} 2, a leader's {@link KafkaJournal} with
 * {@code acks=all}, and a standby's following it. {@code threads} writers each append an event of a
 * realistic size and wait until it is acknowledged (its transaction committed), for {@code
 * seconds}. Prints acknowledged events per second, the acknowledgement latency's percentiles, and
 * how far behind the leader's acknowledgement the standby received each event.
 *
 * <p>Run from the server module after {@code test-compile}, under the shared lock: {@code java -cp
 * target/test-classes:target/classes:$(cat cp.txt) io.riskgate.server.cluster.KafkaJournalLoad 20
 * 64}
 */
public final class KafkaJournalLoad {
  private static final int MAX = 1 << 23;

  public static void main(String[] args) throws Exception {
    final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    final int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    final Path dir = Files.createTempDirectory("riskgate-kafka-load");
    final byte[] payload =
        ("{\"by\":\"desk1\",\"event\":{\"type\":\"order\",\"ts\":\"2026-12-03T10:00:00.123Z\","
                + "\"orderId\":\"o-000000001\",\"account\":\"A1\",\"strategy\":\"S1\","
                + "\"symbol\":\"BTC-USD\",\"side\":\"buy\",\"quantity\":\"0.010\","
                + "\"price\":\"43000.50\"}}")
            .getBytes(StandardCharsets.UTF_8);
    try (LocalKafka kafka = LocalKafka.start(3, dir)) {
      final KafkaSettings settings =
          KafkaSettings.of(kafka.bootstrapServers(), "load").withReplication(3, 2);
      final long[] acked = new long[MAX];
      final long[] received = new long[MAX];
      try (KafkaJournal leader = KafkaJournal.open(settings, 4096, System.out::println);
          KafkaJournal standby =
              KafkaJournal.open(settings.withNodeId("n2"), 4096, System.out::println)) {
        leader.follow(follower((s, p) -> {}), () -> {}, () -> {});
        while (!leader.writable()) {
          Thread.sleep(50);
        }
        final AtomicLong standbySequence = new AtomicLong();
        standby.follow(
            follower(
                (s, p) -> {
                  if (s < MAX) {
                    received[(int) s] = System.nanoTime();
                  }
                  standbySequence.set(s);
                }),
            () -> {},
            () -> {});
        final AtomicBoolean stop = new AtomicBoolean();
        final long[][] latencies = new long[threads][];
        final int[] counts = new int[threads];
        final Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
          final int id = t;
          latencies[t] = new long[MAX / threads];
          writers[t] =
              new Thread(
                  () -> {
                    try {
                      while (!stop.get() && counts[id] < latencies[id].length) {
                        final long start = System.nanoTime();
                        final long seq = leader.append(payload);
                        leader.awaitDurable(seq, 60, TimeUnit.SECONDS);
                        final long end = System.nanoTime();
                        if (seq < MAX) {
                          acked[(int) seq] = end;
                        }
                        latencies[id][counts[id]++] = end - start;
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
        }
        // Warm-up of 3 s, not counted.
        final long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (Thread w : writers) {
          w.start();
        }
        Thread.sleep(Math.max(0, (warm - System.nanoTime()) / 1_000_000));
        final long firstSeq = leader.durableSequence();
        Arrays.fill(counts, 0);
        final long start = System.nanoTime();
        long maxLagRecords = 0;
        long sumLagRecords = 0;
        int samples = 0;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
          Thread.sleep(10);
          final long lag = Math.max(0, leader.durableSequence() - standbySequence.get());
          maxLagRecords = Math.max(maxLagRecords, lag);
          sumLagRecords += lag;
          samples++;
        }
        stop.set(true);
        final long lastSeq = leader.durableSequence();
        final double elapsed = (System.nanoTime() - start) / 1e9;
        for (Thread w : writers) {
          w.join();
        }
        int n = 0;
        for (int c : counts) {
          n += c;
        }
        final long[] all = new long[n];
        int at = 0;
        for (int t = 0; t < threads; t++) {
          System.arraycopy(latencies[t], 0, all, at, counts[t]);
          at += counts[t];
        }
        Arrays.sort(all);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (standbySequence.get() < lastSeq && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        final long[] lag = new long[(int) Math.min(MAX, lastSeq) - (int) firstSeq];
        int m = 0;
        for (long s = firstSeq + 1; s <= lastSeq && s < MAX; s++) {
          if (acked[(int) s] != 0 && received[(int) s] != 0) {
            lag[m++] = received[(int) s] - acked[(int) s];
          }
        }
        final long[] lags = Arrays.copyOf(lag, m);
        Arrays.sort(lags);
        System.out.printf(
            "kafka journal, 3 brokers, RF 3, min.insync.replicas 2, acks=all, %d writers, %.1f s:%n"
                + "  acknowledged events/s: %.0f%n"
                + "  ack latency ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n"
                + "  standby receipt after the leader's ack, ms: p50 %.2f  p99 %.2f  max %.2f%n"
                + "  standby lag sampled every 10 ms, records: mean %.1f  max %d%n",
            threads,
            elapsed,
            n / elapsed,
            all[n / 2] / 1e6,
            all[(int) (n * 0.99)] / 1e6,
            all[(int) (n * 0.999)] / 1e6,
            all[n - 1] / 1e6,
            lags[m / 2] / 1e6,
            lags[(int) (m * 0.99)] / 1e6,
            lags[m - 1] / 1e6,
            (double) sumLagRecords / samples,
            maxLagRecords);
      }
    }
  }

  private interface Sink {
    void accept(long sequence, byte[] payload);
  }

  private static KafkaJournal.Follower follower(Sink sink) {
    return new KafkaJournal.Follower() {
      @Override
      public CompletableFuture<?> apply(long sequence, byte[] payload) {
        sink.accept(sequence, payload);
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletableFuture<?> barrier() {
        return CompletableFuture.completedFuture(null);
      }
    };
  }
}
