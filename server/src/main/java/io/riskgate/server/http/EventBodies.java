package io.riskgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.runtime.JournalEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events of an event route's body ({@link EventRoutes}): each one typed, authorized for the
 * caller's role and strategy, signed with the caller's name where it records one, and parsed by
 * {@link EventCodec}; a problem names the event's index.
 */
final class EventBodies {
  private static final Set<String> TRADE_EVENTS =
      Set.of(
          "order",
          "amend",
          "amendRejected",
          "sizeRequest",
          "fill",
          "cancel",
          "orderRejected",
          "orderExpired",
          "tradeBust",
          "tradeCorrect");
  private static final Set<String> FEED_EVENTS =
      Set.of("price", "bar", "fxRate", "timer", "venueStatus");
  private static final Set<String> SIGNED_EVENTS =
      Set.of("limits", "tradingState", "kill", "rearm", "breakerReset", "cancelAll");

  private EventBodies() {}

  /**
   * Adds the body's events to {@code nodes} (as JSON) and {@code events} (as parsed).
   *
   * @param type the route's event type, or null for {@code /v1/events} (one event or an array)
   * @param json the body as parsed
   * @param body the body's bytes
   * @return the journal entry encoded from the body as sent, or null when the engine thread is to
   *     encode it (signed events and {@code /v1/events})
   */
  static byte[] read(
      String type,
      Caller caller,
      JsonNode json,
      byte[] body,
      List<JsonNode> nodes,
      List<Event> events) {
    byte[] entry = null;
    if (type != null) {
      if (!json.isObject()) {
        throw Problem.badRequest("the body must be one JSON object: a " + type + " event");
      }
      final ObjectNode node = (ObjectNode) json;
      final JsonNode declared = node.get("type");
      if (declared != null && !(declared.isTextual() && declared.textValue().equals(type))) {
        throw Problem.badRequest(
            "field \"type\": this route takes " + type + " events, got " + declared);
      }
      node.put("type", type);
      nodes.add(node);
      events.add(prepare(caller, node, 0));
      if (!SIGNED_EVENTS.contains(type)) {
        // The node is the body with its type: the journal takes the body's bytes as sent,
        // encoded here rather than on the engine thread.
        entry = JournalEntry.encodeBody(caller.name(), body, declared == null ? type : null);
      }
    } else {
      if (json.isArray()) {
        if (json.isEmpty()) {
          throw Problem.badRequest("the array holds no events");
        }
        json.forEach(nodes::add);
      } else if (json.isObject()) {
        nodes.add(json);
      } else {
        throw Problem.badRequest("the body must be an event object or an array of events");
      }
      for (int i = 0; i < nodes.size(); i++) {
        if (!nodes.get(i).isObject()) {
          throw indexed(Problem.badRequest("events[" + i + "] is not a JSON object"), i, 0);
        }
        events.add(prepare(caller, (ObjectNode) nodes.get(i), i));
      }
    }
    return entry;
  }

  /** Authorizes one event for the caller and parses it; a problem names its index. */
  private static Event prepare(Caller caller, ObjectNode node, int index) {
    final String type = node.path("type").asText("");
    if (SIGNED_EVENTS.contains(type)) {
      final JsonNode by = node.get("by");
      if (by != null && !(by.isTextual() && by.textValue().equals(caller.name()))) {
        throw indexed(
            Problem.badRequest(
                "field \"by\": the server records the caller's name ("
                    + caller.name()
                    + "); leave it out"),
            index,
            0);
      }
      node.put("by", caller.name());
    }
    final Event event;
    try {
      event = EventCodec.parse(node);
    } catch (IllegalArgumentException e) {
      throw indexed(Problem.badRequest(e.getMessage()), index, 0);
    }
    final boolean allowed;
    if (TRADE_EVENTS.contains(type)) {
      allowed = caller.role() == Role.TRADER;
    } else if (FEED_EVENTS.contains(type)) {
      allowed = caller.role() == Role.TRADER || caller.role() == Role.RISK;
    } else {
      allowed = caller.role() == Role.RISK;
    }
    if (!allowed) {
      throw indexed(
          Problem.forbidden(
              caller.name()
                  + " has role "
                  + caller.role().configName()
                  + ", which may not send "
                  + type
                  + " events"),
          index,
          0);
    }
    final String strategy =
        event instanceof Event.Order o
            ? o.strategy()
            : event instanceof Event.SizeRequest s ? s.strategy() : null;
    if (strategy != null && !caller.mayTradeFor(strategy)) {
      throw indexed(
          Problem.forbidden(caller.name() + " may not act for strategy " + strategy), index, 0);
    }
    return event;
  }

  private static Problem indexed(Problem p, int index, int applied) {
    final Map<String, Object> ext = new LinkedHashMap<>(p.extensions());
    ext.put("index", index);
    ext.put("applied", applied);
    return new Problem(p.status(), p.title(), p.detail(), ext);
  }
}
