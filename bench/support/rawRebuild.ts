import type pg from 'pg';

interface Row {
  tenantId: string; name: string | null; deleted: boolean; reason: string | null; createdBy: string | null; createdAt: Date | null;
  updatedAt: Date; version: number; tx: string; pos: number;
}

/**
 * The rebuild's baseline, the best plain way: gap-safe keyset reads of `$all` (the same
 * (transaction_id, global_position) index and snapshot bound ours uses) in batches, each folded in
 * memory into one row per tenant and written in one transaction: one multi-row `unnest` insert of
 * the tenants created in the batch, one `unnest` update of those created earlier, and the checkpoint.
 * Prepared statements, one connection, a fresh table per call as a rebuild makes. Returns events/s.
 */
export async function rawRebuild(pool: pg.Pool, eventSchema: string, targetSchema: string, batchSize = 20_000): Promise<{ events: number; eventsPerSecond: number }> {
  const client = await pool.connect();
  const table = `"${targetSchema}".raw_tenants`;
  const started = process.hrtime.bigint();
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (
      tenant_id uuid PRIMARY KEY, name text NOT NULL, status text NOT NULL CHECK (status IN ('active', 'deleted')), deleted_reason text,
      created_by text NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, version bigint NOT NULL,
      last_transaction_id bigint NOT NULL, last_global_position bigint NOT NULL);
      CREATE INDEX ON ${table} (tenant_id) WHERE status = 'active';
      CREATE TABLE IF NOT EXISTS "${targetSchema}".raw_checkpoint (name text PRIMARY KEY, tx bigint NOT NULL, pos bigint NOT NULL)`);
    let tx = '0';
    let pos = 0;
    let events = 0;
    for (;;) {
      const { rows } = await client.query<{ tx: string; pos: string; stream_position: string; type: string; data: Record<string, string>; created_at: Date }>({
        name: `raw_rebuild_read_${targetSchema}`,
        text: `SELECT transaction_id::text AS tx, global_position AS pos, stream_position, type, data, created_at FROM "${eventSchema}".events
               WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
               ORDER BY transaction_id, global_position LIMIT $3`,
        values: [tx, pos, batchSize],
      });
      if (rows.length === 0) break;
      const created = new Map<string, Row>();
      const patched = new Map<string, Row>();
      for (const event of rows) {
        const id = event.data.tenantId!;
        const meta = { updatedAt: event.created_at, version: Number(event.stream_position), tx: event.tx, pos: Number(event.pos) };
        if (event.type === 'TenantCreated') {
          created.set(id, { tenantId: id, name: event.data.name!, deleted: false, reason: null, createdBy: event.data.createdBy!, createdAt: event.created_at, ...meta });
          continue;
        }
        const row = created.get(id) ?? patched.get(id) ?? { tenantId: id, name: null, deleted: false, reason: null, createdBy: null, createdAt: null, ...meta };
        Object.assign(row, meta);
        if (event.type === 'TenantRenamed') row.name = event.data.name!;
        if (event.type === 'TenantDeleted') Object.assign(row, { deleted: true, reason: event.data.reason! });
        if (!created.has(id)) patched.set(id, row);
      }
      const columns = (list: Row[]) => [
        list.map((r) => r.tenantId), list.map((r) => r.name), list.map((r) => r.deleted), list.map((r) => r.reason), list.map((r) => r.createdBy),
        list.map((r) => r.createdAt), list.map((r) => r.updatedAt), list.map((r) => r.version), list.map((r) => r.tx), list.map((r) => r.pos),
      ];
      const unnest = `unnest($1::uuid[], $2::text[], $3::bool[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::bigint[], $9::bigint[], $10::bigint[])
        AS r(id, name, deleted, reason, created_by, created_at, updated_at, version, tx, pos)`;
      await client.query('BEGIN');
      if (created.size > 0) {
        await client.query({
          name: `raw_rebuild_insert_${targetSchema}`,
          text: `INSERT INTO ${table} SELECT id, name, CASE WHEN deleted THEN 'deleted' ELSE 'active' END, reason, created_by, created_at, updated_at, version, tx, pos FROM ${unnest}
                 ON CONFLICT (tenant_id) DO UPDATE SET name = excluded.name, status = excluded.status, deleted_reason = excluded.deleted_reason,
                 updated_at = excluded.updated_at, version = excluded.version, last_transaction_id = excluded.last_transaction_id, last_global_position = excluded.last_global_position`,
          values: columns([...created.values()]),
        });
      }
      if (patched.size > 0) {
        await client.query({
          name: `raw_rebuild_patch_${targetSchema}`,
          text: `UPDATE ${table} AS t SET name = coalesce(r.name, t.name), status = CASE WHEN r.deleted THEN 'deleted' ELSE t.status END,
                 deleted_reason = coalesce(r.reason, t.deleted_reason), updated_at = r.updated_at, version = r.version, last_transaction_id = r.tx, last_global_position = r.pos
                 FROM ${unnest} WHERE t.tenant_id = r.id`,
          values: columns([...patched.values()]),
        });
      }
      const last = rows.at(-1)!;
      tx = last.tx;
      pos = Number(last.pos);
      await client.query({
        name: `raw_rebuild_checkpoint_${targetSchema}`,
        text: `INSERT INTO "${targetSchema}".raw_checkpoint (name, tx, pos) VALUES ('tenants', $1, $2) ON CONFLICT (name) DO UPDATE SET tx = excluded.tx, pos = excluded.pos`,
        values: [tx, pos],
      });
      await client.query('COMMIT');
      events += rows.length;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events, eventsPerSecond: events / seconds };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
