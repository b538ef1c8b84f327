package io.riskgate.server.journal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process {@link JournalCrashTest} kills: appends records whose payload follows from their
 * sequence from four threads, and reports every durable sequence on standard output.
 */
public final class JournalCrashChild {
  private JournalCrashChild() {}

  /** The payload of record {@code sequence}: its text and a filler of varying length. */
  static byte[] payloadOf(long sequence) {
    return ("payload-" + sequence + "-" + "x".repeat((int) (sequence % 300)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Arguments: journal directory, fsync policy name. Runs until killed. */
  public static void main(String[] args) throws Exception {
    final PrintStream out = System.out;
    final JournalConfig config =
        JournalConfig.defaults(Path.of(args[0]))
            .withFsyncPolicy(FsyncPolicy.fromConfigName(args[1]))
            .withMaxSegmentBytes(1 << 21);
    final Object order = new Object();
    final Journal journal =
        Journal.open(
            config,
            (sequence, nanos) -> {
              out.println("durable " + sequence);
              out.flush();
            });
    for (int t = 0; t < 4; t++) {
      final Thread producer =
          new Thread(
              () -> {
                while (true) {
                  synchronized (order) {
                    journal.append(payloadOf(journal.appendedSequence() + 1));
                  }
                }
              });
      producer.start();
    }
  }
}
