package io.riskgate.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The floor of the HTTP figures: a bare Jetty server, the same Jetty the server runs on, that reads
 * each request's body and answers every request with one fixed JSON body of a decision's size, with
 * no routing, authentication, parsing, engine or journal. {@code bench/wrk/bare} drives it with the
 * same wrk script as the real check route, so the server's throughput can be given as a ratio to it
 * on the same machine in the same run.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.riskgate.bench.BareJetty PORT BYTES}.
 */
public final class BareJetty {
  private BareJetty() {}

  public static void main(String[] args) throws Exception {
    final int port = Integer.parseInt(args[0]);
    final byte[] body = body(Integer.parseInt(args[1]));
    final Server server = new Server();
    final ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            new Runnable() {
              @Override
              public void run() {
                while (true) {
                  final Content.Chunk chunk = request.read();
                  if (chunk == null) {
                    request.demand(this);
                    return;
                  }
                  if (Content.Chunk.isFailure(chunk)) {
                    callback.failed(chunk.getFailure());
                    return;
                  }
                  final boolean last = chunk.isLast();
                  chunk.release();
                  if (last) {
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                    response.write(true, ByteBuffer.wrap(body), callback);
                    return;
                  }
                }
              }
            }.run();
            return true;
          }
        });
    server.start();
    System.out.println("bare jetty on 127.0.0.1:" + port + ", answering " + body.length + " bytes");
    server.join();
  }

  /** A JSON object of exactly {@code bytes} bytes (at least 12). */
  private static byte[] body(int bytes) {
    final String head = "{\"pad\":\"";
    final String tail = "\"}";
    final char[] pad = new char[Math.max(0, bytes - head.length() - tail.length())];
    Arrays.fill(pad, 'x');
    return (head + new String(pad) + tail).getBytes(StandardCharsets.US_ASCII);
  }
}
