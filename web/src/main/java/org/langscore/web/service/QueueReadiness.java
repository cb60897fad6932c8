package org.langscore.web.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the platform is started: its queue (RabbitMQ or in-process) takes jobs. */
@Readiness
@ApplicationScoped
public class QueueReadiness implements HealthCheck {
    @Inject
    PlatformRuntime platform;

    @Inject
    PlatformSettings settings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("langscore queue").status(platform.isStarted())
                .withData("kind", settings.amqpUrl().isPresent() ? "rabbitmq" : "in-process").build();
    }
}
