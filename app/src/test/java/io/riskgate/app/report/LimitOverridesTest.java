package io.riskgate.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitOverridesTest {
  private static final String FILE =
      String.join(
          "\n",
          "- scope: firm",
          "  limits: {maxLeverage: 3}",
          "- scope: account:A1",
          "  limits: {maxPositionFraction: 0.2, minLiquidity: null}",
          "- scope: strategy:S1",
          "  limits: {maxStrategyDrawdown: 0.1}",
          "- scope: instrument:XYZ",
          "  limits: {restricted: true, maxOrderQuantity: 500}",
          "");

  @Test
  void eachScopesOverridesFollowItsDefinitionAndItsLimitsEvents() {
    final LimitOverrides o = LimitOverrides.parse(FILE, "a.yaml");
    assertEquals(Map.of(Limit.MAX_LEVERAGE, Fixed.parse("3")), o.firm().limits());
    final Event.Limits account =
        o.after(new Event.Account(Event.NO_TIME, "A1", Fixed.parse("1000"), "USD"));
    assertEquals(new Scope(Scope.Kind.ACCOUNT, "A1"), account.scope());
    assertEquals(Fixed.parse("0.2"), account.limits().get(Limit.MAX_POSITION_FRACTION));
    assertEquals(LimitSet.UNSET, account.limits().get(Limit.MIN_LIQUIDITY));
    final Event.Limits fileChange =
        new Event.Limits(
            Event.NO_TIME,
            new Scope(Scope.Kind.ACCOUNT, "A1"),
            Map.of(Limit.MAX_POSITION_FRACTION, Fixed.parse("0.5")),
            "risk");
    assertSame(account, o.after(fileChange));
    assertEquals(
        Fixed.parse("0.1"),
        o.after(new Event.Strategy(Event.NO_TIME, "S1", "A1", Fixed.parse("100")))
            .limits()
            .get(Limit.MAX_STRATEGY_DRAWDOWN));
    assertEquals(
        Fixed.ONE,
        o.after(
                new Event.Instrument(
                    Event.NO_TIME,
                    "XYZ",
                    "V",
                    "USD",
                    Fixed.parse("0.01"),
                    Fixed.ONE,
                    Fixed.ONE,
                    "equity",
                    "none"))
            .limits()
            .get(Limit.RESTRICTED));
    assertNull(o.after(new Event.Account(Event.NO_TIME, "A2", Fixed.parse("1000"), "USD")));
    assertNull(o.after(new Event.Timer(1)));
    assertTrue(LimitOverrides.NONE.isEmpty());
    assertNull(LimitOverrides.NONE.after(fileChange));
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsEntry() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LimitOverrides.parse(
                    "- scope: account:A1\n  limits: {maxLeverage: -1}\n"
                        + "- scope: strategy:S1\n  limits: {maxPositionFraction: \"lots\"}\n"
                        + "- limits: {maxLeverage: 2}\n",
                    "b.yaml"));
    assertTrue(e.getMessage().startsWith("b.yaml: "), e.getMessage());
    assertTrue(e.getMessage().contains("entry 1: limit maxLeverage"), e.getMessage());
    assertTrue(e.getMessage().contains("entry 2: limit maxPositionFraction must be a number"));
    assertTrue(e.getMessage().contains("entry 3: scope is missing"), e.getMessage());
  }

  @Test
  void emptyAndNonListFilesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> LimitOverrides.parse("", "e.yaml"));
    assertThrows(IllegalArgumentException.class, () -> LimitOverrides.parse("[]", "e.yaml"));
    assertThrows(IllegalArgumentException.class, () -> LimitOverrides.parse("42", "e.yaml"));
    assertThrows(
        IllegalArgumentException.class,
        () -> LimitOverrides.parse("- scope: firm\n  limits: {}\n", "e.yaml"));
  }
}
