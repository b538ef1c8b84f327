package io.riskgate.server.runtime;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.codec.ExactJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The payload of one journal record: an input event of the event language and the name of the
 * caller who sent it, as one UTF-8 JSON object {@code {"by":"desk1","event":{...}}}. The event is
 * the JSON the engine accepted, so replaying it through {@link io.riskgate.server.codec.EventCodec}
 * gives the same event. Numbers are read and written as exact decimals ({@link ExactJson}), so a
 * replay sees every digit the caller sent.
 *
 * @param by the caller's name (never a token)
 * @param event the event as a JSON object
 */
public record JournalEntry(String by, JsonNode event) {
  private static final ObjectMapper JSON = ExactJson.MAPPER;

  public JournalEntry {
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("a journal entry needs the caller's name");
    }
    if (event == null || !event.isObject()) {
      throw new IllegalArgumentException("a journal entry's event must be a JSON object");
    }
  }

  /** The record's payload bytes. */
  public byte[] encode() {
    final ObjectNode root = JSON.createObjectNode();
    root.put("by", by);
    root.set("event", event);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /**
   * The payload of an entry whose event is the request body {@code body} as sent, one JSON object,
   * with the field {@code "type": type} added after its last field, built by copying the body's
   * bytes instead of writing its JSON tree again: {@link #decode} of it gives the event the tree
   * parsed from the body holds once {@code type} is put into it, with its fields in the same order
   * and every number as sent. Call it only with a body that parsed as one JSON object with no
   * duplicate field and nothing after it, and without {@code type} when the body declares that
   * field already.
   *
   * @param type the event type to add, or null when the body has it
   * @return the payload, or null when the body is not plain UTF-8 JSON text that can be copied
   *     (such as one with a byte-order mark or in UTF-16), so the caller encodes the tree instead
   */
  public static byte[] encodeBody(String by, byte[] body, String type) {
    if (by == null || by.isBlank() || (type != null && !isPlainName(type))) {
      throw new IllegalArgumentException("a journal entry needs the caller's name and a type name");
    }
    int first = 0;
    int last = body.length - 1;
    while (first <= last && isWhitespace(body[first])) {
      first++;
    }
    while (last >= first && isWhitespace(body[last])) {
      last--;
    }
    if (last <= first || body[first] != '{' || body[last] != '}') {
      return null;
    }
    boolean empty = true;
    for (int i = first; i <= last; i++) {
      if (body[i] == 0) {
        return null; // UTF-16 or UTF-32, which the parser also reads: not bytes to copy
      }
      if (i > first && i < last && !isWhitespace(body[i])) {
        empty = false;
      }
    }
    if (empty && type != null) {
      return null;
    }
    final byte[] head = HEAD;
    final byte[] name = JsonStringEncoder.getInstance().quoteAsUTF8(by);
    final byte[] added =
        type == null
            ? new byte[0]
            : (",\"type\":\"" + type + "\"").getBytes(StandardCharsets.US_ASCII);
    final int eventLength = last - first + 1 + added.length;
    final byte[] out = new byte[head.length + name.length + MIDDLE.length + eventLength + 1];
    int at = 0;
    System.arraycopy(head, 0, out, at, head.length);
    at += head.length;
    System.arraycopy(name, 0, out, at, name.length);
    at += name.length;
    System.arraycopy(MIDDLE, 0, out, at, MIDDLE.length);
    at += MIDDLE.length;
    System.arraycopy(body, first, out, at, last - first);
    at += last - first;
    System.arraycopy(added, 0, out, at, added.length);
    at += added.length;
    out[at++] = '}';
    out[at] = '}';
    return out;
  }

  private static final byte[] HEAD = "{\"by\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MIDDLE = "\",\"event\":".getBytes(StandardCharsets.US_ASCII);

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private static boolean isPlainName(String type) {
    if (type.isEmpty()) {
      return false;
    }
    for (int i = 0; i < type.length(); i++) {
      final char c = type.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads a record's payload.
   *
   * @throws IllegalArgumentException when the payload is not a journal entry
   */
  public static JournalEntry decode(byte[] payload) {
    final JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("journal payload is not JSON: " + e.getMessage(), e);
    }
    if (root == null
        || !root.isObject()
        || root.size() != 2
        || !root.path("by").isTextual()
        || !root.path("event").isObject()) {
      throw new IllegalArgumentException(
          "journal payload must be {\"by\": caller, \"event\": {...}}");
    }
    return new JournalEntry(root.get("by").textValue(), root.get("event"));
  }
}
