package org.langscore.web.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The platform's configuration keys ({@code langscore.*}), read once. See docs/PLATFORM.md. */
@ApplicationScoped
public class PlatformSettings {
    @ConfigProperty(name = "langscore.api.tokens")
    Optional<List<String>> apiTokens;

    @ConfigProperty(name = "langscore.models.roots")
    Optional<List<String>> modelRoots;

    @ConfigProperty(name = "langscore.amqp.url")
    Optional<String> amqpUrl;

    @ConfigProperty(name = "langscore.amqp.prefix", defaultValue = "langscore")
    String amqpPrefix;

    @ConfigProperty(name = "langscore.worker.max-attempts", defaultValue = "3")
    int maxAttempts;

    @ConfigProperty(name = "langscore.worker.lease", defaultValue = "PT30S")
    Duration lease;

    @ConfigProperty(name = "langscore.worker.heartbeat", defaultValue = "PT2S")
    Duration heartbeat;

    @ConfigProperty(name = "langscore.queue.sweep-interval", defaultValue = "PT5S")
    Duration sweepInterval;

    @ConfigProperty(name = "langscore.queue.republish-after", defaultValue = "PT10M")
    Duration republishAfter;

    @ConfigProperty(name = "langscore.worker.concurrency", defaultValue = "1")
    int concurrency;

    @ConfigProperty(name = "langscore.worker.id")
    Optional<String> workerId;

    @ConfigProperty(name = "langscore.data-dir")
    Optional<String> dataDir;

    @ConfigProperty(name = "langscore.leaderboard.engineering-parents", defaultValue = "engineering")
    List<String> engineeringParents;

    /** @return the configured bearer tokens (plain, or {@code sha256:<hex>}); empty means no writes */
    public List<String> apiTokens() {
        return apiTokens.orElse(List.of());
    }

    /** @return the folders under which submitted local models may live; empty means none may */
    public List<Path> modelRoots() {
        return modelRoots.orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    /** @return the RabbitMQ URL, when the queue is on RabbitMQ */
    public Optional<String> amqpUrl() {
        return amqpUrl.filter(s -> !s.isBlank());
    }

    /** @return the prefix of the exchange and queue names */
    public String amqpPrefix() {
        return amqpPrefix;
    }

    /** @return how many attempts a job gets before it is FAILED and dead-lettered */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return how long a running job's heartbeat may be silent before another worker takes it over */
    public Duration lease() {
        return lease;
    }

    /** @return how often a worker writes a running job's heartbeat and progress */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** @return how often the dispatcher looks for jobs that need a message (see JobDispatcher) */
    public Duration sweepInterval() {
        return sweepInterval;
    }

    /** @return after how long a QUEUED job that was published is published again, in case its message was lost */
    public Duration republishAfter() {
        return republishAfter;
    }

    /** @return how many jobs one worker process runs at once */
    public int concurrency() {
        return concurrency;
    }

    /** @return the configured worker id, if any */
    public Optional<String> workerId() {
        return workerId.filter(s -> !s.isBlank());
    }

    /** @return the folder with the benchmarks' data sets, handed to benchmarks as the run option {@code data-dir} */
    public Optional<String> dataDir() {
        return dataDir.filter(s -> !s.isBlank());
    }

    /** @return the parents whose benchmarks show raw values and stay out of the average */
    public List<String> engineeringParents() {
        return engineeringParents;
    }
}
