package io.riskgate.server.cluster;

import io.riskgate.server.journal.RecordCursor;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the event records of the journal's partition in sequence order, from a given sequence to
 * the last one durable when it was opened; heartbeats are passed over, and a gap or repeat in the
 * sequences (the log changed while read) is an error.
 */
final class KafkaRecordCursor implements RecordCursor {
  private final KafkaConsumer<byte[], byte[]> c;
  private final TopicPartition partition;
  private final long last;
  private Iterator<ConsumerRecord<byte[], byte[]>> batch =
      List.<ConsumerRecord<byte[], byte[]>>of().iterator();
  private long sequence;
  private byte[] payload;

  KafkaRecordCursor(
      KafkaConsumer<byte[], byte[]> c, TopicPartition partition, long fromSequence, long last) {
    this.c = c;
    this.partition = partition;
    this.last = last;
    this.sequence = fromSequence - 1;
  }

  @Override
  public boolean next() throws IOException {
    while (sequence < last) {
      while (!batch.hasNext()) {
        try {
          batch = c.poll(KafkaJournal.POLL).iterator();
        } catch (KafkaException e) {
          throw new IOException("the Kafka journal cannot be read: " + e.getMessage(), e);
        }
      }
      final ConsumerRecord<byte[], byte[]> r = batch.next();
      if (!KafkaRecords.isEvent(r)) {
        continue;
      }
      final long seq = KafkaRecords.sequence(r);
      if (seq != sequence + 1) {
        throw new IOException(
            "the Kafka journal "
                + partition
                + " changed while read: sequence "
                + seq
                + " at offset "
                + r.offset()
                + " where "
                + (sequence + 1)
                + " was expected");
      }
      sequence = seq;
      payload = r.value();
      return true;
    }
    return false;
  }

  @Override
  public long sequence() {
    return sequence;
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public void close() {
    c.close();
  }
}
