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
 * {@code langscore serve [--port N] [--no-worker]}: the REST API (and a worker unless told not to)
 * until the process is stopped. The HTTP port is set before Quarkus starts, by {@link ServerMode}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the API (and a worker): an embedded database and queue unless LANGSCORE_DB_URL /"
                + " LANGSCORE_AMQP_URL name real servers.")
public final class ServeCommand implements Callable<Integer> {
    /** The port when {@code --port} is not given. */
    public static final int DEFAULT_PORT = 8080;

    @Option(names = {"-p", "--port"}, description = "HTTP port (default ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--no-worker", description = "Serve the API only; jobs wait for separate workers.")
    boolean noWorker;

    @Option(names = "--concurrency", description = "Jobs the built-in worker runs at once (default: langscore.worker.concurrency).")
    Integer concurrency;

    @Override
    public Integer call() {
        PlatformRuntime platform = Arc.container().instance(PlatformRuntime.class).get();
        PlatformSettings settings = Arc.container().instance(PlatformSettings.class).get();
        platform.start();
        JobQueue.Consumers worker = null;
        if (!noWorker) {
            worker = platform.startWorker(platform.defaultWorkerId(),
                    concurrency != null ? concurrency : settings.concurrency());
        }
        System.err.printf("langscore: serving on http://localhost:%d (API /api, OpenAPI /q/openapi, health /q/health)"
                + "%s; queue %s%n", port, noWorker ? "" : " with a worker",
                settings.amqpUrl().isPresent() ? "on RabbitMQ" : "in this process");
        Quarkus.waitForExit();
        if (worker != null) {
            worker.close();
        }
        return 0;
    }
}
