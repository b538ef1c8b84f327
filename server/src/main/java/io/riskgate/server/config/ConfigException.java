package io.riskgate.server.config;

import java.util.List;

/** A configuration file with problems: every problem found, each naming its key. */
public final class ConfigException extends IllegalArgumentException {
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(
        "invalid configuration "
            + source
            + " ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one sentence each. */
  public List<String> problems() {
    return problems;
  }
}
