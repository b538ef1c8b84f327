package io.riskgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.riskgate.core.Fixed;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.cluster.ClusterPeers;
import io.riskgate.server.cluster.ClusterView;
import io.riskgate.server.cluster.KafkaJournal;
import io.riskgate.server.codec.ExactJson;
import io.riskgate.server.metrics.ServerMetrics;
import io.riskgate.server.runtime.EngineRuntime;
import io.riskgate.server.runtime.RuntimeUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The handlers of the routes Javalin serves ({@link HttpApi}): the reads of the engine's state,
 * health, metrics, the cluster's status, the OpenAPI document and the snapshot action.
 */
final class ReadRoutes {
  private static final ObjectMapper JSON = ExactJson.MAPPER;

  private final ServerMetrics metrics;
  private final Supplier<EngineRuntime> runtime;
  private final int maxBodyBytes;
  private final byte[] openApi;
  private final DecisionRoute decisions;
  private final HistoryRoute history;
  private final ClusterPeers clusterPeers = new ClusterPeers();

  ReadRoutes(
      ServerMetrics metrics,
      Supplier<EngineRuntime> runtime,
      int maxBodyBytes,
      byte[] openApi,
      DecisionRoute decisions,
      HistoryRoute history) {
    this.metrics = metrics;
    this.runtime = runtime;
    this.maxBodyBytes = maxBodyBytes;
    this.openApi = openApi;
    this.decisions = decisions;
    this.history = history;
  }

  /** The handler of a route of the table that Javalin serves. */
  Handler handler(Route route) {
    return switch (route.method() + " " + route.path()) {
      case "POST /v1/snapshots" -> this::snapshot;
      case "GET /v1/positions" -> ctx -> read(ctx, Views::positions);
      case "GET /v1/exposures" -> ctx -> read(ctx, Views::exposures);
      case "GET /v1/instruments" -> ctx -> read(ctx, Views::instruments);
      case "GET /v1/report" -> ctx -> readNamed(ctx, Views::report);
      case "GET /v1/limits" -> this::limits;
      case "GET /v1/me" -> this::me;
      case "GET /v1/cluster" -> this::cluster;
      case "GET " + ClusterPeers.NODE_PATH -> this::clusterNode;
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
                        HttpApi.writeProblem(
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
      HttpApi.writeProblem(ctx, EventAnswers.unavailable(cause));
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

  /**
   * Every node's role, offset and lag ({@link ClusterView}): this node's own, and each other node's
   * as it answers {@code /v1/cluster/node} within half a second.
   */
  private void cluster(Context ctx) {
    final EngineRuntime rt = requireRuntime();
    final CompletableFuture<Map<String, JsonNode>> peers =
        rt.journal() instanceof KafkaJournal k
            ? clusterPeers.statuses(k.settings())
            : CompletableFuture.completedFuture(Map.of());
    ctx.future(
        () ->
            rt.appliedSequence()
                .thenApply(applied -> ClusterView.node(rt.journal(), applied))
                .thenCombine(
                    peers, (self, others) -> ClusterView.render(rt.journal(), self, others))
                .handle((json, error) -> writeRead(ctx, json, error)));
  }

  /**
   * This node's own status, public like {@code /metrics} (no figures of the book): what the other
   * nodes ask for {@code /v1/cluster}, and what a dashboard served by another node asks to find the
   * leader after a fail-over (so any origin may read it). With {@code ?brief}, only what needs
   * neither the engine nor the brokers, at once ({@link ClusterView#brief}).
   */
  private void clusterNode(Context ctx) {
    final EngineRuntime rt = requireRuntime();
    ctx.header("Access-Control-Allow-Origin", "*");
    ctx.header("Cache-Control", "no-store");
    if (ctx.queryParam("brief") != null) {
      ctx.contentType("application/json").result(ClusterView.brief(rt.journal()).toString());
      return;
    }
    ctx.future(
        () ->
            rt.appliedSequence()
                .handle(
                    (applied, error) ->
                        writeRead(
                            ctx,
                            error == null ? ClusterView.node(rt.journal(), applied) : null,
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
    EdgeChecks.requireJson(ctx.contentType());
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
    return EdgeChecks.parseJson(bytes);
  }
}
