package io.riskgate.app.report;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar for long replays, redrawn in place with a carriage return: share of the
 * file's bytes read, bytes and events so far. Written to standard error, never into an output file.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final long totalBytes;
  private int lastPermille = -1;

  /**
   * @param err where the bar is drawn
   * @param totalBytes size of the file being read, positive (0 or less: bytes only, no share)
   */
  public ProgressBar(PrintWriter err, long totalBytes) {
    this.err = err;
    this.totalBytes = totalBytes;
  }

  /** Redraws the bar when the share read moved by at least 0.1%. */
  public void update(long bytesRead, long events) {
    final int permille =
        totalBytes > 0 ? (int) Math.min(1000, bytesRead * 1000 / totalBytes) : lastPermille + 1;
    if (permille == lastPermille) {
      return;
    }
    lastPermille = permille;
    err.print('\r');
    err.print(line(bytesRead, events));
    err.flush();
  }

  /** Draws the final state and ends the line. */
  public void finish(long bytesRead, long events) {
    lastPermille = -1;
    update(bytesRead, events);
    err.println();
    err.flush();
  }

  /** The text of the bar, e.g. {@code replay [#######.......] 42.0% 12.3 MB / 29.1 MB ...}. */
  String line(long bytesRead, long events) {
    final StringBuilder s = new StringBuilder("replay [");
    final double share = totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : 0;
    final int filled = (int) Math.round(share * WIDTH);
    for (int i = 0; i < WIDTH; i++) {
      s.append(i < filled ? '#' : '.');
    }
    s.append("] ");
    if (totalBytes > 0) {
      s.append(
          String.format(
              Locale.ROOT, "%5.1f%%  %s / %s", share * 100, mb(bytesRead), mb(totalBytes)));
    } else {
      s.append(mb(bytesRead));
    }
    s.append(String.format(Locale.ROOT, "  %,d events", events));
    return s.toString();
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
