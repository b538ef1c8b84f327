package io.riskgate.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.riskgate.core.Fixed;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.runtime.EngineReply;
import io.riskgate.server.runtime.EngineRuntime;
import io.riskgate.server.runtime.Refusal;
import io.riskgate.server.runtime.RuntimeUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP and WebSocket API on Javalin: the route table, authentication and authorization, body
 * limits, the translation of requests into events of the event language and of answers and refusals
 * into JSON and RFC 9457 problem documents.
 *
 * <p>Status codes: 400 malformed JSON, unknown fields or an event the engine refuses; 401 without
 * or with an unknown token; 403 for the wrong role or a strategy the trader is not bound to; 404
 * for an unknown route, or an order id or symbol the engine does not know in a fill, cancel, price,
 * bar or size request (an order for an unknown symbol is answered by its decision, rejected {@code
 * UNKNOWN_INSTRUMENT}); 409 for a duplicate order id (with its decision), an order that is no
 * longer open, or a definition that already exists; 413 for a body over the limit; 415 for a body
 * that is not {@code application/json}; 503 while recovering or after the journal failed.
 */
public final class HttpApi {
  /** Content type of problem documents. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private static final String PROBLEM_WRITTEN = "riskgate.problemWritten";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final Set<String> TRADE_EVENTS = Set.of("order", "sizeRequest", "fill", "cancel");
  private static final Set<String> FEED_EVENTS = Set.of("price", "bar", "timer", "venueStatus");
  private static final Set<String> SIGNED_EVENTS =
      Set.of("limits", "tradingState", "kill", "rearm", "breakerReset");

  /** The route table: every HTTP route the server registers. */
  public static final List<Route> ROUTES =
      List.of(
          new Route("POST", "/v1/orders/check", Route.Access.TRADE),
          new Route("POST", "/v1/size", Route.Access.TRADE),
          new Route("POST", "/v1/fills", Route.Access.TRADE),
          new Route("POST", "/v1/cancels", Route.Access.TRADE),
          new Route("POST", "/v1/prices", Route.Access.FEED),
          new Route("POST", "/v1/events", Route.Access.PER_EVENT),
          new Route("GET", "/v1/positions", Route.Access.READ),
          new Route("GET", "/v1/exposures", Route.Access.READ),
          new Route("GET", "/v1/report", Route.Access.READ),
          new Route("GET", "/v1/limits", Route.Access.READ),
          new Route("GET", "/v1/me", Route.Access.READ),
          new Route("PUT", "/v1/limits", Route.Access.RISK),
          new Route("POST", "/v1/trading-state", Route.Access.RISK),
          new Route("POST", "/v1/kill", Route.Access.RISK),
          new Route("POST", "/v1/rearm", Route.Access.RISK),
          new Route("POST", "/v1/breakers/reset", Route.Access.RISK),
          new Route("POST", "/v1/snapshots", Route.Access.RISK),
          new Route("GET", "/health/live", Route.Access.PUBLIC),
          new Route("GET", "/health/ready", Route.Access.PUBLIC),
          new Route("GET", "/metrics", Route.Access.PUBLIC),
          new Route("GET", "/openapi.json", Route.Access.PUBLIC));

  /** The WebSocket route of the output stream. */
  public static final String STREAM_PATH = "/v1/stream";

  /**
   * The classpath folder of the dashboard's static files, served at {@code /}; uPlot comes from its
   * WebJar under {@code /webjars/}.
   */
  public static final String DASHBOARD_DIRECTORY = "/dashboard";

  private final TokenAuthenticator tokens;
  private final ServerMetrics metrics;
  private final Supplier<EngineRuntime> runtime;
  private final int maxBodyBytes;
  private final byte[] openApi;

  /**
   * @param runtime the running engine, or null while recovery has not finished
   */
  public HttpApi(
      TokenAuthenticator tokens,
      ServerMetrics metrics,
      Supplier<EngineRuntime> runtime,
      int maxBodyBytes) {
    this.tokens = tokens;
    this.metrics = metrics;
    this.runtime = runtime;
    this.maxBodyBytes = maxBodyBytes;
    try (InputStream in = HttpApi.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the server's resources");
      }
      this.openApi = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the (not yet started) Javalin application bound to {@code host}. */
  public Javalin create(String host) {
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          config.startup.showOldJavalinVersionWarning = false;
          config.jetty.host = host;
          config.http.maxRequestSize = maxBodyBytes;
          config.http.defaultContentType = "application/json";
          for (Route route : ROUTES) {
            final Handler handler = guarded(route, handler(route));
            switch (route.method()) {
              case "GET" -> config.routes.get(route.path(), handler);
              case "POST" -> config.routes.post(route.path(), handler);
              case "PUT" -> config.routes.put(route.path(), handler);
              default -> throw new IllegalStateException("method " + route.method());
            }
          }
          config.routes.wsBeforeUpgrade(
              STREAM_PATH, ctx -> ctx.attribute("caller", authenticateStream(ctx)));
          config.staticFiles.enableWebjars();
          config.staticFiles.add(
              files -> {
                files.hostedPath = "/";
                files.directory = DASHBOARD_DIRECTORY;
                files.location = Location.CLASSPATH;
              });
          config.routes.ws(STREAM_PATH, ws -> new StreamSession(runtime).configure(ws));
          config.routes.exception(Problem.class, (e, ctx) -> writeProblem(ctx, e));
          config.routes.exception(
              HttpResponseException.class,
              (e, ctx) ->
                  writeProblem(
                      ctx,
                      new Problem(
                          e.getStatus(),
                          e.getStatus() == 413 ? "Content too large" : title(e.getStatus()),
                          e.getStatus() == 413
                              ? "the request body is larger than " + maxBodyBytes + " bytes"
                              : e.getMessage())));
          config.routes.exception(
              Exception.class,
              (e, ctx) ->
                  writeProblem(
                      ctx,
                      new Problem(
                          500, "Internal error", "the server failed: " + e.getClass().getName())));
          config.routes.error(
              404,
              ctx -> {
                if (ctx.attribute(PROBLEM_WRITTEN) == null) {
                  writeProblem(
                      ctx,
                      new Problem(404, "Not found", "no route " + ctx.method() + " " + ctx.path()));
                }
              });
        });
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 413 -> "Content too large";
      case 415 -> "Unsupported media type";
      default -> "HTTP " + status;
    };
  }

  private Handler guarded(Route route, Handler inner) {
    return ctx -> {
      if (route.access() != Route.Access.PUBLIC) {
        final Caller caller = authenticate(ctx);
        switch (route.access()) {
          case RISK -> requireRole(caller, route, Role.RISK);
          case TRADE -> requireRole(caller, route, Role.TRADER);
          case FEED -> requireRole(caller, route, Role.TRADER, Role.RISK);
          case PER_EVENT -> requireRole(caller, route, Role.TRADER, Role.RISK);
          default -> {}
        }
        ctx.attribute("caller", caller);
      }
      inner.handle(ctx);
    };
  }

  private Caller authenticate(Context ctx) {
    final String header = ctx.header("Authorization");
    if (header == null) {
      throw Problem.unauthorized("missing Authorization: Bearer <token> header");
    }
    return tokens
        .authenticate(header)
        .orElseThrow(() -> Problem.unauthorized("the bearer token is not valid"));
  }

  /**
   * The stream's caller: from the {@code Authorization} header, or, since a browser cannot set
   * headers on a WebSocket, from the {@code access_token} query parameter (RFC 6750 section 2.3).
   */
  private Caller authenticateStream(Context ctx) {
    if (ctx.header("Authorization") != null) {
      return authenticate(ctx);
    }
    final String token = ctx.queryParam("access_token");
    if (token == null || token.isEmpty()) {
      throw Problem.unauthorized(
          "missing Authorization: Bearer <token> header or access_token query parameter");
    }
    return tokens
        .authenticate("Bearer " + token)
        .orElseThrow(() -> Problem.unauthorized("the access_token is not valid"));
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
            + String.join(" or ", java.util.Arrays.stream(allowed).map(Role::configName).toList()));
  }

  private Handler handler(Route route) {
    return switch (route.method() + " " + route.path()) {
      case "POST /v1/orders/check" -> ctx -> single(ctx, "order", this::answerDecision);
      case "POST /v1/size" -> ctx -> single(ctx, "sizeRequest", this::answerSize);
      case "POST /v1/fills" -> ctx -> single(ctx, "fill", this::answerApplied);
      case "POST /v1/cancels" -> ctx -> single(ctx, "cancel", this::answerApplied);
      case "POST /v1/prices" -> ctx -> single(ctx, "price", this::answerApplied);
      case "PUT /v1/limits" -> ctx -> single(ctx, "limits", this::answerApplied);
      case "POST /v1/trading-state" -> ctx -> single(ctx, "tradingState", this::answerApplied);
      case "POST /v1/kill" -> ctx -> single(ctx, "kill", this::answerApplied);
      case "POST /v1/rearm" -> ctx -> single(ctx, "rearm", this::answerApplied);
      case "POST /v1/breakers/reset" -> ctx -> single(ctx, "breakerReset", this::answerApplied);
      case "POST /v1/events" -> this::events;
      case "POST /v1/snapshots" -> this::snapshot;
      case "GET /v1/positions" -> ctx -> read(ctx, Views::positions);
      case "GET /v1/exposures" -> ctx -> read(ctx, Views::exposures);
      case "GET /v1/report" -> ctx -> readNamed(ctx, Views::report);
      case "GET /v1/limits" -> this::limits;
      case "GET /v1/me" -> this::me;
      case "GET /health/live" -> ctx -> ctx.json(Map.of("status", "UP"));
      case "GET /health/ready" -> this::ready;
      case "GET /metrics" ->
          ctx ->
              ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
      case "GET /openapi.json" -> ctx -> ctx.contentType("application/json").result(openApi);
      default -> throw new IllegalStateException("no handler for " + route);
    };
  }

  // ---------------------------------------------------------------- writes

  private interface Answer {
    void write(Context ctx, EngineReply reply);
  }

  private void single(Context ctx, String type, Answer answer) {
    final Caller caller = ctx.attribute("caller");
    final JsonNode body = readBody(ctx);
    if (!body.isObject()) {
      throw Problem.badRequest("the body must be one JSON object: a " + type + " event");
    }
    final ObjectNode node = (ObjectNode) body;
    final JsonNode declared = node.get("type");
    if (declared != null && !(declared.isTextual() && declared.textValue().equals(type))) {
      throw Problem.badRequest(
          "field \"type\": this route takes " + type + " events, got " + declared);
    }
    node.put("type", type);
    final Event event = prepare(caller, node, 0);
    final long start = System.nanoTime();
    submit(ctx, caller, List.of(node), List.of(event), type.equals("order") ? start : -1, answer);
  }

  private void events(Context ctx) {
    final Caller caller = ctx.attribute("caller");
    final JsonNode body = readBody(ctx);
    final List<JsonNode> nodes = new ArrayList<>();
    if (body.isArray()) {
      if (body.isEmpty()) {
        throw Problem.badRequest("the array holds no events");
      }
      body.forEach(nodes::add);
    } else if (body.isObject()) {
      nodes.add(body);
    } else {
      throw Problem.badRequest("the body must be an event object or an array of events");
    }
    final List<Event> events = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (!nodes.get(i).isObject()) {
        throw indexed(Problem.badRequest("events[" + i + "] is not a JSON object"), i, 0);
      }
      events.add(prepare(caller, (ObjectNode) nodes.get(i), i));
    }
    submit(ctx, caller, nodes, events, -1, this::answerApplied);
  }

  /** Authorizes one event for the caller and parses it; a problem names its index. */
  private Event prepare(Caller caller, ObjectNode node, int index) {
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

  private void submit(
      Context ctx,
      Caller caller,
      List<JsonNode> nodes,
      List<Event> events,
      long checkStartNanos,
      Answer answer) {
    final EngineRuntime rt = requireRuntime();
    ctx.future(
        () ->
            rt.submit(caller, nodes, events)
                .handle(
                    (reply, error) -> {
                      if (error != null) {
                        writeProblem(ctx, unavailable(error));
                        return null;
                      }
                      if (reply.refusal() != null) {
                        writeRefusal(ctx, reply);
                      } else {
                        answer.write(ctx, reply);
                      }
                      if (checkStartNanos >= 0) {
                        metrics.checkLatency(System.nanoTime() - checkStartNanos);
                      }
                      return null;
                    }));
  }

  private static Problem unavailable(Throwable error) {
    final Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof RuntimeUnavailableException) {
      return Problem.unavailable(cause.getMessage());
    }
    return new Problem(500, "Internal error", "the engine failed: " + cause);
  }

  private void writeRefusal(Context ctx, EngineReply reply) {
    final Refusal r = reply.refusal();
    final Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("index", r.index());
    ext.put("applied", reply.applied());
    writeProblem(
        ctx,
        new Problem(
            r.kind().status(),
            switch (r.kind()) {
              case INVALID -> "Event refused";
              case FORBIDDEN -> "Forbidden";
              case NOT_FOUND -> "Not found";
              case CONFLICT -> "Conflict";
              case UNAVAILABLE -> "Service unavailable";
            },
            r.detail(),
            ext));
  }

  private void answerDecision(Context ctx, EngineReply reply) {
    final String decision = firstOfType(reply, "decision");
    if (decision.contains("\"rejectedBy\":\"DUPLICATE_ORDER\"")) {
      final Map<String, Object> ext = new LinkedHashMap<>();
      ext.put("decision", new RawValue(decision));
      writeProblem(
          ctx,
          new Problem(
              409,
              "Duplicate order",
              "field \"orderId\": the order id was used before; the order is rejected"
                  + " DUPLICATE_ORDER",
              ext));
      return;
    }
    ctx.contentType("application/json").result(decision);
  }

  private void answerSize(Context ctx, EngineReply reply) {
    ctx.contentType("application/json").result(firstOfType(reply, "size"));
  }

  private void answerApplied(Context ctx, EngineReply reply) {
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
    ctx.contentType("application/json").result(text.append("]}").toString());
  }

  private static String firstOfType(EngineReply reply, String type) {
    final String prefix = "{\"type\":\"" + type + "\"";
    for (String output : reply.outputs()) {
      if (output.startsWith(prefix)) {
        return output;
      }
    }
    throw new IllegalStateException("the engine gave no " + type + " output");
  }

  /**
   * Writes a snapshot of the engine's state now; answers the journal sequence it covers. The body
   * is empty or an empty JSON object.
   */
  private void snapshot(Context ctx) {
    if (!ctx.body().isBlank()) {
      final JsonNode body = readBody(ctx);
      if (!body.isObject() || !body.isEmpty()) {
        throw Problem.badRequest(
            "POST /v1/snapshots takes no body or an empty JSON object, got " + abbreviate(body));
      }
    }
    final EngineRuntime rt = requireRuntime();
    ctx.future(
        () ->
            rt.snapshot()
                .handle(
                    (taken, error) -> {
                      if (error != null) {
                        final Throwable cause =
                            error instanceof CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                        writeProblem(
                            ctx,
                            cause instanceof RuntimeUnavailableException
                                ? Problem.unavailable(cause.getMessage())
                                : new Problem(500, "Internal error", cause.getMessage()));
                        return null;
                      }
                      final ObjectNode out = JSON.createObjectNode();
                      out.put("sequence", taken.sequence());
                      out.put("file", taken.file().getFileName().toString());
                      ctx.contentType("application/json").result(out.toString());
                      return null;
                    }));
  }

  private static String abbreviate(JsonNode body) {
    final String text = body.toString();
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  // ---------------------------------------------------------------- reads

  private void read(Context ctx, Function<RiskEngine, JsonNode> view) {
    final EngineRuntime rt = requireRuntime();
    ctx.future(() -> rt.query(view).handle((json, error) -> writeRead(ctx, json, error)));
  }

  private void readNamed(Context ctx, Views.NamedView view) {
    final EngineRuntime rt = requireRuntime();
    ctx.future(
        () ->
            rt.query(
                    engine ->
                        view.render(engine, rt.accountNames(engine), rt.strategyNames(engine)))
                .handle((json, error) -> writeRead(ctx, json, error)));
  }

  private void limits(Context ctx) {
    final String scope = ctx.queryParam("scope");
    final EngineRuntime rt = requireRuntime();
    ctx.future(
        () ->
            rt.query(
                    engine -> {
                      final ObjectNode out = JSON.createObjectNode();
                      final List<String> scopes = new ArrayList<>();
                      if (scope != null) {
                        scopes.add(scope);
                      } else {
                        scopes.add("firm");
                        rt.accountNames(engine).forEach(a -> scopes.add("account:" + a));
                        rt.strategyNames(engine).forEach(s -> scopes.add("strategy:" + s));
                      }
                      for (String s : scopes) {
                        final LimitSet set;
                        try {
                          set = engine.limits(s);
                        } catch (IllegalArgumentException e) {
                          throw new Problem(
                              404, "Not found", "query parameter \"scope\": " + e.getMessage());
                        }
                        final ObjectNode limits = out.putObject(s);
                        set.toMap().forEach((k, v) -> limits.put(k, Fixed.toString(v)));
                      }
                      return (JsonNode) out;
                    })
                .handle((json, error) -> writeRead(ctx, json, error)));
  }

  /** Who the token belongs to: its name and role (the dashboard shows controls by role). */
  private void me(Context ctx) {
    final Caller caller = ctx.attribute("caller");
    final ObjectNode out = JSON.createObjectNode();
    out.put("name", caller.name());
    out.put("role", caller.role().configName());
    ctx.contentType("application/json").result(out.toString());
  }

  private Void writeRead(Context ctx, JsonNode json, Throwable error) {
    if (error != null) {
      final Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      writeProblem(ctx, cause instanceof Problem p ? p : unavailable(cause));
    } else {
      ctx.contentType("application/json").result(json.toString());
    }
    return null;
  }

  private void ready(Context ctx) {
    final EngineRuntime rt = runtime.get();
    if (rt == null) {
      throw Problem.unavailable("recovery has not finished");
    }
    if (rt.failed()) {
      throw Problem.unavailable("the journal failed; restart the server to recover");
    }
    ctx.json(Map.of("status", "READY"));
  }

  private EngineRuntime requireRuntime() {
    final EngineRuntime rt = runtime.get();
    if (rt == null) {
      throw Problem.unavailable("recovery has not finished; retry when /health/ready is 200");
    }
    return rt;
  }

  // ---------------------------------------------------------------- bodies and problems

  private JsonNode readBody(Context ctx) {
    final String type = ctx.contentType();
    if (type == null
        || !type.toLowerCase(java.util.Locale.ROOT)
            .split(";", 2)[0]
            .trim()
            .equals("application/json")) {
      throw new Problem(
          415,
          "Unsupported media type",
          "Content-Type must be application/json, got " + (type == null ? "none" : type));
    }
    final long declared = ctx.contentLength();
    if (declared > maxBodyBytes) {
      throw new Problem(
          413,
          "Content too large",
          "the request body has " + declared + " bytes; the limit is " + maxBodyBytes);
    }
    final byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > maxBodyBytes) {
      throw new Problem(
          413,
          "Content too large",
          "the request body has " + bytes.length + " bytes; the limit is " + maxBodyBytes);
    }
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

  /** Writes a problem document. */
  static void writeProblem(Context ctx, Problem problem) {
    final ObjectNode doc = JSON.createObjectNode();
    doc.put("type", "about:blank");
    doc.put("title", problem.title());
    doc.put("status", problem.status());
    doc.put("detail", problem.detail());
    for (Map.Entry<String, Object> e : problem.extensions().entrySet()) {
      if (e.getValue() instanceof RawValue raw) {
        doc.putRawValue(e.getKey(), raw);
      } else {
        doc.set(e.getKey(), JSON.valueToTree(e.getValue()));
      }
    }
    ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
    ctx.status(problem.status());
    ctx.contentType(PROBLEM_JSON);
    ctx.result(doc.toString().getBytes(StandardCharsets.UTF_8));
  }

  static ArrayNode newArray() {
    return JSON.createArrayNode();
  }

  static ObjectNode newObject() {
    return JSON.createObjectNode();
  }
}
