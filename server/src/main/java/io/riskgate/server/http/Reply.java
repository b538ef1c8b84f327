package io.riskgate.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An answer of an event route ({@link EventRoutes}) ready to be written.
 *
 * @param status the HTTP status
 * @param contentType its content type
 * @param body the UTF-8 body
 * @param replayed whether it is the remembered answer to the same request sent before
 */
record Reply(int status, String contentType, byte[] body, boolean replayed) {
  /** The response header that marks the remembered answer to a request sent again. */
  static final String IDEMPOTENT_REPLAY = "Idempotent-Replay";

  static Reply json(String text) {
    return new Reply(
        200, EdgeChecks.APPLICATION_JSON, text.getBytes(StandardCharsets.UTF_8), false);
  }

  static Reply of(Problem problem) {
    return new Reply(problem.status(), HttpApi.PROBLEM_JSON, problem.toJson(), false);
  }

  Reply asReplayed() {
    return new Reply(status, contentType, body, true);
  }

  /** Writes the reply with one non-blocking write, completing {@code callback}. */
  static void send(Response response, Callback callback, Reply reply) {
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    if (reply.replayed()) {
      response.getHeaders().put(IDEMPOTENT_REPLAY, "true");
    }
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
  }
}
