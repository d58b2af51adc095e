import type { RecordedEvent } from '../../../ports/eventStore';

export interface EventRow {
  global_position: number;
  /** xid8 has no JS type parser: selected as text. */
  transaction_id: string;
  stream_name: string;
  stream_position: number;
  event_id: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  created_at: Date;
}

export function mapEventRow(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    streamPosition: Number(row.stream_position),
    position: { transactionId: Number(row.transaction_id), globalPosition: Number(row.global_position) },
    createdAt: row.created_at,
  };
}
