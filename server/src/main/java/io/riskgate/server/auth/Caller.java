package io.riskgate.server.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who made a request: the name of the token's holder, its role and, for a trader, the strategies it
 * may act for. Journaled with every event it sends.
 *
 * @param name the token's name from the configuration (never the token itself)
 * @param role what it may do
 * @param strategies the strategies a trader may act for; ignored for other roles
 * @param allStrategies true when a trader may act for every strategy
 */
public record Caller(String name, Role role, Set<String> strategies, boolean allStrategies) {
  /** The identity of events that come from the configuration file's reference data. */
  public static final Caller CONFIG = new Caller("config", Role.RISK, Set.of(), false);

  /** The identity of the {@code timer} events of the server's own clock. */
  public static final Caller CLOCK = new Caller("clock", Role.RISK, Set.of(), false);

  public Caller {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    strategies = Set.copyOf(strategies);
    if (name.isBlank()) {
      throw new IllegalArgumentException("caller name is empty");
    }
  }

  /** Whether this caller may act for {@code strategy} as a trader. */
  public boolean mayTradeFor(String strategy) {
    return role == Role.TRADER && (allStrategies || strategies.contains(strategy));
  }
}
