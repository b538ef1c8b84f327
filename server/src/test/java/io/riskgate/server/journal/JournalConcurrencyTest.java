package io.riskgate.server.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalConcurrencyTest {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedRecordOfManyProducersIsReadableAfterReopen() throws Exception {
    final int producers = 8;
    final int perProducer = 1_500;
    final JournalConfig config =
        JournalFiles.config(dir).withMaxPayloadBytes(256).withMaxSegmentBytes(64 * 1024);
    final ConcurrentHashMap<Long, String> acknowledged = new ConcurrentHashMap<>();
    final CountDownLatch start = new CountDownLatch(1);
    final ExecutorService pool = Executors.newFixedThreadPool(producers);
    try (Journal journal = Journal.open(config)) {
      final List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        final int producer = p;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  final long[] pending = new long[4];
                  final String[] texts = new String[4];
                  for (int i = 0; i < perProducer; i++) {
                    final String text = "producer-" + producer + "-event-" + i;
                    final long sequence = journal.append(text.getBytes(StandardCharsets.UTF_8));
                    pending[i % 4] = sequence;
                    texts[i % 4] = text;
                    if (i % 4 == 3) {
                      for (int k = 0; k < 4; k++) {
                        journal.awaitDurable(pending[k]);
                        assertTrue(journal.durableSequence() >= pending[k]);
                        acknowledged.put(pending[k], texts[k]);
                      }
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(producers * perProducer, acknowledged.size());
    assertTrue(JournalFiles.segmentFiles(dir).size() > 2, "the run must roll over segments");

    try (Journal reopened = Journal.open(config)) {
      assertTrue(reopened.recoveryWarnings().isEmpty(), reopened.recoveryWarnings().toString());
      assertEquals(producers * perProducer, reopened.durableSequence());
      final Set<String> seen = new HashSet<>();
      long expected = 1;
      try (JournalReader reader = reopened.reader(1)) {
        while (reader.next()) {
          assertEquals(expected++, reader.sequence());
          final String text = new String(reader.payload(), StandardCharsets.UTF_8);
          assertTrue(seen.add(text), "recorded twice: " + text);
          final String acked = acknowledged.get(reader.sequence());
          assertArrayEquals(
              acked.getBytes(StandardCharsets.UTF_8), reader.payload(), "at " + reader.sequence());
        }
      }
      assertEquals(producers * perProducer + 1, expected);
    }
  }
}
