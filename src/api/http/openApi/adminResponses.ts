import { z } from 'zod';
import { commandReply, instance } from './responseBodies';

/** A ResponseSpec (documentedResponses, which spreads these in; not imported, which would be a cycle). */
type OperatorResponse = { schema?: z.ZodType; contentType?: 'application/x-ndjson' };

/** The admin routes' answers (src/api/http/routes/adminRoutes). */

const saga = z.object({
  streamName: z.string(), sagaName: z.string(), sagaId: z.string(), subjectId: z.string(), tenantId: z.string().nullable(),
  status: z.enum(['pending', 'running', 'compensating', 'succeeded', 'compensated', 'cancelled']),
  lastCompletedStep: z.string().nullable(), stepsCompleted: z.number().int(), currentStep: z.string().nullable(), attempts: z.number().int(),
  lastError: z.string().nullable(), retryAt: z.string().nullable(), cancelRequested: z.boolean(), input: z.unknown(),
  triggerEventId: z.string(), correlationId: z.string(), startedAt: z.string(), updatedAt: z.string(),
});
const projection = z.object({
  name: z.string(), version: z.number().int(), checkpoint: z.string().nullable(), lag: z.number().int().nullable(),
  updatedAt: z.string(), rebuiltAt: z.string().nullable(), rebuilding: z.boolean(),
});
const sagaRequested = z.object({ sagaId: z.string(), streamName: z.string(), requested: z.enum(['retry', 'cancel']) });

const deadLetter = z.object({
  messageId: z.string().nullable(), type: z.string().nullable(), correlationId: z.string().nullable(), error: z.string().nullable(),
  errorName: z.string().nullable(), reason: z.string(), failedAt: z.string().nullable(), attempts: z.number().int().nullable(), preview: z.string(),
});

export const adminResponses: Record<string, Record<number, OperatorResponse>> = {
  adminListInstances: { 200: { schema: z.object({ items: z.array(instance), nextCursor: z.string().nullable() }) } },
  adminListSagas: { 200: { schema: z.object({ items: z.array(saga) }) } },
  retrySaga: { 202: { schema: sagaRequested } },
  cancelSaga: { 202: { schema: sagaRequested } },
  adminProjectionStatus: { 200: { schema: z.object({ items: z.array(projection) }) } },
  adminListDeadLetters: { 200: { schema: z.object({ group: z.string(), items: z.array(deadLetter) }) } },
  adminRedriveDeadLetters: { 200: { schema: z.object({ group: z.string(), redriven: z.number().int(), actionId: z.string(), streamName: z.string() }) } },
  adminRebuildProjection: { 202: { schema: z.object({ projection: z.string(), actionId: z.string(), streamName: z.string() }) } },
  grantOperatorRole: { 200: { schema: commandReply } },
  revokeOperatorRole: { 200: { schema: commandReply } },
  adminRelayStatus: {
    200: { schema: z.object({ relay: z.string(), checkpoint: z.string().nullable(), checkpointedAt: z.string().nullable(), active: z.boolean(), lagEvents: z.number().int(), lagSeconds: z.number() }) },
  },
};
