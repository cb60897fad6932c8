/** The RabbitMQ client settings shared by the Quarkus Messaging channels. */
package org.langscore.web.messaging;
