package io.riskgate.server.runtime;

/**
 * Why the runtime did not apply an input, carried to the edge where it becomes an HTTP status and a
 * problem document.
 *
 * @param kind the class of the refusal
 * @param index position of the refused event in the request (0 for a single event)
 * @param detail one precise sentence: which field or what state, and what was wrong
 */
public record Refusal(Kind kind, int index, String detail) {

  /** Classes of refusal, each with its HTTP status. */
  public enum Kind {
    /** The event does not fit the engine's state or is malformed: 400. */
    INVALID(400),
    /** The caller may not act for the event's strategy: 403. */
    FORBIDDEN(403),
    /** The event names an order or symbol the engine does not know: 404. */
    NOT_FOUND(404),
    /** The event conflicts with the state (order no longer open, already defined): 409. */
    CONFLICT(409),
    /** The journal cannot make events durable: 503; the server fails closed. */
    UNAVAILABLE(503);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    /** The HTTP status of this kind. */
    public int status() {
      return status;
    }
  }

  public Refusal {
    if (kind == null || detail == null || index < 0) {
      throw new IllegalArgumentException("a refusal needs a kind, an index >= 0 and a detail");
    }
  }
}
