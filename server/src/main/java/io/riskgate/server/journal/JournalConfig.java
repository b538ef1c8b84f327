package io.riskgate.server.journal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link Journal} is opened: where, how large its files grow, when records count as durable,
 * and whether opening may cut away corruption.
 *
 * @param directory where the segment files live (created if missing)
 * @param maxSegmentBytes a segment file rolls over before it would grow beyond this many bytes; at
 *     least large enough for one record of {@code maxPayloadBytes}, at most 1 GiB
 * @param fsyncPolicy when an appended record counts as durable
 * @param maxPayloadBytes the largest payload {@link Journal#append} accepts
 * @param bufferBytes capacity of each of the two group-commit buffers; appends wait while the
 *     buffer being filled is full
 * @param repair when true, corruption found while opening is cut away (the cut bytes kept in a side
 *     file) instead of stopping the open
 * @param preallocateBytes how far ahead of the write position the segment being appended to is
 *     filled with written zeros, so that a batch's fsync writes data only and has no file size to
 *     commit; the writer adds this many zeros (up to the segment limit) whenever fewer are left
 *     ahead after a batch that was not larger than this. 0 turns preallocation off. At most {@link
 *     #MAX_SEGMENT_BYTES_LIMIT}
 * @param retention which segments {@link Journal#releaseSegmentsCoveredBy} may delete or archive;
 *     {@link JournalRetention#ALL} keeps every one
 */
public record JournalConfig(
    Path directory,
    long maxSegmentBytes,
    FsyncPolicy fsyncPolicy,
    int maxPayloadBytes,
    int bufferBytes,
    boolean repair,
    long preallocateBytes,
    JournalRetention retention) {

  /** Default segment size: 256 MiB. */
  public static final long DEFAULT_MAX_SEGMENT_BYTES = 256L * 1024 * 1024;

  /** Default payload limit: 1 MiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

  /** Default group-commit buffer: 4 MiB. */
  public static final int DEFAULT_BUFFER_BYTES = 4 * 1024 * 1024;

  /**
   * Default zero-filled region ahead of the write position: 256 KiB. Small on purpose: each
   * extension is written and fsynced between two batches, and larger steps (4 MiB and more) delayed
   * the batches behind them enough to raise the acknowledgement p99 (see BENCHMARKS.md).
   */
  public static final long DEFAULT_PREALLOCATE_BYTES = 256L * 1024;

  /** Largest admitted segment size: 1 GiB. */
  public static final long MAX_SEGMENT_BYTES_LIMIT = 1024L * 1024 * 1024;

  /** Validates every field. */
  public JournalConfig {
    Objects.requireNonNull(directory, "journal directory must be given");
    Objects.requireNonNull(fsyncPolicy, "fsync policy must be given");
    Objects.requireNonNull(retention, "retention must be given");
    if (maxPayloadBytes < 1 || maxPayloadBytes > RecordDescriptor.MAX_PAYLOAD_LENGTH) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be between 1 and "
              + RecordDescriptor.MAX_PAYLOAD_LENGTH
              + ", was "
              + maxPayloadBytes);
    }
    final long smallestSegment =
        RecordDescriptor.FILE_HEADER_LENGTH + (long) RecordDescriptor.recordLength(maxPayloadBytes);
    if (maxSegmentBytes < smallestSegment || maxSegmentBytes > MAX_SEGMENT_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "maxSegmentBytes must be between "
              + smallestSegment
              + " (header and one record of maxPayloadBytes) and "
              + MAX_SEGMENT_BYTES_LIMIT
              + ", was "
              + maxSegmentBytes);
    }
    if (bufferBytes < RecordDescriptor.recordLength(maxPayloadBytes)) {
      throw new IllegalArgumentException(
          "bufferBytes must hold at least one record of maxPayloadBytes ("
              + RecordDescriptor.recordLength(maxPayloadBytes)
              + " bytes), was "
              + bufferBytes);
    }
    if (preallocateBytes < 0 || preallocateBytes > MAX_SEGMENT_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "preallocateBytes must be between 0 (off) and "
              + MAX_SEGMENT_BYTES_LIMIT
              + ", was "
              + preallocateBytes);
    }
  }

  /**
   * The defaults: 256 MiB segments, fsync every batch, 1 MiB payloads, 4 MiB buffers, no repair,
   * 256 KiB preallocated ahead, every segment retained.
   */
  public static JournalConfig defaults(Path directory) {
    return new JournalConfig(
        directory,
        DEFAULT_MAX_SEGMENT_BYTES,
        FsyncPolicy.EVERY_BATCH,
        DEFAULT_MAX_PAYLOAD_BYTES,
        DEFAULT_BUFFER_BYTES,
        false,
        DEFAULT_PREALLOCATE_BYTES,
        JournalRetention.ALL);
  }

  /** This configuration with another segment size limit. */
  public JournalConfig withMaxSegmentBytes(long bytes) {
    return new JournalConfig(
        directory,
        bytes,
        fsyncPolicy,
        maxPayloadBytes,
        bufferBytes,
        repair,
        preallocateBytes,
        retention);
  }

  /** This configuration with another fsync policy. */
  public JournalConfig withFsyncPolicy(FsyncPolicy policy) {
    return new JournalConfig(
        directory,
        maxSegmentBytes,
        policy,
        maxPayloadBytes,
        bufferBytes,
        repair,
        preallocateBytes,
        retention);
  }

  /** This configuration with another payload limit. */
  public JournalConfig withMaxPayloadBytes(int bytes) {
    return new JournalConfig(
        directory,
        maxSegmentBytes,
        fsyncPolicy,
        bytes,
        bufferBytes,
        repair,
        preallocateBytes,
        retention);
  }

  /** This configuration with another group-commit buffer size. */
  public JournalConfig withBufferBytes(int bytes) {
    return new JournalConfig(
        directory,
        maxSegmentBytes,
        fsyncPolicy,
        maxPayloadBytes,
        bytes,
        repair,
        preallocateBytes,
        retention);
  }

  /** This configuration with repair on or off. */
  public JournalConfig withRepair(boolean repairOnOpen) {
    return new JournalConfig(
        directory,
        maxSegmentBytes,
        fsyncPolicy,
        maxPayloadBytes,
        bufferBytes,
        repairOnOpen,
        preallocateBytes,
        retention);
  }

  /** This configuration with another preallocation distance (0 = off). */
  public JournalConfig withPreallocateBytes(long bytes) {
    return new JournalConfig(
        directory,
        maxSegmentBytes,
        fsyncPolicy,
        maxPayloadBytes,
        bufferBytes,
        repair,
        bytes,
        retention);
  }

  /** This configuration with another retention of segments. */
  public JournalConfig withRetention(JournalRetention segmentRetention) {
    return new JournalConfig(
        directory,
        maxSegmentBytes,
        fsyncPolicy,
        maxPayloadBytes,
        bufferBytes,
        repair,
        preallocateBytes,
        segmentRetention);
  }
}
