package io.riskgate.server.http;

import io.riskgate.server.cluster.ClusterPeers;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The route table: every HTTP route the server registers, the one source from which {@link
 * EventRoutes} serves the event routes, {@link HttpApi} registers the others with Javalin and
 * {@link OpenApiDocument} stamps the served OpenAPI document.
 */
public final class RouteTable {
  private RouteTable() {}

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
          new Route("GET", ClusterPeers.NODE_PATH, Route.Access.PUBLIC),
          new Route("GET", "/health/live", Route.Access.PUBLIC),
          new Route("GET", "/health/ready", Route.Access.PUBLIC),
          new Route("GET", "/metrics", Route.Access.PUBLIC),
          new Route("GET", "/openapi.json", Route.Access.PUBLIC));

  /**
   * The routes served on Jetty's core handler API ({@link EventRoutes}) rather than registered with
   * Javalin, as {@code "METHOD /path"}.
   */
  public static Set<String> eventRoutes() {
    final Set<String> served = new TreeSet<>();
    for (Route route : ROUTES) {
      if (route.submitsEvents()) {
        served.add(route.method() + " " + route.path());
      }
    }
    return served;
  }
}
