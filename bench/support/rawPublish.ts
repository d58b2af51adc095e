// The bus bench's raw baseline, with nothing from src/adapters: the events' rows read with plain SQL
// (untimed), then each one serialised and confirm-published with plain amqplib in a sliding window of
// `window` unconfirmed publishes (the relay's window), one publish per event as the relay does.
import type { ConfirmChannel, Options } from 'amqplib';
import type pg from 'pg';

export interface RawEventRow {
  global_position: string;
  transaction_id: string;
  stream_name: string;
  stream_position: string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  created_at: Date;
}

/** Every event of the schema's events table, in `$all` order, by one plain query. */
export async function readRawEventRows(pool: pg.Pool, schema: string): Promise<RawEventRow[]> {
  const { rows } = await pool.query<RawEventRow>(`SELECT global_position::text, transaction_id::text, stream_name, stream_position::text, event_id, type, data, metadata, created_at
    FROM "${schema}".events AS e ORDER BY e.transaction_id, e.global_position`);
  return rows;
}

const headerKeys = ['commandId', 'correlationId', 'causationId', 'actor', 'tenantId', 'occurredAt', 'schemaVersion'];

/** The message the relay publishes for an event (the same routing key, body bytes and properties;
 * the bench checks that against ours before timing), written out by hand. */
export function rawEventMessage(row: RawEventRow): { routingKey: string; content: Buffer; options: Options.Publish } {
  const transactionId = Number(row.transaction_id);
  const globalPosition = Number(row.global_position);
  const streamPosition = Number(row.stream_position);
  const dash = row.stream_name.indexOf('-');
  const category = dash === -1 ? row.stream_name : row.stream_name.slice(0, dash);
  const headers: Record<string, unknown> = { streamName: row.stream_name, streamPosition, position: `${transactionId}.${globalPosition}` };
  for (const key of headerKeys) if (row.metadata[key] !== undefined) headers[key] = row.metadata[key];
  const correlationId = row.metadata.correlationId;
  return {
    routingKey: `${category}.${row.type}`,
    content: Buffer.from(JSON.stringify({
      eventId: row.event_id, type: row.type, streamName: row.stream_name, streamPosition, position: { transactionId, globalPosition },
      data: row.data, metadata: row.metadata, createdAt: row.created_at.toISOString(),
    })),
    options: {
      persistent: true, messageId: row.event_id, type: row.type, contentType: 'application/json',
      timestamp: Math.floor(row.created_at.getTime() / 1000), appId: 'platform-relay', headers,
      ...(typeof correlationId === 'string' ? { correlationId } : {}),
    },
  };
}

/** Serialises and confirm-publishes every row in a window of `window`; returns messages per second. */
export async function rawConfirmPublish(channel: ConfirmChannel, exchange: string, rows: RawEventRow[], window: number): Promise<number> {
  const started = process.hrtime.bigint();
  let inFlight = 0;
  let confirmed = 0;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  for (const row of rows) {
    while (inFlight >= window && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
    inFlight += 1;
    const message = rawEventMessage(row);
    channel.publish(exchange, message.routingKey, message.content, message.options, (error) => {
      if (error) failure = new Error(`broker nacked ${row.event_id}`);
      inFlight -= 1;
      confirmed += 1;
      signal();
    });
  }
  while (confirmed < rows.length && !failure) await new Promise<void>((resolve) => (wake = resolve));
  if (failure) throw failure;
  return rows.length / (Number(process.hrtime.bigint() - started) / 1e9);
}
