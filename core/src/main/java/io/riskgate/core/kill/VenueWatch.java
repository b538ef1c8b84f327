package io.riskgate.core.kill;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The venues' last reported status, for the firm's system kill triggers: a venue that disconnects
 * (when {@link KillSwitchSettings#killOnVenueDisconnect()} is on) or whose round-trip latency goes
 * beyond {@code maxVenueLatencyMs}. Each fires on the transition into its condition.
 */
public final class VenueWatch {
  private final KillSwitchSettings kill;
  // Sorted maps: a snapshot writes them in venue order.
  private final Map<String, Boolean> venueDown = new TreeMap<>();
  private final Map<String, Boolean> venueSlow = new TreeMap<>();

  public VenueWatch(KillSwitchSettings kill) {
    this.kill = kill;
  }

  /** A venue reported its connectivity and latency; a condition that rose goes to {@code trip}. */
  public void onStatus(String venue, boolean connected, double latencyMs, KillTrip trip) {
    final boolean down = !connected;
    final boolean wasDown = venueDown.getOrDefault(venue, false);
    venueDown.put(venue, down);
    if (down && !wasDown && kill.killOnVenueDisconnect()) {
      trip.trip("venue " + venue + " disconnected", 1, 0);
    }
    final boolean slow = kill.maxVenueLatencyMs() > 0 && latencyMs > kill.maxVenueLatencyMs();
    final boolean wasSlow = venueSlow.getOrDefault(venue, false);
    venueSlow.put(venue, slow);
    if (slow && !wasSlow) {
      trip.trip(
          "venue "
              + venue
              + " round-trip latency "
              + latencyMs
              + " ms beyond "
              + kill.maxVenueLatencyMs()
              + " ms",
          latencyMs,
          kill.maxVenueLatencyMs());
    }
  }

  /** Writes the status of every venue, sorted by venue: who is down, then who is slow. */
  public void write(SnapshotWriter out) {
    writeVenues(out, venueDown);
    writeVenues(out, venueSlow);
  }

  /** Replaces the status with what {@link #write} wrote. */
  public void read(SnapshotReader in) {
    readVenues(in, venueDown);
    readVenues(in, venueSlow);
  }

  private static void writeVenues(SnapshotWriter out, Map<String, Boolean> venues) {
    out.writeInt(venues.size());
    for (Map.Entry<String, Boolean> entry : venues.entrySet()) {
      out.writeString(entry.getKey());
      out.writeBoolean(entry.getValue());
    }
  }

  private static void readVenues(SnapshotReader in, Map<String, Boolean> venues) {
    venues.clear();
    final int n = in.readCount(2);
    for (int i = 0; i < n; i++) {
      venues.put(in.readStringNonNull("venue"), in.readBoolean());
    }
    if (venues.size() != n) {
      throw in.invalid("a venue written twice");
    }
  }
}
