package io.riskgate.server.audit;

import io.riskgate.server.runtime.DurableRecord;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
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
 */
public final class AuditWriter implements AutoCloseable {
  /** Replays the journal's records after {@code fromSequence} into {@code sink}. */
  public interface CatchUp {
    void run(long fromSequence, Consumer<List<DurableRecord>> sink) throws IOException;
  }

  private static final int MAX_BATCH_RECORDS = 10_000;

  private final AuditStore store;
  private final Consumer<String> log;
  private final LinkedBlockingQueue<List<DurableRecord>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Object progress = new Object();
  private volatile boolean stopping;
  private long written;

  private AuditWriter(AuditStore store, CatchUp catchUp, Consumer<String> log) {
    this.store = store;
    this.log = log;
    this.thread = new Thread(() -> run(catchUp), "riskgate-audit");
    this.thread.setDaemon(true);
  }

  /** Starts the writer thread: the catch-up, then the queued records. */
  public static AuditWriter start(AuditStore store, CatchUp catchUp, Consumer<String> log) {
    final AuditWriter writer = new AuditWriter(store, catchUp, log);
    writer.thread.start();
    return writer;
  }

  /** The store it writes. */
  public AuditStore store() {
    return store;
  }

  /** Queues durable records (publisher thread); never blocks. */
  public void accept(List<DurableRecord> records) {
    queue.add(records);
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
      catchUp.run(stored, this::write);
    } catch (IOException | SQLException | RuntimeException e) {
      log.accept(
          "error: the audit trail could not be completed from the journal: "
              + e.getMessage()
              + "; run riskgate audit rebuild");
    }
    while (true) {
      final List<DurableRecord> first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        continue;
      }
      if (first == null) {
        if (stopping) {
          return;
        }
        continue;
      }
      final List<DurableRecord> records = new ArrayList<>(first);
      for (List<DurableRecord> more;
          records.size() < MAX_BATCH_RECORDS && (more = queue.poll()) != null; ) {
        records.addAll(more);
      }
      write(records);
    }
  }

  /** Writes the rows of {@code records}, trying again every second until it succeeds or stops. */
  private void write(List<DurableRecord> records) {
    final AuditRows.Batch batch = AuditRows.of(records);
    boolean reported = false;
    while (true) {
      try {
        store.write(batch);
        advance(batch.lastSequence());
        if (reported) {
          log.accept("the audit store is written again (" + store.description() + ")");
        }
        return;
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
          return;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
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
