package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiRoutesTest {
  @TempDir Path data;

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteIsRegistered() throws Exception {
    try (TestServer server = new TestServer(data)) {
      final JsonNode doc = TestServer.json(server.get("/openapi.json", null));
      final Set<String> documented = new TreeSet<>();
      for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
        for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
          documented.add(methods.next().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
      final Set<String> registered = server.server.registeredRoutes();
      assertTrue(registered.contains("POST /v1/orders/check"), registered.toString());
      assertTrue(registered.contains("GET /v1/stream"), registered.toString());
      assertEquals(registered, documented);
    }
  }

  @Test
  void everyDocumentedRequestSchemaForbidsUnknownFields() throws Exception {
    try (TestServer server = new TestServer(data)) {
      final JsonNode schemas =
          TestServer.json(server.get("/openapi.json", null)).get("components").get("schemas");
      for (String event :
          new String[] {
            "Order", "SizeRequest", "Fill", "Cancel", "Price", "Limits", "TradingState"
          }) {
        assertEquals(false, schemas.get(event).get("additionalProperties").asBoolean(true), event);
      }
    }
  }

  @Test
  void theRetriedRoutesDocumentTheReplayHeaderAndTheirConflict() throws Exception {
    try (TestServer server = new TestServer(data)) {
      final JsonNode doc = TestServer.json(server.get("/openapi.json", null));
      assertTrue(doc.get("info").get("description").asText().contains("Idempotent-Replay"));
      for (String path :
          new String[] {"/v1/orders/check", "/v1/size", "/v1/fills", "/v1/cancels"}) {
        final JsonNode responses = doc.get("paths").get(path).get("post").get("responses");
        assertEquals(
            "#/components/headers/IdempotentReplay",
            responses.get("200").get("headers").get("Idempotent-Replay").get("$ref").asText(),
            path);
        assertTrue(responses.has("409"), path);
      }
      assertTrue(doc.get("components").get("headers").has("IdempotentReplay"));
    }
  }

  @Test
  void theServedDocumentTakesEachRoutesAccessAndEventFromTheRouteTable() throws Exception {
    try (TestServer server = new TestServer(data)) {
      final JsonNode paths = TestServer.json(server.get("/openapi.json", null)).get("paths");
      for (Route route : RouteTable.ROUTES) {
        final JsonNode op = paths.get(route.path()).get(route.method().toLowerCase(Locale.ROOT));
        final String name = route.method() + " " + route.path();
        assertEquals(
            route.access().name().toLowerCase(Locale.ROOT),
            op.get("x-riskgate-access").asText(),
            name);
        assertEquals(route.access() == Route.Access.PUBLIC, op.get("security").isEmpty(), name);
        assertEquals(
            route.event() == null ? null : route.event(),
            op.has("x-riskgate-event") ? op.get("x-riskgate-event").asText() : null,
            name);
      }
      final JsonNode check = paths.get("/v1/orders/check").get("post");
      assertEquals("order", check.get("x-riskgate-event").asText());
      assertEquals("trade", check.get("x-riskgate-access").asText());
      assertEquals("bearer", check.get("security").get(0).fieldNames().next());
      assertTrue(paths.get("/health/live").get("get").get("security").isEmpty());
      assertEquals("risk", paths.get("/v1/kill").get("post").get("x-riskgate-access").asText());
    }
  }

  @Test
  void aTableRouteTheDocumentLacksStopsTheServerFromStarting() {
    final IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () -> OpenApiDocument.stamped("{\"paths\":{}}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("does not document POST /v1/orders/check"), e.getMessage());
  }
}
