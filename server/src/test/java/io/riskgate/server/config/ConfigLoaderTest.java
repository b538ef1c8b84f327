package io.riskgate.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.server.auth.Role;
import io.riskgate.server.journal.FsyncPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final String HASH = "a".repeat(64);

  @Test
  void readsEverySectionAndKeepsDefaultsForWhatIsLeftOut() {
    final ServerConfig c =
        ConfigLoader.parse(
            """
            server: {port: 9090}
            journal: {dir: /tmp/rg, fsync: os}
            engine: {tradingDayZone: America/New_York, tradingDayStart: "17:00", markMode: mid}
            instruments:
              - {symbol: ES, venue: CME, currency: USD, tickSize: 0.25, lotSize: 1, multiplier: 50, assetClass: future}
            accounts: [{account: A1, capital: 100000, currency: USD}]
            strategies: [{strategy: S1, account: A1, allocation: 50000}]
            limits: [{scope: "strategy:S1", limits: {maxOrderQuantity: 10}}]
            tokens: [{name: desk, role: trader, sha256: "%s", strategies: ["*"]}]
            """
                .formatted(HASH),
            "test");
    assertEquals("127.0.0.1", c.host());
    assertEquals(9090, c.port());
    assertEquals(Path.of("/tmp/rg"), c.dataDirectory());
    assertEquals(FsyncPolicy.OS, c.fsyncPolicy());
    assertEquals("America/New_York", c.engine().tradingDayZone().getId());
    assertEquals(4, c.referenceData().size());
    assertEquals(Role.TRADER, c.tokens().get(0).caller().role());
    assertTrue(c.tokens().get(0).caller().mayTradeFor("anything"));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    final ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    """
                    server: {port: 70000, colour: red}
                    journal: {fsync: sometimes}
                    engine: {tradingDayZone: Mars/Base}
                    accounts: [{account: A1, capital: -5, currency: USD}]
                    strategies: [{strategy: S1, account: NOPE, allocation: 1}]
                    tokens: [{name: t, role: admin, sha256: short}]
                    extra: 1
                    """,
                    "bad.yaml"));
    final String m = e.getMessage();
    for (String expected :
        new String[] {
          "server.port must be in [0, 65535]",
          "server: unknown key \"colour\"",
          "journal.fsync",
          "engine.tradingDayZone",
          "accounts[0]",
          "strategies[0]: strategy S1: unknown account NOPE",
          "tokens[0].role",
          "tokens[0].sha256",
          "unknown section \"extra\""
        }) {
      assertTrue(m.contains(expected), "missing \"" + expected + "\" in:\n" + m);
    }
    assertEquals(9, e.problems().size(), m);
  }

  @Test
  void traderTokenWithoutStrategiesIsAProblem() {
    final ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "tokens: [{name: t, role: trader, sha256: \"" + HASH + "\"}]", "t"));
    assertTrue(e.getMessage().contains("needs strategies"), e.getMessage());
  }

  @Test
  void noFileMeansTheEmbeddedDefaults() {
    final ServerConfig c = ConfigLoader.defaults(Path.of("data"));
    assertEquals(8080, c.port());
    assertEquals("127.0.0.1", c.host());
    assertTrue(c.tokens().isEmpty());
    assertEquals(FsyncPolicy.EVERY_BATCH, c.fsyncPolicy());
    assertEquals(1000, c.timerMillis(), "the server's clock ticks every second by default");
    assertFalse(c.engine().safeguards().killSwitch().killOnStaleData());
  }

  @Test
  void readsTheClockAndTheStaleDataKillFromTheEngineSection() {
    final ServerConfig c =
        ConfigLoader.parse("engine: {timerMillis: 250, killOnStaleData: true}", "test");
    assertEquals(250, c.timerMillis());
    assertTrue(c.engine().safeguards().killSwitch().killOnStaleData());
    assertEquals(0, ConfigLoader.parse("engine: {timerMillis: 0}", "test").timerMillis());
    final ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    """
                    engine: {timerMillis: -1, killOnStaleData: "yes"}
                    tokens:
                      - {name: clock, role: risk, sha256: "%s"}
                    """
                        .formatted(HASH),
                    "bad.yaml"));
    for (String expected :
        new String[] {
          "engine.timerMillis must be in [0, 3600000], got -1",
          "engine.killOnStaleData must be true or false, got \"yes\"",
          "tokens[0].name \"clock\" is the server's own name"
        }) {
      assertTrue(e.getMessage().contains(expected), "missing \"" + expected + "\" in:\n" + e);
    }
  }

  @Test
  void numbersInTheFileAreReadAsExactDecimals() {
    final ServerConfig c =
        ConfigLoader.parse(
            """
            instruments:
              - {symbol: FINE, venue: X, currency: USD, tickSize: 1, lotSize: 0.00000001, assetClass: crypto}
            accounts: [{account: A1, capital: 99889692.41357375, currency: USD}]
            strategies: [{strategy: S1, account: A1, allocation: 876543210.12345677}]
            """,
            "test");
    final io.riskgate.core.event.Event.Account account =
        (io.riskgate.core.event.Event.Account) c.referenceData().get(1);
    assertEquals(9_988_969_241_357_375L, account.capital());
    final io.riskgate.core.event.Event.Strategy strategy =
        (io.riskgate.core.event.Event.Strategy) c.referenceData().get(2);
    assertEquals(87_654_321_012_345_677L, strategy.allocation());
  }
}
