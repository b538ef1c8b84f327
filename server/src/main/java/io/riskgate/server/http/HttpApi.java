package io.riskgate.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.riskgate.server.audit.AuditStore;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.codec.ExactJson;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.runtime.EngineRuntime;
import java.util.function.Supplier;

/**
 * The HTTP and WebSocket API on Javalin: the route table ({@link RouteTable}), authentication and
 * authorization, body limits, the translation of requests into events of the event language and of
 * answers and refusals into JSON and RFC 9457 problem documents. The event routes are served by
 * {@link EventRoutes} in front of Javalin, the others by the handlers of {@link ReadRoutes}.
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
  private final ReadRoutes reads;

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
    this.tokens = tokens;
    this.metrics = metrics;
    this.runtime = runtime;
    this.maxBodyBytes = maxBodyBytes;
    this.reads =
        new ReadRoutes(
            metrics,
            runtime,
            maxBodyBytes,
            OpenApiDocument.load(),
            new DecisionRoute(audit),
            new HistoryRoute(audit));
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
                server.setHandler(
                    new EventRoutes(RouteTable.ROUTES, tokens, metrics, runtime, maxBodyBytes));
              });
          for (Route route : RouteTable.ROUTES) {
            if (route.submitsEvents()) {
              continue;
            }
            final Handler handler = guarded(route, reads.handler(route));
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
          registerProblems(config.routes);
        });
  }

  /** Answers every refusal and failure of Javalin's routes with a problem document. */
  private void registerProblems(RoutesConfig routes) {
    routes.exception(Problem.class, (e, ctx) -> writeProblem(ctx, e));
    routes.exception(
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
    routes.exception(
        Exception.class,
        (e, ctx) ->
            writeProblem(
                ctx,
                new Problem(
                    500, "Internal error", "the server failed: " + e.getClass().getName())));
    routes.error(
        404,
        ctx -> {
          if (ctx.attribute(PROBLEM_WRITTEN) == null) {
            writeProblem(
                ctx, new Problem(404, "Not found", "no route " + ctx.method() + " " + ctx.path()));
          }
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
        ctx.attribute("caller", EdgeChecks.authorize(tokens, route, ctx.header("Authorization")));
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
      return EdgeChecks.authenticate(tokens, ctx.header("Authorization"));
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
