package io.riskgate.server.audit;

import io.riskgate.server.runtime.DurableRecord;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes the audit trail on a thread of its own, off the engine and publisher threads: the
 * publisher hands it each answer's durable records ({@link #accept}, which only queues them), and
 * this thread turns them into rows and writes whatever has queued up as one transaction.
 *
 * <p>First it completes the trail: a store whose progress is behind the journal (the server stopped
 * before the last records were written, or the store is new) gets the missing records by a replay
 * of the journal ({@link CatchUp}), before the queued live ones. A write that fails is logged and
 * tried again every second, the records kept, so a database that is down for a while loses nothing;
 * records still unwritten when the server stops are completed by the next start's catch-up, since
 * the store's progress tells where it stopped.
 *
 * <p>The queue is bounded ({@link AuditSettings#queueRecords()} records), so a slow store cannot
 * exhaust the memory: a batch that does not fit is dropped from the queue, and so is every batch
 * after it until the queue has drained to half its bound. The records are in the journal all the
 * same: the writer marks the gap where the dropping ended and, when it reaches the mark, completes
 * the records it dropped by the same replay of the journal as at the start, before the records
 * queued after them. The trail stays a prefix of the journal throughout, and no record is lost.
 */
public final class AuditWriter implements AutoCloseable {
  /**
   * Replays the journal's records after {@code fromSequence} up to {@code toSequence} (inclusive;
   * {@link Long#MAX_VALUE}: up to where the journal was durable when the writer started) into
   * {@code sink}.
   */
  public interface CatchUp {
    void run(long fromSequence, long toSequence, Consumer<List<DurableRecord>> sink)
        throws IOException;
  }

  private static final int MAX_BATCH_RECORDS = 10_000;

  /** What the queue holds: records, or the mark of records dropped before the ones after it. */
  private sealed interface Item permits Records, Gap {}

  private record Records(List<DurableRecord> records) implements Item {}

  /** Records up to {@code toSequence} were dropped: complete them from the journal. */
  private record Gap(long toSequence) implements Item {}

  private final AuditStore store;
  private final Consumer<String> log;
  private final int capacity;
  private final Thread thread;
  private final Object progress = new Object();
  private volatile boolean stopping;
  private long written;

  // Guarded by queue.
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private int queuedRecords;
  private boolean dropping;
  private long droppedTo;
  private long droppedRecords;
  private long gaps;

  private AuditWriter(AuditStore store, CatchUp catchUp, Consumer<String> log, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: expected at least 1, got " + capacity);
    }
    this.store = store;
    this.log = log;
    this.capacity = capacity;
    this.thread = new Thread(() -> run(catchUp), "riskgate-audit");
    this.thread.setDaemon(true);
  }

  /** Starts the writer thread: the catch-up, then the queued records. */
  public static AuditWriter start(AuditStore store, CatchUp catchUp, Consumer<String> log) {
    return start(store, catchUp, log, store.settings().queueRecords());
  }

  /** Starts the writer thread with a queue of at most {@code capacity} records. */
  public static AuditWriter start(
      AuditStore store, CatchUp catchUp, Consumer<String> log, int capacity) {
    final AuditWriter writer = new AuditWriter(store, catchUp, log, capacity);
    writer.thread.start();
    return writer;
  }

  /** The store it writes. */
  public AuditStore store() {
    return store;
  }

  /**
   * Queues durable records (publisher thread, in journal order); never blocks. When they do not fit
   * they are dropped from the queue, to be completed from the journal.
   */
  public void accept(List<DurableRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    synchronized (queue) {
      if (dropping && queuedRecords <= capacity / 2) {
        queue.add(new Gap(droppedTo));
        dropping = false;
      }
      if (dropping || (queuedRecords > 0 && queuedRecords + records.size() > capacity)) {
        dropping = true;
        droppedTo = records.get(records.size() - 1).sequence();
        droppedRecords += records.size();
        return;
      }
      queue.add(new Records(records));
      queuedRecords += records.size();
      queue.notifyAll();
    }
  }

  /** How many records wait in the queue. */
  public int queuedRecords() {
    synchronized (queue) {
      return queuedRecords;
    }
  }

  /** How many records were dropped from the full queue (and completed from the journal). */
  public long droppedRecords() {
    synchronized (queue) {
      return droppedRecords;
    }
  }

  /** How many gaps of dropped records were completed from the journal. */
  public long completedGaps() {
    synchronized (queue) {
      return gaps;
    }
  }

  /** The last journal sequence written. */
  public long writtenSequence() {
    synchronized (progress) {
      return written;
    }
  }

  /** Waits until the rows of journal {@code sequence} are written; false after the timeout. */
  public boolean awaitWritten(long sequence, long timeout, TimeUnit unit)
      throws InterruptedException {
    final long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (progress) {
      while (written < sequence) {
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
      return true;
    }
  }

  private void run(CatchUp catchUp) {
    try {
      final long stored = store.lastSequence();
      advance(stored);
      catchUp.run(stored, Long.MAX_VALUE, this::writeOrFail);
    } catch (IOException | SQLException | RuntimeException e) {
      log.accept(
          "error: the audit trail could not be completed from the journal: "
              + e.getMessage()
              + "; run riskgate audit rebuild");
    }
    while (true) {
      final List<DurableRecord> records = new ArrayList<>();
      long gapTo = -1;
      synchronized (queue) {
        if (queue.isEmpty()) {
          try {
            queue.wait(100);
          } catch (InterruptedException e) {
            continue;
          }
        }
        if (queue.isEmpty()) {
          if (dropping) {
            // Nothing came after the dropped records: complete them now.
            dropping = false;
            gapTo = droppedTo;
          } else if (stopping) {
            return;
          } else {
            continue;
          }
        } else if (queue.peek() instanceof Gap gap) {
          queue.poll();
          gapTo = gap.toSequence();
        } else {
          while (records.size() < MAX_BATCH_RECORDS && queue.peek() instanceof Records r) {
            queue.poll();
            queuedRecords -= r.records().size();
            records.addAll(r.records());
          }
        }
      }
      final boolean done = gapTo >= 0 ? complete(catchUp, gapTo) : write(records);
      if (!done) {
        // Stopping with records unwritten: write nothing after them, so the store's progress
        // stays where the next start's catch-up must begin.
        return;
      }
    }
  }

  /**
   * Completes the records dropped from the queue, up to {@code toSequence}, from the journal,
   * trying again every second; false when it stops without them.
   */
  private boolean complete(CatchUp catchUp, long toSequence) {
    boolean reported = false;
    while (true) {
      final long from = writtenSequence();
      if (from >= toSequence) {
        synchronized (queue) {
          gaps++;
        }
        return true;
      }
      try {
        catchUp.run(from, toSequence, this::writeOrFail);
        log.accept(
            "warning: the audit store ("
                + store.description()
                + ") fell behind; journal records "
                + (from + 1)
                + " to "
                + toSequence
                + " were dropped from the writer's full queue and completed from the journal");
        synchronized (queue) {
          gaps++;
        }
        return true;
      } catch (IOException | RuntimeException e) {
        if (!reported) {
          log.accept(
              "error: journal records "
                  + (from + 1)
                  + " to "
                  + toSequence
                  + " could not be completed from the journal, trying again every second: "
                  + e.getMessage());
          reported = true;
        }
        if (stopping) {
          return false;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  /** Writes records of a catch-up; a write given up (stopping) ends the catch-up. */
  private void writeOrFail(List<DurableRecord> records) {
    if (!write(records)) {
      throw new IllegalStateException("the audit store is not written (stopping)");
    }
  }

  /**
   * Writes the rows of {@code records}, trying again every second until it succeeds (true) or stops
   * (false).
   */
  private boolean write(List<DurableRecord> records) {
    final AuditRows.Batch batch = AuditRows.of(records);
    boolean reported = false;
    while (true) {
      try {
        store.write(batch);
        advance(batch.lastSequence());
        if (reported) {
          log.accept("the audit store is written again (" + store.description() + ")");
        }
        return true;
      } catch (SQLException | RuntimeException e) {
        if (!reported) {
          log.accept(
              "error: the audit store ("
                  + store.description()
                  + ") failed a write, trying again every second: "
                  + e.getMessage());
          reported = true;
        }
        if (stopping) {
          log.accept(
              "error: records up to journal sequence "
                  + batch.lastSequence()
                  + " are not in the audit store; the next start completes them from the journal");
          return false;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  private void advance(long sequence) {
    synchronized (progress) {
      if (sequence > written) {
        written = sequence;
        progress.notifyAll();
      }
    }
  }

  /** Writes what is queued (up to 30 s), stops the thread and closes the store. */
  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
