#!/bin/bash
# Creates the cluster on the first start (user POSTGRES_USER with POSTGRES_PASSWORD, database
# POSTGRES_DB; password authentication over TCP), then runs PostgreSQL in the foreground.
set -euo pipefail
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  if [[ -z "${POSTGRES_PASSWORD:-}" ]]; then
    echo "postgres: error: POSTGRES_PASSWORD is not set; it is needed to create the database" >&2
    exit 1
  fi
  password_file="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" > "$password_file"
  initdb --username="$user" --pwfile="$password_file" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$password_file"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  # A server on the socket only, so that nothing connects over TCP before the database exists.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  if [[ "$database" != postgres ]]; then
    psql -v ON_ERROR_STOP=1 --username="$user" --dbname=postgres -q \
      -c "CREATE DATABASE \"$database\" OWNER \"$user\""
  fi
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "postgres: created database $database for $user in $PGDATA" >&2
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
