package io.riskgate.server.journal;

import java.io.IOException;

/**
 * Iterates journal records in sequence order, whatever holds them (segment files, a Kafka topic).
 * Usage: {@code while (cursor.next()) { use(cursor.sequence(), cursor.payload()); }}
 */
public interface RecordCursor extends AutoCloseable {
  /** Moves to the next record; false at the end. */
  boolean next() throws IOException;

  /** Sequence of the current record. */
  long sequence();

  /** A copy of the current record's payload. */
  byte[] payload();

  @Override
  void close() throws IOException;
}
