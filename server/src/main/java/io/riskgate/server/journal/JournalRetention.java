package io.riskgate.server.journal;

import java.nio.file.Path;

/**
 * How long the journal keeps its segment files: for ever ({@link Mode#ALL}, the default), or until
 * snapshots cover them ({@link Mode#AFTER_SNAPSHOTS}), so that a server that runs for months does
 * not fill its disk.
 *
 * <p>With {@code AFTER_SNAPSHOTS} a segment goes only when every record in it is covered by the
 * oldest snapshot still retained, and never the segment being appended to (see {@link
 * Journal#releaseSegmentsCoveredBy}). It is deleted, or moved to {@code archiveDirectory} when one
 * is given; an archived segment keeps its file name, so moving it back into the journal directory
 * makes a full replay possible again. The price: a start that can use none of the retained
 * snapshots (all damaged, or taken with other engine settings or reference data) cannot fall back
 * to a full replay and stops.
 *
 * @param mode when segments may go
 * @param archiveDirectory where released segments are moved; null to delete them. Only with {@code
 *     AFTER_SNAPSHOTS}
 */
public record JournalRetention(Mode mode, Path archiveDirectory) {

  /** Every segment is kept. */
  public static final JournalRetention ALL = new JournalRetention(Mode.ALL, null);

  /** When segments may go. */
  public enum Mode {
    /** Keep every segment; a full replay from the first record is always possible. */
    ALL("all"),
    /** Release the segments the oldest retained snapshot covers. */
    AFTER_SNAPSHOTS("afterSnapshots");

    private final String configName;

    Mode(String configName) {
      this.configName = configName;
    }

    /** The name in configuration files: {@code all} or {@code afterSnapshots}. */
    public String configName() {
      return configName;
    }

    /** The mode named {@code name} in a configuration file. */
    public static Mode fromConfigName(String name) {
      for (Mode mode : values()) {
        if (mode.configName.equals(name)) {
          return mode;
        }
      }
      throw new IllegalArgumentException("must be all or afterSnapshots, got \"" + name + "\"");
    }
  }

  /** Validates the pair. */
  public JournalRetention {
    if (mode == null) {
      throw new IllegalArgumentException("journal retention mode must be given");
    }
    if (mode == Mode.ALL && archiveDirectory != null) {
      throw new IllegalArgumentException(
          "an archive directory ("
              + archiveDirectory
              + ") is set but every segment is retained: segments are archived only with"
              + " retain: afterSnapshots");
    }
  }

  /** Segments covered by snapshots are deleted. */
  public static JournalRetention deleteAfterSnapshots() {
    return new JournalRetention(Mode.AFTER_SNAPSHOTS, null);
  }

  /** Segments covered by snapshots are moved to {@code directory}. */
  public static JournalRetention archiveAfterSnapshots(Path directory) {
    if (directory == null) {
      throw new IllegalArgumentException("archive directory must be given");
    }
    return new JournalRetention(Mode.AFTER_SNAPSHOTS, directory);
  }

  /** Whether segments covered by snapshots may go. */
  public boolean afterSnapshots() {
    return mode == Mode.AFTER_SNAPSHOTS;
  }
}
