package org.langscore.web.queue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Publishes job messages and dead letters through the Quarkus Messaging channels {@code job-messages}
 * (to {@code <prefix>.jobs}, routing key {@code job}) and {@code dead-letters} (to
 * {@code <prefix>.jobs.dead}), both with publisher confirms (see application.properties). Each call
 * waits for the broker's confirm: only a confirmed publication counts, the rest stays in the
 * database's outbox. A message not confirmed in time may still be published later; a message more
 * than needed does no harm. Messages are persistent (delivery mode 2). The channels connect on their
 * first message, so a process that never publishes (the command line) never connects. Thread-safe.
 */
@ApplicationScoped
public class JobPublications {
    /** The channel of job messages. */
    public static final String JOBS = "job-messages";
    /** The channel of dead letters. */
    public static final String DEAD_LETTERS = "dead-letters";
    private static final int BACKLOG = 1_000;

    @Inject
    @Channel(JOBS)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BACKLOG)
    Emitter<byte[]> jobs;

    @Inject
    @Channel(DEAD_LETTERS)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BACKLOG)
    Emitter<byte[]> deadLetters;

    /**
     * Publishes a job's message and waits for the confirm.
     *
     * @throws ScoringException INTERNAL when the broker did not confirm it within the time
     */
    public void publishJob(UUID jobId, byte[] body, Duration confirmWithin) {
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder().withRoutingKey("job")
                .withDeliveryMode(2).withContentType("application/json").withMessageId(jobId.toString()).build();
        send(jobs, body, metadata, confirmWithin, "job " + jobId);
    }

    /**
     * Publishes a dead letter with its reason ({@code x-langscore-reason}) and, for a job, the job's id
     * ({@code x-langscore-job}), and waits for the confirm.
     *
     * @param jobId the job, or null for a malformed message
     * @throws ScoringException INTERNAL when the broker did not confirm it within the time
     */
    public void publishDeadLetter(UUID jobId, byte[] body, String reason, Duration confirmWithin) {
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder().withRoutingKey("")
                .withDeliveryMode(2).withContentType("application/json")
                .withHeader(RabbitMqJobQueue.REASON_HEADER, reason);
        if (jobId != null) {
            metadata.withMessageId(jobId.toString()).withHeader(RabbitMqJobQueue.JOB_HEADER, jobId.toString());
        }
        send(deadLetters, body, metadata.build(), confirmWithin,
                jobId != null ? "the dead letter of job " + jobId : "a malformed message");
    }

    private static void send(Emitter<byte[]> emitter, byte[] body, OutgoingRabbitMQMetadata metadata,
                             Duration confirmWithin, String what) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        Message<byte[]> message = Message.of(body).addMetadata(metadata).withAck(() -> {
            confirmed.complete(null);
            return CompletableFuture.completedFuture(null);
        }).withNack(reason -> {
            confirmed.completeExceptionally(reason);
            return CompletableFuture.completedFuture(null);
        });
        try {
            emitter.send(message);
            confirmed.get(confirmWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringException(ErrorCode.INTERNAL, "interrupted while publishing " + what, e);
        } catch (TimeoutException e) {
            throw new ScoringException(ErrorCode.INTERNAL, "RabbitMQ did not confirm " + what + " within "
                    + confirmWithin.toMillis() + " ms", e);
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new ScoringException(ErrorCode.INTERNAL, "cannot publish " + what + ": "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
        }
    }
}
