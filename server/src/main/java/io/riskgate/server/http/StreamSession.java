package io.riskgate.server.http;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.riskgate.server.runtime.EngineRuntime;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One WebSocket client of {@code /v1/stream}: it receives every output of the engine (decisions,
 * sizes, alerts, state changes, actions) once durable, and the periodic {@code dashboard} figures,
 * each as one JSON text message. The token was checked before the upgrade.
 */
final class StreamSession {
  private final Supplier<EngineRuntime> runtime;

  StreamSession(Supplier<EngineRuntime> runtime) {
    this.runtime = runtime;
  }

  void configure(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          final EngineRuntime rt = runtime.get();
          if (rt == null) {
            ctx.closeSession(1013, "recovery has not finished");
            return;
          }
          final Consumer<String> subscriber = text -> send(ctx, text);
          ctx.attribute("subscriber", subscriber);
          // A node that starts over as a standby closes its runtime: the client reconnects.
          rt.subscribe(
              subscriber,
              () -> {
                if (ctx.session.isOpen()) {
                  ctx.closeSession(1012, "this node starts over; reconnect");
                }
              });
        });
    ws.onClose(ctx -> unsubscribe(ctx));
    ws.onError(ctx -> unsubscribe(ctx));
  }

  private void unsubscribe(WsContext ctx) {
    final Consumer<String> subscriber = ctx.attribute("subscriber");
    final EngineRuntime rt = runtime.get();
    if (subscriber != null && rt != null) {
      rt.unsubscribe(subscriber);
    }
  }

  /**
   * Sends one output; a closed session (its close not yet handled) is skipped. A send that fails
   * closes the session, so the client sees the stream end and can reconnect, and rethrows, so the
   * runtime logs, counts and removes this subscriber.
   */
  private static void send(WsContext ctx, String text) {
    if (!ctx.session.isOpen()) {
      return;
    }
    try {
      ctx.send(text);
    } catch (RuntimeException e) {
      try {
        ctx.closeSession(1011, "the stream could not send an output");
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }
}
