package io.riskgate.server.http;

import java.util.ArrayDeque;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's thread pool, with one exception: when a thread outside the pool answers a request (the
 * engine's publisher, once the answer is durable), Jetty asks the pool to resume reading that
 * connection, which would wake an idle pool thread only to find no next request yet. Inside {@link
 * #answering}, such a resumption runs on the answering thread itself, right after the answer was
 * written, instead of being handed over.
 *
 * <p>That is safe because every request handler of this server is non-blocking on the thread that
 * reads it: the event routes never block, and every other request is handed to a pool thread (see
 * {@link EventRoutes}); Jetty runs the same resumption on its selector thread for the same reason.
 * Everything other than a connection's resumption is executed by the pool as usual.
 */
final class ServerThreadPool extends QueuedThreadPool {
  /**
   * The answering state of each thread that answers: set once per thread and kept (setting and
   * removing a thread-local around every answer cost the answering thread a tenth of its time).
   */
  private static final ThreadLocal<Answering> ANSWERING = new ThreadLocal<>();

  /** Resumptions caused while a thread is inside {@link #answering}. */
  private static final class Answering {
    final ArrayDeque<Runnable> resumptions = new ArrayDeque<>(2);
    boolean active;
  }

  ServerThreadPool() {
    super(250, 8, 60_000);
    setName("riskgate-http");
  }

  @Override
  public void execute(Runnable job) {
    final Answering answering = ANSWERING.get();
    if (answering != null && answering.active && job instanceof Connection) {
      answering.resumptions.add(job);
      return;
    }
    super.execute(job);
  }

  /**
   * Runs {@code answer} (which writes a response), then on this thread every connection resumption
   * it caused. Called by threads outside the pool only.
   */
  static void answering(Runnable answer) {
    Answering answering = ANSWERING.get();
    if (answering == null) {
      answering = new Answering();
      ANSWERING.set(answering);
    }
    if (answering.active) {
      answer.run();
      return;
    }
    answering.active = true;
    try {
      answer.run();
    } finally {
      answering.active = false;
    }
    final ArrayDeque<Runnable> resumptions = answering.resumptions;
    for (Runnable job = resumptions.poll(); job != null; job = resumptions.poll()) {
      job.run();
    }
  }
}
