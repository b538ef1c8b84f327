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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against a real server: it signs in, shows live figures
 * that change as events arrive, lets a risk officer halt a strategy and kill an account through the
 * confirmation, shows a viewer no controls (and the server refuses the viewer anyway), and shows
 * the disconnected state when the server stops.
 */
class DashboardBrowserTest {
  private static final String TRADER = "dash-trader-token";
  private static final String RISK = "dash-risk-token";
  private static final String VIEWER = "dash-viewer-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static Browser browser;

  @TempDir Path data;
  private RiskgateServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void openBrowser() throws IOException {
    browser = new Browser();
  }

  @AfterAll
  static void closeBrowser() throws IOException {
    browser.close();
  }

  @BeforeEach
  void startServer() throws IOException {
    final String yaml =
        """
        server: {host: 127.0.0.1, port: 0, maxBodyBytes: 65536, streamIntervalMillis: 100}
        journal: {dir: "%s", fsync: os, rollBytes: 1048576}
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
          - {name: officer, role: risk, sha256: "%s"}
          - {name: screen, role: viewer, sha256: "%s"}
        """
            .formatted(
                data.toString(),
                TokenHash.sha256Hex(TRADER),
                TokenHash.sha256Hex(RISK),
                TokenHash.sha256Hex(VIEWER));
    server =
        RiskgateServer.start(
            ConfigLoader.parse(yaml, "test"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    post("/v1/prices", TRADER, price("10:00:00", "43000", "43001"));
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

  private HttpResponse<String> post(String path, String token, String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base() + path))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode report() throws IOException, InterruptedException {
    final HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/v1/report"))
                .header("Authorization", "Bearer " + VIEWER)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private JsonNode ledger(String scope) throws IOException, InterruptedException {
    for (JsonNode l : report().get("ledgers")) {
      if (l.get("scope").asText().equals(scope)) {
        return l;
      }
    }
    throw new AssertionError("no ledger " + scope);
  }

  private static String price(String time, String bid, String ask) {
    return "{\"ts\":\"2026-11-24T%sZ\",\"symbol\":\"BTC-USD\",\"bid\":\"%s\",\"ask\":\"%s\"}"
        .formatted(time, bid, ask);
  }

  private static String order(String time, String id, String strategy, String quantity) {
    return ("{\"ts\":\"2026-11-24T%sZ\",\"orderId\":\"%s\",\"account\":\"A1\","
            + "\"strategy\":\"%s\",\"symbol\":\"BTC-USD\",\"side\":\"buy\",\"quantity\":\"%s\","
            + "\"price\":\"43001\"}")
        .formatted(time, id, strategy, quantity);
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

  private void waitForText(String id, String expected) {
    waiting()
        .withMessage(() -> "#" + id + " should read " + expected + " but reads " + text(id))
        .until(d -> text(id).equals(expected));
  }

  private WebElement scopeCell(String scope, String cell) {
    return browser.driver.findElement(
        By.cssSelector("#scopes tr[data-scope='" + scope + "'] td." + cell));
  }

  /** Clicks a control of a scope's row; the row may be redrawn between finding and clicking. */
  private void control(String scope, String action) {
    waiting()
        .ignoring(StaleElementReferenceException.class)
        .withMessage(() -> "no enabled " + action + " control for " + scope)
        .until(
            d -> {
              final WebElement b =
                  scopeCell(scope, "controls")
                      .findElement(By.cssSelector("button[data-action='" + action + "']"));
              if (!b.isEnabled()) {
                return false;
              }
              b.click();
              return true;
            });
  }

  private void waitForScopeCell(String scope, String cell, String expected) {
    waiting()
        .withMessage(() -> scope + " " + cell + " should read " + expected)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> scopeCell(scope, cell).getText().equals(expected));
  }

  private void openSignedIn(String token) {
    browser.driver.get(base() + "/#token=" + token);
    waiting()
        .withMessage("the dashboard should connect its stream")
        .until(d -> text("conn-status").equals("live"));
    waiting()
        .withMessage("the scopes table should list the firm")
        .until(d -> !d.findElements(By.cssSelector("#scopes tr[data-scope='firm']")).isEmpty());
  }

  private static void assertPng(Path file) throws IOException {
    final byte[] bytes = Files.readAllBytes(file);
    assertTrue(bytes.length > 1000, file + " is too small to be a screenshot");
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
    assertEquals('N', bytes[2]);
    assertEquals('G', bytes[3]);
  }

  @Test
  void servesTheDashboardAndItsChartLibrary() throws Exception {
    final HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("id=\"banner-disconnected\""), page.body());
    for (String asset :
        List.of(
            "/dashboard.js", "/dashboard.css", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")) {
      final HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base() + asset)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), asset);
    }
  }

  @Test
  void rejectsAnInvalidTokenAtSignIn() {
    browser.driver.get(base() + "/");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    browser.driver.findElement(By.id("token")).sendKeys("not-a-token");
    browser.driver.findElement(By.id("login-button")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    assertEquals("This token is not valid.", text("login-error"));
    assertFalse(browser.driver.findElement(By.id("app")).isDisplayed());
  }

  @Test
  void showsLiveFiguresAndLetsTheRiskOfficerHaltAndKill() throws Exception {
    openSignedIn(RISK);
    assertEquals("officer (risk)", text("who"));
    assertTrue(
        (Boolean) browser.driver.executeScript("return typeof uPlot === 'function'"),
        "uPlot loaded");
    assertEquals("1,000,000", text("firm-equity"));

    final HttpResponse<String> first =
        post("/v1/orders/check", TRADER, order("10:00:01", "o1", "S1", "1"));
    assertEquals(200, first.statusCode(), first.body());
    post(
        "/v1/fills",
        TRADER,
        "{\"ts\":\"2026-11-24T10:00:02Z\",\"fillId\":\"f1\",\"orderId\":\"o1\",\"quantity\":\"1\","
            + "\"price\":\"43001\"}");
    final HttpResponse<String> second =
        post("/v1/orders/check", TRADER, order("10:00:03", "o2", "S1", "20"));
    assertEquals(200, second.statusCode(), second.body());
    waitForText("counter-approved", "1");
    waitForText("counter-rejected", "1");
    waiting()
        .withMessage("the rejected decision should be listed with its code")
        .until(d -> text("decisions").contains("o2 rejected POSITION_LIMIT"));
    waiting()
        .withMessage("the position should be listed")
        .until(d -> text("positions").contains("A1/S1") && text("positions").contains("BTC-USD"));

    post("/v1/prices", TRADER, price("10:05:00", "45000", "45001"));
    // The fill alone already moves equity (marked at the old bid); wait for the new price's
    // figure rather than for any change. Marked at the bid: 1,000,000 + (45,000 - 43,001).
    waitForText("firm-equity", "1,001,999");
    waiting()
        .withMessage("exposure by instrument should list BTC-USD")
        .until(d -> text("exp-instrument").contains("BTC-USD"));
    assertPng(browser.screenshot("dashboard-risk-live"));

    control("strategy:S1", "halt");
    waitForScopeCell("strategy:S1", "trading", "HALTED");
    assertEquals("HALTED", ledger("strategy:S1").get("state").asText());
    final HttpResponse<String> halted =
        post("/v1/orders/check", TRADER, order("10:06:00", "o3", "S1", "1"));
    assertTrue(halted.body().contains("\"rejectedBy\":\"TRADING_HALTED\""), halted.body());

    control("account:A1", "kill");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
    assertTrue(text("confirm-text").contains("account:A1"), text("confirm-text"));
    browser.driver.findElement(By.id("confirm-cancel")).click();
    waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
    assertFalse(ledger("account:A1").get("killed").asBoolean(), "cancel must not kill");

    control("account:A1", "kill");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-ok")));
    assertPng(browser.screenshot("dashboard-kill-confirmation"));
    browser.driver.findElement(By.id("confirm-ok")).click();
    waitForScopeCell("account:A1", "kill", "KILLED");
    assertTrue(ledger("account:A1").get("killed").asBoolean());
    waiting()
        .withMessage("the kill should show in the alerts feed")
        .until(d -> text("alerts").contains("KILLED"));
    assertPng(browser.screenshot("dashboard-killed"));

    control("account:A1", "rearm");
    waitForScopeCell("account:A1", "kill", "armed");
    assertFalse(ledger("account:A1").get("killed").asBoolean());
  }

  @Test
  void showsBalancesPerCurrencyOnceASecondCurrencyIsTraded() throws Exception {
    openSignedIn(VIEWER);
    assertFalse(
        browser.driver.findElement(By.id("currencies-panel")).isDisplayed(),
        "no currency table while every amount is in the account currency");
    final HttpResponse<String> setup =
        post(
            "/v1/events",
            RISK,
            "[{\"type\":\"instrument\",\"symbol\":\"SAP\",\"venue\":\"XETR\","
                + "\"currency\":\"EUR\",\"tickSize\":\"0.01\",\"lotSize\":1,"
                + "\"assetClass\":\"equity\",\"sector\":\"technology\"},"
                + "{\"type\":\"fxRate\",\"ts\":\"2026-11-24T10:00:01Z\",\"pair\":\"EUR/USD\","
                + "\"bid\":\"1.0950\",\"ask\":\"1.0952\"},"
                + "{\"type\":\"price\",\"ts\":\"2026-11-24T10:00:01Z\",\"symbol\":\"SAP\","
                + "\"bid\":\"140.00\",\"ask\":\"140.04\"}]");
    assertEquals(200, setup.statusCode(), setup.body());
    final HttpResponse<String> decision =
        post(
            "/v1/orders/check",
            TRADER,
            "{\"ts\":\"2026-11-24T10:00:02Z\",\"orderId\":\"sap-1\",\"account\":\"A1\","
                + "\"strategy\":\"S1\",\"symbol\":\"SAP\",\"side\":\"buy\",\"quantity\":\"100\","
                + "\"price\":\"140.04\"}");
    assertEquals(200, decision.statusCode(), decision.body());
    assertTrue(decision.body().contains("\"approved\":true"), decision.body());
    final HttpResponse<String> fill =
        post(
            "/v1/fills",
            TRADER,
            "{\"ts\":\"2026-11-24T10:00:03Z\",\"fillId\":\"sap-f1\",\"orderId\":\"sap-1\","
                + "\"quantity\":\"100\",\"price\":\"140.04\"}");
    assertEquals(200, fill.statusCode(), fill.body());
    // 100 SAP bought at 140.04 EUR: cash -14,004 EUR, the position worth 14,000 EUR at the bid.
    waiting()
        .withMessage("the firm's EUR balance should be shown")
        .until(
            d -> {
              final List<WebElement> rows =
                  d.findElements(
                      By.cssSelector("#currencies tr[data-scope='firm'][data-currency='EUR'] td"));
              return rows.size() == 6
                  && rows.get(2).getText().equals("-14,004")
                  && rows.get(3).getText().equals("14,000")
                  && rows.get(4).getText().equals("-4");
            });
    assertTrue(browser.driver.findElement(By.id("currencies-panel")).isDisplayed());
    assertFalse(
        browser
            .driver
            .findElements(
                By.cssSelector("#currencies tr[data-scope='account:A1'][data-currency='USD']"))
            .isEmpty(),
        "the account's own currency is listed too");
  }

  @Test
  void aViewerSeesNoControlsAndTheServerRefusesItAnyway() throws Exception {
    browser.driver.get(base() + "/");
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    browser.driver.findElement(By.id("token")).sendKeys(VIEWER);
    browser.driver.findElement(By.id("login-button")).click();
    waiting().until(d -> text("conn-status").equals("live"));
    waiting()
        .until(d -> !d.findElements(By.cssSelector("#scopes tr[data-scope='firm']")).isEmpty());
    assertEquals("screen (viewer)", text("who"));
    // Read in one script: the rows are redrawn as figures arrive.
    final String controls =
        (String)
            browser.driver.executeScript(
                "return Array.from(document.querySelectorAll('button.act')).map(b =>"
                    + " b.dataset.action + ':' + (b.offsetParent !== null) + ':' + b.disabled)"
                    + ".join(',');");
    assertFalse(controls.isEmpty(), "the controls exist in the page");
    for (String c : controls.split(",")) {
      assertTrue(c.endsWith(":false:true"), "a viewer's control must be hidden and disabled: " + c);
    }
    final Object status =
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/v1/kill', {method: 'POST', headers: {'Authorization': 'Bearer "
                + VIEWER
                + "', 'Content-Type': 'application/json'}, body: JSON.stringify({scope: 'firm'})})"
                + ".then(r => done(r.status));");
    assertEquals(403L, status);
    assertFalse(ledger("firm").get("killed").asBoolean());
    assertPng(browser.screenshot("dashboard-viewer"));
  }

  @Test
  void showsTheDisconnectedStateWhenTheServerStopsAndReconnectsWhenItReturns() throws Exception {
    openSignedIn(VIEWER);
    assertFalse(browser.driver.findElement(By.id("banner-disconnected")).isDisplayed());
    final int port = server.port();
    server.close();
    server = null;
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-disconnected")));
    assertTrue(text("banner-disconnected").contains("Disconnected"), text("banner-disconnected"));
    assertEquals("disconnected", text("conn-status"));
    assertPng(browser.screenshot("dashboard-disconnected"));

    final String yaml =
        """
        server: {host: 127.0.0.1, port: %d, maxBodyBytes: 65536, streamIntervalMillis: 100}
        journal: {dir: "%s", fsync: os, rollBytes: 1048576}
        engine: {timerMillis: 0}
        tokens:
          - {name: screen, role: viewer, sha256: "%s"}
        """
            .formatted(port, data.resolve("restarted"), TokenHash.sha256Hex(VIEWER));
    server =
        RiskgateServer.start(
            ConfigLoader.parse(yaml, "test"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    waiting()
        .withMessage("the dashboard should reconnect by itself")
        .until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner-disconnected")));
    assertEquals("live", text("conn-status"));
  }
}
