#!/usr/bin/env bash
# Sets up a Debian machine for the test suite (`npm run test:all` calls it; so does .ci/run): installs the Debian
# packages the tests use and starts PostgreSQL (5432), Redis (6379) and RabbitMQ (5672) when they are down, all
# bound to loopback only. Safe to run again: it installs only what is missing and starts only what is down.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -E "$@"; fi; }

# One package a line: the services, and what integration tests start themselves on free loopback ports.
packages=(
  postgresql
  redis-server
  rabbitmq-server
  pgbouncer
  nginx
  wrk
  chromium
  libxml2-utils
  openssl
  prometheus
  python3-django
  python3-pytest
  python3-psycopg2
  python3-django-redis
  python3-celery
  gunicorn
  stress-ng
)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Package install scripts may start their own daemons; the tests run their own instances of these.
for svc in pgbouncer nginx prometheus; do
  if pid=$(cat "/run/$svc/$svc.pid" 2>/dev/null || cat "/run/$svc.pid" 2>/dev/null); then
    as_root kill "$pid" 2>/dev/null || true
  fi
done

# PostgreSQL: Debian's cluster listens on localhost only (listen_addresses default).
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version=$(ls /etc/postgresql | sort -V | tail -1)
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/scale-audit-tests.log
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
  # AMQP and Erlang distribution on loopback only; the tests log in as guest, which RabbitMQ allows on loopback.
  as_root env RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_DIST_PORT=25672 ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" rabbitmq-server -detached
  for _ in $(seq 60); do (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null && break; sleep 1; done
fi
for check in "pg_isready -q -h 127.0.0.1 -p 5432" "redis-cli -h 127.0.0.1 -p 6379 ping" \
  "bash -c 'exec 3<>/dev/tcp/127.0.0.1/5672'"; do
  if ! eval "$check" >/dev/null 2>&1; then echo "setup: a service did not start ($check)" >&2; exit 1; fi
done
[ -d node_modules ] || npm ci --no-audit --no-fund
echo "setup: PostgreSQL 5432, Redis 6379 and RabbitMQ 5672 are up on loopback"
