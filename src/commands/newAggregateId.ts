import { createHash } from 'node:crypto';
import { v5 } from 'uuid';

// Fixed namespace for ids derived from idempotency keys (decision 001).
const aggregateIdNamespace = '6f1d7f0e-5a43-4c36-9a7e-2f1c0f3b9d21';
const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The id a create command gives its new aggregate: a function of the commandId, so a create retried
 * after a crash (appended, result not yet recorded) finds its own stream instead of making a twin.
 * A UUIDv7 commandId (what the platform generates) yields a UUIDv7 with the same timestamp, so ids
 * stay in creation order; any other idempotency key yields a UUIDv5. */
export function newAggregateId(commandId: string): string {
  if (!uuidV7.test(commandId)) return v5(commandId, aggregateIdNamespace);
  const random = createHash('sha256').update(`${aggregateIdNamespace}:${commandId}`).digest('hex');
  const timestamp = commandId.replace(/-/g, '').slice(0, 12);
  const variant = ((parseInt(random[3]!, 16) & 0x3) | 0x8).toString(16);
  return `${timestamp.slice(0, 8)}-${timestamp.slice(8, 12)}-7${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-${random.slice(7, 19)}`;
}
