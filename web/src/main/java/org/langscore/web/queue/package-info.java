/**
 * The evaluation queue (RabbitMQ or in-process), the dispatcher that publishes what the database says
 * needs a message, and the worker that runs one job at a time per consumer.
 */
package org.langscore.web.queue;
