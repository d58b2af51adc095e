import { z } from 'zod';
import { parseAmqpPublishers } from './domain/authorization/parseAmqpPublishers';
import { isValidTimeZone } from './domain/backupPolicy/backupPolicyRules';
import { parsePriceCatalogue } from './domain/billing/priceCatalogue';
import { parseInstancePlans } from './domain/instance/instancePlanCatalogue';
import { parseOdooImages } from './domain/instance/odooVersions';

/** An absolute http(s) URL (Paynow's endpoints and the addresses it calls back). */
function httpUrl() {
  return z.string().regex(/^https?:\/\/[^/\s]+(\/\S*)?$/, 'must be an http(s) URL');
}

// The only reader of process.env. Defaults run the platform on one machine (README "run").
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development').describe('Runtime mode (production refuses the built-in development keys and test-only switches).'),
  HTTP_HOST: z.string().default('127.0.0.1').describe('Address the API listens on (0.0.0.0 in a container).'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('Port of the API and /openapi.json; 0 = any free port.'),
  HTTP_BODY_LIMIT: z.string().default('100kb').describe('Largest JSON request body (a size such as 100kb); larger ones answer 413.'),
  METRICS_HOST: z.string().default('127.0.0.1').describe('Prometheus metrics have a listener of their own, never the public API port: series name instance ids. Loopback by default; any other address needs METRICS_TOKEN.'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464).describe('Port of the Prometheus metrics listener; 0 = any free port.'),
  METRICS_TOKEN: z.string().min(16).optional().describe('When set, scrapes must send `Authorization: Bearer <METRICS_TOKEN>` (16+ characters).'),
  HTTP_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0).describe('Express `trust proxy`: hops of reverse proxies (Traefik) whose X-Forwarded-For is believed, so per-IP login throttling sees the client, not the proxy. 0 = connect directly.'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level; logs are JSON lines on stdout.'),
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/postgres').describe('Platform database: event store, read models, checkpoints.'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10).describe('Connections of the platform database pool, per process.'),
  EVENTSTORE_ADAPTER: z.enum(['postgres', 'eventstoredb']).default('postgres').describe('Where events are stored: postgres (the platform database) or eventstoredb (EVENTSTORE_URL).'),
  EVENTSTORE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('eventstore').describe('Platform-database schema of the event store.'),
  EVENTSTORE_URL: z.string().optional().describe('EventStoreDB connection string (esdb://...), used when EVENTSTORE_ADAPTER=eventstoredb.'),
  READMODEL_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('readmodels').describe('Platform-database schema of the read models and their checkpoints.'),
  READ_YOUR_WRITES_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000).describe('How long a query with minPosition waits for its projection before answering 503.'),
  COMMAND_CONFLICT_RETRIES: z.coerce.number().int().min(0).default(5).describe('Retries of a command whose append lost an optimistic-concurrency race before it answers 409.'),
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce.number().positive().default(24).describe('How long a client\'s Idempotency-Key returns its first result (fractions allowed); after that a repeat is refused with 422 idempotency-key-expired (docs/decisions/040).'),
  INSTANCE_DB_ADMIN_URL: z.string().default('postgres://platform_admin@127.0.0.1:5433/postgres').describe('Cluster that hosts instance databases (a separate cluster, docs/architecture.md, Event store).'),
  ODOO_IMAGES: z.string().default('{}').transform(parseOdooImages).describe('The image of each supported Odoo version, JSON (docs/architecture.md, Instances): the official images by default; tests and machines without a registry use the Odoo contract double (.ci/build-odoo-double.sh): {"17.0":"platform-test/odoo:17.0","18.0":"platform-test/odoo:18.0"}.'),
  ODOO_INIT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(15 * 60_000).describe('How long Odoo\'s `-i base` (the init container of a provisioning) may take.'),
  INSTANCE_NETWORK: z.string().min(1).default('platform_instances').describe('Base name of the per-tenant Docker networks (`<INSTANCE_NETWORK>-<tenantId>`): an instance reaches its own tenant\'s instances only.'),
  INSTANCE_NETWORK_MEMBERS: z.string().default('').transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean)).describe('Containers joined to every tenant network (comma-separated names): in compose the router and the instances cluster, and the worker, which reaches each Odoo over HTTP. Empty on one host, where the platform reaches containers through the bridges and the database through the host gateway.'),
  INSTANCE_SUBNET_POOL: z.string().default('').describe('Address range the tenant networks take their subnets from (e.g. 10.240.0.0/12), each a /INSTANCE_SUBNET_PREFIX: the instances cluster\'s pg_hba then admits instance roles from this range only (compose). Empty: the engine\'s default address pools.'),
  INSTANCE_SUBNET_PREFIX: z.coerce.number().int().min(8).max(29).default(24).describe('Prefix length of each tenant network taken from INSTANCE_SUBNET_POOL.'),
  INSTANCE_REACH: z.enum(['network', 'exec']).default('network').describe('How the platform reaches an Odoo\'s HTTP (health, XML-RPC set-up): `network`, over the tenant network or the bridge (one host); `exec`, by curl inside the container through the Docker API, so the worker that holds the Docker socket joins no tenant network (compose; docs/decisions/049).'),
  INSTANCE_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(8069).describe('Odoo\'s HTTP port inside the container (odoo:17\'s env PORT is the *database* port).'),
  INSTANCE_DB_HOST_FOR_CONTAINERS: z.string().min(1).default('host.docker.internal').describe('The instances cluster as containers see it (env HOST/PORT of odoo:17); host-gateway maps this name.'),
  INSTANCE_DB_PORT_FOR_CONTAINERS: z.coerce.number().int().min(1).max(65535).default(5433).describe('Port of the instances cluster as containers see it.'),
  INSTANCE_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(180000).describe('First start of a real Odoo initialises its database: minutes, not seconds.'),
  INSTANCE_HEALTHCHECK_INTERVAL_MS: z.coerce.number().int().min(1000).default(2000).describe('How often Docker runs each instance container\'s own health check (what Traefik routes on).'),
  INSTANCE_HEALTH_POLL_MS: z.coerce.number().int().min(10).default(250).describe('How often a saga polls a starting container while it waits for it to become healthy.'),
  INSTANCE_STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(0).default(10).describe('Grace Docker gives Odoo to stop before it is killed.'),
  DOCKER_SOCKET: z.string().min(1).default('/var/run/docker.sock').describe('Unix socket of the Docker engine the worker drives (its user needs access: root or the docker group).'),
  BASE_DOMAIN: z.string().min(1).default('odoo.localhost').describe('Instance URLs are https://<subdomain>.<BASE_DOMAIN>.'),
  ROUTER: z.enum(['traefik', 'caddy']).default('traefik').describe('What routes instance hosts: traefik (container labels) or caddy (its admin API).'),
  TRAEFIK_ENTRYPOINT: z.string().min(1).default('web').describe('The Traefik entry point instance routes attach to.'),
  CADDY_ADMIN_URL: z.string().default('http://127.0.0.1:2019').describe('Caddy admin API, with ROUTER=caddy.'),
  CADDY_SERVER_NAME: z.string().regex(/^[A-Za-z0-9_-]+$/).default('platform').describe('The Caddy server (in its JSON config) that instance routes are added to.'),
  CADDY_HTTP_LISTEN: z.string().min(1).default(':80').describe('Listen address of that Caddy server.'),
  PG_BIN_DIR: z.string().default('').describe('Directory of pg_dump/pg_restore matching the instances cluster; empty = PATH.'),
  BREAKER_ERROR_THRESHOLD_PERCENT: z.coerce.number().min(1).max(100).default(50).describe('opossum breakers around Docker and PostgreSQL-admin calls (docs/architecture.md, Sagas).'),
  BREAKER_VOLUME_THRESHOLD: z.coerce.number().int().min(1).default(5).describe('Calls a breaker must see before it may open.'),
  BREAKER_RESET_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000).describe('How long an open breaker waits before it lets a trial call through.'),
  BREAKER_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).default(30000).describe('A call behind a breaker taking longer than this counts as failed.'),
  BUS_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true').describe('Run the bus (relay in the worker, AMQP command ingress in the api). Off only for tests that exercise HTTP alone and must not share the broker\'s default queues.'),
  SAGAS_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true').describe('Run the instance and backup sagas in the worker (needs the Docker engine and the instances cluster). Off only for tests that exercise HTTP alone.'),
  AMQP_URL: z.string().default('amqp://guest:guest@127.0.0.1:5672').describe('RabbitMQ connection URL of this process (its broker user is its AMQP identity).'),
  AMQP_VHOST: z.string().default('/').describe('RabbitMQ virtual host.'),
  AMQP_PREFETCH: z.coerce.number().int().min(1).default(50).describe('Unacknowledged messages a consumer holds at most.'),
  AMQP_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).default(10).describe('AMQP heartbeat: a dead connection is noticed after about twice this.'),
  AMQP_RECONNECT_SECONDS: z.coerce.number().positive().default(1).describe('Wait between reconnect attempts after a lost connection (fractions allowed).'),
  AMQP_DELIVERY_LIMIT: z.coerce.number().int().min(0).default(5).describe('Quorum-queue x-delivery-limit, and the number of handler retries before a message is dead-lettered.'),
  AMQP_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds')
    .default('1000,5000,30000')
    .transform((text) => text.split(',').map(Number))
    .describe('Backoff of delayed retries, one delay queue per value; attempt n waits the n-th (the last repeats).'),
  BUS_EVENTS_EXCHANGE: z.string().min(1).default('platform.events').describe('Topic exchange events are published to (routing key <category>.<EventType>).'),
  BUS_COMMAND_QUEUE: z.string().min(1).default('platform.commands').describe('Queue other systems send commands to (replies on direct reply-to).'),
  BUS_NAME_PREFIX: z.string().min(1).default('platform').describe('Prefix of every other bus name: <prefix>.consumer.<group>, <prefix>.retry.<group>.<ms>, <prefix>.dlq.<group>.'),
  BUS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('bus').describe('Platform-database schema of the relay checkpoint and the consumers\' inbox.'),
  RELAY_CONFIRM_WINDOW: z.coerce.number().int().min(1).default(500).describe('Unconfirmed publishes in flight at most.'),
  RELAY_CONFIRM_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000).describe('A publish unconfirmed for this long counts as failed and is republished.'),
  RELAY_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(500).describe('How often the relay looks for new events when not woken by a notification.'),
  COMMAND_INGRESS_CONCURRENCY: z.coerce.number().int().min(1).default(16).describe('AMQP commands handled at once by one api process.'),
  // --- Instance sagas (issue 6, docs/architecture.md, Sagas) ---
  INSTANCE_PLANS: z.string().default('{}').transform(parseInstancePlans).describe('Plan sizes as JSON over the defaults; plan names are fixed by the domain (starter/business/enterprise).'),
  PLAN_PRICES: z.string().default('{}').transform(parsePriceCatalogue).describe('Prices per plan, currency (USD, ZWG) and interval (monthly, annual) in minor units, and the trial\'s days, as JSON over the defaults: {"trialDays":30,"plans":{"starter":{"ZWG":{"monthly":42000}}}} (src/domain/billing/priceCatalogue.ts).'),
  INSTANCE_URL_SCHEME: z.enum(['http', 'https']).default('https').describe('Scheme of instance URLs (https behind a TLS-terminating router).'),
  INSTANCE_HEALTH_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000).describe('Periodic /web/health probe of running instances by the health watcher.'),
  SAGA_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000).describe('How often each saga worker looks for sagas whose trigger never reached it over RabbitMQ (broker purged, queue deleted), and how old such a trigger must be to count as lost (docs/decisions/033).'),
  SAGA_RECONCILE_AFTER_MS: z.coerce.number().int().min(0).default(60_000).describe('How old a saga trigger must be before the reconciler counts it as lost.'),
  USAGE_METER_INTERVAL_MS: z.coerce.number().int().min(0).default(10 * 60_000).describe('How often the usage meter measures each instance\'s database and volume against its plan\'s disk quota (one `docker system df` and one SQL query a round); 0 = never.'),
  SAGA_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('sagas').describe('Platform-database schema of saga bookkeeping: subdomain claims and the secrets table.'),
  SAGA_CONCURRENCY: z.coerce.number().int().min(1).default(8).describe('Sagas one worker runs at once.'),
  SAGA_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(1000).describe('How often a worker looks for due saga timers.'),
  SAGA_STEP_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5).describe('Attempts of a step failing with transient errors before the saga compensates.'),
  SAGA_RETRY_BASE_MS: z.coerce.number().int().min(1).default(500).describe('First retry delay of a failing saga step (doubling with each attempt).'),
  FAULT_INJECT_STEP: z.string().optional().describe('Test only: the saga step of this name throws a permanent error (refused in production).'),
  // --- Backups (issue 7, docs/architecture.md, Backups) ---
  BACKUP_STORAGE: z.enum(['fs', 's3']).default('fs').describe('Where backups are stored: fs (BACKUP_FS_ROOT) or s3 (BACKUP_S3_*).'),
  BACKUP_FS_ROOT: z.string().min(1).default('./var/backups').describe('Where the fs storage keeps backups (created if absent).'),
  BACKUP_S3_BUCKET: z.string().default('backups').describe('Bucket of the s3 storage.'),
  BACKUP_S3_PREFIX: z.string().default('').describe('Key prefix of every backup object in that bucket.'),
  BACKUP_S3_REGION: z.string().default('us-east-1').describe('Region of the s3 storage.'),
  BACKUP_S3_ENDPOINT: z.string().default('').describe('S3-compatible endpoint (MinIO); empty = AWS.'),
  BACKUP_S3_ACCESS_KEY_ID: z.string().optional().describe('Access key of the s3 storage (empty: the SDK\'s default credential chain).'),
  BACKUP_S3_SECRET_ACCESS_KEY: z.string().optional().describe('Secret key of the s3 storage; never logged.'),
  BACKUP_S3_PART_SIZE_MB: z.coerce.number().int().min(5).default(8).describe('Multipart upload part size (5 MB at least).'),
  BACKUP_ARCHIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(3_600_000).describe('Upper bound of one archive transfer (dump, tar, restore).'),
  BACKUP_SCHEDULER_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true').describe('Scheduled backups (daily slots), GFS retention and the daily restore drill in the worker (they also need SAGAS_ENABLED: the backup saga does the work a slot asks for).'),
  BACKUP_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000).describe('How often a worker looks for due slots, retention and the drill.'),
  BACKUP_SCHEDULER_LOOKBACK_HOURS: z.coerce.number().positive().default(26).describe('A slot missed for up to this long (downtime) is still backed up, once: only the newest missed one.'),
  BACKUP_DEFAULT_HOUR: z.coerce.number().int().min(0).max(23).default(2).describe('Daily backup hour and IANA time zone of instances whose tenant set no policy.'),
  BACKUP_DEFAULT_TIME_ZONE: z.string().refine(isValidTimeZone, 'must be an IANA time zone name such as Africa/Harare').default('Africa/Harare').describe('IANA time zone of BACKUP_DEFAULT_HOUR.'),
  BACKUP_RETENTION_INTERVAL_MS: z.coerce.number().int().min(100).default(3_600_000).describe('How often GFS retention prunes (one worker at a time).'),
  BACKUP_PRUNE_MIN_AGE_HOURS: z.coerce.number().min(0).default(24).describe('Backups younger than this are never pruned, whatever the policy says.'),
  BACKUP_DRILL_HOUR: z.coerce.number().int().min(0).max(23).default(4).describe('UTC hour from which the daily restore drill runs (one worker at a time, once per day).'),
  BACKUP_TARGET_ALLOW_PRIVATE_ENDPOINTS: z.enum(['true', 'false']).default('false').transform((value) => value === 'true').describe('Tenants\' own off-site targets may use http and private addresses (development, a MinIO beside the platform); otherwise https to public addresses only (docs/decisions/023).'),
  // --- Identity (issue 5): credentials, sessions, API keys, one-time tokens, login throttle. ---
  SECRETS_KEY: z.string().optional().describe('AES-256-GCM key (32 bytes, base64) for secrets at rest; required unless PLATFORM_DEV_MODE=1.'),
  PLATFORM_DEV_MODE: z.enum(['0', '1', 'false', 'true']).default('0').transform((value) => value === '1' || value === 'true').describe('1 = run on the keys built into the code when SECRETS_KEY or NOTIFY_UNSUBSCRIBE_KEY is missing (a one-machine try-out: `npm start` sets it and the log says so). Without it a missing key stops the start; production refuses the built-in keys either way (docs/decisions/030).'),
  IDENTITY_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('identity').describe('Platform-database schema of credentials, sessions, API keys and one-time tokens.'),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(10).describe('Shortest password accepted.'),
  PASSWORD_SCRYPT_COST: z.coerce.number().int().min(1024).refine((n) => (n & (n - 1)) === 0, 'must be a power of two').default(131072).describe('scrypt N (a power of two; r = 8, p = 1): OWASP\'s 2^17 by default, 128 MiB per hash. Hashes of a lower cost are redone at this one on the next login. Tests lower it (it is slow on purpose).'),
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(14 * 24).describe('A session unused for this long expires.'),
  SESSION_MAX_HOURS: z.coerce.number().positive().default(90 * 24).describe('A session expires this long after sign-in, however much it is used.'),
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().positive().default(60).describe('How long a password-reset link works.'),
  INVITATION_TTL_HOURS: z.coerce.number().positive().default(7 * 24).describe('How long an invitation can be accepted.'),
  EMAIL_VERIFICATION_TTL_HOURS: z.coerce.number().positive().default(48).describe('How long the link in the welcome / verification mail works.'),
  EMAIL_VERIFICATION_RESEND_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60).describe('A signed-in user may ask for a new verification link this often.'),
  REGISTRATIONS_PER_IP_HOURLY: z.coerce.number().int().min(1).default(20).describe('Requests that make the platform send mail, per client IP and per target address in any hour (429 with Retry-After beyond; docs/decisions/043). The address counts whether or not it has an account, so the limit tells nothing about accounts.'),
  REGISTRATIONS_PER_ADDRESS_HOURLY: z.coerce.number().int().min(1).default(5).describe('Registrations per target address in any hour (see REGISTRATIONS_PER_IP_HOURLY).'),
  PASSWORD_RESETS_PER_IP_HOURLY: z.coerce.number().int().min(1).default(20).describe('Password-reset requests per client IP in any hour.'),
  PASSWORD_RESETS_PER_ADDRESS_HOURLY: z.coerce.number().int().min(1).default(5).describe('Password-reset requests per target address in any hour.'),
  VERIFICATION_RESENDS_PER_IP_HOURLY: z.coerce.number().int().min(1).default(20).describe('Verification-link resends per client IP in any hour.'),
  VERIFICATION_RESENDS_PER_ADDRESS_HOURLY: z.coerce.number().int().min(1).default(5).describe('Verification-link resends per target address in any hour.'),
  INVITATIONS_PER_IP_HOURLY: z.coerce.number().int().min(1).default(50).describe('Invitations per client IP in any hour.'),
  INVITATIONS_PER_ADDRESS_HOURLY: z.coerce.number().int().min(1).default(5).describe('Invitations per invited address in any hour.'),
  TENANTS_PER_USER_MAX: z.coerce.number().int().min(1).default(10).describe('Active tenants one person may have created (operators exempt); 403 quota-exceeded beyond.'),
  INSTANCES_PER_TENANT_MAX: z.coerce.number().int().min(1).default(10).describe('Instances one tenant may have (not counting deleted or failed ones; operators exempt); 403 quota-exceeded beyond.'),
  API_KEYS_PER_USER_MAX: z.coerce.number().int().min(1).default(20).describe('Unrevoked API keys one person may have created, over all tenants (operators exempt).'),
  AMQP_COMMAND_IDENTITY: z.string().regex(/^system:[a-z0-9._-]+$/).default('system:amqp').describe('The identity AMQP commands act as: `system:<name>` (the ingress sets it; bodies never do).'),
  // --- Notifications (issue 8): the notifier consumer group mails through SMTP ---
  SMTP_URL: z.string().default('').describe('smtp://[user:pass@]host:port (smtps:// for implicit TLS); Mailpit in docker-compose listens on 1025. Empty: mails are written as .eml files under MAIL_DIR instead (the embedded defaults of npm start).'),
  MAIL_DIR: z.string().min(1).default('var/mail').describe('Where mails go without SMTP_URL.'),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000).describe('Connection, greeting and socket timeout of one SMTP delivery.'),
  MAIL_FROM: z.string().min(3).default('Odoo Hosting <no-reply@odoo.localhost>').describe('Sender of every mail.'),
  PUBLIC_APP_URL: z.url().default('http://127.0.0.1:8080').describe('Base URL of the web app as users reach it: reset, invitation and unsubscribe links start here.'),
  NOTIFY_UNSUBSCRIBE_KEY: z.string().optional().describe('HMAC-SHA256 key of unsubscribe links (base64, 32+ bytes); required unless PLATFORM_DEV_MODE=1.'),
  NOTIFY_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('notifications').describe('Platform-database schema of the notifier\'s own tables (pending health alerts).'),
  NOTIFY_UNHEALTHY_AFTER_MINUTES: z.coerce.number().min(0).default(10).describe('An instance unhealthy or crashed for longer than this is mailed about (fractions allowed).'),
  NOTIFY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(10).default(30_000).describe('How often due health alerts are looked for.'),
  NOTIFY_READ_MODEL_WAIT_MS: z.coerce.number().int().min(0).default(10_000).describe('How long a mail waits for the users / tenant_members read models to reach its event.'),
  // --- Security (issue 13) ---
  AMQP_PUBLISHERS: z.string().default('{}').transform(parseAmqpPublishers).describe('Broker users that may send AMQP commands, as JSON: {"<user>": {"system": "<name>"}} (operator level) or {"<user>": {"tenantId": "<uuid>", "scopes": [...]}} (one tenant, API-key scopes). Commands from any other user, or without a user_id, are refused (docs/decisions/027).'),
  // --- Billing (issue 15): Paynow, docs/decisions/047. Without an integration id and key, billing is off. ---
  PAYNOW_INTEGRATION_ID: z.string().default('').describe('The Paynow integration (Paynow\'s merchant settings, "Integration Keys"): both or neither. The key signs every message; it is never logged.'),
  PAYNOW_INTEGRATION_KEY: z.string().default('').describe('The Paynow integration key (see PAYNOW_INTEGRATION_ID); never logged.'),
  PAYNOW_BASE_URL: httpUrl().default('https://www.paynow.co.zw').describe('Paynow itself, or the simulator in development (`npm run paynow:simulator`, compose profile dev).'),
  PAYNOW_RESULT_URL: httpUrl().or(z.literal('')).default('').describe('Where Paynow posts status updates (the platform\'s result route, as Paynow reaches it); required with an integration.'),
  PAYNOW_RETURN_URL: httpUrl().or(z.literal('')).default('').describe('Where Paynow sends a payer\'s browser after a web checkout; required with an integration.'),
  PAYNOW_CURRENCY: z.enum(['USD', 'ZWG']).default('USD').describe('Paynow binds an integration to one currency; invoices in another are not sent to it.'),
  PAYNOW_AUTH_EMAIL: z.email().or(z.literal('')).default('').describe('Sent as authemail on every payment: Paynow\'s test mode completes only payments carrying the merchant\'s own login address. Empty: the payer\'s address.'),
  PAYNOW_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000).describe('Bound of each call to Paynow.'),
  PAYMENT_POLL_FIRST_MS: z.coerce.number().int().min(50).default(2_000).describe('The payment saga\'s polls without a callback: the first this long after initiation, then doubling up to PAYMENT_POLL_MAX_MS; with no final status after PAYMENT_TIMEOUT_MS the payment ends PaymentTimedOut, its poll URL kept (docs/decisions/051).'),
  PAYMENT_POLL_MAX_MS: z.coerce.number().int().min(50).default(60_000).describe('Longest wait between two polls of a payment (see PAYMENT_POLL_FIRST_MS).'),
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(900_000).describe('A payment without a final status after this long ends PaymentTimedOut (see PAYMENT_POLL_FIRST_MS).'),
  DUNNING_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true').describe('The worker\'s dunning loop when billing is on: payment reminders (T-3, T, T+3 around the due day), past due, suspension, cancellation and deletion after the retention (docs/decisions/052).'),
  DUNNING_INTERVAL_MS: z.coerce.number().int().min(100).default(3_600_000).describe('How often the dunning loop looks for work (its timers are days).'),
  DUNNING_GRACE_DAYS: z.coerce.number().int().min(3).max(90).default(7).describe('Days after an invoice\'s due day until the instance is suspended (at least 3: the T+3 reminder names the day).'),
  DUNNING_CANCEL_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(30).describe('Days a subscription stays suspended before dunning cancels it.'),
  BILLING_TAX_BASIS_POINTS: z.coerce.number().int().min(0).max(10_000).default(0).describe('VAT on every period invoice, in basis points (1500 = 15 %); 0 until the operator registers for VAT and sets the rate in force.'),
  BILLING_PAYMENT_TERM_DAYS: z.coerce.number().int().min(0).max(60).default(7).describe('Days from a period\'s start (its invoice\'s issue) to the invoice\'s due day.'),
  PAYMENT_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).default(86_400_000).describe('How often the worker polls every payment without a final status and reports those Paynow says otherwise about (a day by default).'),
  BILLING_RETENTION_DAYS: z.coerce.number().int().min(0).max(365).default(30).describe('Days a cancelled subscription\'s instance is kept (stopped, data intact) before it is deleted with its final backup.'),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
