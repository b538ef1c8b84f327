package io.riskgate.server.journal;

/**
 * Told on the journal's writer thread each time a group commit makes records durable.
 *
 * <p>It must return quickly and must not append to or wait on the journal: the next group commit
 * waits for it. An exception thrown from it fails the journal for good, like an I/O error.
 */
@FunctionalInterface
public interface DurabilityListener {
  /**
   * Every record up to and including {@code durableSequence} is now durable.
   *
   * @param durableSequence the highest durable sequence
   * @param fsyncNanos how long this batch's fsync took, 0 under {@link FsyncPolicy#OS}
   */
  void onDurable(long durableSequence, long fsyncNanos);
}
