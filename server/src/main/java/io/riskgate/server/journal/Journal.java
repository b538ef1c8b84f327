package io.riskgate.server.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The write-ahead journal: an append-only sequence of opaque, checksummed records on disk, each
 * numbered by a sequence that increases by one, written with group commit.
 *
 * <p>Any number of threads {@link #append} records; each call returns the record's sequence at
 * once. One writer thread takes everything appended since its last batch, writes it to the current
 * segment file in one go, fsyncs once (under {@link FsyncPolicy#EVERY_BATCH}) and then releases all
 * of the batch's waiters ({@link #awaitDurable}) and tells the {@link DurabilityListener}. Segment
 * files roll over at {@link JournalConfig#maxSegmentBytes()}; the layout is in {@link
 * RecordDescriptor}; segments that snapshots cover may be deleted or archived ({@link
 * #releaseSegmentsCoveredBy}, {@link JournalRetention}). Between batches the writer keeps the
 * current segment filled with written zeros some way ahead of the last record ({@link
 * JournalConfig#preallocateBytes()}), so that a batch's fsync finds the file's blocks and size
 * already on disk and only has data to write.
 *
 * <p>{@link #open} checks every record before appending resumes: a torn record at the tail is cut
 * off and reported in {@link #recoveryWarnings()}; damage anywhere else throws {@link
 * JournalCorruptedException} unless {@link JournalConfig#repair()} is set. A lock file keeps a
 * second process from opening the same directory. If the writer meets an I/O error, the journal
 * fails for good: appends and waits throw {@link JournalUnavailableException} (fail closed; an
 * fsync is never retried after it failed).
 */
public final class Journal implements EventLog {
  private static final String LOCK_FILE = "journal.lock";

  /** Largest single write of zeros when the preallocated region grows. */
  private static final int ZERO_CHUNK_BYTES = 1 << 20;

  private final JournalConfig config;
  private final DurabilityListener listener;
  private final List<StorageWarning> recoveryWarnings;
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final Thread writer;

  /** Guards the buffer being filled, sequence assignment and the writer hand-off. */
  private final ReentrantLock appendLock = new ReentrantLock();

  private final Condition writerWake = appendLock.newCondition();
  private final Condition spaceFree = appendLock.newCondition();
  private final CRC32C appendCrc = new CRC32C();
  private ByteBuffer filling;
  private long nextSequence;
  private boolean writerParked;
  private boolean closing;

  /** Owned by the writer thread. */
  private ByteBuffer spare;

  private FileChannel segmentChannel;
  private long segmentBytes;

  /** Length of the current segment file: records up to {@code segmentBytes}, zeros after that. */
  private long segmentFileBytes;

  /** Zeros written to extend the preallocated region; null when preallocation is off. */
  private final ByteBuffer zeros;

  /** Guarded by itself: the segments in order; the last one is being appended to. */
  private final List<Segments.Segment> segments;

  /** Held while segments are released, so that two releases never handle the same file. */
  private final Object releaseLock = new Object();

  private final ReentrantLock durableLock = new ReentrantLock();
  private final Condition durableAdvanced = durableLock.newCondition();
  private int durableWaiters;

  private volatile long appendedSequence;
  private volatile long durableSequence;
  private volatile Throwable failure;
  private volatile boolean closed;

  private Journal(
      JournalConfig config,
      DurabilityListener listener,
      JournalRecovery.Result recovered,
      FileChannel lockChannel,
      FileLock fileLock)
      throws IOException {
    this.config = config;
    this.listener = listener;
    this.recoveryWarnings = recovered.warnings();
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
    this.segments = new ArrayList<>(recovered.segments());
    this.nextSequence = recovered.nextSequence();
    this.appendedSequence = nextSequence - 1;
    this.durableSequence = nextSequence - 1;
    this.filling = ByteBuffer.allocate(config.bufferBytes()).order(ByteOrder.LITTLE_ENDIAN);
    this.spare = ByteBuffer.allocate(config.bufferBytes()).order(ByteOrder.LITTLE_ENDIAN);
    this.zeros =
        config.preallocateBytes() > 0
            ? ByteBuffer.allocateDirect((int) Math.min(ZERO_CHUNK_BYTES, config.preallocateBytes()))
            : null;
    try {
      openTail(recovered);
    } catch (IOException | RuntimeException e) {
      if (segmentChannel != null) {
        segmentChannel.close();
      }
      throw e;
    }
    this.writer = new Thread(this::runWriter, "riskgate-journal-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Opens (or creates) the journal of {@code config}, without a durability listener. */
  public static Journal open(JournalConfig config) throws IOException {
    return open(config, null);
  }

  /**
   * Opens (or creates) the journal of {@code config}: checks every record, cuts a torn tail, and
   * starts the writer thread.
   *
   * @param listener told after each group commit, on the writer thread; may be null
   * @throws JournalCorruptedException on damage before the tail, unless repair is configured
   * @throws IOException if the directory cannot be used or is open in another process
   */
  public static Journal open(JournalConfig config, DurabilityListener listener) throws IOException {
    Objects.requireNonNull(config, "config");
    Files.createDirectories(config.directory());
    final FileChannel lockChannel =
        FileChannel.open(
            config.directory().resolve(LOCK_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
    FileLock lock = null;
    try {
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IOException(
            "journal directory " + config.directory() + " is already open by another journal");
      }
      final JournalRecovery.Result recovered =
          JournalRecovery.recover(config.directory(), config.repair());
      return new Journal(config, listener, recovered, lockChannel, lock);
    } catch (IOException | RuntimeException e) {
      if (lock != null) {
        lock.release();
      }
      lockChannel.close();
      throw e;
    }
  }

  /** What opening fixed on its own (torn tail, empty segment) or cut by repair; for the log. */
  @Override
  public List<StorageWarning> recoveryWarnings() {
    return recoveryWarnings;
  }

  /** The configuration the journal was opened with. */
  public JournalConfig config() {
    return config;
  }

  /**
   * Appends one record; returns its sequence. Waits only while the group-commit buffer is full.
   *
   * @throws IllegalArgumentException if the payload is empty or longer than {@link
   *     JournalConfig#maxPayloadBytes()}
   * @throws JournalUnavailableException if the journal is closed or its writer failed
   */
  @Override
  public long append(byte[] payload) {
    return append(payload, 0, payload.length);
  }

  /** Appends {@code length} bytes of {@code payload} from {@code offset}; see {@link #append}. */
  public long append(byte[] payload, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, payload.length);
    if (length < 1 || length > config.maxPayloadBytes()) {
      throw new IllegalArgumentException(
          "journal payload must be 1 to " + config.maxPayloadBytes() + " bytes, was " + length);
    }
    final int recordLength = RecordDescriptor.recordLength(length);
    appendLock.lock();
    try {
      while (true) {
        checkAppendable();
        if (filling.remaining() >= recordLength) {
          break;
        }
        wakeWriter();
        spaceFree.awaitUninterruptibly();
      }
      final long sequence = nextSequence++;
      final int at = filling.position();
      final byte[] array = filling.array();
      filling.putInt(RecordDescriptor.lengthOffset(at), length);
      filling.putLong(RecordDescriptor.sequenceOffset(at), sequence);
      System.arraycopy(payload, offset, array, RecordDescriptor.payloadOffset(at), length);
      filling.putInt(
          RecordDescriptor.checksumOffset(at),
          RecordDescriptor.checksum(appendCrc, array, at, length));
      filling.position(at + recordLength);
      appendedSequence = sequence;
      wakeWriter();
      return sequence;
    } finally {
      appendLock.unlock();
    }
  }

  /**
   * Waits until the record {@code sequence} is durable.
   *
   * @throws IllegalArgumentException if no record {@code sequence} was appended
   * @throws JournalUnavailableException if the writer failed before the record became durable
   */
  public void awaitDurable(long sequence) throws InterruptedException {
    if (!awaitDurable(sequence, Long.MAX_VALUE, TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("unreachable: unbounded wait returned early");
    }
  }

  /**
   * Waits at most {@code timeout} until the record {@code sequence} is durable.
   *
   * @return true if it is durable, false if the time ran out first
   * @throws IllegalArgumentException if no record {@code sequence} was appended
   * @throws JournalUnavailableException if the writer failed before the record became durable
   */
  @Override
  public boolean awaitDurable(long sequence, long timeout, TimeUnit unit)
      throws InterruptedException {
    if (sequence > appendedSequence) {
      throw new IllegalArgumentException(
          "sequence " + sequence + " was not appended; the last is " + appendedSequence);
    }
    if (durableSequence >= sequence) {
      return true;
    }
    long remaining = unit.toNanos(timeout);
    durableLock.lock();
    durableWaiters++;
    try {
      while (durableSequence < sequence) {
        final Throwable failed = failure;
        if (failed != null) {
          throw new JournalUnavailableException(
              "journal writer failed; sequence " + sequence + " is not durable", failed);
        }
        if (remaining <= 0) {
          return false;
        }
        remaining = durableAdvanced.awaitNanos(remaining);
      }
      return true;
    } finally {
      durableWaiters--;
      durableLock.unlock();
    }
  }

  /** The highest sequence known durable (0 when there is none). */
  @Override
  public long durableSequence() {
    return durableSequence;
  }

  /** The highest sequence appended so far (0 when there is none). */
  public long appendedSequence() {
    return appendedSequence;
  }

  /** The first sequence still held in the journal's files. */
  @Override
  public long firstSequence() {
    synchronized (segments) {
      return segments.get(0).firstSequence();
    }
  }

  /** A reader of the durable records from {@code fromSequence} on. */
  @Override
  public JournalReader reader(long fromSequence) throws IOException {
    final long last = durableSequence;
    final List<Segments.Segment> snapshot;
    synchronized (segments) {
      snapshot = List.copyOf(segments);
    }
    return JournalReader.open(snapshot, fromSequence, last);
  }

  @Override
  public boolean releasesAfterSnapshots() {
    return config.retention().afterSnapshots();
  }

  @Override
  public String releaseCoveredBy(long sequence) throws IOException {
    final int released = releaseSegmentsCoveredBy(sequence).size();
    if (released == 0) {
      return null;
    }
    final Path archive = config.retention().archiveDirectory();
    return "released "
        + released
        + " journal segments covered by the snapshot at sequence "
        + sequence
        + (archive != null ? ", archived in " + archive : ", deleted");
  }

  @Override
  public String describeMissingStart() {
    final Path archive = config.retention().archiveDirectory();
    return "the journal in "
        + config.directory()
        + " starts at sequence "
        + firstSequence()
        + ": its earlier segments were released once snapshots covered them (journal.retain:"
        + " afterSnapshots) or removed by hand, so a full replay cannot rebuild the state. Move"
        + " the earlier segment files back into the journal directory"
        + (archive != null ? " (released ones are archived in " + archive + ")" : "");
  }

  /**
   * Releases the segment files whose records all have sequences at most {@code sequence} (those the
   * oldest retained snapshot covers), as {@link JournalConfig#retention()} says: deleted, or moved
   * to its archive directory; with {@link JournalRetention#ALL} none. The segment being appended to
   * is never released. Each segment leaves the journal's list before its file goes, so no reader
   * opened afterwards looks for it, and the files are handled outside the lock the writer takes to
   * add a segment, so a slow copy to an archive on another disk never holds up appends.
   *
   * @return the segment files released, oldest first
   * @throws IOException when a file cannot be deleted or archived; the segments released before it
   *     stay released, that one and the later ones stay in the journal
   */
  public List<Path> releaseSegmentsCoveredBy(long sequence) throws IOException {
    final JournalRetention retention = config.retention();
    if (!retention.afterSnapshots()) {
      return List.of();
    }
    synchronized (releaseLock) {
      final List<Segments.Segment> covered = new ArrayList<>();
      synchronized (segments) {
        for (int i = 0;
            i + 1 < segments.size() && segments.get(i + 1).firstSequence() - 1 <= sequence;
            i++) {
          covered.add(segments.get(i));
        }
      }
      final List<Path> released = new ArrayList<>();
      try {
        for (Segments.Segment segment : covered) {
          synchronized (segments) {
            segments.remove(segment);
          }
          try {
            if (retention.archiveDirectory() == null) {
              Files.delete(segment.file());
            } else {
              Segments.archive(segment.file(), retention.archiveDirectory());
            }
          } catch (IOException | RuntimeException e) {
            synchronized (segments) {
              segments.add(0, segment);
            }
            throw e;
          }
          released.add(segment.file());
        }
      } finally {
        if (!released.isEmpty()) {
          Segments.syncDirectory(config.directory());
        }
      }
      return List.copyOf(released);
    }
  }

  /**
   * Writes and makes durable everything appended so far, stops the writer and releases the
   * directory. Appends after this throw.
   */
  @Override
  public void close() throws IOException {
    appendLock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      writerWake.signal();
      spaceFree.signalAll();
    } finally {
      appendLock.unlock();
    }
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    closed = true;
    try {
      if (failure == null) {
        segmentChannel.force(true);
      }
      segmentChannel.close();
    } finally {
      fileLock.release();
      lockChannel.close();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    final Throwable failed = failure;
    if (failed != null) {
      throw new IOException("journal writer had failed", failed);
    }
  }

  private void checkAppendable() {
    final Throwable failed = failure;
    if (failed != null) {
      throw new JournalUnavailableException(
          "journal writer failed; nothing can be appended", failed);
    }
    if (closing || closed) {
      throw new JournalUnavailableException("journal is closed", null);
    }
  }

  private void wakeWriter() {
    if (writerParked) {
      writerParked = false;
      writerWake.signal();
    }
  }

  private void openTail(JournalRecovery.Result recovered) throws IOException {
    if (segments.isEmpty()) {
      createSegment(nextSequence);
      return;
    }
    final Path tail = segments.get(segments.size() - 1).file();
    segmentChannel = FileChannel.open(tail, StandardOpenOption.WRITE);
    if (recovered.tailEnd() == 0) {
      segmentChannel.truncate(0);
      segmentBytes = 0;
      segmentFileBytes = 0;
      writeFully(RecordDescriptor.fileHeader(segments.get(segments.size() - 1).firstSequence()));
      preallocate();
      segmentChannel.force(true);
    } else {
      segmentChannel.position(recovered.tailEnd());
      segmentBytes = recovered.tailEnd();
      segmentFileBytes = segmentChannel.size();
      if (preallocate()) {
        segmentChannel.force(false);
      }
    }
  }

  private void createSegment(long firstSequence) throws IOException {
    final Path file = config.directory().resolve(RecordDescriptor.segmentFileName(firstSequence));
    segmentChannel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    segmentBytes = 0;
    segmentFileBytes = 0;
    writeFully(RecordDescriptor.fileHeader(firstSequence));
    preallocate();
    segmentChannel.force(true);
    Segments.syncDirectory(config.directory());
    synchronized (segments) {
      segments.add(new Segments.Segment(file, firstSequence));
    }
  }

  private void runWriter() {
    try {
      while (true) {
        final ByteBuffer batch;
        final long batchLast;
        appendLock.lock();
        try {
          while (filling.position() == 0 && !closing) {
            writerParked = true;
            writerWake.awaitUninterruptibly();
          }
          writerParked = false;
          if (filling.position() == 0) {
            return;
          }
          batch = filling;
          filling = spare;
          batchLast = nextSequence - 1;
          spaceFree.signalAll();
        } finally {
          appendLock.unlock();
        }
        batch.flip();
        final int batchBytes = batch.limit();
        writeBatch(batch);
        long fsyncNanos = 0;
        if (config.fsyncPolicy() == FsyncPolicy.EVERY_BATCH) {
          final long started = System.nanoTime();
          segmentChannel.force(false);
          fsyncNanos = Math.max(1, System.nanoTime() - started);
        }
        batch.clear();
        spare = batch;
        publishDurable(batchLast, fsyncNanos);
        if (batchBytes <= config.preallocateBytes()
            && preallocate()
            && config.fsyncPolicy() == FsyncPolicy.EVERY_BATCH) {
          segmentChannel.force(false);
        }
      }
    } catch (Throwable t) {
      fail(t);
    }
  }

  /** Writes a batch of whole records, rolling to a new segment where the size limit says. */
  private void writeBatch(ByteBuffer batch) throws IOException {
    final int end = batch.limit();
    if (segmentBytes + end <= config.maxSegmentBytes()) {
      writeFully(batch);
      return;
    }
    int chunkStart = 0;
    int at = 0;
    while (at < end) {
      final int recordLength =
          RecordDescriptor.recordLength(batch.getInt(RecordDescriptor.lengthOffset(at)));
      final long chunkBytes = at - chunkStart;
      if (segmentBytes + chunkBytes + recordLength > config.maxSegmentBytes()
          && segmentBytes + chunkBytes > RecordDescriptor.FILE_HEADER_LENGTH) {
        writeRange(batch, chunkStart, at);
        roll(batch.getLong(RecordDescriptor.sequenceOffset(at)));
        chunkStart = at;
      }
      at += recordLength;
    }
    writeRange(batch, chunkStart, end);
  }

  private void writeRange(ByteBuffer batch, int from, int to) throws IOException {
    final int end = batch.limit();
    batch.limit(to).position(from);
    writeFully(batch);
    batch.limit(end);
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    final int count = bytes.remaining();
    while (bytes.hasRemaining()) {
      segmentChannel.write(bytes);
    }
    segmentBytes += count;
    segmentFileBytes = Math.max(segmentFileBytes, segmentBytes);
  }

  /**
   * Extends the current segment with written zeros when fewer than {@link
   * JournalConfig#preallocateBytes()} are left ahead of the write position, by that many (up to the
   * segment limit). Does not fsync; the caller does. The writer calls it after batches no larger
   * than that distance only: a batch that is larger (a saturated journal) would write past the
   * zeros anyway, and extending then would only add writes and an fsync.
   *
   * @return whether the file grew
   */
  private boolean preallocate() throws IOException {
    final long ahead = config.preallocateBytes();
    if (zeros == null || segmentFileBytes - segmentBytes >= ahead) {
      return false;
    }
    final long target = Math.min(config.maxSegmentBytes(), segmentFileBytes + ahead);
    if (target <= segmentFileBytes) {
      return false;
    }
    long at = segmentFileBytes;
    while (at < target) {
      zeros.clear();
      zeros.limit((int) Math.min(zeros.capacity(), target - at));
      while (zeros.hasRemaining()) {
        at += segmentChannel.write(zeros, at);
      }
    }
    segmentFileBytes = target;
    return true;
  }

  /**
   * Completes the current segment on disk (its unused zeros cut off), then starts the next one at
   * {@code firstSequence}.
   */
  private void roll(long firstSequence) throws IOException {
    if (segmentFileBytes > segmentBytes) {
      segmentChannel.truncate(segmentBytes);
      segmentChannel.force(true);
    } else {
      segmentChannel.force(false);
    }
    segmentChannel.close();
    createSegment(firstSequence);
  }

  private void publishDurable(long sequence, long fsyncNanos) {
    durableSequence = sequence;
    durableLock.lock();
    try {
      if (durableWaiters > 0) {
        durableAdvanced.signalAll();
      }
    } finally {
      durableLock.unlock();
    }
    if (listener != null) {
      listener.onDurable(sequence, fsyncNanos);
    }
  }

  private void fail(Throwable t) {
    failure = t;
    appendLock.lock();
    try {
      spaceFree.signalAll();
    } finally {
      appendLock.unlock();
    }
    durableLock.lock();
    try {
      durableAdvanced.signalAll();
    } finally {
      durableLock.unlock();
    }
  }
}
