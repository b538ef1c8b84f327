package io.riskgate.server.codec;

import io.riskgate.core.event.Event;

/**
 * Parses event after event on one thread with the codec's grammar ({@link EventCodec#parse(String)}
 * gives the same events and errors), keeping its scratch from one to the next: for long runs of
 * lines such as a replay file, where a fresh scratch per line is a measurable part of parsing. Not
 * for use by two threads at once.
 */
public final class EventReader {
  private final EventFields fields = new EventFields();

  /**
   * Parses one event from its JSON text.
   *
   * @throws IllegalArgumentException with a precise message when the text is not a valid event
   */
  public Event read(String json) {
    fields.readText(json);
    return EventCodec.event(fields);
  }
}
