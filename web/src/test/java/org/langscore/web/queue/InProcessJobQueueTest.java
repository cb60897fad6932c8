package org.langscore.web.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class InProcessJobQueueTest {
    @Test
    void retriedMessagesComeBackAndDeadLettersAreKeptWithTheirReason() throws Exception {
        UUID flaky = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        UUID fine = UUID.randomUUID();
        Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        List<String> consumers = new CopyOnWriteArrayList<>();
        CountDownLatch settled = new CountDownLatch(3);
        JobHandler handler = (jobId, consumerId, stopping, claimed) -> {
            int delivery = deliveries.computeIfAbsent(jobId, id -> new AtomicInteger()).incrementAndGet();
            consumers.add(consumerId);
            Outcome outcome;
            if (jobId.equals(flaky) && delivery < 3) {
                outcome = Outcome.RETRY;
            } else if (jobId.equals(poison)) {
                outcome = Outcome.deadLetter("poisoned");
            } else {
                outcome = Outcome.DONE;
            }
            if (outcome.disposition() != Outcome.Disposition.RETRY) {
                settled.countDown();
            }
            return outcome;
        };
        try (InProcessJobQueue queue = new InProcessJobQueue(10);
             JobQueue.Consumers running = queue.startConsumers("local", 2, handler)) {
            queue.publish(flaky);
            queue.publish(poison);
            queue.publish(fine);
            assertTrue(settled.await(10, TimeUnit.SECONDS));
            assertEquals(3, deliveries.get(flaky).get(), "delivered until it succeeded");
            assertEquals(1, deliveries.get(poison).get());
            assertEquals(1, deliveries.get(fine).get());
            assertEquals(List.of(poison + ": poisoned"), queue.deadLetters());
            assertTrue(consumers.stream().allMatch(c -> c.equals("local-0") || c.equals("local-1")), consumers.toString());
        }
    }
}
