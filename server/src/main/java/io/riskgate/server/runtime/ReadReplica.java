package io.riskgate.server.runtime;

import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A second engine that follows the durable journal on a thread of its own, so that the heavy reads
 * (the risk report with its VaR and correlation matrices, the dashboard) are computed from a
 * consistent state without delaying a single order check on the engine thread.
 *
 * <p>It starts from a copy of the engine's snapshot bytes and then applies, in journal order, the
 * events the engine accepted, handed over by the publisher once they are durable: the engine is
 * deterministic, so the copy passes through exactly the states the engine passed through, and a
 * read sees the state after some durable journal sequence, never a state that is not yet durable.
 * Handing over only queues the batch; a read first applies, in one go, every batch handed over
 * before it, so the replica costs nothing between reads and a client that got an answer sees its
 * event in the next report.
 *
 * <p>Journal sequences are consecutive, so each batch knows where it starts, and the replica
 * applies a batch only when it continues its state exactly. When batches go missing (its queue was
 * full) or an event fails on it (a bug: the engine accepted it), it becomes stale: it keeps the
 * batches that arrive meanwhile, and the next read fetches a fresh copy of the engine (one snapshot
 * written on the engine thread, between two submissions), loads it and applies the kept batches
 * that continue it.
 */
final class ReadReplica implements AutoCloseable {
  /** Batches handed over and not yet applied; past this many, they are dropped (a gap). */
  private static final int QUEUE_CAPACITY = 1 << 16;

  /** Reads waiting for the replica thread. */
  private static final int READ_QUEUE_CAPACITY = 1024;

  /** A copy of the engine's state to start from, taken on the engine thread. */
  record Copy(long sequence, byte[] engine, List<String> accounts, List<String> strategies) {}

  private final ThreadPoolExecutor thread;
  private final Supplier<CompletableFuture<Copy>> copyOfEngine;
  private final EngineConfig config;
  private final Consumer<String> log;

  // Replica thread only.
  private RiskEngine engine;
  private long sequence = -1;
  private final List<String> accounts = new ArrayList<>();
  private final List<String> strategies = new ArrayList<>();
  private final List<Batch> kept = new ArrayList<>();

  /** Batches handed over by the publisher, in order; guarded by itself. */
  private final List<Batch> handedOver = new ArrayList<>();

  /** True when the replica missed events; the next read fetches a fresh copy. */
  private volatile boolean stale;

  ReadReplica(
      Copy start,
      EngineConfig config,
      Supplier<CompletableFuture<Copy>> copyOfEngine,
      Consumer<String> log) {
    this.copyOfEngine = copyOfEngine;
    this.config = config;
    this.log = log;
    this.thread =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(READ_QUEUE_CAPACITY),
            runnable -> {
              final Thread t = new Thread(runnable, "riskgate-read-replica");
              t.setDaemon(true);
              return t;
            });
    install(start); // before the thread starts: its first task sees these fields
  }

  /**
   * Hands over events the engine accepted, whose journal records up to {@code lastSequence} are
   * durable; publisher thread. It only queues them, waking no thread: the replica applies what
   * queued up when it is read, in one go, so following the engine costs the publisher almost
   * nothing between reads. Never blocks: past {@link #QUEUE_CAPACITY} batches the queue is dropped
   * and the replica notices the gap.
   */
  void follow(List<Event> events, long lastSequence) {
    if (events.isEmpty()) {
      return;
    }
    synchronized (handedOver) {
      if (handedOver.size() == QUEUE_CAPACITY) {
        handedOver.clear(); // the next batch starts past the replica's sequence: a gap
      }
      handedOver.add(new Batch(events, lastSequence));
    }
  }

  /** Applies every batch handed over so far; replica thread. */
  private void catchUp() {
    final List<Batch> batches;
    synchronized (handedOver) {
      if (handedOver.isEmpty()) {
        return;
      }
      batches = new ArrayList<>(handedOver);
      handedOver.clear();
    }
    for (Batch batch : batches) {
      onBatch(batch);
    }
  }

  /**
   * Runs a read on the replica thread, after every event handed over before it; a stale replica
   * first fetches a fresh copy of the engine.
   */
  <T> CompletableFuture<T> read(EngineRuntime.NamedRead<T> read) {
    final CompletableFuture<T> answer = new CompletableFuture<>();
    execute(
        answer,
        () -> {
          catchUp();
          if (!stale) {
            answer.complete(read.apply(engine, List.copyOf(accounts), List.copyOf(strategies)));
            return;
          }
          copyOfEngine
              .get()
              .whenComplete(
                  (copy, error) -> {
                    if (error != null) {
                      answer.completeExceptionally(error);
                      return;
                    }
                    execute(
                        answer,
                        () -> {
                          catchUp();
                          load(copy);
                          if (stale) {
                            throw new RuntimeUnavailableException(
                                "the read replica is being rebuilt; try again");
                          }
                          answer.complete(
                              read.apply(engine, List.copyOf(accounts), List.copyOf(strategies)));
                        });
                  });
        });
    return answer;
  }

  private void execute(CompletableFuture<?> answer, Runnable task) {
    try {
      thread.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              answer.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(
          new RuntimeUnavailableException("the read replica's queue is full"));
    }
  }

  /** Events of consecutive journal sequences ending at {@code lastSequence}. */
  private record Batch(List<Event> events, long lastSequence) {
    long firstSequence() {
      return lastSequence - events.size() + 1;
    }
  }

  private void onBatch(Batch batch) {
    if (batch.lastSequence() <= sequence) {
      return; // contained in the copy it started from
    }
    if (!stale && batch.firstSequence() == sequence + 1) {
      apply(batch);
      return;
    }
    if (!stale) {
      becomeStale(
          "journal records "
              + (sequence + 1)
              + " to "
              + (batch.firstSequence() - 1)
              + " did not reach it (its queue was full)");
    }
    if (kept.size() < QUEUE_CAPACITY) {
      kept.add(batch);
    } else {
      kept.clear(); // the next copy will be newer than all of them
    }
  }

  private void load(Copy copy) {
    if (!stale || copy.sequence() < sequence) {
      return;
    }
    install(copy);
    final List<Batch> waiting = new ArrayList<>(kept);
    kept.clear();
    for (Batch batch : waiting) {
      onBatch(batch);
    }
  }

  private void install(Copy copy) {
    engine = RiskEngine.readSnapshot(copy.engine(), config, OutputSink.NONE);
    sequence = copy.sequence();
    accounts.clear();
    accounts.addAll(copy.accounts());
    strategies.clear();
    strategies.addAll(copy.strategies());
    stale = false;
  }

  private void apply(Batch batch) {
    try {
      for (Event event : batch.events()) {
        engine.apply(event);
        if (event instanceof Event.Account account) {
          accounts.add(account.account());
        } else if (event instanceof Event.Strategy strategy) {
          strategies.add(strategy.strategy());
        }
      }
      sequence = batch.lastSequence();
    } catch (RuntimeException e) {
      becomeStale("an event the engine accepted failed on it: " + e);
    }
  }

  private void becomeStale(String why) {
    stale = true;
    log.accept("warning: the read replica will be rebuilt from a copy of the engine: " + why);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
