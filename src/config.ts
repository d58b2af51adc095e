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
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HTTP_BODY_LIMIT: z.string().default('100kb'),
  /** Prometheus metrics have a listener of their own, never the public API port: series name
   * instance ids. Loopback by default; any other address needs METRICS_TOKEN. */
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** When set, scrapes must send `Authorization: Bearer <METRICS_TOKEN>` (16+ characters). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Express `trust proxy`: hops of reverse proxies (Traefik) whose X-Forwarded-For is believed, so
   * per-IP login throttling sees the client, not the proxy. 0 = connect directly. */
  HTTP_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Platform database: event store, read models, checkpoints. */
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).default(10),
  EVENTSTORE_ADAPTER: z.enum(['postgres', 'eventstoredb']).default('postgres'),
  EVENTSTORE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('eventstore'),
  /** EventStoreDB connection string (esdb://...), used when EVENTSTORE_ADAPTER=eventstoredb. */
  EVENTSTORE_URL: z.string().optional(),
  READMODEL_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('readmodels'),
  /** How long a query with minPosition waits for its projection before answering 503. */
  READ_YOUR_WRITES_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  COMMAND_CONFLICT_RETRIES: z.coerce.number().int().min(0).default(5),
  /** How long a client's Idempotency-Key returns its first result (fractions allowed); after that a
   * repeat is refused with 422 idempotency-key-expired (docs/decisions/040). */
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce.number().positive().default(24),
  /** Cluster that hosts instance databases (a separate cluster, docs/architecture.md, Event store). */
  INSTANCE_DB_ADMIN_URL: z.string().default('postgres://platform_admin@127.0.0.1:5433/postgres'),
  /** The image of each supported Odoo version, JSON (docs/architecture.md, Instances): the official images by
   * default; tests and machines without a registry use the Odoo contract double (.ci/build-odoo-double.sh):
   * {"17.0":"platform-test/odoo:17.0","18.0":"platform-test/odoo:18.0"}. */
  ODOO_IMAGES: z.string().default('{}').transform(parseOdooImages),
  /** How long Odoo's `-i base` (the init container of a provisioning) may take. */
  ODOO_INIT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(15 * 60_000),
  /** Base name of the per-tenant Docker networks (`<INSTANCE_NETWORK>-<tenantId>`): an instance
   * reaches its own tenant's instances only. */
  INSTANCE_NETWORK: z.string().min(1).default('platform_instances'),
  /** Containers joined to every tenant network (comma-separated names): in compose the router and the
   * instances cluster, and the worker, which reaches each Odoo over HTTP. Empty on one host, where the
   * platform reaches containers through the bridges and the database through the host gateway. */
  INSTANCE_NETWORK_MEMBERS: z.string().default('').transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean)),
  /** Address range the tenant networks take their subnets from (e.g. 10.240.0.0/12), each a
   * /INSTANCE_SUBNET_PREFIX: the instances cluster's pg_hba then admits instance roles from this range
   * only (compose). Empty: the engine's default address pools. */
  INSTANCE_SUBNET_POOL: z.string().default(''),
  INSTANCE_SUBNET_PREFIX: z.coerce.number().int().min(8).max(29).default(24),
  /** How the platform reaches an Odoo's HTTP (health, XML-RPC set-up): `network`, over the tenant
   * network or the bridge (one host); `exec`, by curl inside the container through the Docker API, so
   * the worker that holds the Docker socket joins no tenant network (compose; docs/decisions/049). */
  INSTANCE_REACH: z.enum(['network', 'exec']).default('network'),
  /** Odoo's HTTP port inside the container (odoo:17's env PORT is the *database* port). */
  INSTANCE_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(8069),
  /** The instances cluster as containers see it (env HOST/PORT of odoo:17); host-gateway maps this name. */
  INSTANCE_DB_HOST_FOR_CONTAINERS: z.string().min(1).default('host.docker.internal'),
  INSTANCE_DB_PORT_FOR_CONTAINERS: z.coerce.number().int().min(1).max(65535).default(5433),
  /** First start of a real Odoo initialises its database: minutes, not seconds. */
  INSTANCE_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(180000),
  /** How often Docker runs each instance container's own health check (what Traefik routes on). */
  INSTANCE_HEALTHCHECK_INTERVAL_MS: z.coerce.number().int().min(1000).default(2000),
  INSTANCE_HEALTH_POLL_MS: z.coerce.number().int().min(10).default(250),
  INSTANCE_STOP_TIMEOUT_SECONDS: z.coerce.number().int().min(0).default(10),
  DOCKER_SOCKET: z.string().min(1).default('/var/run/docker.sock'),
  /** Instance URLs are https://<subdomain>.<BASE_DOMAIN>. */
  BASE_DOMAIN: z.string().min(1).default('odoo.localhost'),
  ROUTER: z.enum(['traefik', 'caddy']).default('traefik'),
  TRAEFIK_ENTRYPOINT: z.string().min(1).default('web'),
  CADDY_ADMIN_URL: z.string().default('http://127.0.0.1:2019'),
  CADDY_SERVER_NAME: z.string().regex(/^[A-Za-z0-9_-]+$/).default('platform'),
  CADDY_HTTP_LISTEN: z.string().min(1).default(':80'),
  /** Directory of pg_dump/pg_restore matching the instances cluster; empty = PATH. */
  PG_BIN_DIR: z.string().default(''),
  /** opossum breakers around Docker and PostgreSQL-admin calls (docs/architecture.md, Sagas). */
  BREAKER_ERROR_THRESHOLD_PERCENT: z.coerce.number().min(1).max(100).default(50),
  BREAKER_VOLUME_THRESHOLD: z.coerce.number().int().min(1).default(5),
  BREAKER_RESET_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  BREAKER_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).default(30000),
  /** Run the bus (relay in the worker, AMQP command ingress in the api). Off only for tests that
   * exercise HTTP alone and must not share the broker's default queues. */
  BUS_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  /** Run the instance and backup sagas in the worker (needs the Docker engine and the instances
   * cluster). Off only for tests that exercise HTTP alone. */
  SAGAS_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  AMQP_URL: z.string().default('amqp://guest:guest@127.0.0.1:5672'),
  AMQP_VHOST: z.string().default('/'),
  AMQP_PREFETCH: z.coerce.number().int().min(1).default(50),
  AMQP_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).default(10),
  /** Wait between reconnect attempts after a lost connection (fractions allowed). */
  AMQP_RECONNECT_SECONDS: z.coerce.number().positive().default(1),
  /** Quorum-queue x-delivery-limit, and the number of handler retries before a message is dead-lettered. */
  AMQP_DELIVERY_LIMIT: z.coerce.number().int().min(0).default(5),
  /** Backoff of delayed retries, one delay queue per value; attempt n waits the n-th (the last repeats). */
  AMQP_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds')
    .default('1000,5000,30000')
    .transform((text) => text.split(',').map(Number)),
  BUS_EVENTS_EXCHANGE: z.string().min(1).default('platform.events'),
  BUS_COMMAND_QUEUE: z.string().min(1).default('platform.commands'),
  /** Prefix of every other bus name: <prefix>.consumer.<group>, <prefix>.retry.<group>.<ms>, <prefix>.dlq.<group>. */
  BUS_NAME_PREFIX: z.string().min(1).default('platform'),
  /** Platform-database schema of the relay checkpoint and the consumers' inbox. */
  BUS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('bus'),
  /** Unconfirmed publishes in flight at most. */
  RELAY_CONFIRM_WINDOW: z.coerce.number().int().min(1).default(500),
  /** A publish unconfirmed for this long counts as failed and is republished. */
  RELAY_CONFIRM_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  RELAY_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(500),
  COMMAND_INGRESS_CONCURRENCY: z.coerce.number().int().min(1).default(16),
  // --- Instance sagas (issue 6, docs/architecture.md, Sagas) ---
  /** Plan sizes as JSON over the defaults; plan names are fixed by the domain (starter/business/enterprise). */
  INSTANCE_PLANS: z.string().default('{}').transform(parseInstancePlans),
  /** Prices per plan, currency (USD, ZWG) and interval (monthly, annual) in minor units, and the trial's
   * days, as JSON over the defaults: {"trialDays":30,"plans":{"starter":{"ZWG":{"monthly":42000}}}}
   * (src/domain/billing/priceCatalogue.ts). */
  PLAN_PRICES: z.string().default('{}').transform(parsePriceCatalogue),
  INSTANCE_URL_SCHEME: z.enum(['http', 'https']).default('https'),
  /** Periodic /web/health probe of running instances by the health watcher. */
  INSTANCE_HEALTH_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** How often each saga worker looks for sagas whose trigger never reached it over RabbitMQ (broker
   * purged, queue deleted), and how old such a trigger must be to count as lost (docs/decisions/033). */
  SAGA_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  SAGA_RECONCILE_AFTER_MS: z.coerce.number().int().min(0).default(60_000),
  /** How often the usage meter measures each instance's database and volume against its plan's
   * disk quota (one `docker system df` and one SQL query a round); 0 = never. */
  USAGE_METER_INTERVAL_MS: z.coerce.number().int().min(0).default(10 * 60_000),
  /** Platform-database schema of saga bookkeeping: subdomain claims and the secrets table. */
  SAGA_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('sagas'),
  SAGA_CONCURRENCY: z.coerce.number().int().min(1).default(8),
  SAGA_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
  /** Attempts of a step failing with transient errors before the saga compensates. */
  SAGA_STEP_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  SAGA_RETRY_BASE_MS: z.coerce.number().int().min(1).default(500),
  /** Test only: the saga step of this name throws a permanent error (refused in production). */
  FAULT_INJECT_STEP: z.string().optional(),
  // --- Backups (issue 7, docs/architecture.md, Backups) ---
  BACKUP_STORAGE: z.enum(['fs', 's3']).default('fs'),
  /** Where the fs storage keeps backups (created if absent). */
  BACKUP_FS_ROOT: z.string().min(1).default('./var/backups'),
  BACKUP_S3_BUCKET: z.string().default('backups'),
  BACKUP_S3_PREFIX: z.string().default(''),
  BACKUP_S3_REGION: z.string().default('us-east-1'),
  /** S3-compatible endpoint (MinIO); empty = AWS. */
  BACKUP_S3_ENDPOINT: z.string().default(''),
  BACKUP_S3_ACCESS_KEY_ID: z.string().optional(),
  BACKUP_S3_SECRET_ACCESS_KEY: z.string().optional(),
  BACKUP_S3_PART_SIZE_MB: z.coerce.number().int().min(5).default(8),
  /** Upper bound of one archive transfer (dump, tar, restore). */
  BACKUP_ARCHIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(3_600_000),
  /** Scheduled backups (daily slots), GFS retention and the daily restore drill in the worker (they
   * also need SAGAS_ENABLED: the backup saga does the work a slot asks for). */
  BACKUP_SCHEDULER_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  /** How often a worker looks for due slots, retention and the drill. */
  BACKUP_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** A slot missed for up to this long (downtime) is still backed up, once: only the newest missed one. */
  BACKUP_SCHEDULER_LOOKBACK_HOURS: z.coerce.number().positive().default(26),
  /** Daily backup hour and IANA time zone of instances whose tenant set no policy. */
  BACKUP_DEFAULT_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  BACKUP_DEFAULT_TIME_ZONE: z.string().refine(isValidTimeZone, 'must be an IANA time zone name such as Africa/Harare').default('Africa/Harare'),
  /** How often GFS retention prunes (one worker at a time). */
  BACKUP_RETENTION_INTERVAL_MS: z.coerce.number().int().min(100).default(3_600_000),
  /** Backups younger than this are never pruned, whatever the policy says. */
  BACKUP_PRUNE_MIN_AGE_HOURS: z.coerce.number().min(0).default(24),
  /** UTC hour from which the daily restore drill runs (one worker at a time, once per day). */
  BACKUP_DRILL_HOUR: z.coerce.number().int().min(0).max(23).default(4),
  /** Tenants' own off-site targets may use http and private addresses (development, a MinIO beside
   * the platform); otherwise https to public addresses only (docs/decisions/023). */
  BACKUP_TARGET_ALLOW_PRIVATE_ENDPOINTS: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** Identity (issue 5): credentials, sessions, API keys, one-time tokens, login throttle. */
  /** AES-256-GCM key (32 bytes, base64) for secrets at rest; required unless PLATFORM_DEV_MODE=1. */
  SECRETS_KEY: z.string().optional(),
  /** 1 = run on the keys built into the code when SECRETS_KEY or NOTIFY_UNSUBSCRIBE_KEY is missing
   * (a one-machine try-out: `npm start` sets it and the log says so). Without it a missing key stops
   * the start; production refuses the built-in keys either way (docs/decisions/030). */
  PLATFORM_DEV_MODE: z.enum(['0', '1', 'false', 'true']).default('0').transform((value) => value === '1' || value === 'true'),
  IDENTITY_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('identity'),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(10),
  /** scrypt N (a power of two; r = 8, p = 1): OWASP's 2^17 by default, 128 MiB per hash. Hashes of a
   * lower cost are redone at this one on the next login. Tests lower it (it is slow on purpose). */
  PASSWORD_SCRYPT_COST: z.coerce.number().int().min(1024).refine((n) => (n & (n - 1)) === 0, 'must be a power of two').default(131072),
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(14 * 24),
  SESSION_MAX_HOURS: z.coerce.number().positive().default(90 * 24),
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().positive().default(60),
  INVITATION_TTL_HOURS: z.coerce.number().positive().default(7 * 24),
  /** How long the link in the welcome / verification mail works. */
  EMAIL_VERIFICATION_TTL_HOURS: z.coerce.number().positive().default(48),
  /** A signed-in user may ask for a new verification link this often. */
  EMAIL_VERIFICATION_RESEND_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Requests that make the platform send mail, per client IP and per target address in any hour
   * (429 with Retry-After beyond; docs/decisions/043). The address counts whether or not it has an
   * account, so the limit tells nothing about accounts. */
  REGISTRATIONS_PER_IP_HOURLY: z.coerce.number().int().min(1).default(20),
  REGISTRATIONS_PER_ADDRESS_HOURLY: z.coerce.number().int().min(1).default(5),
  PASSWORD_RESETS_PER_IP_HOURLY: z.coerce.number().int().min(1).default(20),
  PASSWORD_RESETS_PER_ADDRESS_HOURLY: z.coerce.number().int().min(1).default(5),
  VERIFICATION_RESENDS_PER_IP_HOURLY: z.coerce.number().int().min(1).default(20),
  VERIFICATION_RESENDS_PER_ADDRESS_HOURLY: z.coerce.number().int().min(1).default(5),
  INVITATIONS_PER_IP_HOURLY: z.coerce.number().int().min(1).default(50),
  INVITATIONS_PER_ADDRESS_HOURLY: z.coerce.number().int().min(1).default(5),
  /** Active tenants one person may have created (operators exempt); 403 quota-exceeded beyond. */
  TENANTS_PER_USER_MAX: z.coerce.number().int().min(1).default(10),
  /** Instances one tenant may have (not counting deleted or failed ones; operators exempt); 403
   * quota-exceeded beyond. */
  INSTANCES_PER_TENANT_MAX: z.coerce.number().int().min(1).default(10),
  /** Unrevoked API keys one person may have created, over all tenants (operators exempt). */
  API_KEYS_PER_USER_MAX: z.coerce.number().int().min(1).default(20),
  /** The identity AMQP commands act as: `system:<name>` (the ingress sets it; bodies never do). */
  AMQP_COMMAND_IDENTITY: z.string().regex(/^system:[a-z0-9._-]+$/).default('system:amqp'),
  // --- Notifications (issue 8): the notifier consumer group mails through SMTP ---
  /** smtp://[user:pass@]host:port (smtps:// for implicit TLS); MailHog in docker-compose listens on 1025.
   * Empty: mails are written as .eml files under MAIL_DIR instead (the embedded defaults of npm start). */
  SMTP_URL: z.string().default(''),
  /** Where mails go without SMTP_URL. */
  MAIL_DIR: z.string().min(1).default('var/mail'),
  /** Connection, greeting and socket timeout of one SMTP delivery. */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  MAIL_FROM: z.string().min(3).default('Odoo Hosting <no-reply@odoo.localhost>'),
  /** Base URL of the web app as users reach it: reset, invitation and unsubscribe links start here. */
  PUBLIC_APP_URL: z.url().default('http://127.0.0.1:8080'),
  /** HMAC-SHA256 key of unsubscribe links (base64, 32+ bytes); required unless PLATFORM_DEV_MODE=1. */
  NOTIFY_UNSUBSCRIBE_KEY: z.string().optional(),
  /** Platform-database schema of the notifier's own tables (pending health alerts). */
  NOTIFY_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('notifications'),
  /** An instance unhealthy or crashed for longer than this is mailed about (fractions allowed). */
  NOTIFY_UNHEALTHY_AFTER_MINUTES: z.coerce.number().min(0).default(10),
  /** How often due health alerts are looked for. */
  NOTIFY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(10).default(30_000),
  /** How long a mail waits for the users / tenant_members read models to reach its event. */
  NOTIFY_READ_MODEL_WAIT_MS: z.coerce.number().int().min(0).default(10_000),
  // --- Security (issue 13) ---
  /** Broker users that may send AMQP commands, as JSON: {"<user>": {"system": "<name>"}} (operator
   * level) or {"<user>": {"tenantId": "<uuid>", "scopes": [...]}} (one tenant, API-key scopes).
   * Commands from any other user, or without a user_id, are refused (docs/decisions/027). */
  AMQP_PUBLISHERS: z.string().default('{}').transform(parseAmqpPublishers),
  // --- Billing (issue 15): Paynow, docs/decisions/047. Without an integration id and key, billing is off. ---
  /** The Paynow integration (Paynow's merchant settings, "Integration Keys"): both or neither. The
   * key signs every message; it is never logged. */
  PAYNOW_INTEGRATION_ID: z.string().default(''),
  PAYNOW_INTEGRATION_KEY: z.string().default(''),
  /** Paynow itself, or the simulator in development (`npm run paynow:simulator`, compose profile dev). */
  PAYNOW_BASE_URL: httpUrl().default('https://www.paynow.co.zw'),
  /** Where Paynow posts status updates (the platform's result route, as Paynow reaches it); required with an integration. */
  PAYNOW_RESULT_URL: httpUrl().or(z.literal('')).default(''),
  /** Where Paynow sends a payer's browser after a web checkout; required with an integration. */
  PAYNOW_RETURN_URL: httpUrl().or(z.literal('')).default(''),
  /** Paynow binds an integration to one currency; invoices in another are not sent to it. */
  PAYNOW_CURRENCY: z.enum(['USD', 'ZWG']).default('USD'),
  /** Sent as authemail on every payment: Paynow's test mode completes only payments carrying the
   * merchant's own login address. Empty: the payer's address. */
  PAYNOW_AUTH_EMAIL: z.email().or(z.literal('')).default(''),
  PAYNOW_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** The payment saga's polls without a callback: the first this long after initiation, then
   * doubling up to PAYMENT_POLL_MAX_MS; with no final status after PAYMENT_TIMEOUT_MS the payment
   * ends PaymentTimedOut, its poll URL kept (docs/decisions/051). */
  PAYMENT_POLL_FIRST_MS: z.coerce.number().int().min(50).default(2_000),
  PAYMENT_POLL_MAX_MS: z.coerce.number().int().min(50).default(60_000),
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(900_000),
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
