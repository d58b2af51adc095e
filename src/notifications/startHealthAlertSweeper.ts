import type pg from 'pg';
import type { Logger } from 'pino';
import { deliverNotification, TransientDeliveryError, type DeliveryDeps } from './deliverNotification';
import { formatMailDate } from './formatForMail';
import type { NotifierLookups } from './notifierLookups';
import type { RuleSettings } from './notificationRules';

export interface HealthAlertSweeperDeps {
  pool: pg.Pool;
  /** Qualified pending_health_alerts table. */
  table: string;
  delivery: DeliveryDeps;
  lookups: NotifierLookups;
  settings: RuleSettings;
  unhealthyAfterMinutes: number;
  intervalMs: number;
  /** Backoff of a transient SMTP failure, by attempt (the last repeats). */
  retryDelaysMs: number[];
  logger?: Logger;
}

export interface HealthAlertSweeper {
  /** One pass now (tests, and a wake-up after start). */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

interface AlertRow {
  instance_id: string;
  event_id: string;
  event_type: string;
  correlation_id: string | null;
  detail: string;
  since: Date;
  attempts: number;
}

/** Mails the episodes that lasted past their due time. Rows are locked with SKIP LOCKED, so any
 * number of workers sweep side by side without mailing twice; the notification id (from the
 * episode's first event) makes a repeat after a crash a duplicate, not a second mail. */
export function startHealthAlertSweeper(deps: HealthAlertSweeperDeps): HealthAlertSweeper {
  const log = deps.logger?.child({ component: 'notifier-health-alerts' });
  let running: Promise<number> | null = null;
  let stopped = false;

  const sweepOnce = async (): Promise<number> => {
    const client = await deps.pool.connect();
    let handled = 0;
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<AlertRow>(
        `SELECT instance_id::text, event_id, event_type, correlation_id, detail, since, attempts FROM ${deps.table}
         WHERE due_at <= now() ORDER BY due_at LIMIT 20 FOR UPDATE SKIP LOCKED`,
      );
      for (const row of rows) {
        if (await deliverAlert(row)) await client.query(`DELETE FROM ${deps.table} WHERE instance_id = $1`, [row.instance_id]);
        else {
          const delay = deps.retryDelaysMs[Math.min(row.attempts, deps.retryDelaysMs.length - 1)] ?? 30_000;
          await client.query(`UPDATE ${deps.table} SET attempts = attempts + 1, due_at = now() + make_interval(secs => $2) WHERE instance_id = $1`, [row.instance_id, delay / 1000]);
        }
        handled += 1;
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
    return handled;
  };

  /** True when the row is done with (mailed, failed for good, or the episode is over). */
  const deliverAlert = async (row: AlertRow): Promise<boolean> => {
    const instance = await deps.lookups.instance(row.instance_id);
    // The instance's own stream is the judge: a recovery the queue has not delivered yet still counts.
    if (!instance || instance.status !== 'running' || (instance.health !== 'unhealthy' && instance.health !== 'crashed')) return true;
    const variables = {
      instanceName: instance.name, url: deps.settings.instanceUrl(instance.subdomain), condition: row.event_type === 'InstanceCrashed' ? 'crashed' : 'unhealthy',
      since: formatMailDate(row.since), minutes: deps.unhealthyAfterMinutes, detail: row.detail,
    };
    let pending = false;
    for (const recipient of await deps.lookups.tenantAdmins(instance.tenantId)) {
      try {
        await deliverNotification(deps.delivery, {
          template: 'instanceUnhealthy', variables, recipient, attempt: row.attempts + 1, lastAttempt: false,
          source: { eventId: row.event_id, eventType: row.event_type, tenantId: instance.tenantId, ...(row.correlation_id ? { correlationId: row.correlation_id } : {}) },
        });
      } catch (error) {
        if (!(error instanceof TransientDeliveryError)) throw error;
        pending = true;
        log?.warn({ instanceId: row.instance_id, err: error }, 'health alert not delivered; retrying later');
      }
    }
    return !pending;
  };

  const sweep = (): Promise<number> => {
    // One pass at a time per process; a tick during a pass joins it.
    running ??= sweepOnce().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) sweep().catch((error: unknown) => log?.error({ err: error }, 'health alert sweep failed'));
  }, deps.intervalMs);
  timer.unref();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
