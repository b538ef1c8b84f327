package io.riskgate.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.codec.ExactJson;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The checks at the edge that the event routes ({@link EventRoutes}) and Javalin's routes ({@link
 * HttpApi}) share: the bearer token and the route's role, the JSON content type, and strict parsing
 * of a request body.
 */
final class EdgeChecks {
  static final String APPLICATION_JSON = "application/json";

  private static final ObjectMapper JSON =
      ExactJson.configure(JsonMapper.builder())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private EdgeChecks() {}

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
