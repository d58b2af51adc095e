import { sql } from 'kysely';
import type { ProjectionDb } from '../runtime/projection';
import { toSagaView, type SagaRow, type SagaView } from './sagaView';

export interface SagaQueryOptions {
  /** Only unfinished sagas that look stuck: failing, paused, or idle for `stuckAfterMs`. */
  stuck?: boolean;
  activeOnly?: boolean;
  subjectId?: string;
  limit?: number;
  stuckAfterMs?: number;
}

const active = sql`status IN ('pending', 'running', 'compensating')`;

/** Sagas, newest first, from the `sagas` read model in `schema`. */
export async function querySagas(db: ProjectionDb, schema: string, options: SagaQueryOptions = {}): Promise<SagaView[]> {
  const table = sql.id(schema, 'sagas');
  const conditions = [sql`true`];
  if (options.activeOnly || options.stuck) conditions.push(active);
  if (options.stuck) {
    const idle = `${Math.round((options.stuckAfterMs ?? 5 * 60_000) / 1000)} seconds`;
    conditions.push(sql`(last_error IS NOT NULL OR retry_at > now() OR updated_at < now() - ${idle}::interval)`);
  }
  if (options.subjectId) conditions.push(sql`subject_id = ${options.subjectId}`);
  const { rows } = await sql<SagaRow>`SELECT * FROM ${table} WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY started_at DESC LIMIT ${Math.min(Math.max(options.limit ?? 100, 1), 1000)}`.execute(db);
  return rows.map(toSagaView);
}

/** One saga by its id (or its stream name). */
export async function getSaga(db: ProjectionDb, schema: string, idOrStream: string): Promise<SagaView | null> {
  const { rows } = await sql<SagaRow>`SELECT * FROM ${sql.id(schema, 'sagas')}
    WHERE stream_name = ${idOrStream} OR saga_id::text = ${idOrStream} ORDER BY started_at DESC LIMIT 1`.execute(db);
  return rows[0] ? toSagaView(rows[0]) : null;
}

/** Unfinished sagas a worker may run now (the workers' to-do list), of the kinds it runs: a processor
 * handed sagas it has no definition of would get them back on every look, and spin. */
export async function dueSagas(
  db: ProjectionDb, schema: string, sagaNames: readonly string[], exclude: readonly string[], limit: number,
): Promise<SagaView[]> {
  const { rows } = await sql<SagaRow>`SELECT * FROM ${sql.id(schema, 'sagas')}
    WHERE ${active} AND (retry_at IS NULL OR retry_at <= now()) AND saga_name = ANY(${[...sagaNames]}::text[])
      AND NOT (stream_name = ANY(${[...exclude]}::text[]))
    ORDER BY updated_at LIMIT ${limit}`.execute(db);
  return rows.map(toSagaView);
}
