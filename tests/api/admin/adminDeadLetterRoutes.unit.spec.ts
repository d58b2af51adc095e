import { createInMemoryEventStore } from '../../../src/adapters/eventstore/inMemory/createInMemoryEventStore';
import type { ApiRoute, RouteInput } from '../../../src/api/http/apiRoute';
import { adminDeadLetterRoutes } from '../../../src/api/http/routes/adminDeadLetterRoutes';
import type { RequestContext } from '../../../src/api/http/requestContext';
import { recordOperatorAction } from '../../../src/commands/admin/recordOperatorAction';
import type { DeadLetter, DeadLetterQueues } from '../../../src/ports/deadLetterQueues';
import { auditTimeline } from '../../../src/projections/audit/auditTimeline';

const letter = (messageId: string): DeadLetter => ({
  messageId, type: 'InstanceStarted', correlationId: 'c1', error: 'boom', errorName: 'Error', reason: 'delivery_limit', failedAt: null, attempts: 4, preview: '{}',
});

function world() {
  const store = createInMemoryEventStore();
  const redrives: Array<{ group: string; messageId?: string }> = [];
  const queues: Pick<DeadLetterQueues, 'list' | 'redrive'> = {
    list: () => Promise.resolve([letter('m1'), letter('m2')]),
    redrive: (group, options) => { redrives.push({ group, ...options }); return Promise.resolve(options?.messageId ? 1 : 2); },
  };
  const [list, redrive] = adminDeadLetterRoutes({ withQueues: (run) => run(queues), recordAction: (request) => recordOperatorAction(store, request) }) as [ApiRoute, ApiRoute];
  const input = (params: unknown, query: unknown, body: unknown) => ({
    params, query, body, idempotencyKey: undefined, minPosition: undefined,
    context: { actor: 'user-op', correlationId: 'req-1' } as RequestContext,
  }) as RouteInput<unknown, unknown, unknown>;
  return { store, redrives, list, redrive, input };
}

test('inspect one dead letter, then redrive it: the redrive is recorded with the operator and the reason', async () => {
  const { store, redrives, list, redrive, input } = world();
  expect((await list.handle(input({ group: 'notifier' }, { limit: 100, messageId: 'm2' }, undefined))).body).toEqual({ group: 'notifier', items: [letter('m2')] });
  const answer = await redrive.handle(input({ group: 'notifier' }, undefined, { reason: 'SMTP fixed', messageId: 'm2' }));
  expect(answer).toMatchObject({ status: 200, body: { group: 'notifier', redriven: 1 } });
  expect(redrives).toEqual([{ group: 'notifier', messageId: 'm2' }]);
  const audit = await auditTimeline(store, { actor: 'user-op' }, { limit: 10 });
  expect(audit.items).toEqual([expect.objectContaining({
    type: 'OperatorActionRecorded', correlationId: 'req-1', reason: 'SMTP fixed',
    data: expect.objectContaining({ action: 'dead-letters.redrive', target: 'notifier', outcome: { redriven: 1, messageId: 'm2' } }),
  })]);
});

test('without a bus the routes answer 503 bus-disabled', async () => {
  const [list] = adminDeadLetterRoutes({ withQueues: null, recordAction: () => Promise.reject(new Error('unused')) }) as [ApiRoute];
  await expect(list.handle({ params: { group: 'x' }, query: { limit: 1 } } as RouteInput<unknown, unknown, unknown>)).rejects.toMatchObject({ status: 503, problemType: 'bus-disabled' });
});
