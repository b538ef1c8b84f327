package io.riskgate.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.codec.ExactJson;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.runtime.EngineReply;
import io.riskgate.server.runtime.EngineRuntime;
import io.riskgate.server.runtime.JournalEntry;
import io.riskgate.server.runtime.Refusal;
import io.riskgate.server.runtime.RuntimeUnavailableException;
import io.riskgate.server.runtime.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
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
 */
final class EventRoutes extends Handler.Wrapper {
  /** The header that tells a node of a cluster ({@code leader} or {@code standby}). */
  static final String ROLE_HEADER = "Riskgate-Role";

  private static final ObjectMapper JSON =
      ExactJson.configure(JsonMapper.builder())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final String APPLICATION_JSON = "application/json";
  private static final Set<String> TRADE_EVENTS =
      Set.of(
          "order",
          "amend",
          "amendRejected",
          "sizeRequest",
          "fill",
          "cancel",
          "orderRejected",
          "orderExpired",
          "tradeBust",
          "tradeCorrect");
  private static final Set<String> FEED_EVENTS =
      Set.of("price", "bar", "fxRate", "timer", "venueStatus");
  private static final Set<String> SIGNED_EVENTS =
      Set.of("limits", "tradingState", "kill", "rearm", "breakerReset", "cancelAll");

  /** What a route answers once the engine applied its events. */
  private interface Answer {
    Reply write(EngineReply reply);
  }

  /** The response header that marks the remembered answer to a request sent again. */
  static final String IDEMPOTENT_REPLAY = "Idempotent-Replay";

  /**
   * An answer ready to be written.
   *
   * @param status the HTTP status
   * @param contentType its content type
   * @param body the UTF-8 body
   * @param replayed whether it is the remembered answer to the same request sent before
   */
  private record Reply(int status, String contentType, byte[] body, boolean replayed) {
    static Reply json(String text) {
      return new Reply(200, APPLICATION_JSON, text.getBytes(StandardCharsets.UTF_8), false);
    }

    static Reply of(Problem problem) {
      return new Reply(problem.status(), HttpApi.PROBLEM_JSON, problem.toJson(), false);
    }

    Reply asReplayed() {
      return new Reply(status, contentType, body, true);
    }
  }

  /**
   * One event route.
   *
   * @param route the route of the table in {@link HttpApi}
   * @param type the event type of its single event, or null for {@code /v1/events}
   * @param answer how it answers
   */
  private record Endpoint(Route route, String type, Answer answer) {}

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
    final Answer answer =
        switch (route.answer()) {
          case DECISION -> EventRoutes::answerDecision;
          case SIZE -> EventRoutes::answerSize;
          case APPLIED -> EventRoutes::answerApplied;
        };
    return new Endpoint(route, route.event(), answer);
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
          authorize(tokens, endpoint.route(), request.getHeaders().get(HttpHeader.AUTHORIZATION));
      requireJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
      final long declared = request.getLength();
      if (declared > maxBodyBytes) {
        throw tooLarge(declared);
      }
      new BodyReader(request, declared, response, callback) {
        @Override
        void onBody(byte[] body) {
          submit(endpoint, caller, body, start, response, callback);
        }
      }.run();
    } catch (Problem problem) {
      send(response, callback, Reply.of(problem));
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

  /** Reads the whole body without blocking, refusing it as soon as it passes the limit. */
  private abstract class BodyReader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private byte[] bytes;
    private int length;

    BodyReader(Request request, long declared, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.bytes = new byte[declared > 0 ? (int) declared : 256];
    }

    abstract void onBody(byte[] body);

    @Override
    public void run() {
      while (true) {
        final Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          send(
              response,
              callback,
              Reply.of(
                  Problem.badRequest(
                      "the request body could not be read: " + chunk.getFailure().getMessage())));
          return;
        }
        final ByteBuffer buffer = chunk.getByteBuffer();
        final int n = buffer.remaining();
        if ((long) length + n > maxBodyBytes) {
          chunk.release();
          send(response, callback, Reply.of(tooLarge((long) length + n)));
          return;
        }
        if (length + n > bytes.length) {
          bytes = Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
        }
        buffer.get(bytes, length, n);
        length += n;
        final boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          try {
            onBody(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
          } catch (Problem problem) {
            send(response, callback, Reply.of(problem));
          } catch (RuntimeException e) {
            send(response, callback, Reply.of(internal(e)));
          }
          return;
        }
      }
    }
  }

  private Problem tooLarge(long bytes) {
    return new Problem(
        413,
        "Content too large",
        "the request body has "
            + (bytes > maxBodyBytes ? "more than " + maxBodyBytes : bytes)
            + " bytes; the limit is "
            + maxBodyBytes);
  }

  private void submit(
      Endpoint endpoint,
      Caller caller,
      byte[] body,
      long start,
      Response response,
      Callback callback) {
    final JsonNode json = parseJson(body);
    final List<JsonNode> nodes = new ArrayList<>(1);
    final List<Event> events = new ArrayList<>(1);
    byte[] entry = null;
    if (endpoint.type() != null) {
      final String type = endpoint.type();
      if (!json.isObject()) {
        throw Problem.badRequest("the body must be one JSON object: a " + type + " event");
      }
      final ObjectNode node = (ObjectNode) json;
      final JsonNode declared = node.get("type");
      if (declared != null && !(declared.isTextual() && declared.textValue().equals(type))) {
        throw Problem.badRequest(
            "field \"type\": this route takes " + type + " events, got " + declared);
      }
      node.put("type", type);
      nodes.add(node);
      events.add(prepare(caller, node, 0));
      if (!SIGNED_EVENTS.contains(type)) {
        // The node is the body with its type: the journal takes the body's bytes as sent,
        // encoded here rather than on the engine thread.
        entry = JournalEntry.encodeBody(caller.name(), body, declared == null ? type : null);
      }
    } else {
      if (json.isArray()) {
        if (json.isEmpty()) {
          throw Problem.badRequest("the array holds no events");
        }
        json.forEach(nodes::add);
      } else if (json.isObject()) {
        nodes.add(json);
      } else {
        throw Problem.badRequest("the body must be an event object or an array of events");
      }
      for (int i = 0; i < nodes.size(); i++) {
        if (!nodes.get(i).isObject()) {
          throw indexed(Problem.badRequest("events[" + i + "] is not a JSON object"), i, 0);
        }
        events.add(prepare(caller, (ObjectNode) nodes.get(i), i));
      }
    }
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
                  out = Reply.of(unavailable(error));
                } else if (reply.refusal() != null) {
                  out = Reply.of(refusal(reply));
                } else {
                  out = endpoint.answer().write(reply);
                  if (reply.replayed()) {
                    out = out.asReplayed();
                  }
                }
              } catch (RuntimeException e) {
                out = Reply.of(internal(e));
              }
              final Reply answer = out;
              ServerThreadPool.answering(() -> send(response, callback, answer));
              if (timed) {
                metrics.checkLatency(System.nanoTime() - start);
              }
            });
  }

  /** Authorizes one event for the caller and parses it; a problem names its index. */
  private static Event prepare(Caller caller, ObjectNode node, int index) {
    final String type = node.path("type").asText("");
    if (SIGNED_EVENTS.contains(type)) {
      final JsonNode by = node.get("by");
      if (by != null && !(by.isTextual() && by.textValue().equals(caller.name()))) {
        throw indexed(
            Problem.badRequest(
                "field \"by\": the server records the caller's name ("
                    + caller.name()
                    + "); leave it out"),
            index,
            0);
      }
      node.put("by", caller.name());
    }
    final Event event;
    try {
      event = EventCodec.parse(node);
    } catch (IllegalArgumentException e) {
      throw indexed(Problem.badRequest(e.getMessage()), index, 0);
    }
    final boolean allowed;
    if (TRADE_EVENTS.contains(type)) {
      allowed = caller.role() == Role.TRADER;
    } else if (FEED_EVENTS.contains(type)) {
      allowed = caller.role() == Role.TRADER || caller.role() == Role.RISK;
    } else {
      allowed = caller.role() == Role.RISK;
    }
    if (!allowed) {
      throw indexed(
          Problem.forbidden(
              caller.name()
                  + " has role "
                  + caller.role().configName()
                  + ", which may not send "
                  + type
                  + " events"),
          index,
          0);
    }
    final String strategy =
        event instanceof Event.Order o
            ? o.strategy()
            : event instanceof Event.SizeRequest s ? s.strategy() : null;
    if (strategy != null && !caller.mayTradeFor(strategy)) {
      throw indexed(
          Problem.forbidden(caller.name() + " may not act for strategy " + strategy), index, 0);
    }
    return event;
  }

  private static Problem indexed(Problem p, int index, int applied) {
    final Map<String, Object> ext = new LinkedHashMap<>(p.extensions());
    ext.put("index", index);
    ext.put("applied", applied);
    return new Problem(p.status(), p.title(), p.detail(), ext);
  }

  private static Problem refusal(EngineReply reply) {
    final Refusal r = reply.refusal();
    final Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("index", r.index());
    ext.put("applied", reply.applied());
    return new Problem(
        r.kind().status(),
        switch (r.kind()) {
          case INVALID -> "Event refused";
          case FORBIDDEN -> "Forbidden";
          case NOT_FOUND -> "Not found";
          case CONFLICT -> "Conflict";
          case UNAVAILABLE -> "Service unavailable";
        },
        r.detail(),
        ext);
  }

  static Problem unavailable(Throwable error) {
    final Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof RuntimeUnavailableException unavailable) {
      if (unavailable.leaderUrl() != null) {
        return new Problem(
            503,
            "Service unavailable",
            cause.getMessage(),
            Map.of("leaderUrl", unavailable.leaderUrl()));
      }
      return Problem.unavailable(cause.getMessage());
    }
    if (cause instanceof Problem p) {
      return p;
    }
    return new Problem(500, "Internal error", "the engine failed: " + cause);
  }

  private static Problem internal(RuntimeException e) {
    return new Problem(500, "Internal error", "the server failed: " + e.getClass().getName());
  }

  private static Reply answerDecision(EngineReply reply) {
    final Verdict verdict = verdictOf(reply, true);
    final String decision = reply.outputs().get(verdict.output());
    if (verdict.rejectedBy() == CheckCode.DUPLICATE_ORDER) {
      final Map<String, Object> ext = new LinkedHashMap<>();
      ext.put("decision", new RawValue(decision));
      return Reply.of(
          new Problem(
              409,
              "Duplicate order",
              "field \"orderId\": the order id was used before; the order is rejected"
                  + " DUPLICATE_ORDER",
              ext));
    }
    return Reply.json(decision);
  }

  private static Reply answerSize(EngineReply reply) {
    return Reply.json(reply.outputs().get(verdictOf(reply, false).output()));
  }

  private static Reply answerApplied(EngineReply reply) {
    final StringBuilder text = new StringBuilder(64 + 128 * reply.outputs().size());
    text.append("{\"applied\":")
        .append(reply.applied())
        .append(",\"sequence\":")
        .append(reply.lastSequence())
        .append(",\"outputs\":[");
    for (int i = 0; i < reply.outputs().size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(reply.outputs().get(i));
    }
    return Reply.json(text.append("]}").toString());
  }

  /** The reply's decision (or size answer), which an applied order (or size request) always has. */
  private static Verdict verdictOf(EngineReply reply, boolean decision) {
    final Verdict verdict = reply.verdict();
    if (verdict == null || verdict.decision() != decision) {
      throw new IllegalStateException(
          "the engine gave no " + (decision ? "decision" : "size answer"));
    }
    return verdict;
  }

  private static void send(Response response, Callback callback, Reply reply) {
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    if (reply.replayed()) {
      response.getHeaders().put(IDEMPOTENT_REPLAY, "true");
    }
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }

  // ------------------------------------------------------- shared with the Javalin routes

  /**
   * The caller of a route from its {@code Authorization} header, checked against the route's
   * access; 401 without or with an unknown token, 403 for the wrong role.
   */
  static Caller authorize(TokenAuthenticator tokens, Route route, String header) {
    final Caller caller = authenticate(tokens, header);
    switch (route.access()) {
      case RISK -> requireRole(caller, route, Role.RISK);
      case TRADE -> requireRole(caller, route, Role.TRADER);
      case FEED, PER_EVENT -> requireRole(caller, route, Role.TRADER, Role.RISK);
      default -> {}
    }
    return caller;
  }

  /** The caller a bearer {@code Authorization} header names; 401 without or with a bad one. */
  static Caller authenticate(TokenAuthenticator tokens, String header) {
    if (header == null) {
      throw Problem.unauthorized("missing Authorization: Bearer <token> header");
    }
    return tokens
        .authenticate(header)
        .orElseThrow(() -> Problem.unauthorized("the bearer token is not valid"));
  }

  private static void requireRole(Caller caller, Route route, Role... allowed) {
    for (Role role : allowed) {
      if (caller.role() == role) {
        return;
      }
    }
    throw Problem.forbidden(
        caller.name()
            + " has role "
            + caller.role().configName()
            + "; "
            + route.method()
            + " "
            + route.path()
            + " needs "
            + String.join(" or ", Arrays.stream(allowed).map(Role::configName).toList()));
  }

  /** 415 unless the content type is {@code application/json} (parameters such as charset aside). */
  static void requireJson(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim().equals(APPLICATION_JSON)) {
      throw new Problem(
          415,
          "Unsupported media type",
          "Content-Type must be application/json, got "
              + (contentType == null ? "none" : contentType));
    }
  }

  /** Parses a request body strictly (no trailing tokens, no duplicate keys); 400 if malformed. */
  static JsonNode parseJson(byte[] bytes) {
    if (bytes.length == 0) {
      throw Problem.badRequest("the request body is empty");
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      final String message =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException j
              ? j.getOriginalMessage()
              : e.getMessage();
      throw Problem.badRequest("malformed JSON: " + message);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("malformed JSON: a number is out of range (" + e.getMessage() + ")");
    }
  }
}
