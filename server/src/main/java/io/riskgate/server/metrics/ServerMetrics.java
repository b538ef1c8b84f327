package io.riskgate.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.riskgate.core.check.CheckCode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The server's meters in a Micrometer Prometheus registry, scraped at {@code /metrics}: events
 * applied (Prometheus derives events per second with {@code rate()}), the latency of order checks
 * from request to durable answer, journal fsync latency, inbound queue depth and rejections by
 * check code.
 */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter events;
  private final Counter refused;
  private final Counter replayed;
  private final Counter subscriberFailures;

  // The audit writer's figures (see auditWriter): set under the lock, read by scrapes.
  private volatile LongSupplier auditQueued;
  private volatile LongSupplier auditDropped;
  private volatile LongSupplier auditWritten;
  private long auditDroppedBefore; // guarded by this
  private final Timer checkLatency;
  private final Timer fsyncLatency;
  private final Timer snapshotPause;
  private final Map<CheckCode, Counter> rejections = new EnumMap<>(CheckCode.class);

  public ServerMetrics() {
    events =
        Counter.builder("riskgate.events")
            .description("input events applied by the engine and journaled")
            .register(registry);
    refused =
        Counter.builder("riskgate.events.refused")
            .description("input events the engine refused (answered 4xx, not journaled)")
            .register(registry);
    replayed =
        Counter.builder("riskgate.answers.replayed")
            .description("requests sent again, answered as the first time and not journaled")
            .register(registry);
    subscriberFailures =
        Counter.builder("riskgate.stream.subscriber.failures")
            .description("stream subscribers that threw on an output and were removed")
            .register(registry);
    checkLatency =
        Timer.builder("riskgate.check.latency")
            .description("POST /v1/orders/check from request to durable decision")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(1))
            .register(registry);
    fsyncLatency =
        Timer.builder("riskgate.journal.fsync.latency")
            .description("duration of the journal's fsync per group commit")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(1))
            .register(registry);
    snapshotPause =
        Timer.builder("riskgate.snapshot.pause")
            .description("time the engine thread spends taking a snapshot's state")
            .register(registry);
    for (CheckCode code : CheckCode.values()) {
      rejections.put(
          code,
          Counter.builder("riskgate.rejections")
              .description("orders rejected, by the first failed check")
              .tag("code", code.name())
              .register(registry));
    }
  }

  /** Registers the inbound queue's depth, read at each scrape. */
  public void queueDepth(LongSupplier depth) {
    Gauge.builder("riskgate.queue.depth", depth::getAsLong)
        .description("submissions waiting in the inbound queue of the engine thread")
        .register(registry);
  }

  /**
   * Registers the cluster's meters, read at each scrape from the node's current journal on Kafka
   * (null while there is none): whether this node is the leader, its lag behind the partition's end
   * in offsets, the time since it last heard from the leader, and the fail-overs it made.
   */
  public void cluster(java.util.function.Supplier<io.riskgate.server.cluster.KafkaJournal> node) {
    Gauge.builder(
            "riskgate.cluster.leader",
            () -> {
              final var k = node.get();
              return k != null && k.writable() ? 1 : 0;
            })
        .description("1 while this node is the leader of its partition, else 0")
        .register(registry);
    Gauge.builder(
            "riskgate.cluster.lag.offsets",
            () -> {
              final var k = node.get();
              if (k == null) {
                return Double.NaN;
              }
              final long end = k.logEndOffset();
              return end < 0 ? Double.NaN : Math.max(0, end - k.endOffset());
            })
        .description("offsets between the partition's committed end and what this node applied")
        .register(registry);
    Gauge.builder(
            "riskgate.cluster.silence.seconds",
            () -> {
              final var k = node.get();
              return k == null ? Double.NaN : k.silenceMillis() / 1000.0;
            })
        .description("time since this standby last read a record of the leader (0 on the leader)")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "riskgate.cluster.failovers",
            node,
            n -> failovers.addAndGet(0) + (n.get() == null ? 0 : n.get().failovers()))
        .description("times this node took over as leader")
        .register(registry);
  }

  /** Fail-overs of journals this node used before its current one (it started over). */
  private final java.util.concurrent.atomic.AtomicLong failovers =
      new java.util.concurrent.atomic.AtomicLong();

  /** Keeps the fail-overs of a journal the node replaces (after it was fenced). */
  public void retireJournal(io.riskgate.server.cluster.KafkaJournal old) {
    failovers.addAndGet(old.failovers());
  }

  /**
   * Registers the audit writer's figures, read at each scrape: the records waiting in its queue,
   * those it dropped from the full queue (completed from the journal) and the last journal sequence
   * it has written. A later call (a node that starts a new writer) makes the figures follow the new
   * writer; the dropped count goes on from the old writer's.
   *
   * <p>The suppliers are held here: Micrometer keeps only a weak reference to a function counter's
   * object, so a counter over the writer's method reference read 0 once the reference was
   * collected.
   */
  public synchronized void auditWriter(
      LongSupplier queued, LongSupplier dropped, LongSupplier written) {
    if (auditQueued == null) {
      Gauge.builder("riskgate.audit.queue.records", () -> auditQueued.getAsLong())
          .description("records waiting in the audit writer's queue")
          .register(registry);
      io.micrometer.core.instrument.FunctionCounter.builder(
              "riskgate.audit.dropped.records", this, ServerMetrics::droppedAuditRecords)
          .description(
              "records dropped from the audit writer's full queue, completed from the journal")
          .register(registry);
      Gauge.builder("riskgate.audit.written.sequence", () -> auditWritten.getAsLong())
          .description("the last journal sequence whose audit rows are written")
          .register(registry);
    } else {
      auditDroppedBefore += auditDropped.getAsLong();
    }
    auditQueued = queued;
    auditDropped = dropped;
    auditWritten = written;
  }

  private synchronized double droppedAuditRecords() {
    return auditDroppedBefore + auditDropped.getAsLong();
  }

  /** One input event applied. */
  public void eventApplied() {
    events.increment();
  }

  /** One input event refused. */
  public void eventRefused() {
    refused.increment();
  }

  /** One request sent again, answered with its remembered answer. */
  public void answerReplayed() {
    replayed.increment();
  }

  /** One stream subscriber threw on an output and was removed. */
  public void subscriberFailed() {
    subscriberFailures.increment();
  }

  /** An order rejected by {@code code}. */
  public void rejection(CheckCode code) {
    rejections.get(code).increment();
  }

  /** One order check answered after {@code nanos}. */
  public void checkLatency(long nanos) {
    checkLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One group commit's fsync took {@code nanos}. */
  public void fsync(long nanos) {
    if (nanos > 0) {
      fsyncLatency.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** One snapshot's state took {@code nanos} of the engine thread. */
  public void snapshotPause(long nanos) {
    snapshotPause.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
