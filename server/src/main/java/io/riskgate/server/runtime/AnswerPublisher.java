package io.riskgate.server.runtime;

import io.riskgate.server.journal.EventLog;
import io.riskgate.server.journal.JournalUnavailableException;
import io.riskgate.server.metrics.ServerMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The publisher thread (see {@link EngineRuntime}): takes the engine thread's answers in order,
 * waits until each one's journal record is durable, hands the applied events to the read replica,
 * the records to the durable-record listeners and the outputs to the stream subscribers, and then
 * completes the caller's future.
 */
final class AnswerPublisher {
  private static final Object STOP = new Object();

  private final EventLog journal;
  private final ReadReplica replica;
  private final ServerMetrics metrics;
  private final Consumer<String> log;
  private final BooleanSupplier running;
  private final LinkedBlockingQueue<Object> pending;
  private final Thread publisher;
  private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
  private final Map<Consumer<String>, Runnable> endings = new ConcurrentHashMap<>();
  private final List<Consumer<List<DurableRecord>>> recordListeners = new CopyOnWriteArrayList<>();

  AnswerPublisher(
      EventLog journal,
      ReadReplica replica,
      ServerMetrics metrics,
      Consumer<String> log,
      BooleanSupplier running,
      LinkedBlockingQueue<Object> pending) {
    this.journal = journal;
    this.replica = replica;
    this.metrics = metrics;
    this.log = log;
    this.running = running;
    this.pending = pending;
    this.publisher = new Thread(this::runPublisher, "riskgate-publisher");
    this.publisher.setDaemon(true);
  }

  /** Starts the publisher thread. */
  void start() {
    publisher.start();
  }

  /** See {@link EngineRuntime#subscribe(Consumer)}. */
  void subscribe(Consumer<String> subscriber) {
    subscribers.add(subscriber);
  }

  /** See {@link EngineRuntime#subscribe(Consumer, Runnable)}. */
  void subscribe(Consumer<String> subscriber, Runnable onEnd) {
    endings.put(subscriber, onEnd);
    subscribers.add(subscriber);
  }

  /** See {@link EngineRuntime#onDurable}. */
  void onDurable(Consumer<List<DurableRecord>> listener) {
    recordListeners.add(listener);
  }

  /** See {@link EngineRuntime#unsubscribe}. */
  void unsubscribe(Consumer<String> subscriber) {
    subscribers.remove(subscriber);
    endings.remove(subscriber);
  }

  /**
   * Releases answers in order until {@link #stop} queues {@code STOP}. An interrupt ends no more
   * than the wait it cuts short: while idle it is ignored, and while waiting for the journal it
   * answers that caller 503 ({@link #awaitDurable}); the publisher goes on, so no later caller is
   * left without an answer.
   */
  private void runPublisher() {
    while (true) {
      final Object next;
      try {
        next = pending.take();
      } catch (InterruptedException e) {
        continue; // no caller was waiting: nothing to answer
      }
      if (next == STOP) {
        return;
      }
      final Pending p = (Pending) next;
      if (p.sequence() > 0 && !awaitDurable(p)) {
        continue;
      }
      replica.follow(p.applied(), p.sequence());
      if (!p.records().isEmpty()) {
        for (Consumer<List<DurableRecord>> listener : recordListeners) {
          try {
            listener.accept(p.records());
          } catch (RuntimeException e) {
            log.accept("error: a listener of durable records failed: " + e);
          }
        }
      }
      for (String output : p.outputs()) {
        deliver(output);
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

  /**
   * Hands one output to every subscriber. A subscriber that throws (a stream whose client went
   * away, say) is logged, counted in {@code riskgate_stream_subscriber_failures_total} and removed:
   * it would fail again on every output, and the others must not wait for it.
   */
  private void deliver(String output) {
    for (Consumer<String> subscriber : subscribers) {
      try {
        subscriber.accept(output);
      } catch (RuntimeException e) {
        unsubscribe(subscriber);
        metrics.subscriberFailed();
        log.accept("warning: a stream subscriber failed on an output and was removed: " + e);
      }
    }
  }

  private boolean awaitDurable(Pending p) {
    try {
      while (!journal.awaitDurable(p.sequence(), 100, TimeUnit.MILLISECONDS)) {
        if (!running.getAsBoolean() && journal.durableSequence() < p.sequence()) {
          fail(p, "the server stopped before the event was durable");
          return false;
        }
      }
      return true;
    } catch (JournalUnavailableException e) {
      fail(p, "the journal failed: " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      // The record stays in the journal and becomes durable; the caller may send the request
      // again, and a retry of the same request is answered as the first time.
      log.accept(
          "warning: the publisher was interrupted waiting for journal sequence "
              + p.sequence()
              + "; its caller is answered 503");
      fail(
          p,
          "interrupted while waiting for the journal to make the event durable; send the same"
              + " request again to get its answer");
      return false;
    }
  }

  /** Answers a pending caller 503 with {@code reason}. */
  private static void fail(Pending p, String reason) {
    if (p.reply() != null) {
      p.reply().completeExceptionally(new RuntimeUnavailableException(reason));
    }
  }

  /**
   * Queues {@code STOP} behind the answers, waits for the publisher thread (10 s at most), and
   * answers 503 whatever it did not release in time, so no caller is left waiting.
   */
  void stop() {
    pending.add(STOP);
    try {
      publisher.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Object left; (left = pending.poll()) != null; ) {
      if (left instanceof Pending p) {
        fail(p, "the server stopped before the answer was released");
      }
    }
  }

  /** Runs the {@code onEnd} of every subscriber still subscribed, and removes it. */
  void endSubscribers() {
    for (Consumer<String> subscriber : List.copyOf(endings.keySet())) {
      final Runnable end = endings.remove(subscriber);
      subscribers.remove(subscriber);
      if (end != null) {
        try {
          end.run();
        } catch (RuntimeException e) {
          log.accept("warning: a stream subscriber did not end cleanly: " + e);
        }
      }
    }
  }
}
