import { Readable } from 'node:stream';
import { z } from 'zod';
import type { EventStore } from '../../../ports/eventStore';
import { aggregateAt } from '../../../projections/audit/aggregateAt';
import { aggregateDiff } from '../../../projections/audit/aggregateDiff';
import { auditPointSyntax, parseAuditPoint, type AuditPoint } from '../../../projections/audit/auditPoint';
import { auditEntries, auditTimeline, InvalidAuditCursorError, type AuditFilter } from '../../../projections/audit/auditTimeline';
import { correlationView } from '../../../projections/audit/correlationView';
import { apiRoute } from '../apiRoute';
import { RequestValidationError } from '../httpErrors';

export interface AuditRouteDeps {
  store: Pick<EventStore, 'readStream' | 'readAll'>;
}

const time = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with an offset' }).transform((text) => new Date(text));
const filterFields = {
  stream: z.string().regex(/^[A-Za-z]+-[A-Za-z0-9-]+$/, 'must be a stream name such as instance-<uuid>').max(200).optional()
    .describe('Only this stream (e.g. instance-<uuid>).'),
  tenantId: z.uuid({ message: 'must be a UUID' }).optional().describe("The tenant's own stream and every event naming it in its metadata."),
  actor: z.string().min(1).max(200).optional().describe('Who acted: a user id or system:<component>.'),
  correlationId: z.string().min(1).max(200).optional().describe('Everything that followed one request.'),
  type: z.string().regex(/^[A-Za-z]+(,[A-Za-z]+)*$/, 'must be event types separated by commas').optional().describe('Event types, comma-separated.'),
  since: time.optional().describe('Recorded at or after this time.'),
  until: time.optional().describe('Recorded at or before this time.'),
};
const timelineQuery = z.strictObject({
  ...filterFields,
  cursor: z.string().min(1).max(40).optional().describe('nextCursor of the previous page.'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const exportQuery = z.strictObject(filterFields);
const pointText = z.string().max(40).refine((text) => parseAuditPoint(text) !== null, `must be ${auditPointSyntax}`);
const point = pointText.transform((text) => parseAuditPoint(text) as AuditPoint).describe(`A point in history: ${auditPointSyntax}.`);
const pointOrNow = pointText.optional().transform((text) => parseAuditPoint(text) as AuditPoint).describe(`A point in history: ${auditPointSyntax}; now when absent.`);
const streamParams = z.strictObject({ streamName: z.string().regex(/^[A-Za-z]+-[A-Za-z0-9-]+$/, 'must be a stream name such as instance-<uuid>').max(200) });
const correlationParams = z.strictObject({ correlationId: z.string().min(1).max(200) });

type FilterQuery = z.infer<typeof exportQuery>;
const filterOf = (query: FilterQuery): AuditFilter => ({
  ...(query.stream ? { stream: query.stream } : {}),
  ...(query.tenantId ? { tenantId: query.tenantId } : {}),
  ...(query.actor ? { actor: query.actor } : {}),
  ...(query.correlationId ? { correlationId: query.correlationId } : {}),
  ...(query.type ? { types: query.type.split(',') } : {}),
  ...(query.since ? { since: query.since } : {}),
  ...(query.until ? { until: query.until } : {}),
});

/** Operators' audit and time travel (issue 19 item 2, docs/decisions/055): read through the
 * EventStore port, so every adapter answers; tenants get 403. */
export function auditRoutes(deps: AuditRouteDeps) {
  return [
    apiRoute({
      method: 'get', path: '/api/v1/admin/audit/timeline', operationId: 'auditTimeline', tag: 'admin',
      summary: 'Operators: the timeline of a stream, a tenant, an actor or a request, oldest first. '
        + 'Who (actor), when (recorded and occurred), what (type, stream, data) and why (reason, causation and correlation ids); '
        + 'pages follow nextCursor, and a page examines a bounded part of the log, so it may be short and still have a next one.',
      query: timelineQuery, authorize: () => ({ kind: 'operator' }), responses: { 200: 'A page of the timeline' },
      handle: async (input) => {
        const { cursor, limit, ...filter } = input.query;
        try {
          return { status: 200, body: await auditTimeline(deps.store, filterOf(filter), { limit, ...(cursor ? { cursor } : {}) }) };
        } catch (error) {
          if (error instanceof InvalidAuditCursorError) throw new RequestValidationError('query', [{ path: 'cursor', message: error.message }]);
          throw error;
        }
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/admin/audit/export', operationId: 'exportAudit', tag: 'admin',
      summary: 'Operators: the whole timeline of the same filters as JSON lines, one event per line, streamed.',
      query: exportQuery, authorize: () => ({ kind: 'operator' }), responses: { 200: 'One audit entry per line' },
      handle: async (input) => {
        const lines = async function* (): AsyncGenerator<string> {
          for await (const entry of auditEntries(deps.store, filterOf(input.query), Number.MAX_SAFE_INTEGER)) yield `${JSON.stringify(entry)}\n`;
        };
        return { status: 200, stream: Readable.from(lines()), headers: { 'Content-Type': 'application/x-ndjson' } };
      },
    }),
    apiRoute({
      method: 'get', path: '/api/v1/admin/audit/streams/:streamName', operationId: 'auditAggregateAt', tag: 'admin',
      summary: 'Operators: an aggregate as it was at a position, a time or a stream version, folded from its stream with its own decider.',
      params: streamParams, query: z.strictObject({ at: pointOrNow }), authorize: () => ({ kind: 'operator' }), responses: { 200: 'The state then' },
      handle: async (input) => ({ status: 200, body: await aggregateAt(deps.store, input.params.streamName, input.query.at) }),
    }),
    apiRoute({
      method: 'get', path: '/api/v1/admin/audit/streams/:streamName/diff', operationId: 'auditAggregateDiff', tag: 'admin',
      summary: 'Operators: what changed in an aggregate between two points, field by field, and the events that changed it.',
      params: streamParams, query: z.strictObject({ from: point, to: pointOrNow }), authorize: () => ({ kind: 'operator' }),
      responses: { 200: 'The two states, the changes and the events between' },
      handle: async (input) => ({ status: 200, body: await aggregateDiff(deps.store, input.params.streamName, input.query.from, input.query.to) }),
    }),
    apiRoute({
      method: 'get', path: '/api/v1/admin/audit/correlations/:correlationId', operationId: 'auditCorrelation', tag: 'admin',
      summary: 'Operators: everything that followed one request (its correlation id), with each event\'s depth in the causation chain.',
      params: correlationParams, authorize: () => ({ kind: 'operator' }), responses: { 200: 'The events of the request' },
      handle: async (input) => ({ status: 200, body: await correlationView(deps.store, input.params.correlationId) }),
    }),
  ];
}
