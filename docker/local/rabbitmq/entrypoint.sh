#!/bin/bash
# Writes the broker's configuration from the environment (the default user may connect from other
# hosts, unlike Debian's default where guest is loopback-only), then runs RabbitMQ in the foreground.
set -euo pipefail
cat > /etc/rabbitmq/rabbitmq.conf <<CONF
listeners.tcp.default = 5672
loopback_users = none
default_user = ${RABBITMQ_DEFAULT_USER:-guest}
default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}
CONF
exec rabbitmq-server "$@"
