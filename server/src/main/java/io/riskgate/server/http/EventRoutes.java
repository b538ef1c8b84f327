package io.riskgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.runtime.EngineRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The routes that submit events (orders, sizing, fills, cancels, prices, limits, states, kill,
 * re-arm, breaker resets and {@code /v1/events}), served on Jetty's core handler API in front of
 * Javalin. These are the hot routes: a request is read, authorized and parsed on the Jetty thread
 * that read it, handed to the engine, and answered by whichever thread releases the durable answer,
 * with one non-blocking write and no servlet dispatch. Every other request falls through to
 * Javalin.
 *
 * <p>Errors are the same {@code application/problem+json} documents Javalin's routes answer: 401
 * without or with an unknown token, 403 for the wrong role or strategy, 415 for a body that is not
 * JSON, 413 for a body over the limit (refused from its declared length before it is read, or as
 * soon as it grows past the limit), 400 for malformed JSON, unknown fields or an event the engine
 * refuses, 404 for an unknown order or symbol, 409 for a duplicate order id (with its decision) and
 * 503 while recovering or after the journal failed.
 *
 * <p>A request of one order, fill, cancel or size request that repeats one answered today (same
 * caller, same event as parsed, {@code ts} included) gets the original status and body again with
 * the header {@code Idempotent-Replay: true}, and is not applied or journaled again (see {@code
 * RememberedAnswers} in the runtime).
 *
 * <p>The parts: {@link EdgeChecks} (token, role, content type, strict JSON), {@link BodyReader}
 * (the body, within its limit), {@link EventBodies} (the body's events, authorized and parsed),
 * {@link EventAnswers} (the answer once the engine replied) and {@link Reply} (its one write).
 */
final class EventRoutes extends Handler.Wrapper {
  /** The header that tells a node of a cluster ({@code leader} or {@code standby}). */
  static final String ROLE_HEADER = "Riskgate-Role";

  /**
   * One event route.
   *
   * @param route the route of the table in {@link RouteTable}
   * @param type the event type of its single event, or null for {@code /v1/events}
   * @param answer how it answers
   */
  private record Endpoint(Route route, String type, EventAnswers.Answer answer) {}

  private final TokenAuthenticator tokens;
  private final ServerMetrics metrics;
  private final Supplier<EngineRuntime> runtime;
  private final int maxBodyBytes;
  private final Map<String, Endpoint> endpoints = new HashMap<>();

  EventRoutes(
      List<Route> routes,
      TokenAuthenticator tokens,
      ServerMetrics metrics,
      Supplier<EngineRuntime> runtime,
      int maxBodyBytes) {
    this.tokens = tokens;
    this.metrics = metrics;
    this.runtime = runtime;
    this.maxBodyBytes = maxBodyBytes;
    for (Route route : routes) {
      final Endpoint endpoint = endpoint(route);
      if (endpoint != null) {
        endpoints.put(route.method() + " " + route.path(), endpoint);
      }
    }
  }

  private static Endpoint endpoint(Route route) {
    if (!route.submitsEvents()) {
      return null;
    }
    return new Endpoint(route, route.event(), EventAnswers.of(route.answer()));
  }

  /**
   * Non-blocking: Jetty may run {@link #handle} on the thread that found the request readable, with
   * no hand-off to a pool thread. The event routes never block (they read what has arrived and ask
   * to be called back for the rest); every other request is handed to a pool thread for Javalin,
   * whose servlet may block.
   */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    final EngineRuntime rt = runtime.get();
    final String role = rt == null ? null : rt.journal().role();
    if (role != null) {
      response.getHeaders().put(ROLE_HEADER, role);
    }
    final Endpoint endpoint =
        endpoints.get(request.getMethod() + " " + Request.getPathInContext(request));
    if (endpoint == null) {
      getServer().getThreadPool().execute(() -> handOn(request, response, callback));
      return true;
    }
    final long start = System.nanoTime();
    try {
      final Caller caller =
          EdgeChecks.authorize(
              tokens, endpoint.route(), request.getHeaders().get(HttpHeader.AUTHORIZATION));
      EdgeChecks.requireJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
      final long declared = request.getLength();
      if (declared > maxBodyBytes) {
        throw BodyReader.tooLarge(declared, maxBodyBytes);
      }
      new BodyReader(request, declared, response, callback, maxBodyBytes) {
        @Override
        void onBody(byte[] body) {
          submit(endpoint, caller, body, start, response, callback);
        }
      }.run();
    } catch (Problem problem) {
      Reply.send(response, callback, Reply.of(problem));
    }
    return true;
  }

  /** Hands a request this handler does not serve to Javalin, on a pool thread. */
  private void handOn(Request request, Response response, Callback callback) {
    try {
      if (!super.handle(request, response, callback)) {
        Response.writeError(request, response, callback, 404);
      }
    } catch (Throwable t) {
      callback.failed(t);
    }
  }

  private void submit(
      Endpoint endpoint,
      Caller caller,
      byte[] body,
      long start,
      Response response,
      Callback callback) {
    final JsonNode json = EdgeChecks.parseJson(body);
    final List<JsonNode> nodes = new ArrayList<>(1);
    final List<Event> events = new ArrayList<>(1);
    final byte[] entry = EventBodies.read(endpoint.type(), caller, json, body, nodes, events);
    final EngineRuntime rt = runtime.get();
    if (rt == null) {
      throw Problem.unavailable("recovery has not finished; retry when /health/ready is 200");
    }
    final boolean timed = "order".equals(endpoint.type()) || "amend".equals(endpoint.type());
    rt.submit(caller, nodes, events, entry == null ? null : List.of(entry))
        .whenComplete(
            (reply, error) -> {
              Reply out;
              try {
                if (error != null) {
                  out = Reply.of(EventAnswers.unavailable(error));
                } else if (reply.refusal() != null) {
                  out = Reply.of(EventAnswers.refusal(reply));
                } else {
                  out = endpoint.answer().write(reply);
                  if (reply.replayed()) {
                    out = out.asReplayed();
                  }
                }
              } catch (RuntimeException e) {
                out = Reply.of(EventAnswers.internal(e));
              }
              final Reply answer = out;
              ServerThreadPool.answering(() -> Reply.send(response, callback, answer));
              if (timed) {
                metrics.checkLatency(System.nanoTime() - start);
              }
            });
  }
}
