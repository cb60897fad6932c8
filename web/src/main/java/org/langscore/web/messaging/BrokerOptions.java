package org.langscore.web.messaging;

import java.net.URISyntaxException;
import java.security.GeneralSecurityException;

import com.rabbitmq.client.ConnectionFactory;
import io.smallrye.common.annotation.Identifier;
import io.vertx.rabbitmq.RabbitMQOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;
import org.langscore.web.service.PlatformSettings;
import org.langscore.web.service.Secrets;

/**
 * The RabbitMQ client options of the Quarkus Messaging channels ({@code client-options-name=langscore}),
 * built from the one setting {@code langscore.amqp.url}. The connector connects lazily (on the first
 * message of an outgoing channel), so producing the options connects nothing. Reconnection is the
 * client's: attempts without end, one a second, so that a broker restart never ends a channel for good.
 */
@ApplicationScoped
public class BrokerOptions {
    /** The name the channels use in {@code client-options-name}. */
    public static final String NAME = "langscore";

    @Produces
    @Identifier(NAME)
    RabbitMQOptions options(PlatformSettings settings) {
        RabbitMQOptions options = new RabbitMQOptions();
        settings.amqpUrl().ifPresent(url -> {
            // Parsed here, not handed over as a URI: the client would log the URI with its password.
            ConnectionFactory parsed = new ConnectionFactory();
            try {
                parsed.setUri(url);
            } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "langscore.amqp.url (LANGSCORE_AMQP_URL) is not"
                        + " an AMQP URL: " + Secrets.maskUrl(url), e);
            }
            options.setHost(parsed.getHost());
            options.setPort(parsed.getPort());
            options.setUser(parsed.getUsername());
            options.setPassword(parsed.getPassword());
            options.setVirtualHost(parsed.getVirtualHost());
            options.setSsl(parsed.isSSL());
        });
        options.setConnectionName("langscore " + NAME);
        options.setConnectionTimeout(5_000);
        options.setRequestedHeartbeat(10);
        options.setAutomaticRecoveryEnabled(false);
        options.setReconnectAttempts(Integer.MAX_VALUE);
        options.setReconnectInterval(1_000);
        return options;
    }
}
