package io.riskgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.riskgate.core.Fixed;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.server.audit.AuditStore;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.cluster.ClusterView;
import io.riskgate.server.codec.ExactJson;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.runtime.EngineRuntime;
import io.riskgate.server.runtime.RuntimeUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  private static final ObjectMapper JSON = ExactJson.MAPPER;

  /** The route table: every HTTP route the server registers. */
  public static final List<Route> ROUTES =
      List.of(
          Route.event(
              "POST", "/v1/orders/check", Route.Access.TRADE, "order", Route.Answer.DECISION),
          Route.event(
              "POST", "/v1/orders/amend", Route.Access.TRADE, "amend", Route.Answer.DECISION),
          Route.event(
              "POST",
              "/v1/orders/cancel-all",
              Route.Access.RISK,
              "cancelAll",
              Route.Answer.APPLIED),
          Route.event("POST", "/v1/size", Route.Access.TRADE, "sizeRequest", Route.Answer.SIZE),
          Route.event("POST", "/v1/fills", Route.Access.TRADE, "fill", Route.Answer.APPLIED),
          Route.event("POST", "/v1/cancels", Route.Access.TRADE, "cancel", Route.Answer.APPLIED),
          Route.event("POST", "/v1/prices", Route.Access.FEED, "price", Route.Answer.APPLIED),
          new Route("POST", "/v1/events", Route.Access.PER_EVENT, null, Route.Answer.APPLIED),
          new Route("GET", "/v1/positions", Route.Access.READ),
          new Route("GET", "/v1/exposures", Route.Access.READ),
          new Route("GET", "/v1/instruments", Route.Access.READ),
          new Route("GET", "/v1/report", Route.Access.READ),
          new Route("GET", "/v1/limits", Route.Access.READ),
          new Route("GET", "/v1/me", Route.Access.READ),
          new Route("GET", "/v1/decisions", Route.Access.READ),
          new Route("GET", "/v1/history", Route.Access.READ),
          Route.event("PUT", "/v1/limits", Route.Access.RISK, "limits", Route.Answer.APPLIED),
          Route.event(
              "POST", "/v1/trading-state", Route.Access.RISK, "tradingState", Route.Answer.APPLIED),
          Route.event("POST", "/v1/kill", Route.Access.RISK, "kill", Route.Answer.APPLIED),
          Route.event("POST", "/v1/rearm", Route.Access.RISK, "rearm", Route.Answer.APPLIED),
          Route.event(
              "POST",
              "/v1/breakers/reset",
              Route.Access.RISK,
              "breakerReset",
              Route.Answer.APPLIED),
          new Route("POST", "/v1/snapshots", Route.Access.RISK),
          new Route("GET", "/v1/cluster", Route.Access.READ),
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
  private final DecisionRoute decisions;
  private final HistoryRoute history;

  /**
   * @param runtime the running engine, or null while recovery has not finished
   */
  public HttpApi(
      TokenAuthenticator tokens,
      ServerMetrics metrics,
      Supplier<EngineRuntime> runtime,
      int maxBodyBytes) {
    this(tokens, metrics, runtime, maxBodyBytes, () -> null);
  }

  /**
   * @param runtime the running engine, or null while recovery has not finished
   * @param audit the audit trail's store, or null when there is none (yet)
   */
  public HttpApi(
      TokenAuthenticator tokens,
      ServerMetrics metrics,
      Supplier<EngineRuntime> runtime,
      int maxBodyBytes,
      Supplier<AuditStore> audit) {
    this.decisions = new DecisionRoute(audit);
    this.history = new HistoryRoute(audit);
    this.tokens = tokens;
    this.metrics = metrics;
    this.runtime = runtime;
    this.maxBodyBytes = maxBodyBytes;
    try (InputStream in = HttpApi.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the server's resources");
      }
      this.openApi = stampedOpenApi(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The OpenAPI document with each route's authorization and event type written from the route
   * table: {@code security} (none for public routes, the bearer token otherwise), {@code
   * x-riskgate-access} (the role the route needs) and, for event routes, {@code x-riskgate-event}.
   *
   * @throws IllegalStateException when the document lacks an operation of the table
   */
  static byte[] stampedOpenApi(byte[] document) {
    try {
      final ObjectNode doc = (ObjectNode) JSON.readTree(document);
      for (Route route : ROUTES) {
        final JsonNode operation =
            doc.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
        if (!(operation instanceof ObjectNode op)) {
          throw new IllegalStateException(
              "openapi.json does not document " + route.method() + " " + route.path());
        }
        op.put("x-riskgate-access", route.access().name().toLowerCase(Locale.ROOT));
        if (route.event() != null) {
          op.put("x-riskgate-event", route.event());
        }
        final ArrayNode security = op.putArray("security");
        if (route.access() != Route.Access.PUBLIC) {
          security.addObject().putArray("bearer");
        }
      }
      return JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException("openapi.json is not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The routes served on Jetty's core handler API ({@link EventRoutes}) rather than registered with
   * Javalin, as {@code "METHOD /path"}.
   */
  public static Set<String> eventRoutes() {
    final Set<String> served = new java.util.TreeSet<>();
    for (Route route : ROUTES) {
      if (route.submitsEvents()) {
        served.add(route.method() + " " + route.path());
      }
    }
    return served;
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
          config.jetty.threadPool = new ServerThreadPool();
          config.jetty.modifyServer(
              server -> {
                // A static handler tree lets Jetty use the event routes' invocation type
                // (non-blocking) instead of assuming every request may block.
                server.setDynamic(false);
                server.setHandler(new EventRoutes(ROUTES, tokens, metrics, runtime, maxBodyBytes));
              });
          for (Route route : ROUTES) {
            if (route.submitsEvents()) {
              continue;
            }
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
        ctx.attribute("caller", EventRoutes.authorize(tokens, route, ctx.header("Authorization")));
      }
      inner.handle(ctx);
    };
  }

  /**
   * The stream's caller: from the {@code Authorization} header, or, since a browser cannot set
   * headers on a WebSocket, from the {@code access_token} query parameter (RFC 6750 section 2.3).
   */
  private Caller authenticateStream(Context ctx) {
    if (ctx.header("Authorization") != null) {
      return EventRoutes.authenticate(tokens, ctx.header("Authorization"));
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

  private Handler handler(Route route) {
    return switch (route.method() + " " + route.path()) {
      case "POST /v1/snapshots" -> this::snapshot;
      case "GET /v1/positions" -> ctx -> read(ctx, Views::positions);
      case "GET /v1/exposures" -> ctx -> read(ctx, Views::exposures);
      case "GET /v1/instruments" -> ctx -> read(ctx, Views::instruments);
      case "GET /v1/report" -> ctx -> readNamed(ctx, Views::report);
      case "GET /v1/limits" -> this::limits;
      case "GET /v1/me" -> this::me;
      case "GET /v1/cluster" -> this::cluster;
      case "GET /v1/decisions" -> decisions::handle;
      case "GET /v1/history" -> history::handle;
      case "GET /health/live" -> ctx -> ctx.json(Map.of("status", "UP"));
      case "GET /health/ready" -> this::ready;
      case "GET /metrics" ->
          ctx ->
              ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
      case "GET /openapi.json" -> ctx -> ctx.contentType("application/json").result(openApi);
      default -> throw new IllegalStateException("no handler for " + route);
    };
  }

  // ---------------------------------------------------------------- snapshots

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
        () -> rt.queryReplica(view::render).handle((json, error) -> writeRead(ctx, json, error)));
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
      writeProblem(ctx, EventRoutes.unavailable(cause));
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

  /** This node's role, offset and lag, and the nodes of its group ({@link ClusterView}). */
  private void cluster(Context ctx) {
    final EngineRuntime rt = requireRuntime();
    ctx.future(
        () ->
            rt.appliedSequence()
                .handle(
                    (applied, error) ->
                        writeRead(
                            ctx,
                            error == null ? ClusterView.render(rt.journal(), applied) : null,
                            error)));
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
    EventRoutes.requireJson(ctx.contentType());
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
    return EventRoutes.parseJson(bytes);
  }

  /** Writes a problem document. */
  static void writeProblem(Context ctx, Problem problem) {
    ctx.attribute(PROBLEM_WRITTEN, Boolean.TRUE);
    ctx.status(problem.status());
    ctx.contentType(PROBLEM_JSON);
    ctx.result(problem.toJson());
  }

  static ArrayNode newArray() {
    return JSON.createArrayNode();
  }

  static ObjectNode newObject() {
    return JSON.createObjectNode();
  }
}
