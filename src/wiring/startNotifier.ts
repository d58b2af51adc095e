import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { EventConsumerDefinition } from '../ports/eventConsumer';
import type { EventStore } from '../ports/eventStore';
import { identityOptionsFromConfig } from './createIdentityDeps';
import { createPostgresTokenVault } from '../adapters/identity/createPostgresTokenVault';
import { createFileMailer } from '../adapters/mail/createFileMailer';
import { createSmtpMailer } from '../adapters/mail/createSmtpMailer';
import { describeSmtpFailure } from '../adapters/mail/describeSmtpFailure';
import { breakerOptionsFromConfig } from './breakerOptionsFromConfig';
import { createCircuitBreaker } from '../adapters/resilience/createCircuitBreaker';
import { guardWithBreaker } from '../adapters/resilience/guardWithBreaker';
import type { Config } from '../config';
import { createPositionWaiter } from '../projections/runtime/createPositionWaiter';
import type { ProjectionDb } from '../projections/runtime/projection';
import { createNotifierLookups } from '../notifications/createNotifierLookups';
import type { DeliveryDeps } from '../notifications/deliverNotification';
import type { Mailer } from '../ports/mailer';
import { migrateNotifications } from '../notifications/migrateNotifications';
import { runMigration } from '../adapters/postgres/runMigration';
import { notifierConsumer } from '../notifications/notifierConsumer';
import { startHealthAlertSweeper, type HealthAlertSweeper } from '../notifications/startHealthAlertSweeper';

export interface NotifierOptions {
  config: Config;
  /** Platform database: read models, token vault, pending health alerts. */
  pool: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  logger?: Logger;
  /** Tests pass a mailer of their own; by default nodemailer over SMTP_URL. */
  mailer?: Mailer;
}

export interface Notifier {
  /** Give to startBus `consumers`. */
  consumer: EventConsumerDefinition;
  sweeper: HealthAlertSweeper;
  stop(): Promise<void>;
}

/** Everything the notifier runs in a worker: its table, the SMTP transport behind a breaker, the
 * consumer group definition and the health-alert sweeper. */
export async function startNotifier(options: NotifierOptions): Promise<Notifier> {
  const { config } = options;
  await runMigration(options.pool, `migrateNotifications:${config.NOTIFY_SCHEMA}`, (client) => migrateNotifications(client, config.NOTIFY_SCHEMA));
  if (!options.mailer && !config.SMTP_URL) options.logger?.warn({ mailDir: config.MAIL_DIR }, 'no SMTP_URL: mails are written as .eml files under MAIL_DIR');
  const mailer = options.mailer ?? (config.SMTP_URL
    ? createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM, timeoutMs: config.SMTP_TIMEOUT_MS })
    : createFileMailer({ dir: config.MAIL_DIR, from: config.MAIL_FROM }));
  // Only transient failures count against the server: a run of bad addresses must not open it.
  const breaker = createCircuitBreaker('smtp', { ...breakerOptionsFromConfig(config), isFailure: (error) => !describeSmtpFailure(error).permanent });
  const delivery: DeliveryDeps = {
    store: options.store,
    mailer: guardWithBreaker(mailer, breaker, ['close']),
    describeFailure: describeSmtpFailure,
    appUrl: config.PUBLIC_APP_URL,
    unsubscribeKey: unsubscribeKeyFromConfig(config),
    messageIdDomain: mailDomain(config.MAIL_FROM),
  };
  const waiter = createPositionWaiter({ db: options.db, schema: config.READMODEL_SCHEMA, pollIntervalMs: 50 });
  const lookups = createNotifierLookups({
    db: options.db, readModelSchema: config.READMODEL_SCHEMA, store: options.store, waiter, readModelWaitMs: config.NOTIFY_READ_MODEL_WAIT_MS,
    vault: createPostgresTokenVault(options.pool, config.IDENTITY_SCHEMA, identityOptionsFromConfig(config).secretsKey),
  });
  const settings = { appUrl: config.PUBLIC_APP_URL, instanceUrl: (subdomain: string) => `${config.INSTANCE_URL_SCHEME}://${subdomain}.${config.BASE_DOMAIN}` };
  const healthAlertTable = `${pg.escapeIdentifier(config.NOTIFY_SCHEMA)}.pending_health_alerts`;
  const sweeper = startHealthAlertSweeper({
    pool: options.pool, table: healthAlertTable, delivery, lookups, settings, unhealthyAfterMinutes: config.NOTIFY_UNHEALTHY_AFTER_MINUTES,
    intervalMs: config.NOTIFY_SWEEP_INTERVAL_MS, retryDelaysMs: config.AMQP_RETRY_DELAYS_MS, ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    consumer: notifierConsumer({
      delivery, events: options.store, lookups, settings, healthAlertTable, unhealthyAfterMs: config.NOTIFY_UNHEALTHY_AFTER_MINUTES * 60_000, ...(options.logger ? { logger: options.logger } : {}),
    }),
    sweeper,
    async stop() {
      await sweeper.stop();
      waiter.close();
      breaker.shutdown();
      mailer.close();
    },
  };
}

/** Without NOTIFY_UNSUBSCRIBE_KEY, development and tests derive a fixed key; production refuses
 * rather than sign links with a key anyone can read here. */
export function unsubscribeKeyFromConfig(config: Pick<Config, 'NOTIFY_UNSUBSCRIBE_KEY' | 'NODE_ENV'>): Buffer {
  if (config.NOTIFY_UNSUBSCRIBE_KEY) {
    const key = Buffer.from(config.NOTIFY_UNSUBSCRIBE_KEY, 'base64');
    if (key.length < 32) throw new Error('NOTIFY_UNSUBSCRIBE_KEY must be at least 32 bytes, base64');
    return key;
  }
  if (config.NODE_ENV === 'production') throw new Error('NOTIFY_UNSUBSCRIBE_KEY is required in production');
  return createHash('sha256').update('development-only unsubscribe key').digest();
}

function mailDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'localhost';
}
