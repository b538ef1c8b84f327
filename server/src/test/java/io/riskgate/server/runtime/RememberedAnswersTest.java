package io.riskgate.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class RememberedAnswersTest {
  private static final long T0 = 1_704_187_800_000_000_000L;

  private static RememberedAnswers.Answer cancel(int i) {
    return new RememberedAnswers.Answer(
        "desk1", new Event.Cancel(T0, "o" + i), new byte[0], i, List.of());
  }

  @Test
  void remembersAtMostItsCapacityForgettingTheOldestInJournalOrder() {
    final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), OutputSink.NONE);
    final RememberedAnswers answers = new RememberedAnswers(3);
    for (int i = 1; i <= 5; i++) {
      answers.remember(engine, cancel(i));
    }
    assertEquals(3, answers.size());
    assertNull(answers.earlier(new Event.Cancel(T0, "o2")));
    assertNotNull(answers.earlier(new Event.Cancel(T0, "o3")));
    assertEquals(List.of(3L, 4L, 5L), answers.entries().stream().map(a -> a.sequence()).toList());
    // A snapshot's answers restored into a smaller memory keep the newest.
    final RememberedAnswers restored = new RememberedAnswers(2);
    restored.restore(engine, answers.entries());
    assertEquals(List.of(4L, 5L), restored.entries().stream().map(a -> a.sequence()).toList());
  }
}
