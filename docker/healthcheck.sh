#!/bin/bash
# The image's health check: serve is healthy when GET /q/health/ready answers 200 (the API, the
# database and the queue are up). A worker serves no HTTP; while its process runs, it is healthy.
# Bash only (/dev/tcp), so that the runtime image needs no HTTP client.
mapfile -d '' arguments < /proc/1/cmdline
for argument in "${arguments[@]}"; do
  [[ "$argument" == worker ]] && exit 0
done
port="${LANGSCORE_HEALTH_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /q/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
read -r -t 4 status_line <&3 || exit 1
[[ "$status_line" == HTTP/*" 200"* ]]
