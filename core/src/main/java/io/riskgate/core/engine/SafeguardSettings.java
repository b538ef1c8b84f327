package io.riskgate.core.engine;

import java.util.Objects;

/**
 * Settings of the engine's safeguards, the protections that act by themselves: circuit breakers per
 * kind of scope, the kill switch's automatic triggers and retries, and the repeated-execution
 * throttle.
 */
public record SafeguardSettings(
    BreakerSettings strategyBreaker,
    BreakerSettings accountBreaker,
    BreakerSettings firmBreaker,
    KillSwitchSettings killSwitch,
    ThrottleSettings throttle) {

  public SafeguardSettings {
    Objects.requireNonNull(strategyBreaker, "strategyBreaker");
    Objects.requireNonNull(accountBreaker, "accountBreaker");
    Objects.requireNonNull(firmBreaker, "firmBreaker");
    Objects.requireNonNull(killSwitch, "killSwitch");
    Objects.requireNonNull(throttle, "throttle");
  }

  /** The seed's breakers at every kind of scope, the seed's kill triggers, the default throttle. */
  public static SafeguardSettings defaults() {
    final BreakerSettings breaker = BreakerSettings.defaults();
    return new SafeguardSettings(
        breaker, breaker, breaker, KillSwitchSettings.defaults(), ThrottleSettings.defaults());
  }

  /**
   * No automatic protection: breakers never trip by themselves, the kill switch trips only by hand
   * (and still flattens), no throttle.
   */
  public static SafeguardSettings off() {
    final BreakerSettings breaker = BreakerSettings.off();
    return new SafeguardSettings(
        breaker,
        breaker,
        breaker,
        KillSwitchSettings.manualOnly(),
        new ThrottleSettings(0, 60_000_000_000L));
  }

  /** The breaker settings of a kind of scope. */
  public BreakerSettings breaker(io.riskgate.core.limit.Scope.Kind kind) {
    return switch (kind) {
      case STRATEGY -> strategyBreaker;
      case ACCOUNT -> accountBreaker;
      case FIRM -> firmBreaker;
      default -> throw new IllegalArgumentException("no circuit breaker at " + kind + " scopes");
    };
  }

  /** A copy with other kill switch settings. */
  public SafeguardSettings withKillSwitch(KillSwitchSettings settings) {
    return new SafeguardSettings(strategyBreaker, accountBreaker, firmBreaker, settings, throttle);
  }

  /** A copy with the same breaker settings at every kind of scope. */
  public SafeguardSettings withBreakers(BreakerSettings settings) {
    return new SafeguardSettings(settings, settings, settings, killSwitch, throttle);
  }

  /** A copy with other throttle settings. */
  public SafeguardSettings withThrottle(ThrottleSettings settings) {
    return new SafeguardSettings(
        strategyBreaker, accountBreaker, firmBreaker, killSwitch, settings);
  }
}
