package io.riskgate.server;

import io.riskgate.server.cluster.ClusterPeers;
import io.riskgate.server.cluster.ClusterView;
import io.riskgate.server.cluster.KafkaJournal;
import io.riskgate.server.runtime.EngineRuntime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's part of the server's start-up ({@link RiskgateServer}): a node whose journal is on
 * Kafka follows the log, and asks its peers before it takes over.
 */
final class ClusterFollow {
  private ClusterFollow() {}

  /**
   * On Kafka, starts following the log: the runtime applies each record the leader commits, and
   * takes writes once this node took over. A node that a newer leader fenced starts over as a
   * standby: its engine may hold events that were never committed, so it is rebuilt from the
   * snapshots and the log, like a restart.
   */
  static void follow(EngineRuntime rt, ClusterPeers peers, Runnable startOver) {
    if (!(rt.journal() instanceof KafkaJournal kafka)) {
      return;
    }
    kafka.deferTakeOverWhile(() -> aPeerAheadTakesOver(peers, kafka.settings()));
    kafka.follow(
        new KafkaJournal.Follower() {
          @Override
          public java.util.concurrent.CompletableFuture<?> apply(long sequence, byte[] payload) {
            return rt.applyReplicated(sequence, payload);
          }

          @Override
          public java.util.concurrent.CompletableFuture<?> barrier() {
            return rt.appliedSequence();
          }
        },
        () -> {},
        () -> {
          final Thread restart = new Thread(startOver, "riskgate-step-down");
          restart.setDaemon(true);
          restart.start();
        });
  }

  /**
   * Whether a node before this one in the take-over order says (over HTTP, within a heartbeat) that
   * it is taking over or has just taken over: asked by a standby whose leader fell silent before it
   * takes over, so that two standbys do not fence each other in turn. A node that does not answer
   * counts as not taking over.
   */
  private static boolean aPeerAheadTakesOver(
      ClusterPeers peers, io.riskgate.server.cluster.KafkaSettings s) {
    final List<String> order = List.copyOf(new java.util.TreeSet<>(s.leaderUrls().keySet()));
    final int rank = s.rank();
    if (rank == 0) {
      return false;
    }
    try {
      return peers
          .statuses(
              s,
              id -> order.indexOf(id) < rank,
              java.time.Duration.ofMillis(Math.max(100, s.heartbeatMillis())),
              true)
          .get(2 * Math.max(100, s.heartbeatMillis()) + 200, TimeUnit.MILLISECONDS)
          .values()
          .stream()
          .anyMatch(status -> ClusterView.takingOver(status, s.failoverMillis()));
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
