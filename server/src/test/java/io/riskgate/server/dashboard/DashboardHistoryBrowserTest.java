package io.riskgate.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riskgate.server.RiskgateServer;
import io.riskgate.server.auth.TokenHash;
import io.riskgate.server.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's memory in a real headless Chromium: opened after a demo-like feed has traded for
 * 40 minutes of engine time, it draws the equity, drawdown, daily PnL and gross exposure charts
 * from the server's history, extends them from the stream, and its decision search finds an order
 * and shows every check with its value and limit.
 */
class DashboardHistoryBrowserTest {
  private static final String TRADER = "history-trader-token";
  private static final String VIEWER = "history-viewer-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
  private static final int MINUTES = 40;

  private static Browser browser;

  @TempDir Path data;
  private RiskgateServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> rejected = new ArrayList<>();

  @BeforeAll
  static void openBrowser() throws IOException {
    browser = new Browser();
  }

  @AfterAll
  static void closeBrowser() throws IOException {
    browser.close();
  }

  @BeforeEach
  void startServerAndTrade() throws Exception {
    final String yaml =
        """
        server: {host: 127.0.0.1, port: 0, maxBodyBytes: 65536, streamIntervalMillis: 100}
        journal: {dir: "%s", fsync: os}
        engine: {timerMillis: 0}
        instruments:
          - {symbol: BTC-USD, venue: X, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto, sector: crypto}
        accounts:
          - {account: A1, capital: 1000000, currency: USD}
        strategies:
          - {strategy: S1, account: A1, allocation: 500000}
          - {strategy: S2, account: A1, allocation: 500000}
        limits:
          - {scope: "account:A1", limits: {minLiquidity: null, maxPositionFraction: 0.5}}
        tokens:
          - {name: desk, role: trader, sha256: "%s", strategies: [S1, S2]}
          - {name: screen, role: viewer, sha256: "%s"}
        """
            .formatted(data.toString(), TokenHash.sha256Hex(TRADER), TokenHash.sha256Hex(VIEWER));
    server =
        RiskgateServer.start(
            ConfigLoader.parse(yaml, "test"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    trade();
  }

  @AfterEach
  void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private String base() {
    return "http://127.0.0.1:" + server.port();
  }

  private static String at(int seconds) {
    return START.plusSeconds(seconds).toString();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    final HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + TRADER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + " " + body + ": " + r.body());
    return r;
  }

  private void price(int seconds, long bid) throws Exception {
    post(
        "/v1/prices",
        "{\"ts\":\"%s\",\"symbol\":\"BTC-USD\",\"bid\":\"%d\",\"ask\":\"%d\"}"
            .formatted(at(seconds), bid, bid + 1));
  }

  private boolean order(int seconds, String id, String strategy, String side, String quantity)
      throws Exception {
    final JsonNode decision =
        JSON.readTree(
            post(
                    "/v1/orders/check",
                    ("{\"ts\":\"%s\",\"orderId\":\"%s\",\"account\":\"A1\",\"strategy\":\"%s\","
                            + "\"symbol\":\"BTC-USD\",\"side\":\"%s\",\"quantity\":\"%s\"}")
                        .formatted(at(seconds), id, strategy, side, quantity))
                .body());
    return decision.get("approved").asBoolean();
  }

  /**
   * A demo-like session: two prices a minute moving up and down, a small trade every five minutes
   * for one strategy or the other (bought, later partly sold), and an oversized order every ten
   * minutes that the position limit rejects.
   */
  private void trade() throws Exception {
    long bid = 43_000;
    for (int m = 0; m < MINUTES; m++) {
      bid += ((m * 37) % 11 - 5) * 40L;
      price(m * 60, bid);
      if (m % 5 == 0) {
        final String strategy = m % 10 == 0 ? "S1" : "S2";
        final String side = m % 20 == 15 ? "sell" : "buy";
        final String id = "ord-" + m;
        assertTrue(order(m * 60 + 10, id, strategy, side, "1"), id);
        post(
            "/v1/fills",
            "{\"ts\":\"%s\",\"fillId\":\"fill-%d\",\"orderId\":\"%s\",\"quantity\":\"1\",\"price\":\"%d\"}"
                .formatted(at(m * 60 + 11), m, id, bid + 1));
      }
      if (m % 10 == 3) {
        final String id = "big-" + m;
        assertFalse(order(m * 60 + 20, id, "S1", "buy", "20"), id);
        rejected.add(id);
      }
      price(m * 60 + 30, bid + 15);
    }
    // The history is written off the engine thread: wait until it holds every minute.
    final long deadline = System.nanoTime() + WAIT.toNanos();
    while (historyPoints("firm") < MINUTES && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(MINUTES, historyPoints("firm"), "the server's history of the firm");
  }

  private int historyPoints(String scope) throws Exception {
    final HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/v1/history?scope=" + scope))
                .header("Authorization", "Bearer " + VIEWER)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    final JsonNode series = JSON.readTree(r.body()).get("series");
    return series.isEmpty() ? 0 : series.get(0).get("points").size();
  }

  /**
   * A wait that tries again when the dashboard redrew an element between finding it and reading it
   * (its tables are rebuilt on every update).
   */
  private WebDriverWait waiting() {
    final WebDriverWait wait = new WebDriverWait(browser.driver, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private String text(String id) {
    return browser.driver.findElement(By.id(id)).getText();
  }

  private int chartsData(String name) {
    return Integer.parseInt(
        browser.driver.findElement(By.id("charts")).getDomAttribute("data-" + name));
  }

  /** Pixels of the chart's canvas within 40 of the series' stroke colour in every channel. */
  private long strokePixels(String chart, int red, int green, int blue) {
    final Object n =
        browser.driver.executeScript(
            "const c = document.querySelector('#' + arguments[0] + ' canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) {"
                + "  if (Math.abs(d[i] - arguments[1]) < 40 && Math.abs(d[i + 1] - arguments[2]) < 40"
                + "      && Math.abs(d[i + 2] - arguments[3]) < 40 && d[i + 3] > 200) n++;"
                + "}"
                + "return n;",
            chart,
            red,
            green,
            blue);
    return ((Number) n).longValue();
  }

  @Test
  void opensWithHistoryChartsDrawnAndExtendsThemLive() throws Exception {
    browser.driver.get(base() + "/#token=" + VIEWER);
    waiting()
        .withMessage("the dashboard should connect its stream")
        .until(d -> text("conn-status").equals("live"));
    waiting()
        .withMessage(() -> "the charts should be drawn from the history: " + text("history-info"))
        .until(d -> chartsData("history-points") >= MINUTES);
    assertEquals(MINUTES, chartsData("history-points"));
    assertTrue(text("history-info").startsWith(MINUTES + " samples from 2026-11-24 10:00:00 UTC"));
    // Every chart has drawn its line (the series' stroke colour on the canvas), not an empty box.
    assertTrue(strokePixels("chart-equity", 23, 92, 211) > 100, "equity line");
    assertTrue(strokePixels("chart-drawdown", 180, 35, 24) > 100, "drawdown line");
    assertTrue(strokePixels("chart-daily-pnl", 23, 114, 69) > 100, "daily PnL line");
    assertTrue(strokePixels("chart-exposure", 181, 71, 8) > 100, "gross exposure line");
    browser.screenshot("dashboard-history");

    // The stream extends the history: a price ten minutes later is a new point.
    final int before = chartsData("points");
    price(MINUTES * 60 + 600, 44_000);
    waiting()
        .withMessage("the stream should add a point after the history")
        .until(d -> chartsData("points") > before);
    assertEquals(MINUTES, chartsData("history-points"));

    // Another scope's history.
    waiting()
        .ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                d.findElements(By.cssSelector("#history-scope option[value='strategy:S2']")).size()
                    == 1);
    new Select(browser.driver.findElement(By.id("history-scope"))).selectByValue("strategy:S2");
    waiting()
        .withMessage("the charts should show strategy:S2's history")
        .until(
            d ->
                "strategy:S2".equals(d.findElement(By.id("charts")).getDomAttribute("data-scope"))
                    && chartsData("history-points") >= MINUTES);
    assertTrue(text("charts").contains("Equity strategy:S2"), text("charts"));
  }

  @Test
  void theDecisionSearchFindsAnOrderAndShowsEveryCheck() throws Exception {
    browser.driver.get(base() + "/#token=" + VIEWER);
    waiting().until(d -> text("conn-status").equals("live"));
    final String id = rejected.get(1);
    browser.driver.findElement(By.id("search-order")).sendKeys(id);
    browser.driver.findElement(By.id("search-button")).click();
    waiting()
        .withMessage("the search should list " + id)
        .until(
            d ->
                d.findElements(By.cssSelector("#search-results tr[data-order-id='" + id + "']"))
                        .size()
                    == 1);
    assertEquals("1 decision", text("search-summary"));
    // A single match is shown at once, with every check, its value and its limit.
    waiting().until(d -> !d.findElements(By.id("decision-checks")).isEmpty());
    assertEquals(id + " — rejected by POSITION_LIMIT", text("decision-title"));
    final List<WebElement> checks =
        browser.driver.findElements(By.cssSelector("#decision-checks tbody tr"));
    assertTrue(checks.size() >= 5, "every check of the decision: " + text("decision-checks"));
    final WebElement position =
        browser.driver.findElement(
            By.cssSelector("#decision-checks tr.failed[data-code='POSITION_LIMIT']"));
    final String value = position.findElement(By.cssSelector("td.value")).getText();
    final String limit = position.findElement(By.cssSelector("td.limit")).getText();
    assertFalse(value.equals("—") || limit.equals("—"), value + " / " + limit);
    assertTrue(
        Double.parseDouble(value.replace(",", "")) > Double.parseDouble(limit.replace(",", "")),
        value + " should exceed " + limit);
    assertTrue(text("decision-detail").contains("A1 / S1"), text("decision-detail"));
    browser.driver.executeScript("document.getElementById('search').scrollIntoView()");
    browser.screenshot("dashboard-decision-search");

    // By strategy and failed check: every oversized order, and only those.
    browser.driver.findElement(By.id("search-order")).clear();
    browser.driver.findElement(By.id("search-strategy")).sendKeys("S1");
    browser.driver.findElement(By.id("search-code")).sendKeys("POSITION_LIMIT");
    browser.driver.findElement(By.id("search-button")).click();
    waiting()
        .withMessage(() -> "the search should find every rejection: " + text("search-results"))
        .until(d -> text("search-summary").equals(rejected.size() + " decisions"));
    for (String r : rejected) {
      assertEquals(
          1,
          browser
              .driver
              .findElements(By.cssSelector("#search-results tr[data-order-id='" + r + "']"))
              .size(),
          r);
    }
    // Clicking a row shows that decision.
    browser
        .driver
        .findElement(By.cssSelector("#search-results tr[data-order-id='" + rejected.get(0) + "']"))
        .click();
    waiting().until(d -> text("decision-title").startsWith(rejected.get(0) + " "));

    // A time the server cannot read is refused with its reason.
    browser.driver.findElement(By.id("search-from")).sendKeys("yesterday");
    browser.driver.findElement(By.id("search-button")).click();
    waiting()
        .withMessage("the refusal should be shown")
        .until(d -> d.findElement(By.id("search-error")).isDisplayed());
    assertTrue(text("search-error").contains("\"from\""), text("search-error"));
  }
}
