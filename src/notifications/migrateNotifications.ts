import pg from 'pg';

/** The notifier's one table: health alerts waiting for their "still down after N minutes" moment.
 * Everything else it keeps is events (notification-<id>, notificationPreferences-<userId>). Idempotent
 * DDL, run by the composition root inside its migration lock (runMigration). */
export async function migrateNotifications(client: pg.PoolClient, schema: string): Promise<void> {
  const s = pg.escapeIdentifier(schema);
  await client.query(`
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE IF NOT EXISTS ${s}.pending_health_alerts (
      instance_id uuid PRIMARY KEY,
      -- The first event of the episode: names the notification, so one episode mails once.
      event_id text NOT NULL,
      event_type text NOT NULL,
      correlation_id text,
      detail text NOT NULL,
      since timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      attempts int NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS pending_health_alerts_due_idx ON ${s}.pending_health_alerts (due_at);
  `);
}
