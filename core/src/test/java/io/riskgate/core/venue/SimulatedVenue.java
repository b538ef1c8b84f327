package io.riskgate.core.venue;

import io.riskgate.core.check.Decision;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.SizeAnswer;
import io.riskgate.core.engine.StateChange;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.Action;
import io.riskgate.core.monitor.Alert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A trading venue in memory, named for what it stands in for: it takes the orders the engine
 * approved and the engine's {@code action} outputs, fills orders against the latest price, confirms
 * cancels, and hands the resulting events back after its latency. It can be told to disconnect
 * (instructions are lost, as on a dropped session) or to lose chosen instructions. Deterministic:
 * no clock, no threads; time comes from the events and outputs it sees.
 *
 * <p>Use it as the engine's {@link OutputSink} (it forwards every output to the sink given), pass
 * orders through {@link #submit} and prices through {@link #price}, and feed {@link #due} back into
 * the engine before each later event.
 */
public final class SimulatedVenue implements ExecutionVenue, OutputSink {
  private final String name;
  private final OutputSink downstream;
  private final Map<String, Event.Order> submitted = new HashMap<>();
  private final Map<String, Event.Price> prices = new HashMap<>();
  private final Set<String> actedOn = new HashSet<>();
  private final List<Event> outbox = new ArrayList<>();
  private final List<Long> outboxDue = new ArrayList<>();
  private boolean connected = true;
  private long latencyNanos;
  private boolean fillApprovedOrders = true;
  private Predicate<Action> lose = a -> false;
  private int fillSequence;

  public SimulatedVenue(String name, long latencyNanos, OutputSink downstream) {
    if (latencyNanos < 0) {
      throw new IllegalArgumentException("latency must not be negative, got " + latencyNanos);
    }
    this.name = name;
    this.latencyNanos = latencyNanos;
    this.downstream = downstream;
  }

  /** Remembers an order the strategy sends; the caller applies it to the engine. */
  public Event.Order submit(Event.Order order) {
    submitted.put(order.orderId(), order);
    return order;
  }

  /** Remembers the latest price of an instrument; the caller applies it to the engine. */
  public Event.Price price(Event.Price price) {
    prices.put(price.symbol(), price);
    return price;
  }

  /** Whether approved strategy orders are filled in full (true by default) or rest unfilled. */
  public void fillApprovedOrders(boolean fill) {
    this.fillApprovedOrders = fill;
  }

  /** Instructions matching {@code predicate} are lost (never acted on) until told otherwise. */
  public void lose(Predicate<Action> predicate) {
    this.lose = predicate;
  }

  /** Sets the delay between receiving an instruction and its confirmation. */
  public void latency(long nanos) {
    this.latencyNanos = nanos;
  }

  /** Drops the session: instructions are lost. Returns the status event to apply to the engine. */
  public Event.VenueStatus disconnect(long timestampNanos) {
    connected = false;
    return new Event.VenueStatus(timestampNanos, name, false, 0);
  }

  /** Restores the session. Returns the status event to apply to the engine. */
  public Event.VenueStatus reconnect(long timestampNanos, double latencyMs) {
    connected = true;
    return new Event.VenueStatus(timestampNanos, name, true, latencyMs);
  }

  /** Removes and returns, in time order, the confirmations due at or before {@code now}. */
  public List<Event> due(long now) {
    final List<Event> ready = new ArrayList<>();
    for (int i = 0; i < outbox.size(); ) {
      if (outboxDue.get(i) <= now) {
        ready.add(outbox.remove(i));
        outboxDue.remove(i);
      } else {
        i++;
      }
    }
    ready.sort((a, b) -> Long.compare(a.timestampNanos(), b.timestampNanos()));
    return ready;
  }

  /** Confirmations not yet delivered. */
  public int pending() {
    return outbox.size();
  }

  @Override
  public void cancelOrder(Action action) {
    if (!connected || lose.test(action) || !actedOn.add("cancel:" + action.orderId())) {
      return;
    }
    schedule(new Event.Cancel(action.timestampNanos() + latencyNanos, action.orderId()));
  }

  @Override
  public void flattenPosition(Action action) {
    if (!connected || lose.test(action) || !actedOn.add("flatten:" + action.orderId())) {
      return;
    }
    final long when = action.timestampNanos() + latencyNanos;
    schedule(
        new Event.Fill(
            when,
            name + "-fill-" + (++fillSequence),
            action.orderId(),
            action.quantity(),
            executable(action.symbol(), action.side()),
            0));
  }

  @Override
  public void onDecision(Decision decision) {
    downstream.onDecision(decision);
    final Event.Order order = submitted.remove(decision.orderId());
    if (order == null || !decision.approved() || !connected || !fillApprovedOrders) {
      return;
    }
    final long price = order.price() > 0 ? order.price() : executable(order.symbol(), order.side());
    schedule(
        new Event.Fill(
            decision.timestampNanos() + latencyNanos,
            name + "-fill-" + (++fillSequence),
            order.orderId(),
            order.quantity(),
            price,
            0));
  }

  @Override
  public void onAction(Action action) {
    downstream.onAction(action);
    ExecutionVenue.super.onAction(action);
  }

  @Override
  public void onSize(SizeAnswer answer) {
    downstream.onSize(answer);
  }

  @Override
  public void onAlert(Alert alert) {
    downstream.onAlert(alert);
  }

  @Override
  public void onStateChange(StateChange change) {
    downstream.onStateChange(change);
  }

  private long executable(String symbol, Side side) {
    final Event.Price p = prices.get(symbol);
    if (p == null) {
      throw new IllegalStateException("the venue has no price for " + symbol);
    }
    final long quote = side == Side.BUY ? p.ask() : p.bid();
    return quote > 0 ? quote : p.last() > 0 ? p.last() : Math.max(p.bid(), p.ask());
  }

  private void schedule(Event event) {
    outbox.add(event);
    outboxDue.add(event.timestampNanos());
  }
}
