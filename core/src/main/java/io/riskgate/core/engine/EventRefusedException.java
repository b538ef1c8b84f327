package io.riskgate.core.engine;

/**
 * An event the engine refuses, with the kind of refusal as a value, so that the edge of the system
 * maps it to an answer (an HTTP status, say) without reading the message. Nothing changed when it
 * is thrown. A plain {@link IllegalArgumentException} from the engine is of kind {@link
 * Kind#INVALID}.
 */
public final class EventRefusedException extends IllegalArgumentException {
  /** Why the event does not fit the engine's state. */
  public enum Kind {
    /** The event is not valid in itself or against the state. */
    INVALID,
    /** The event conflicts with the state: a definition that exists, an order no longer open. */
    CONFLICT,
    /** The event names an order id the engine does not know today. */
    NOT_FOUND
  }

  private final Kind kind;

  public EventRefusedException(Kind kind, String message) {
    super(message);
    if (kind == null) {
      throw new IllegalArgumentException("a refusal needs a kind");
    }
    this.kind = kind;
  }

  /** The kind of refusal. */
  public Kind kind() {
    return kind;
  }
}
