package org.langscore.web.service;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;
import org.langscore.db.EvaluationJobRepository;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;
import org.langscore.web.events.Events;
import org.langscore.web.events.MessagingEventSink;
import org.langscore.web.queue.BrokerConnection;
import org.langscore.web.queue.EvaluationWorker;
import org.langscore.web.queue.InProcessJobQueue;
import org.langscore.web.queue.JobDispatcher;
import org.langscore.web.queue.JobInbox;
import org.langscore.web.queue.JobPublications;
import org.langscore.web.queue.JobQueue;
import org.langscore.web.queue.RabbitMqJobQueue;

/**
 * Starts and stops the platform's moving parts: migrates the schema, lists the benchmarks, connects
 * the queue and the events to RabbitMQ ({@code langscore.amqp.url}) or keeps them in the process,
 * starts the {@link JobDispatcher} (the outbox and the sweeper) and starts workers. Nothing here runs for the CLI commands: {@code serve}, {@code worker} and the
 * tests call {@link #start()}.
 */
@ApplicationScoped
public class PlatformRuntime {
    private static final Logger LOG = Logger.getLogger(PlatformRuntime.class);
    private static final long RETRY_DELAY_MILLIS = 500;

    @Inject
    PlatformSettings settings;

    @Inject
    ObjectMapper json;

    // An Instance, so that the command line (which deactivates the datasource) never creates it.
    @Inject
    jakarta.enterprise.inject.Instance<Flyway> flyway;

    @Inject
    BenchmarkCatalog benchmarks;

    @Inject
    EvaluationJobRepository jobs;

    @Inject
    EvaluationWorker worker;

    @Inject
    Events events;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    MessagingEventSink messagingEvents;

    @Inject
    JobInbox inbox;

    @Inject
    JobPublications publications;

    private volatile JobQueue queue;
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Migrates, lists benchmarks and connects the queue and events. Does nothing the second time. */
    public synchronized void start() {
        if (queue != null) {
            return;
        }
        try {
            flyway.get().migrate();
        } catch (RuntimeException e) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "cannot prepare the database at "
                    + Secrets.maskUrl(ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url",
                            String.class).orElse("(no URL)")) + ": " + rootMessage(e)
                    + "; set LANGSCORE_DB_URL (and LANGSCORE_DB_USER, LANGSCORE_DB_PASSWORD) to a PostgreSQL server", e);
        }
        benchmarks.synchronize();
        Optional<String> amqp = settings.amqpUrl();
        if (amqp.isPresent()) {
            BrokerConnection connection = new BrokerConnection(amqp.get(), "langscore-api", declarer());
            resources.add(connection);
            // Events go through the Quarkus Messaging channel "events"; it connects on the first one.
            events.use(messagingEvents);
            resources.add(() -> events.use(events.inProcess()));
            RabbitMqJobQueue rabbit = new RabbitMqJobQueue(connection, settings.amqpPrefix(), json, RETRY_DELAY_MILLIS,
                    inbox, publications);
            resources.add(rabbit);
            queue = rabbit;
            try {
                connection.get();
                LOG.infof("queue and events on RabbitMQ (%s.*)", settings.amqpPrefix());
            } catch (ScoringException e) {
                // The jobs are in the database: they are published once the broker answers.
                LOG.warnf("queue and events on RabbitMQ (%s.*), not reachable yet: %s", settings.amqpPrefix(),
                        e.getMessage());
            }
        } else {
            InProcessJobQueue inProcess = new InProcessJobQueue(RETRY_DELAY_MILLIS);
            resources.add(inProcess);
            queue = inProcess;
            // The messages of an in-process queue died with the last process; the jobs did not.
            int queued = jobs.forgetPublications();
            LOG.infof("queue and events in this process; %d queued job(s) published again", queued);
        }
        dispatcher.start(queue);
        resources.add(dispatcher::stop);
    }

    /**
     * Starts a worker: consumers that run jobs. On RabbitMQ they take the messages of the Quarkus
     * Messaging channel {@code jobs}, which connects when the first worker of the process starts.
     *
     * @param workerId the worker's id (consumers are {@code <workerId>-<n>})
     * @param concurrency how many jobs it runs at once
     * @return a handle that stops the worker
     */
    public synchronized JobQueue.Consumers startWorker(String workerId, int concurrency) {
        start();
        JobQueue.Consumers consumers = queue.startConsumers(workerId, concurrency, worker);
        resources.add(consumers);
        return consumers;
    }

    /**
     * Publishes the messages of recorded jobs (starting the platform if needed). A job the queue cannot
     * take now stays in the database's outbox, and the dispatcher publishes it later.
     *
     * @return how many were published now
     */
    public int dispatch(List<UUID> jobIds) {
        queue();
        return dispatcher.dispatch(jobIds);
    }

    private BrokerConnection.Declarer declarer() {
        BrokerConnection.Declarer jobsTopology = RabbitMqJobQueue.declarer(settings.amqpPrefix());
        return channel -> {
            jobsTopology.declare(channel);
            MessagingEventSink.declare(channel, eventsExchange());
        };
    }

    /** @return whether {@link #start()} has run and the queue is open */
    public boolean isStarted() {
        JobQueue current = queue;
        return current != null && current.isOpen();
    }

    /** @return the queue, starting the platform if needed */
    public JobQueue queue() {
        JobQueue current = queue;
        if (current == null) {
            start();
            current = queue;
        }
        return current;
    }

    /** @return the worker id of this process: configured, else {@code <host>-<pid>} */
    public String defaultWorkerId() {
        return settings.workerId().orElseGet(() -> ManagementFactory.getRuntimeMXBean().getName().replace('@', '-'));
    }

    /** @return the name of the events exchange */
    public String eventsExchange() {
        return settings.amqpPrefix() + ".events";
    }

    /** Stops the workers and closes the connections, newest first. */
    public synchronized void stop() {
        worker.stopping();
        for (int i = resources.size() - 1; i >= 0; i--) {
            AutoCloseable resource = resources.get(i);
            closeQuietly(resource::close);
        }
        resources.clear();
        queue = null;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.debugf(e, "closing %s failed", resource);
        }
    }
}
