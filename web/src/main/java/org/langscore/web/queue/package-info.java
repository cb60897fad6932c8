/** The evaluation queue (RabbitMQ or in-process) and the worker that runs one job at a time per consumer. */
package org.langscore.web.queue;
