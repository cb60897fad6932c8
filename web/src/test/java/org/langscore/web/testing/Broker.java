package org.langscore.web.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Faults of this machine's real RabbitMQ for the fault-injection tests, through {@code rabbitmqctl}:
 * stopping and starting the broker application, and changing its settings at run time. Callers restore
 * what they change in a {@code finally} block.
 */
public final class Broker {
    private static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private Broker() {
    }

    /** Stops the RabbitMQ application (the node stays up; port 5672 closes). */
    public static void stopApp() {
        rabbitmqctl("stop_app");
    }

    /** Starts the RabbitMQ application and waits until port 5672 answers again. */
    public static void startApp() {
        rabbitmqctl("start_app");
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
                return;
            } catch (IOException e) {
                sleep(200);
            }
        }
        throw new IllegalStateException("RabbitMQ did not answer on 127.0.0.1:5672 within " + START_PATIENCE);
    }

    /**
     * @return the Erlang term of a setting of the {@code rabbit} application, as {@code rabbitmqctl eval}
     *     prints it ({@code {ok,1800000}} or {@code undefined})
     */
    public static String setting(String key) {
        return rabbitmqctl("eval", "application:get_env(rabbit, " + key + ").").strip();
    }

    /** Sets a setting of the {@code rabbit} application to an Erlang term (channels opened later use it). */
    public static void set(String key, String term) {
        rabbitmqctl("eval", "application:set_env(rabbit, " + key + ", " + term + ").");
    }

    /** Puts back a setting as {@link #setting} returned it. */
    public static void restore(String key, String previous) {
        if (previous.startsWith("{ok,") && previous.endsWith("}")) {
            set(key, previous.substring("{ok,".length(), previous.length() - 1));
        } else {
            rabbitmqctl("eval", "application:unset_env(rabbit, " + key + ").");
        }
    }

    private static String rabbitmqctl(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("rabbitmqctl");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
