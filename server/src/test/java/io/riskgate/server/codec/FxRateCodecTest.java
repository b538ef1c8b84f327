package io.riskgate.server.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FxRateCodecTest {
  private static final String TS = "\"ts\":\"2024-01-02T14:30:00Z\"";

  private static String rate(String pair, String bid, String ask) {
    return "{\"type\":\"fxRate\","
        + TS
        + ",\"pair\":"
        + pair
        + ",\"bid\":"
        + bid
        + ",\"ask\":"
        + ask
        + "}";
  }

  @Test
  void parsesARateWithItsPairAndBothSides() {
    final Event.FxRate rate =
        (Event.FxRate) EventCodec.parse(rate("\"EUR/USD\"", "\"1.0800\"", "1.0802"));
    assertEquals("EUR", rate.base());
    assertEquals("USD", rate.quote());
    assertEquals(Fixed.parse("1.08"), rate.bid());
    assertEquals(Fixed.parse("1.0802"), rate.ask());
    assertEquals(1_704_205_800_000_000_000L, rate.timestampNanos());
    assertEquals("EUR/USD", rate.pair());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"EUR/USD\"'|'\"NaN\"'|'1.08'|field \"bid\" is not a decimal number",
        "'\"EUR/USD\"'|'\"Infinity\"'|'1.08'|field \"bid\" is not a decimal number",
        "'\"EUR/USD\"'|'-1.08'|'1.08'|bid must be positive",
        "'\"EUR/USD\"'|'0'|'1.08'|bid must be positive",
        "'\"EUR/USD\"'|'1.09'|'1.08'|ask 1.08 is below bid 1.09",
        "'\"EURUSD\"'|'1.08'|'1.09'|must be two currency codes",
        "'\"EUR/USD/JPY\"'|'1.08'|'1.09'|must be two currency codes",
        "'\"eur/usd\"'|'1.08'|'1.09'|must be two currency codes",
        "'\"E/USD\"'|'1.08'|'1.09'|must be two currency codes",
        "'\"USD/USD\"'|'1.08'|'1.09'|names one currency twice",
        "'12'|'1.08'|'1.09'|field \"pair\" must be a string",
        "'\"EUR/USD\"'|'1.080000001'|'1.09'|more than 8 decimals",
      })
  void badRatesAreRefusedWithTheReason(String pair, String bid, String ask, String message) {
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EventCodec.parse(rate(pair, bid, ask)));
    assertTrue(e.getMessage().startsWith("fxRate: "), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void aRateWithoutItsFieldsOrWithOthersIsRefused() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> EventCodec.parse("{\"type\":\"fxRate\"," + TS + ",\"bid\":1,\"ask\":1}"))
            .getMessage()
            .contains("\"pair\" is missing"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    EventCodec.parse(
                        "{\"type\":\"fxRate\",\"pair\":\"EUR/USD\",\"bid\":1,\"ask\":1}"))
            .getMessage()
            .contains("\"ts\" is missing"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    EventCodec.parse(
                        "{\"type\":\"fxRate\","
                            + TS
                            + ",\"pair\":\"EUR/USD\",\"bid\":1,\"ask\":1,\"last\":1}"))
            .getMessage()
            .contains("unknown field \"last\""));
  }

  @Test
  void anInstrumentWithoutACurrencyIsInTheAccountCurrencyAndABadCodeIsRefused() {
    final String instrument =
        "{\"type\":\"instrument\",\"symbol\":\"X\",\"venue\":\"V\",\"tickSize\":\"0.01\","
            + "\"lotSize\":1,\"assetClass\":\"equity\"";
    assertNull(((Event.Instrument) EventCodec.parse(instrument + "}")).currency());
    assertEquals(
        "EUR",
        ((Event.Instrument) EventCodec.parse(instrument + ",\"currency\":\"EUR\"}")).currency());
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EventCodec.parse(instrument + ",\"currency\":\"euro\"}"));
    assertTrue(e.getMessage().contains("must be a currency code"), e.getMessage());
  }

  @Test
  void aFixedRiskSizeRequestCarriesItsStopCommissionAndHardLimit() {
    final Event.SizeRequest request =
        (Event.SizeRequest)
            EventCodec.parse(
                "{\"type\":\"sizeRequest\","
                    + TS
                    + ",\"requestId\":\"r1\",\"account\":\"A1\",\"strategy\":\"S1\","
                    + "\"symbol\":\"SAP\",\"side\":\"buy\",\"sizer\":\"fixedRisk\","
                    + "\"riskFraction\":0.001,\"stop\":\"98.02\",\"commission\":\"0.5\","
                    + "\"hardLimit\":100}");
    assertEquals(Event.Sizer.FIXED_RISK, request.sizer());
    assertEquals(Fixed.parse("98.02"), request.stop());
    assertEquals(Fixed.parse("0.5"), request.commission());
    assertEquals(Fixed.ofLong(100), request.hardLimit());
    final IllegalArgumentException noStop =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EventCodec.parse(
                    "{\"type\":\"sizeRequest\","
                        + TS
                        + ",\"requestId\":\"r1\",\"account\":\"A1\",\"strategy\":\"S1\","
                        + "\"symbol\":\"SAP\",\"side\":\"buy\",\"sizer\":\"fixedRisk\","
                        + "\"riskFraction\":0.001}"));
    assertTrue(noStop.getMessage().contains("stop must be positive"), noStop.getMessage());
  }
}
