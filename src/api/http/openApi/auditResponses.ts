import { z } from 'zod';

/** A ResponseSpec (documentedResponses, which spreads these in; not imported, which would be a cycle). */
type OperatorResponse = { schema?: z.ZodType; contentType?: 'application/x-ndjson' };

/** The audit routes' answers (src/api/http/routes/auditRoutes, src/projections/audit). */

const auditEntry = z.object({
  position: z.string(), streamName: z.string(), streamPosition: z.number().int(), eventId: z.string(), type: z.string(),
  recordedAt: z.string(), occurredAt: z.string().nullable(), actor: z.string().nullable(), tenantId: z.string().nullable(),
  commandId: z.string().nullable(), correlationId: z.string().nullable(), causationId: z.string().nullable(),
  reason: z.string().nullable(), data: z.unknown(),
});
const snapshot = z.object({
  streamName: z.string(), at: z.string(), version: z.number().int(), currentVersion: z.number().int(),
  state: z.unknown(), foldable: z.boolean(), lastEvent: auditEntry.nullable(),
});
const change = z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });

export const auditResponses: Record<string, Record<number, OperatorResponse>> = {
  auditTimeline: { 200: { schema: z.object({ items: z.array(auditEntry), nextCursor: z.string().nullable(), scanned: z.number().int() }) } },
  exportAudit: { 200: { contentType: 'application/x-ndjson' } },
  auditAggregateAt: { 200: { schema: snapshot } },
  auditAggregateDiff: { 200: { schema: z.object({ streamName: z.string(), from: snapshot, to: snapshot, events: z.array(auditEntry), changes: z.array(change) }) } },
  auditCorrelation: {
    200: { schema: z.object({ correlationId: z.string(), items: z.array(auditEntry.extend({ depth: z.number().int() })), actors: z.array(z.string()), streams: z.array(z.string()) }) },
  },
};
