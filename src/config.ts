import { z } from 'zod';

// The only reader of process.env. Defaults run the platform on one machine (README "run").
const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HTTP_BODY_LIMIT: z.string().default('100kb'),
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
  /** Cluster that hosts instance databases (a separate cluster, ARCHITECTURE.md §3). */
  INSTANCE_DB_ADMIN_URL: z.string().default('postgres://postgres@127.0.0.1:5433/postgres'),
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
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).default(1000),
  /** Unconfirmed publishes in flight at most. */
  RELAY_CONFIRM_WINDOW: z.coerce.number().int().min(1).default(500),
  /** A publish unconfirmed for this long counts as failed and is republished. */
  RELAY_CONFIRM_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  RELAY_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(500),
  COMMAND_INGRESS_CONCURRENCY: z.coerce.number().int().min(1).default(16),
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
