package io.riskgate.server.http;

import com.fasterxml.jackson.databind.util.RawValue;
import io.riskgate.core.check.CheckCode;
import io.riskgate.server.runtime.EngineReply;
import io.riskgate.server.runtime.Refusal;
import io.riskgate.server.runtime.RuntimeUnavailableException;
import io.riskgate.server.runtime.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * What an event route ({@link EventRoutes}) answers once the engine replied: the decision, the size
 * answer or what was applied ({@link Route.Answer}), and the problems for a refusal, an unavailable
 * engine or a failure.
 */
final class EventAnswers {
  private EventAnswers() {}

  /** What a route answers once the engine applied its events. */
  interface Answer {
    Reply write(EngineReply reply);
  }

  static Answer of(Route.Answer kind) {
    return switch (kind) {
      case DECISION -> EventAnswers::answerDecision;
      case SIZE -> EventAnswers::answerSize;
      case APPLIED -> EventAnswers::answerApplied;
    };
  }

  static Problem refusal(EngineReply reply) {
    final Refusal r = reply.refusal();
    final Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("index", r.index());
    ext.put("applied", reply.applied());
    return new Problem(
        r.kind().status(),
        switch (r.kind()) {
          case INVALID -> "Event refused";
          case FORBIDDEN -> "Forbidden";
          case NOT_FOUND -> "Not found";
          case CONFLICT -> "Conflict";
          case UNAVAILABLE -> "Service unavailable";
        },
        r.detail(),
        ext);
  }

  static Problem unavailable(Throwable error) {
    final Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof RuntimeUnavailableException unavailable) {
      if (unavailable.leaderUrl() != null) {
        return new Problem(
            503,
            "Service unavailable",
            cause.getMessage(),
            Map.of("leaderUrl", unavailable.leaderUrl()));
      }
      return Problem.unavailable(cause.getMessage());
    }
    if (cause instanceof Problem p) {
      return p;
    }
    return new Problem(500, "Internal error", "the engine failed: " + cause);
  }

  static Problem internal(RuntimeException e) {
    return new Problem(500, "Internal error", "the server failed: " + e.getClass().getName());
  }

  private static Reply answerDecision(EngineReply reply) {
    final Verdict verdict = verdictOf(reply, true);
    final String decision = reply.outputs().get(verdict.output());
    if (verdict.rejectedBy() == CheckCode.DUPLICATE_ORDER) {
      final Map<String, Object> ext = new LinkedHashMap<>();
      ext.put("decision", new RawValue(decision));
      return Reply.of(
          new Problem(
              409,
              "Duplicate order",
              "field \"orderId\": the order id was used before; the order is rejected"
                  + " DUPLICATE_ORDER",
              ext));
    }
    return Reply.json(decision);
  }

  private static Reply answerSize(EngineReply reply) {
    return Reply.json(reply.outputs().get(verdictOf(reply, false).output()));
  }

  private static Reply answerApplied(EngineReply reply) {
    final StringBuilder text = new StringBuilder(64 + 128 * reply.outputs().size());
    text.append("{\"applied\":")
        .append(reply.applied())
        .append(",\"sequence\":")
        .append(reply.lastSequence())
        .append(",\"outputs\":[");
    for (int i = 0; i < reply.outputs().size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(reply.outputs().get(i));
    }
    return Reply.json(text.append("]}").toString());
  }

  /** The reply's decision (or size answer), which an applied order (or size request) always has. */
  private static Verdict verdictOf(EngineReply reply, boolean decision) {
    final Verdict verdict = reply.verdict();
    if (verdict == null || verdict.decision() != decision) {
      throw new IllegalStateException(
          "the engine gave no " + (decision ? "decision" : "size answer"));
    }
    return verdict;
  }
}
