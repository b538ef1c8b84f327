package io.riskgate.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.server.RiskgateServer;
import io.riskgate.server.auth.TokenHash;
import io.riskgate.server.cluster.LocalKafka;
import io.riskgate.server.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of a leader group in a real headless Chromium, two nodes on a real broker: the
 * header shows the node the page is connected to (id, leader or standby); a page on the standby
 * counts the decisions the leader makes (the standby's stream carries them); when the leader stops,
 * the page that was on it finds the node that took over and follows it there, signed in.
 */
class DashboardClusterBrowserTest {
  private static final String TRADER = "cluster-trader-token";
  private static final String RISK = "cluster-risk-token";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private RiskgateServer node(String bootstrap, String id, int port, int p1, int p2)
      throws IOException {
    final Path data = dir.resolve(id);
    final String yaml =
        """
        server: {host: 127.0.0.1, port: %d, maxBodyBytes: 65536, streamIntervalMillis: 100}
        journal: {dir: "%s", kind: kafka, bootstrapServers: "%s", topic: dashboard,
                  heartbeatMillis: 50, failoverMillis: 400}
        cluster: {nodes: {n1: {leaderUrl: "http://127.0.0.1:%d"}, n2: {leaderUrl: "http://127.0.0.1:%d"}}}
        snapshots: {everyEvents: 0, everySeconds: 0}
        audit: {kind: none}
        engine: {timerMillis: 0}
        instruments:
          - {symbol: BTC-USD, venue: X, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto, sector: crypto}
        accounts:
          - {account: A1, capital: 1000000, currency: USD}
        strategies:
          - {strategy: S1, account: A1, allocation: 500000}
        limits:
          - {scope: "account:A1", limits: {minLiquidity: null, maxPositionFraction: 0.5}}
        tokens:
          - {name: desk, role: trader, sha256: "%s", strategies: [S1]}
          - {name: officer, role: risk, sha256: "%s"}
        """
            .formatted(
                port,
                data.toString(),
                bootstrap,
                p1,
                p2,
                TokenHash.sha256Hex(TRADER),
                TokenHash.sha256Hex(RISK));
    return RiskgateServer.start(
        ConfigLoader.parse(yaml, "test").withNodeId(id),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(int port, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TRADER)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitLeader(RiskgateServer server) throws InterruptedException {
    final long deadline = System.nanoTime() + 30_000_000_000L;
    while (!server.runtime().journal().writable()) {
      assertTrue(System.nanoTime() < deadline, "no leader within 30 s");
      Thread.sleep(20);
    }
  }

  private static void waitFor(
      Browser browser, String what, java.util.function.Supplier<Boolean> p) {
    new WebDriverWait(browser.driver, WAIT).withMessage(what).until(d -> p.get());
  }

  private static String attribute(Browser browser, String id, String name) {
    return browser.driver.findElement(By.id(id)).getDomAttribute(name);
  }

  @Test
  void showsTheNodeAndFollowsTheLeaderAfterAFailover() throws Exception {
    final int p1 = freePort();
    final int p2 = freePort();
    RiskgateServer n1 = null;
    RiskgateServer n2 = null;
    try (LocalKafka kafka = LocalKafka.start(1, dir.resolve("broker"));
        Browser browser = new Browser()) {
      n1 = node(kafka.bootstrapServers(), "n1", p1, p1, p2);
      awaitLeader(n1);
      n2 = node(kafka.bootstrapServers(), "n2", p2, p1, p2);
      final HttpResponse<String> price =
          post(
              p1,
              "/v1/prices",
              "{\"ts\":\"2026-12-03T10:00:00Z\",\"symbol\":\"BTC-USD\",\"bid\":\"43000\","
                  + "\"ask\":\"43001\"}");
      assertEquals(200, price.statusCode(), price.body());

      // The page on the leader shows it.
      browser.driver.get("http://127.0.0.1:" + p1 + "/#token=" + RISK);
      waitFor(
          browser,
          "the header shows node n1 as leader",
          () -> browser.driver.findElement(By.id("node")).getText().equals("node n1 · leader"));
      assertEquals("leader", attribute(browser, "node", "data-role"));
      final String leaderTab = browser.driver.getWindowHandle();
      browser.screenshot("cluster-leader");

      // A page on the standby shows it, and counts the leader's decisions from its own stream.
      browser.driver.switchTo().newWindow(WindowType.TAB);
      browser.driver.get("http://127.0.0.1:" + p2 + "/#token=" + RISK);
      waitFor(
          browser,
          "the header shows node n2 as standby",
          () -> browser.driver.findElement(By.id("node")).getText().equals("node n2 · standby"));
      waitFor(
          browser,
          "the standby's stream is live",
          () -> browser.driver.findElement(By.id("conn-status")).getText().equals("live"));
      for (int i = 0; i < 3; i++) {
        final HttpResponse<String> order =
            post(
                p1,
                "/v1/orders/check",
                ("{\"ts\":\"2026-12-03T10:00:0%dZ\",\"orderId\":\"d%d\",\"account\":\"A1\","
                        + "\"strategy\":\"S1\",\"symbol\":\"BTC-USD\",\"side\":\"buy\","
                        + "\"quantity\":\"0.001\",\"price\":\"43001\"}")
                    .formatted(i + 1, i));
        assertEquals(200, order.statusCode(), order.body());
      }
      waitFor(
          browser,
          "the page on the standby counts the three approvals",
          () -> browser.driver.findElement(By.id("counter-approved")).getText().equals("3"));
      browser.screenshot("cluster-standby");

      // The leader stops: the page that was on it follows the node that took over.
      browser.driver.switchTo().window(leaderTab);
      n1.close();
      n1 = null;
      waitFor(
          browser,
          "the page on n1 moved to n2, the new leader",
          () ->
              browser.driver.getCurrentUrl().startsWith("http://127.0.0.1:" + p2 + "/")
                  && browser
                      .driver
                      .findElement(By.id("node"))
                      .getText()
                      .equals("node n2 · leader"));
      waitFor(
          browser,
          "signed in and live on n2",
          () ->
              browser.driver.findElement(By.id("who")).getText().equals("officer (risk)")
                  && browser.driver.findElement(By.id("conn-status")).getText().equals("live"));
      assertTrue(!browser.driver.getCurrentUrl().contains("token="), "the token left the URL");
      browser.screenshot("cluster-followed");
    } finally {
      if (n1 != null) {
        n1.close();
      }
      if (n2 != null) {
        n2.close();
      }
    }
  }
}
