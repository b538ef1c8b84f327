package io.riskgate.app.report;

import io.riskgate.core.event.Event;
import io.riskgate.server.codec.EventReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an event file on a thread of its own, parsing its lines with the codec's streaming reader
 * ({@link EventReader}) into batches, so that reading and parsing run beside the engine on a second
 * core. Batches come out in file order; a line that fails to parse ends its batch with the error
 * and stops the reading, so the events before it are still applied first.
 */
public final class EventFileReader implements AutoCloseable {
  /** Events per batch. */
  static final int BATCH = 1024;

  private static final int QUEUED_BATCHES = 16;
  private static final Batch END = new Batch();

  /** Parsed events with their line numbers, and the error that ended the reading, if any. */
  public static final class Batch {
    private final Event[] events = new Event[BATCH];
    private final long[] lines = new long[BATCH];
    private int size;
    private long bytesRead;
    private long linesRead;
    private long errorLine;
    private String error;
    private IOException failure;

    /** Events in this batch. */
    public int size() {
      return size;
    }

    /** The i-th event. */
    public Event event(int i) {
      return events[i];
    }

    /** The line number of the i-th event, from 1. */
    public long line(int i) {
      return lines[i];
    }

    /** The parse error after this batch's events, or null. */
    public String error() {
      return error;
    }

    /** The line of {@link #error()}. */
    public long errorLine() {
      return errorLine;
    }

    /** Bytes of the file read when this batch was complete. */
    public long bytesRead() {
      return bytesRead;
    }
  }

  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Thread thread;
  private volatile boolean stopped;
  private long lines;

  /** Starts reading {@code file}. */
  public EventFileReader(Path file) throws IOException {
    final InputStream raw = Files.newInputStream(file);
    final CountingInputStream counted = new CountingInputStream(raw);
    final BufferedReader reader =
        new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
    thread = new Thread(() -> read(reader, counted), "riskgate-replay-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void read(BufferedReader reader, CountingInputStream counted) {
    try {
      try (reader) {
        readLines(reader, counted);
      } catch (IOException e) {
        final Batch failed = new Batch();
        failed.failure = e;
        put(failed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readLines(BufferedReader reader, CountingInputStream counted)
      throws IOException, InterruptedException {
    final EventReader parser = new EventReader();
    Batch batch = new Batch();
    long lineNumber = 0;
    String line;
    while (!stopped && (line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        batch.events[batch.size] = parser.read(line);
        batch.lines[batch.size] = lineNumber;
        batch.size++;
      } catch (IllegalArgumentException e) {
        batch.error = e.getMessage();
        batch.errorLine = lineNumber;
        batch.linesRead = lineNumber;
        batch.bytesRead = counted.count();
        put(batch);
        return;
      }
      if (batch.size == BATCH) {
        batch.bytesRead = counted.count();
        batch.linesRead = lineNumber;
        put(batch);
        batch = new Batch();
      }
    }
    batch.bytesRead = counted.count();
    batch.linesRead = lineNumber;
    put(batch);
    put(END);
  }

  private void put(Batch batch) throws InterruptedException {
    while (!stopped) {
      if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  /**
   * The next batch in file order, or null after the last.
   *
   * @throws IOException when reading the file failed
   */
  public Batch next() throws IOException {
    final Batch batch;
    try {
      batch = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading events", e);
    }
    if (batch == END) {
      return null;
    }
    if (batch.failure != null) {
      throw batch.failure;
    }
    lines = batch.linesRead;
    return batch;
  }

  /** Lines read so far, blank ones included (after the last batch: the file's line count). */
  public long lines() {
    return lines;
  }

  /** Stops the reading thread. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while stopping the reader", e));
    }
  }
}
