#!/bin/sh
# Entry point of the compose broker: writes the definitions (one broker user per component, passwords
# from the environment, no guest) and starts RabbitMQ, which loads them at boot
# (docs/decisions/027-amqp-publishers-and-trusted-events.md). Re-run on every start, so a changed
# password in .env takes effect with `docker compose up -d rabbitmq`.
set -eu

: "${RABBITMQ_DEFAULT_USER:?}" "${RABBITMQ_DEFAULT_PASS:?}" "${PLATFORM_API_AMQP_PASSWORD:?}" "${PLATFORM_WORKER_AMQP_PASSWORD:?}"

json() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

definitions=/etc/rabbitmq/definitions.json
umask 077
cat > "$definitions" <<JSON
{
  "vhosts": [{ "name": "/" }],
  "users": [
    { "name": $(json "$RABBITMQ_DEFAULT_USER"), "password": $(json "$RABBITMQ_DEFAULT_PASS"), "tags": ["administrator"] },
    { "name": "platform-api", "password": $(json "$PLATFORM_API_AMQP_PASSWORD"), "tags": [] },
    { "name": "platform-worker", "password": $(json "$PLATFORM_WORKER_AMQP_PASSWORD"), "tags": [] }
  ],
  "permissions": [
    { "user": $(json "$RABBITMQ_DEFAULT_USER"), "vhost": "/", "configure": ".*", "write": ".*", "read": ".*" },
    { "user": "platform-api", "vhost": "/", "configure": "^platform\\\\.", "write": "^(amq\\\\.default|platform\\\\..*)$", "read": "^platform\\\\." },
    { "user": "platform-worker", "vhost": "/", "configure": "^platform\\\\.", "write": "^(amq\\\\.default|platform\\\\..*)$", "read": "^platform\\\\." }
  ]
}
JSON
chown rabbitmq:rabbitmq "$definitions"
printf 'load_definitions = %s\nloopback_users.guest = true\n' "$definitions" > /etc/rabbitmq/conf.d/20-platform-definitions.conf

# An external command publisher gets a user with configure "^$", read "^$" and write
# "^platform\\.command-ingress$" (the exchange that feeds platform.commands; never amq.default, which
# routes into any queue by name; answers come by direct reply-to), plus an entry
# in the api's AMQP_PUBLISHERS. Add it here or with rabbitmqctl; never give it the impersonator tag.
exec docker-entrypoint.sh rabbitmq-server
