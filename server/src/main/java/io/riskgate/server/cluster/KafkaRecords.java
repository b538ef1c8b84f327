package io.riskgate.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The journal's records on Kafka: headers {@code rg-kind} ({@code e} an event, {@code h} the
 * leader's heartbeat), {@code rg-seq} (an event's sequence, 8 bytes big-endian) and {@code rg-node}
 * (the node that wrote it); a heartbeat's value is the leader's status as JSON.
 */
final class KafkaRecords {
  static final String KIND = "rg-kind";
  static final String SEQUENCE = "rg-seq";
  static final String NODE = "rg-node";
  static final byte[] EVENT = {'e'};
  static final byte[] HEARTBEAT = {'h'};
  private static final ObjectMapper STATUS_JSON = new ObjectMapper();

  private KafkaRecords() {}

  /** Whether {@code r} is an event record. */
  static boolean isEvent(ConsumerRecord<byte[], byte[]> r) {
    final Header kind = r.headers().lastHeader(KIND);
    return kind != null && Arrays.equals(kind.value(), EVENT);
  }

  /** Whether {@code r} is a heartbeat. */
  static boolean isHeartbeat(ConsumerRecord<byte[], byte[]> r) {
    final Header kind = r.headers().lastHeader(KIND);
    return kind != null && Arrays.equals(kind.value(), HEARTBEAT);
  }

  /** An event record's sequence, or -1 when it has none. */
  static long sequence(ConsumerRecord<byte[], byte[]> r) {
    final Header seq = r.headers().lastHeader(SEQUENCE);
    return seq == null || seq.value().length != 8 ? -1 : ByteBuffer.wrap(seq.value()).getLong();
  }

  /** The node that wrote {@code r}, or null when it does not say. */
  static String node(ConsumerRecord<byte[], byte[]> r) {
    final Header node = r.headers().lastHeader(NODE);
    return node == null ? null : new String(node.value(), StandardCharsets.UTF_8);
  }

  /** A record of {@code kind} (with its sequence when positive) written by this node. */
  static ProducerRecord<byte[], byte[]> record(
      KafkaSettings settings, byte[] kind, long sequence, byte[] payload) {
    final RecordHeaders headers = new RecordHeaders();
    headers.add(new RecordHeader(KIND, kind));
    if (sequence > 0) {
      headers.add(new RecordHeader(SEQUENCE, ByteBuffer.allocate(8).putLong(sequence).array()));
    }
    headers.add(new RecordHeader(NODE, settings.nodeId().getBytes(StandardCharsets.UTF_8)));
    return new ProducerRecord<>(
        settings.topic(), settings.partition(), null, null, payload, headers);
  }

  /** The status a heartbeat carries, or null for one that carries none this version reads. */
  static KafkaJournal.LeaderStatus status(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null || r.value().length == 0) {
      return null;
    }
    try {
      final JsonNode status = STATUS_JSON.readTree(r.value());
      if (status != null && status.path("node").isTextual()) {
        return new KafkaJournal.LeaderStatus(
            status.get("node").textValue(),
            status.path("url").isTextual() ? status.get("url").textValue() : null,
            status.path("sequence").asLong(-1),
            r.offset(),
            System.nanoTime());
      }
    } catch (IOException e) {
      // Not a status this version reads: the heartbeat still counts as one.
    }
    return null;
  }

  /** The leader's heartbeat value: this node's id, URL and the last durable sequence. */
  static byte[] status(KafkaSettings settings, long durableSequence) {
    final ObjectNode status = STATUS_JSON.createObjectNode();
    status.put("node", settings.nodeId());
    final String url = settings.leaderUrls().get(settings.nodeId());
    if (url != null) {
      status.put("url", url);
    }
    status.put("sequence", durableSequence);
    return status.toString().getBytes(StandardCharsets.UTF_8);
  }
}
