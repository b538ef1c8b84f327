package io.riskgate.server.http;

/**
 * One HTTP route of the API: method, path, who may call it and, for a route that submits an event,
 * the event's type and the kind of answer. The route table in {@link RouteTable#ROUTES} is the
 * single source of the routes: {@link EventRoutes} serves those with an answer kind, Javalin the
 * others, authorization follows {@link #access}, and the OpenAPI document served is stamped from
 * the table (each operation's {@code security} and {@code x-riskgate-access}, and {@code
 * x-riskgate-event}), checked by a test to document exactly the routes registered.
 *
 * @param method GET, POST or PUT
 * @param path the path, e.g. {@code /v1/orders/check}
 * @param access who may call it
 * @param event the type of the one event its body holds ({@code order}, {@code fill}, ...), or null
 *     for a route that submits none or a list of events of any type ({@code /v1/events})
 * @param answer how an event route answers, or null for a route Javalin serves
 */
public record Route(String method, String path, Access access, String event, Answer answer) {

  /** Who may call a route. */
  public enum Access {
    /** No token needed: health, metrics, the OpenAPI document. */
    PUBLIC,
    /** Any valid token: trader, risk or viewer. */
    READ,
    /** A trader token bound to the strategy of the request. */
    TRADE,
    /** A trader or risk token: market data. */
    FEED,
    /** A risk token. */
    RISK,
    /** Decided per event: see {@link EventBodies}. */
    PER_EVENT
  }

  /** What an event route answers once its events are durable. */
  public enum Answer {
    /** The order's (or amend's) decision; 409 with it for {@code DUPLICATE_ORDER}. */
    DECISION,
    /** The size request's answer. */
    SIZE,
    /** How many events were applied, the journal sequence and every output. */
    APPLIED
  }

  public Route {
    if (!method.equals("GET") && !method.equals("POST") && !method.equals("PUT")) {
      throw new IllegalArgumentException("route " + path + ": method " + method);
    }
    if (event != null && answer == null) {
      throw new IllegalArgumentException("route " + path + ": an event route needs an answer");
    }
  }

  /** A route served by Javalin: a read, or an action that is not an engine event. */
  public Route(String method, String path, Access access) {
    this(method, path, access, null, null);
  }

  /** A route that submits one event of type {@code event}. */
  static Route event(String method, String path, Access access, String event, Answer answer) {
    return new Route(method, path, access, event, answer);
  }

  /** Whether the event routes' handler serves this route (rather than Javalin). */
  public boolean submitsEvents() {
    return answer != null;
  }
}
