package io.riskgate.server.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers: write journals, read them back, damage files on purpose. */
final class JournalFiles {
  private JournalFiles() {}

  /**
   * A small-buffer configuration for tests, without preallocation: segment files end at their last
   * record, so cutting and damaging them works on record offsets alone.
   */
  static JournalConfig config(Path directory) {
    return JournalConfig.defaults(directory)
        .withMaxPayloadBytes(4096)
        .withBufferBytes(64 * 1024)
        .withPreallocateBytes(0);
  }

  /** The payload of record {@code sequence} in deterministic tests: its text, e.g. "event-7". */
  static byte[] payloadOf(long sequence) {
    return ("event-" + sequence).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Appends {@code count} records with {@link #payloadOf} payloads, waits, closes. */
  static void writeRecords(JournalConfig config, int count) throws Exception {
    try (Journal journal = Journal.open(config)) {
      long last = 0;
      for (int i = 0; i < count; i++) {
        last = journal.append(payloadOf(journal.appendedSequence() + 1));
      }
      if (last > 0) {
        journal.awaitDurable(last);
      }
    }
  }

  /** All records from {@code from} with a strict reader: sequences and payloads. */
  static List<byte[]> readAll(Path directory, long from, List<Long> sequences) throws IOException {
    final List<byte[]> payloads = new ArrayList<>();
    try (JournalReader reader = JournalReader.open(directory, from)) {
      while (reader.next()) {
        sequences.add(reader.sequence());
        payloads.add(reader.payload());
      }
    }
    return payloads;
  }

  /** The segment files of {@code directory}, in name order. */
  static List<Path> segmentFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(f -> RecordDescriptor.firstSequenceOf(f.getFileName().toString()) > 0)
          .sorted()
          .toList();
    }
  }

  /**
   * Byte offsets of every record in a segment file, found by walking the length fields up to the
   * end of the file or a zero length field (the preallocated zeros); the last element is where the
   * log ends.
   */
  static List<Long> boundaries(Path segment) throws IOException {
    final byte[] bytes = Files.readAllBytes(segment);
    final java.nio.ByteBuffer buffer =
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    final List<Long> offsets = new ArrayList<>();
    int at = RecordDescriptor.FILE_HEADER_LENGTH;
    while (at + RecordDescriptor.HEADER_LENGTH <= bytes.length && buffer.getInt(at) != 0) {
      offsets.add((long) at);
      at += RecordDescriptor.recordLength(buffer.getInt(at));
    }
    offsets.add((long) at);
    return offsets;
  }

  /** Byte offsets of every record in a segment file; see {@link #boundaries}. */
  static List<Long> recordOffsets(Path segment) throws IOException {
    final List<Long> boundaries = boundaries(segment);
    return boundaries.subList(0, boundaries.size() - 1);
  }

  /**
   * Overwrites the bytes of {@code file} from {@code from} (inclusive) to {@code to} with zeros.
   */
  static void zero(Path file, long from, long to) throws IOException {
    final byte[] bytes = Files.readAllBytes(file);
    java.util.Arrays.fill(bytes, (int) from, (int) to, (byte) 0);
    Files.write(file, bytes);
  }

  /** Flips every bit of the byte at {@code offset} of {@code file}. */
  static void flipByte(Path file, long offset) throws IOException {
    final byte[] bytes = Files.readAllBytes(file);
    bytes[(int) offset] ^= (byte) 0xFF;
    Files.write(file, bytes);
  }

  /** Cuts {@code file} to {@code length} bytes. */
  static void truncate(Path file, long length) throws IOException {
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(length);
    }
  }

  /** Copies the files of {@code from} into a new directory {@code to}. */
  static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Deletes {@code directory} and the files in it. */
  static void deleteDirectory(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(directory);
  }
}
