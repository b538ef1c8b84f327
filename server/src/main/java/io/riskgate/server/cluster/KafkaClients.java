package io.riskgate.server.cluster;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The Kafka clients of the journal, configured as it needs them, and its topic's creation. */
final class KafkaClients {
  private KafkaClients() {}

  static Properties common(KafkaSettings settings) {
    final Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "riskgate-" + settings.nodeId());
    return p;
  }

  /**
   * Creates the journal's topic when missing (or adds partitions up to this group's), with the
   * settings a journal needs: no retention, no unclean leader election.
   */
  static void ensureTopic(KafkaSettings settings, Consumer<String> log) throws IOException {
    final Properties p = common(settings);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(p)) {
      final int wanted = settings.partition() + 1;
      final NewTopic topic =
          new NewTopic(settings.topic(), wanted, settings.replicationFactor())
              .configs(
                  Map.of(
                      "min.insync.replicas", Integer.toString(settings.minInsyncReplicas()),
                      "retention.ms", "-1",
                      "retention.bytes", "-1",
                      "cleanup.policy", "delete",
                      "unclean.leader.election.enable", "false"));
      try {
        admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        log.accept(
            "created topic "
                + settings.topic()
                + " ("
                + wanted
                + " partitions, replication factor "
                + settings.replicationFactor()
                + ", min.insync.replicas "
                + settings.minInsyncReplicas()
                + ")");
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      final TopicDescription described =
          admin
              .describeTopics(List.of(settings.topic()))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(settings.topic());
      if (described.partitions().size() < wanted) {
        try {
          admin
              .createPartitions(Map.of(settings.topic(), NewPartitions.increaseTo(wanted)))
              .all()
              .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof InvalidPartitionsException)) {
            throw e;
          }
        }
      }
      final int replicas = described.partitions().get(0).replicas().size();
      if (replicas < settings.replicationFactor()) {
        log.accept(
            "warning: topic "
                + settings.topic()
                + " has "
                + replicas
                + " replicas, fewer than journal.replicationFactor "
                + settings.replicationFactor()
                + "; it was created before with other settings");
      }
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new IOException(
          "the Kafka journal's topic "
              + settings.topic()
              + " at "
              + settings.bootstrapServers()
              + " cannot be used: "
              + (e instanceof ExecutionException ? e.getCause() : e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening the Kafka journal", e);
    }
  }

  /** A {@code read_committed} consumer assigned to the journal's partition, at no position yet. */
  static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings settings) {
    final Properties p = common(settings);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    final KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    c.assign(List.of(new TopicPartition(settings.topic(), settings.partition())));
    return c;
  }

  /** The group's transactional producer (its {@code initTransactions} fences earlier leaders). */
  static KafkaProducer<byte[], byte[]> producer(KafkaSettings settings, int maxPayloadBytes) {
    final Properties p = common(settings);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // A transaction begun right after a commit may meet the previous one's markers still being
    // written (CONCURRENT_TRANSACTIONS) and is retried after this backoff: 100 ms by default, which
    // would bound the group commit to a few batches a second.
    p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 2);
    p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 200);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1 << 20, maxPayloadBytes * 4));
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
