package io.riskgate.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packages of {@code io.riskgate.core} form no cycle: reads the main sources' {@code package}
 * and {@code import} lines (static imports included), and every fully qualified reference to
 * another core package in the code, builds the graph of package dependencies and looks for a
 * strongly connected component of more than one package (Tarjan).
 */
class PackageCycleTest {

  private static final Path SOURCES = Path.of("src/main/java/io/riskgate/core");
  private static final Pattern PACKAGE =
      Pattern.compile("^package (io\\.riskgate\\.core[\\w.]*);", Pattern.MULTILINE);

  /** A reference to a type of a core package: the package is everything before the type's name. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(io\\.riskgate\\.core(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");

  @Test
  void corePackagesHaveNoCycle() {
    Map<String, Set<String>> graph = dependencies();
    assertTrue(graph.size() > 10, "read the core packages: " + graph.keySet());
    assertEquals(List.of(), cycles(graph), "package cycles among io.riskgate.core.*");
  }

  @Test
  void findsACycleWhenThereIsOne() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("c"));
    graph.put("c", Set.of("a"));
    graph.put("d", Set.of("a"));
    assertEquals(List.of(List.of("a", "b", "c")), cycles(graph));
    graph.put("c", Set.of());
    assertEquals(List.of(), cycles(graph));
  }

  @Test
  void eventDoesNotDependOnEngine() {
    Set<String> event = dependencies().get("io.riskgate.core.event");
    assertTrue(event != null && !event.contains("io.riskgate.core.engine"), String.valueOf(event));
  }

  /**
   * The rooms the engine wires get its state as arguments or narrow interfaces, never the engine.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"breaker", "check", "kill", "throttle", "monitor", "report", "sizing", "snapshot"})
  void roomDoesNotDependOnEngine(String room) {
    Set<String> uses = dependencies().get("io.riskgate.core." + room);
    assertTrue(uses != null, "no package io.riskgate.core." + room);
    assertFalse(uses.contains("io.riskgate.core.engine"), room + " uses " + uses);
  }

  static Map<String, Set<String>> dependencies() {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = withoutComments(Files.readString(file));
        Matcher declared = PACKAGE.matcher(text);
        if (!declared.find()) {
          throw new AssertionError("no package line in " + file);
        }
        String from = declared.group(1);
        Set<String> to = graph.computeIfAbsent(from, p -> new TreeSet<>());
        Matcher reference = REFERENCE.matcher(text.substring(declared.end()));
        while (reference.find()) {
          if (!reference.group(1).equals(from)) {
            to.add(reference.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  /** Removes block and line comments (javadoc links are not dependencies of the code). */
  private static String withoutComments(String text) {
    return text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
  }

  /** Every strongly connected component of more than one node, each sorted, in sorted order. */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> found = new ArrayList<>();
    int[] counter = {0};
    for (String node : new TreeSet<>(graph.keySet())) {
      if (!index.containsKey(node)) {
        connect(node, graph, index, low, stack, onStack, found, counter);
      }
    }
    found.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    return found;
  }

  private static void connect(
      String node,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<List<String>> found,
      int[] counter) {
    index.put(node, counter[0]);
    low.put(node, counter[0]);
    counter[0]++;
    stack.push(node);
    onStack.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        connect(next, graph, index, low, stack, onStack, found, counter);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      List<String> component = new ArrayList<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      if (component.size() > 1) {
        component.sort(null);
        found.add(component);
      }
    }
  }
}
