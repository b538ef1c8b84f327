package io.riskgate.server.journal;

import java.util.Locale;

/**
 * When the journal counts an appended record as durable.
 *
 * <p>Named after the system call that makes the difference: with {@link #EVERY_BATCH} every group
 * commit ends with an fsync (a record survives a power loss once acknowledged); with {@link #OS} a
 * record is durable once written to the operating system (it survives a crash of the process, not
 * of the machine).
 */
public enum FsyncPolicy {
  /** Fsync once per group-commit batch; durable means on the disk. The default. */
  EVERY_BATCH("every-batch"),
  /** No fsync of records; durable means handed to the operating system. */
  OS("os");

  private final String configName;

  FsyncPolicy(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration files: {@code every-batch} or {@code os}. */
  public String configName() {
    return configName;
  }

  /** The policy named {@code name} in a configuration file. */
  public static FsyncPolicy fromConfigName(String name) {
    if (name == null) {
      throw new IllegalArgumentException("fsync policy must be given: every-batch or os");
    }
    final String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (FsyncPolicy policy : values()) {
      if (policy.configName.equals(wanted)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "unknown fsync policy '" + name + "': expected every-batch or os");
  }
}
