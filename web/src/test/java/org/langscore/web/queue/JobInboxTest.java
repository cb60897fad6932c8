package org.langscore.web.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-off of the jobs channel's messages to worker slots, without a broker: messages whose
 * acknowledgement and return are recorded, as the connector would carry them out.
 */
class JobInboxTest {
    private static final long RETRY_DELAY_MILLIS = 50;

    private final JobInbox inbox = new JobInbox() {
        @Override
        void resumeChannel() {
            // No channel here: the messages are handed to receive() directly.
        }
    };
    private final List<String> deadLetters = new CopyOnWriteArrayList<>();
    private JobQueue.Consumers consumers;

    JobInboxTest() {
        inbox.json = new ObjectMapper();
    }

    @AfterEach
    void stop() {
        if (consumers != null) {
            consumers.close();
        }
        inbox.close();
    }

    /** A message that records how it was settled. */
    private static final class Recorded {
        final CompletableFuture<String> settled = new CompletableFuture<>();
        final Message<Object> message;

        Recorded(String body) {
            message = Message.of((Object) body.getBytes(StandardCharsets.UTF_8), () -> {
                settled.complete("ack");
                return CompletableFuture.completedFuture(null);
            }, reason -> {
                settled.complete("nack");
                return CompletableFuture.completedFuture(null);
            });
        }

        static Recorded of(UUID jobId) {
            return new Recorded("{\"jobId\":\"" + jobId + "\"}");
        }

        String await() throws Exception {
            return settled.get(10, TimeUnit.SECONDS);
        }
    }

    private void start(int slots, JobHandler handler) {
        consumers = inbox.start("w", slots, handler, (jobId, body, reason) -> deadLetters.add(jobId + " " + reason
                + " " + new String(body, StandardCharsets.UTF_8)), RETRY_DELAY_MILLIS);
    }

    @Test
    void aClaimedJobsMessageIsAcknowledgedWhileTheJobRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        List<String> workers = new CopyOnWriteArrayList<>();
        start(1, (jobId, consumerId, stopping, claimed) -> {
            workers.add(consumerId);
            claimed.run();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.countDown();
            return Outcome.DONE;
        });
        Recorded message = Recorded.of(UUID.randomUUID());
        CompletableFuture<Void> received = inbox.receive(message.message).toCompletableFuture();
        assertEquals("ack", message.await());
        received.get(10, TimeUnit.SECONDS);
        assertEquals(1, finished.getCount(), "the message was settled and the channel free before the job ended");
        release.countDown();
        assertTrue(finished.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("w-0"), workers);
    }

    @Test
    void aMessageNoSlotTakesWithinTheHoldGoesBackToTheQueue() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(1, (jobId, consumerId, stopping, claimed) -> {
            claimed.run();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Outcome.DONE;
        });
        Recorded first = Recorded.of(UUID.randomUUID());
        inbox.receive(first.message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("ack", first.await());

        Recorded second = Recorded.of(UUID.randomUUID());
        long started = System.nanoTime();
        inbox.receive(second.message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        long heldMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals("nack", second.await(), "returned, not taken, while the only slot is busy");
        // Held for the hold time (the timer's own delay aside), and no longer than a consumer timeout needs.
        assertTrue(heldMillis >= JobInbox.HOLD_MILLIS - 20 && heldMillis < JobInbox.HOLD_MILLIS + 2_000,
                "held " + heldMillis + " ms");
        release.countDown();
    }

    @Test
    void aSlotThatBecomesIdleDuringTheHoldTakesTheWaitingMessage() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<UUID> ran = new CopyOnWriteArrayList<>();
        start(1, (jobId, consumerId, stopping, claimed) -> {
            ran.add(jobId);
            claimed.run();
            if (ran.size() == 1) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Outcome.DONE;
        });
        UUID firstJob = UUID.randomUUID();
        UUID secondJob = UUID.randomUUID();
        inbox.receive(Recorded.of(firstJob).message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Recorded second = Recorded.of(secondJob);
        CompletableFuture<Void> waiting = inbox.receive(second.message).toCompletableFuture();
        release.countDown();
        waiting.get(10, TimeUnit.SECONDS);
        assertEquals("ack", second.await());
        assertEquals(List.of(firstJob, secondJob), ran);
    }

    @Test
    void anErrorInAJobReturnsItsMessageAndTheSlotRunsTheNextJob() throws Exception {
        UUID overflowing = UUID.randomUUID();
        UUID fine = UUID.randomUUID();
        start(1, (jobId, consumerId, stopping, claimed) -> {
            if (jobId.equals(overflowing)) {
                throw new StackOverflowError("deep");
            }
            claimed.run();
            return Outcome.DONE;
        });
        Recorded first = Recorded.of(overflowing);
        long started = System.nanoTime();
        inbox.receive(first.message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("nack", first.await());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) >= RETRY_DELAY_MILLIS,
                "returned after the retry delay");
        Recorded second = Recorded.of(fine);
        inbox.receive(second.message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("ack", second.await());
    }

    @Test
    void aJobThatFailedForGoodIsDeadLetteredWithItsReasonThenAcknowledged() throws Exception {
        UUID poison = UUID.randomUUID();
        start(1, (jobId, consumerId, stopping, claimed) -> Outcome.deadLetter("gave up after 3 attempt(s)"));
        Recorded message = Recorded.of(poison);
        inbox.receive(message.message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("ack", message.await());
        assertEquals(List.of(poison + " gave up after 3 attempt(s) {\"jobId\":\"" + poison + "\"}"), deadLetters);
    }

    @Test
    void aMalformedMessageIsDeadLetteredWithItsReasonAndNeverReachesAWorker() throws Exception {
        List<UUID> ran = new CopyOnWriteArrayList<>();
        start(1, (jobId, consumerId, stopping, claimed) -> {
            ran.add(jobId);
            return Outcome.DONE;
        });
        Recorded message = new Recorded("not json");
        inbox.receive(message.message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("ack", message.await());
        assertEquals(1, deadLetters.size());
        assertTrue(deadLetters.get(0).startsWith("null malformed job message"), deadLetters.get(0));
        assertTrue(deadLetters.get(0).endsWith(" not json"), deadLetters.get(0));
        assertTrue(ran.isEmpty());
    }

    @Test
    void aStoppedWorkersRunningJobSeesTheStopAndNewMessagesGoBack() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        List<Boolean> sawStop = new CopyOnWriteArrayList<>();
        start(1, (jobId, consumerId, stopping, claimed) -> {
            claimed.run();
            running.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!stopping.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            sawStop.add(stopping.getAsBoolean());
            return Outcome.DONE;
        });
        inbox.receive(Recorded.of(UUID.randomUUID()).message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(running.await(10, TimeUnit.SECONDS));
        consumers.close();
        consumers = null;
        assertEquals(List.of(true), sawStop);
        Recorded after = Recorded.of(UUID.randomUUID());
        inbox.receive(after.message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("nack", after.await(), "no worker left in this process");
    }
}
