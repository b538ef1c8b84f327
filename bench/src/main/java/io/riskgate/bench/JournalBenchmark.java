package io.riskgate.bench;

import io.riskgate.server.journal.FsyncPolicy;
import io.riskgate.server.journal.Journal;
import io.riskgate.server.journal.JournalConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Journal appends with ~200-byte event payloads from 8 threads: {@code append} alone (the group
 * commit runs behind; throughput is bounded by the disk through the full buffer) and {@code
 * appendAndAwaitDurable} (each thread is a synchronous client that waits for its own record,
 * sampled for the latency distribution), with and without preallocated segments. The open-loop
 * latency at a fixed offered rate is measured by {@link JournalLoad}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(8)
public class JournalBenchmark {
  private static final byte[] PAYLOAD =
      ("{\"type\":\"order\",\"ts\":\"2026-11-24T10:15:30.123456Z\",\"orderId\":\"P0-00000001\","
              + "\"account\":\"A1\",\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\","
              + "\"quantity\":\"0.25000000\",\"price\":\"43250.50\",\"leverage\":2}")
          .getBytes(StandardCharsets.US_ASCII);

  @Param({"every-batch", "os"})
  public String fsync;

  /** {@link JournalConfig#preallocateBytes()} in KiB; 0 turns preallocation off. */
  @Param({"256", "0"})
  public long preallocateKib;

  private Path directory;
  private Journal journal;

  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory(Path.of("."), "journal-bench");
    journal =
        Journal.open(
            JournalConfig.defaults(directory)
                .withFsyncPolicy(FsyncPolicy.fromConfigName(fsync))
                .withPreallocateBytes(preallocateKib * 1024));
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    journal.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long append() {
    return journal.append(PAYLOAD);
  }

  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long appendAndAwaitDurable() throws InterruptedException {
    final long sequence = journal.append(PAYLOAD);
    journal.awaitDurable(sequence);
    return sequence;
  }
}
