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
