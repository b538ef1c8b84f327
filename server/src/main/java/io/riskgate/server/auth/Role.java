package io.riskgate.server.auth;

/**
 * What a bearer token may do. Named after the person or program that holds it: a {@code trader} (a
 * strategy) checks, sizes and reports fills for its own strategies; {@code risk} (the risk officer)
 * sets limits, states, kills and re-arms, and sets up reference data and feeds; a {@code viewer}
 * only reads.
 */
public enum Role {
  TRADER,
  RISK,
  VIEWER;

  /** The name used in configuration files and on the wire: lower case. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The role named {@code name} in a configuration file. */
  public static Role fromConfigName(String name) {
    for (Role role : values()) {
      if (role.configName().equals(name)) {
        return role;
      }
    }
    throw new IllegalArgumentException("role must be trader, risk or viewer, got \"" + name + "\"");
  }
}
