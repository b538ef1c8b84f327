package io.riskgate.server.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads the whole body of an event route's request without blocking, refusing it (413) as soon as
 * it passes the limit; a problem thrown by {@link #onBody} is written as the answer.
 */
abstract class BodyReader implements Runnable {
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final int maxBodyBytes;
  private byte[] bytes;
  private int length;

  BodyReader(
      Request request, long declared, Response response, Callback callback, int maxBodyBytes) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.maxBodyBytes = maxBodyBytes;
    this.bytes = new byte[declared > 0 ? (int) declared : 256];
  }

  /** Called once with the whole body, on the thread that read its last chunk. */
  abstract void onBody(byte[] body);

  @Override
  public void run() {
    while (true) {
      final Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        Reply.send(
            response,
            callback,
            Reply.of(
                Problem.badRequest(
                    "the request body could not be read: " + chunk.getFailure().getMessage())));
        return;
      }
      final ByteBuffer buffer = chunk.getByteBuffer();
      final int n = buffer.remaining();
      if ((long) length + n > maxBodyBytes) {
        chunk.release();
        Reply.send(response, callback, Reply.of(tooLarge((long) length + n, maxBodyBytes)));
        return;
      }
      if (length + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(length + n, 2 * bytes.length));
      }
      buffer.get(bytes, length, n);
      length += n;
      final boolean last = chunk.isLast();
      chunk.release();
      if (last) {
        try {
          onBody(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
        } catch (Problem problem) {
          Reply.send(response, callback, Reply.of(problem));
        } catch (RuntimeException e) {
          Reply.send(response, callback, Reply.of(EventAnswers.internal(e)));
        }
        return;
      }
    }
  }

  /** 413 for a body of {@code bytes} (or more) over the limit. */
  static Problem tooLarge(long bytes, int maxBodyBytes) {
    return new Problem(
        413,
        "Content too large",
        "the request body has "
            + (bytes > maxBodyBytes ? "more than " + maxBodyBytes : bytes)
            + " bytes; the limit is "
            + maxBodyBytes);
  }
}
