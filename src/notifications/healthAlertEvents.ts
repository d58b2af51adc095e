import type pg from 'pg';
import type { RecordedEvent } from '../ports/eventStore';
import type { InstanceBecameUnhealthy, InstanceCrashed } from '../domain/instance/instanceEvents';

/** An episode starts with the first of these and is mailed about only if it lasts (issue 8). */
export const healthAlertStartTypes = ['InstanceBecameUnhealthy', 'InstanceCrashed'] as const;
/** Any of these ends the episode before it is mailed: back to health, or stopped on purpose. */
export const healthAlertEndTypes = ['InstanceRecovered', 'InstanceStarted', 'InstanceRestarted', 'InstanceStopped', 'InstanceDeletionRequested', 'InstanceDeleted'] as const;

/** In the consumer's transaction (with its inbox row): a redelivered event changes nothing. A crash
 * during an unhealthy episode keeps the episode's start and takes the worse detail. */
export async function scheduleHealthAlert(tx: pg.ClientBase, table: string, event: RecordedEvent, unhealthyAfterMs: number): Promise<void> {
  const data = event.data as InstanceBecameUnhealthy['data'] | InstanceCrashed['data'];
  await tx.query(
    `INSERT INTO ${table} (instance_id, event_id, event_type, correlation_id, detail, since, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6::timestamptz + make_interval(secs => $7))
     ON CONFLICT (instance_id) DO UPDATE SET
       detail = CASE WHEN EXCLUDED.event_type = 'InstanceCrashed' THEN EXCLUDED.detail ELSE ${table}.detail END,
       event_type = CASE WHEN EXCLUDED.event_type = 'InstanceCrashed' THEN EXCLUDED.event_type ELSE ${table}.event_type END`,
    [data.instanceId, event.eventId, event.type, event.metadata.correlationId ?? null, data.detail.slice(0, 400), event.createdAt, unhealthyAfterMs / 1000],
  );
}

export async function cancelHealthAlert(tx: pg.ClientBase, table: string, event: RecordedEvent): Promise<void> {
  await tx.query(`DELETE FROM ${table} WHERE instance_id = $1`, [(event.data as { instanceId: string }).instanceId]);
}
