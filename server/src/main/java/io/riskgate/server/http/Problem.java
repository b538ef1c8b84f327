package io.riskgate.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.riskgate.server.codec.ExactJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An error answered as an RFC 9457 problem document ({@code application/problem+json}): a status, a
 * short title for the class of error, and a detail naming the field or state and what was wrong.
 * Thrown by handlers and rendered at the edge by {@link HttpApi}.
 */
public final class Problem extends RuntimeException {
  private static final ObjectMapper JSON = ExactJson.MAPPER;

  private final int status;
  private final String title;
  private final Map<String, Object> extensions;

  public Problem(int status, String title, String detail) {
    this(status, title, detail, Map.of());
  }

  public Problem(int status, String title, String detail, Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.extensions = Map.copyOf(extensions);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The short, fixed title of this class of problem. */
  public String title() {
    return title;
  }

  /** The precise explanation. */
  public String detail() {
    return getMessage();
  }

  /** Extra members of the problem document, e.g. {@code index} of a refused event. */
  public Map<String, Object> extensions() {
    return extensions;
  }

  /**
   * The problem document as UTF-8 JSON: {@code type}, {@code title}, {@code status}, {@code detail}
   * and the extensions ({@link RawValue} extensions are embedded as they are).
   */
  public byte[] toJson() {
    final ObjectNode doc = JSON.createObjectNode();
    doc.put("type", "about:blank");
    doc.put("title", title);
    doc.put("status", status);
    doc.put("detail", detail());
    for (Map.Entry<String, Object> e : extensions.entrySet()) {
      if (e.getValue() instanceof RawValue raw) {
        doc.putRawValue(e.getKey(), raw);
      } else {
        doc.set(e.getKey(), JSON.valueToTree(e.getValue()));
      }
    }
    return doc.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Problem badRequest(String detail) {
    return new Problem(400, "Bad request", detail);
  }

  static Problem unauthorized(String detail) {
    return new Problem(401, "Unauthorized", detail);
  }

  static Problem forbidden(String detail) {
    return new Problem(403, "Forbidden", detail);
  }

  static Problem unavailable(String detail) {
    return new Problem(503, "Service unavailable", detail);
  }
}
