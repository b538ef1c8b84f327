package io.riskgate.server.http;

/**
 * One HTTP route of the API: method, path and who may call it. The route table in {@link HttpApi}
 * is the single source from which Javalin is configured; the OpenAPI document is checked against
 * Javalin's registered routes by a test.
 *
 * @param method GET, POST or PUT
 * @param path the path, e.g. {@code /v1/orders/check}
 * @param access who may call it
 */
public record Route(String method, String path, Access access) {

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
    /** Decided per event: see {@link HttpApi}. */
    PER_EVENT
  }
}
