package io.riskgate.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.journal.Journal;
import io.riskgate.server.journal.JournalReader;
import io.riskgate.server.journal.JournalUnavailableException;
import io.riskgate.server.metrics.ServerMetrics;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The running engine: one engine thread fed by an inbound ring buffer (LMAX Disruptor), and one
 * publisher thread that releases answers and publishes outputs once they are durable.
 *
 * <p>The pipeline, in stage order:
 *
 * <ol>
 *   <li>HTTP threads {@link #submit} parsed events (or {@link #query} a read) into the ring buffer;
 *       a full buffer refuses at once (back-pressure) rather than blocking a request thread.
 *   <li>The engine thread ({@link EngineAgent}) applies each event, appends the accepted ones to
 *       the journal with the caller's name, and hands the answer to the publisher queue.
 *   <li>The publisher thread takes answers in order, waits until the journal's group commit made
 *       each one's record durable, publishes its outputs to the stream subscribers, and completes
 *       the caller's future. Reads wait behind earlier writes, so no answer reveals state that is
 *       not yet durable.
 * </ol>
 *
 * <p>{@link #recover} builds the engine before any of this starts: reference data from the
 * configuration, then every durable journal record in order.
 */
public final class EngineRuntime implements AutoCloseable {
  private static final int RING_SIZE = 1 << 14;
  private static final Object STOP = new Object();

  /** One slot of the inbound ring buffer; reused, cleared after use. */
  private static final class Submission {
    Caller caller;
    List<JsonNode> nodes;
    List<Event> events;
    Function<RiskEngine, ?> query;
    CompletableFuture<Object> reply;

    void clear() {
      caller = null;
      nodes = null;
      events = null;
      query = null;
      reply = null;
    }
  }

  /** An answer waiting for its journal record to be durable. */
  private record Pending(
      long sequence, Object answer, List<String> outputs, CompletableFuture<Object> reply) {}

  private final Journal journal;
  private final EngineAgent agent;
  private final Disruptor<Submission> disruptor;
  private final RingBuffer<Submission> ring;
  private final LinkedBlockingQueue<Object> pending = new LinkedBlockingQueue<>();
  private final Thread publisher;
  private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;

  private EngineRuntime(Journal journal, EngineAgent agent, ServerMetrics metrics) {
    this.journal = journal;
    this.agent = agent;
    this.disruptor =
        new Disruptor<>(
            Submission::new,
            RING_SIZE,
            runnable -> {
              final Thread t = new Thread(runnable, "riskgate-engine");
              t.setDaemon(true);
              return t;
            },
            ProducerType.MULTI,
            new BlockingWaitStrategy());
    final EventHandler<Submission> handler = (slot, sequence, endOfBatch) -> onSubmission(slot);
    disruptor.handleEventsWith(handler);
    this.ring = disruptor.start();
    metrics.queueDepth(() -> RING_SIZE - ring.remainingCapacity());
    this.publisher = new Thread(this::runPublisher, "riskgate-publisher");
    this.publisher.setDaemon(true);
    this.publisher.start();
  }

  /**
   * Builds the engine from the reference data and the journal's durable records, then starts the
   * engine and publisher threads.
   *
   * @throws IllegalStateException when a journal record cannot be replayed (names the sequence)
   */
  public static EngineRuntime recover(
      EngineConfig config, List<Event> referenceData, Journal journal, ServerMetrics metrics)
      throws IOException {
    final EngineAgent agent = new EngineAgent(config, journal, metrics);
    for (Event event : referenceData) {
      agent.applyRecovered(event, 0);
    }
    try (JournalReader reader = journal.reader(journal.firstSequence())) {
      while (reader.next()) {
        final long sequence = reader.sequence();
        try {
          final JournalEntry entry = JournalEntry.decode(reader.payload());
          agent.applyRecovered(EventCodec.parse(entry.event()), sequence);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(
              "journal record "
                  + sequence
                  + " cannot be replayed: "
                  + e.getMessage()
                  + " (did the configuration's reference data change since it was written?)",
              e);
        }
      }
    }
    return new EngineRuntime(journal, agent, metrics);
  }

  /**
   * Applies events in order on the engine thread; the future completes with an {@link EngineReply}
   * once the applied ones are durable.
   */
  public CompletableFuture<EngineReply> submit(
      Caller caller, List<JsonNode> nodes, List<Event> events) {
    if (nodes.size() != events.size() || events.isEmpty()) {
      throw new IllegalArgumentException("one JSON node per event, at least one event");
    }
    final CompletableFuture<Object> reply = new CompletableFuture<>();
    if (!running
        || !ring.tryPublishEvent(
            (slot, seq) -> {
              slot.caller = caller;
              slot.nodes = nodes;
              slot.events = events;
              slot.reply = reply;
            })) {
      reply.completeExceptionally(
          new RuntimeUnavailableException(
              running ? "the inbound queue is full" : "the server is stopping"));
    }
    return reply.thenApply(EngineReply.class::cast);
  }

  /** Runs a read on the engine thread; completes after every earlier answer was released. */
  public <T> CompletableFuture<T> query(Function<RiskEngine, T> read) {
    final CompletableFuture<Object> reply = new CompletableFuture<>();
    if (!running
        || !ring.tryPublishEvent(
            (slot, seq) -> {
              slot.query = read;
              slot.reply = reply;
            })) {
      reply.completeExceptionally(
          new RuntimeUnavailableException(
              running ? "the inbound queue is full" : "the server is stopping"));
    }
    @SuppressWarnings("unchecked")
    final CompletableFuture<T> typed = (CompletableFuture<T>) reply;
    return typed;
  }

  /** Names of accounts and strategies as defined, for reports; read on the engine thread only. */
  public List<String> accountNames(RiskEngine engine) {
    requireEngine(engine);
    return List.copyOf(agent.accountNames());
  }

  /** Names of strategies as defined; read on the engine thread only (inside a query). */
  public List<String> strategyNames(RiskEngine engine) {
    requireEngine(engine);
    return List.copyOf(agent.strategyNames());
  }

  private void requireEngine(RiskEngine engine) {
    if (engine != agent.engine()) {
      throw new IllegalArgumentException("call inside a query of this runtime");
    }
  }

  /** Adds a subscriber of every output (JSON text), called on the publisher thread. */
  public void subscribe(Consumer<String> subscriber) {
    subscribers.add(subscriber);
  }

  /** Removes a subscriber. */
  public void unsubscribe(Consumer<String> subscriber) {
    subscribers.remove(subscriber);
  }

  /** Publishes a message to every subscriber in order with the outputs (publisher thread). */
  public void publish(String message) {
    pending.add(new Pending(0, null, List.of(message), null));
  }

  /** Whether the journal failed and the runtime refuses everything (fail closed). */
  public boolean failed() {
    return agent.failed();
  }

  private void onSubmission(Submission slot) {
    final CompletableFuture<Object> reply = slot.reply;
    try {
      if (slot.query != null) {
        Object answer;
        try {
          answer = slot.query.apply(agent.engine());
        } catch (RuntimeException e) {
          answer = e;
        }
        pending.add(new Pending(agent.lastSequence(), answer, List.of(), reply));
      } else {
        final EngineReply answer = agent.submit(slot.caller, slot.nodes, slot.events);
        pending.add(new Pending(answer.lastSequence(), answer, answer.outputs(), reply));
      }
    } catch (RuntimeException e) {
      reply.completeExceptionally(e);
    } finally {
      slot.clear();
    }
  }

  private void runPublisher() {
    while (true) {
      final Object next;
      try {
        next = pending.take();
      } catch (InterruptedException e) {
        return;
      }
      if (next == STOP) {
        return;
      }
      final Pending p = (Pending) next;
      if (p.sequence() > 0 && !awaitDurable(p)) {
        continue;
      }
      for (String output : p.outputs()) {
        for (Consumer<String> subscriber : subscribers) {
          try {
            subscriber.accept(output);
          } catch (RuntimeException e) {
            unsubscribe(subscriber);
          }
        }
      }
      if (p.reply() != null) {
        if (p.answer() instanceof RuntimeException e) {
          p.reply().completeExceptionally(e);
        } else {
          p.reply().complete(p.answer());
        }
      }
    }
  }

  private boolean awaitDurable(Pending p) {
    try {
      while (!journal.awaitDurable(p.sequence(), 100, TimeUnit.MILLISECONDS)) {
        if (!running && journal.durableSequence() < p.sequence()) {
          p.reply()
              .completeExceptionally(
                  new RuntimeUnavailableException(
                      "the server stopped before the event was durable"));
          return false;
        }
      }
      return true;
    } catch (JournalUnavailableException e) {
      if (p.reply() != null) {
        p.reply()
            .completeExceptionally(
                new RuntimeUnavailableException("the journal failed: " + e.getMessage()));
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops taking submissions, finishes the queued ones and stops both threads. */
  @Override
  public void close() {
    running = false;
    disruptor.shutdown();
    pending.add(STOP);
    try {
      publisher.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
