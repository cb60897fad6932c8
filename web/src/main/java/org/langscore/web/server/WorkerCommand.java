package org.langscore.web.server;

import java.util.concurrent.Callable;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import org.langscore.web.queue.JobQueue;
import org.langscore.web.service.PlatformRuntime;
import org.langscore.web.service.PlatformSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code langscore worker}: consumes evaluation jobs until the process is stopped. Any number of
 * workers on any number of machines may share one PostgreSQL ({@code LANGSCORE_DB_URL}) and one
 * RabbitMQ ({@code LANGSCORE_AMQP_URL}).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run evaluation jobs from the queue (LANGSCORE_DB_URL and LANGSCORE_AMQP_URL name the servers).")
public final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--concurrency", description = "Jobs to run at once (default: langscore.worker.concurrency).")
    Integer concurrency;

    @Option(names = "--id", description = "This worker's id in job records and events (default: host and process id).")
    String id;

    @Override
    public Integer call() {
        PlatformRuntime platform = Arc.container().instance(PlatformRuntime.class).get();
        PlatformSettings settings = Arc.container().instance(PlatformSettings.class).get();
        String workerId = id != null ? id : platform.defaultWorkerId();
        JobQueue.Consumers worker = platform.startWorker(workerId,
                concurrency != null ? concurrency : settings.concurrency());
        System.err.printf("langscore: worker %s running; queue %s%n", workerId,
                settings.amqpUrl().isPresent() ? "on RabbitMQ" : "in this process (jobs found in the database)");
        Quarkus.waitForExit();
        worker.close();
        return 0;
    }
}
