package io.riskgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.codec.ExactJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The OpenAPI document served at {@code /openapi.json}, stamped from the {@link RouteTable}. */
final class OpenApiDocument {
  private static final ObjectMapper JSON = ExactJson.MAPPER;

  private OpenApiDocument() {}

  /** The server's {@code openapi.json} resource, stamped. */
  static byte[] load() {
    try (InputStream in = HttpApi.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the server's resources");
      }
      return stamped(in.readAllBytes());
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
  static byte[] stamped(byte[] document) {
    try {
      final ObjectNode doc = (ObjectNode) JSON.readTree(document);
      for (Route route : RouteTable.ROUTES) {
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
}
