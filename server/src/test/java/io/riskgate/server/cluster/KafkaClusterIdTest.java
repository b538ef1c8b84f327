package io.riskgate.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class KafkaClusterIdTest {
  @Test
  void aClusterIdNeverStartsWithADashWhichTheStorageToolWouldTakeForAnOption() {
    // One random id in 64 would; 10,000 draws meet such an id unless it is avoided.
    for (int i = 0; i < 10_000; i++) {
      final String id = KafkaBroker.newClusterId();
      assertEquals(22, id.length(), id);
      assertNotEquals('-', id.charAt(0), id);
    }
  }
}
