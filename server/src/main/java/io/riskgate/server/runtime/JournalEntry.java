package io.riskgate.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.server.codec.ExactJson;
import java.io.IOException;

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
