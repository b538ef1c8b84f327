package io.riskgate.server.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a process that appends to a journal (SIGKILL, at seeded random moments) and checks after
 * each kill that every sequence it reported durable is read back intact, with nothing out of order,
 * and that appending resumes after it.
 */
class JournalCrashTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(FsyncPolicy.class)
  void noAcknowledgedRecordIsLostWhenTheWritingProcessIsKilled(FsyncPolicy policy)
      throws Exception {
    final long seed = 6L;
    System.out.println("JournalCrashTest seed " + seed + " policy " + policy.configName());
    final Random random = new Random(seed);
    long previousDurable = 0;
    for (int kill = 0; kill < 5; kill++) {
      final AtomicLong acknowledged = new AtomicLong();
      final Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  JournalCrashChild.class.getName(),
                  dir.toString(),
                  policy.configName())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      final Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    if (line.startsWith("durable ")) {
                      acknowledged.set(Long.parseLong(line.substring("durable ".length())));
                    }
                  }
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      reader.start();
      try {
        final long target = previousDurable + 1_000;
        for (int wait = 0; wait < 3_000 && acknowledged.get() < target; wait++) {
          Thread.sleep(10);
        }
        assertTrue(acknowledged.get() >= target, "the child made no progress");
        Thread.sleep(random.nextInt(200));
      } finally {
        child.destroyForcibly();
      }
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      reader.join();
      final long acked = acknowledged.get();

      try (Journal journal = Journal.open(JournalFiles.config(dir))) {
        final List<StorageWarning> warnings = journal.recoveryWarnings();
        assertTrue(
            warnings.stream()
                .allMatch(
                    w ->
                        w.kind() == StorageWarning.Kind.TORN_TAIL_TRUNCATED
                            || w.kind() == StorageWarning.Kind.EMPTY_SEGMENT),
            warnings.toString());
        assertTrue(
            journal.durableSequence() >= acked,
            "kill "
                + kill
                + ": acknowledged "
                + acked
                + ", recovered "
                + journal.durableSequence());
        long expected = 1;
        try (JournalReader records = journal.reader(1)) {
          while (records.next()) {
            assertEquals(expected, records.sequence());
            assertArrayEquals(JournalCrashChild.payloadOf(expected), records.payload());
            expected++;
          }
        }
        assertEquals(journal.durableSequence() + 1, expected);
        previousDurable = journal.durableSequence();
      }
    }
  }
}
