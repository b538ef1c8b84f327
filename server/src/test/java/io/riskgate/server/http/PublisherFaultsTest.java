package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the publisher thread, which releases answers and feeds the stream: a subscriber that
 * throws is logged, counted and removed without harming the others, and an interrupt never leaves a
 * caller without an answer.
 */
class PublisherFaultsTest {
  private static final String PUBLISHER = "riskgate-publisher";

  @TempDir Path data;
  private TestServer server;
  private Thread publisher;

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static Set<Thread> publishers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(PUBLISHER) && t.isAlive())
        .collect(Collectors.toSet());
  }

  /** Starts the server and finds its own publisher thread. */
  private void start() throws Exception {
    final Set<Thread> before = publishers();
    server = new TestServer(data);
    final Set<Thread> mine = publishers();
    mine.removeAll(before);
    assertEquals(1, mine.size(), "one new publisher thread");
    publisher = mine.iterator().next();
    assertEquals(
        200,
        server
            .post(
                "/v1/prices",
                TestServer.TRADER,
                "{\"ts\":\"2026-11-24T10:00:00Z\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\","
                    + "\"ask\":\"43001\"}")
            .statusCode());
  }

  private static String order(int i) {
    return "{\"ts\":\"2026-11-24T10:00:01Z\",\"orderId\":\"o"
        + i
        + "\",\"account\":\"A1\",\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\","
        + "\"quantity\":\"0.001\",\"price\":\"43001\"}";
  }

  /** Sends with a deadline, so that a caller left without an answer fails the test. */
  private HttpResponse<String> postWithin(String path, String body, Duration deadline)
      throws Exception {
    final HttpClient client = HttpClient.newHttpClient();
    return client.send(
        HttpRequest.newBuilder(server.uri(path))
            .timeout(deadline)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TestServer.TRADER)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aThrowingSubscriberIsLoggedCountedAndRemovedWhileTheOthersGoOn() throws Exception {
    start();
    final AtomicInteger calls = new AtomicInteger();
    final Consumer<String> broken =
        text -> {
          calls.incrementAndGet();
          throw new IllegalStateException("the client went away");
        };
    final List<String> received = new CopyOnWriteArrayList<>();
    server.server.runtime().subscribe(broken);
    server.server.runtime().subscribe(received::add);
    assertEquals(200, server.post("/v1/orders/check", TestServer.TRADER, order(1)).statusCode());
    assertEquals(200, server.post("/v1/orders/check", TestServer.TRADER, order(2)).statusCode());
    assertEquals(1, calls.get(), "removed after its failure");
    assertEquals(2, received.stream().filter(t -> t.startsWith("{\"type\":\"decision\"")).count());
    final String log = server.log.toString();
    assertTrue(log.contains("stream subscriber failed"), log);
    assertTrue(log.contains("the client went away"), log);
    assertTrue(
        server
            .get("/metrics", null)
            .body()
            .contains("riskgate_stream_subscriber_failures_total 1.0"));
  }

  @Test
  void anInterruptWhileIdleLeavesThePublisherAnswering() throws Exception {
    start();
    publisher.interrupt();
    Thread.sleep(200);
    final HttpResponse<String> r = postWithin("/v1/orders/check", order(1), Duration.ofSeconds(10));
    assertEquals(200, r.statusCode(), r.body());
  }

  /**
   * Interrupts arriving at any point of the publisher's work: every caller is answered, with its
   * answer or with 503 (the wait for the journal was cut short), never left waiting.
   */
  @Test
  void interruptsNeverLeaveACallerWaiting() throws Exception {
    start();
    final AtomicBoolean going = new AtomicBoolean(true);
    final Thread interrupter =
        new Thread(
            () -> {
              while (going.get()) {
                publisher.interrupt();
                Thread.onSpinWait();
              }
            });
    interrupter.start();
    int unavailable = 0;
    try {
      for (int i = 0; i < 200; i++) {
        final HttpResponse<String> r =
            postWithin("/v1/orders/check", order(i), Duration.ofSeconds(10));
        assertTrue(r.statusCode() == 200 || r.statusCode() == 503, r.body());
        if (r.statusCode() == 503) {
          unavailable++;
          assertTrue(r.body().contains("interrupted"), r.body());
        }
      }
    } finally {
      going.set(false);
      interrupter.join();
    }
    System.out.println("PublisherFaultsTest: " + unavailable + " of 200 answered 503");
    assertEquals(
        200, postWithin("/v1/orders/check", order(1000), Duration.ofSeconds(10)).statusCode());
  }
}
