package io.riskgate.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Asks the other nodes of the group for their status ({@code GET <url>/v1/cluster/node}, a public
 * route like {@code /metrics}), all at once, waiting {@link #TIMEOUT} at most: a node that is down
 * or frozen is simply missing from the answer.
 */
public final class ClusterPeers implements AutoCloseable {
  /** How long a peer has to answer. */
  public static final Duration TIMEOUT = Duration.ofMillis(500);

  /** The route each node answers with its own status. */
  public static final String NODE_PATH = "/v1/cluster/node";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            final Thread t = new Thread(r, "riskgate-cluster-peers");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(executor).build();

  /** The status of each node of {@code settings} other than this one that answered in time. */
  public CompletableFuture<Map<String, JsonNode>> statuses(KafkaSettings settings) {
    return statuses(settings, id -> true, TIMEOUT, false);
  }

  /**
   * The status of each node of {@code settings} other than this one whose id passes {@code which}
   * and that answered within {@code timeout}; {@code brief}: only what each answers at once ({@code
   * ?brief}: id, role, state).
   */
  public CompletableFuture<Map<String, JsonNode>> statuses(
      KafkaSettings settings,
      java.util.function.Predicate<String> which,
      Duration timeout,
      boolean brief) {
    final Map<String, JsonNode> out = new HashMap<>();
    final List<CompletableFuture<Void>> asks =
        settings.leaderUrls().entrySet().stream()
            .filter(e -> !e.getKey().equals(settings.nodeId()) && which.test(e.getKey()))
            .map(
                e ->
                    ask(e.getValue(), timeout, brief)
                        .thenAccept(
                            status -> {
                              if (status != null) {
                                synchronized (out) {
                                  out.put(e.getKey(), status);
                                }
                              }
                            }))
            .toList();
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              synchronized (out) {
                return Map.copyOf(out);
              }
            });
  }

  private CompletableFuture<JsonNode> ask(String url, Duration timeout, boolean brief) {
    final HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(stripSlash(url) + NODE_PATH + (brief ? "?brief" : "")))
              .timeout(timeout)
              .GET()
              .build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(null);
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .orTimeout(timeout.toMillis() + 100, java.util.concurrent.TimeUnit.MILLISECONDS)
        .handle(
            (response, error) -> {
              if (error != null || response.statusCode() != 200) {
                return null;
              }
              try {
                return JSON.readTree(response.body());
              } catch (java.io.IOException e) {
                return null;
              }
            });
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
