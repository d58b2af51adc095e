import type { CommandEnvelope } from '../../src/commands/commandEnvelope';
import type { DunningCandidate } from '../../src/projections/billing/queryDunning';
import { reminderFor, runDunning } from '../../src/processes/runDunning';

const instanceId = '01900000-0000-7000-8000-0000000000a1';
const tenantId = '01900000-0000-7000-8000-0000000000b2';
const invoiceId = '01900000-0000-7000-8000-0000000000c1';
const settings = { graceDays: 7, cancelAfterDays: 30, retentionDays: 30 };

function candidate(overrides: Partial<DunningCandidate>): DunningCandidate {
  return {
    instanceId, tenantId, state: 'active', graceEndsOn: null, suspendedOn: null, cancelledAt: null, instanceDeletionRequested: false,
    invoices: [{ invoiceId, dueOn: '2031-03-10', overdue: false, reminders: [] }], ...overrides,
  };
}

async function tick(at: string, candidates: DunningCandidate[]) {
  const sent: CommandEnvelope[] = [];
  const asked: string[] = [];
  await runDunning({
    ...settings, now: () => new Date(at),
    candidates: async (dueBy) => {
      asked.push(dueBy);
      return candidates;
    },
    handleCommand: async (command) => {
      sent.push(command);
      return { commandId: command.metadata.commandId, streamName: 'x', nextExpectedVersion: 0, position: null };
    },
  });
  return { sent: sent.map((c) => ({ type: c.type, data: c.data, commandId: c.metadata.commandId })), asked };
}

describe('dunning tick (injected clock)', () => {
  it('reminds three days before, on and three days after the due day; only the latest after downtime', () => {
    expect(reminderFor('2031-03-10', '2031-03-06')).toBeNull();
    expect(reminderFor('2031-03-10', '2031-03-07')).toBe('beforeDue');
    expect(reminderFor('2031-03-10', '2031-03-10')).toBe('due');
    expect(reminderFor('2031-03-10', '2031-03-12')).toBe('due');
    expect(reminderFor('2031-03-10', '2031-03-13')).toBe('overdue');
    expect(reminderFor('2031-03-10', '2031-05-01')).toBe('overdue');
  });

  it('asks for invoices due within three days and reminds once per kind', async () => {
    const early = await tick('2031-03-07T09:00:00Z', [candidate({})]);
    expect(early.asked).toEqual(['2031-03-10']);
    expect(early.sent).toEqual([{ type: 'RecordPaymentReminder', data: { instanceId, invoiceId, reminder: 'beforeDue' }, commandId: `dunning:remind-beforeDue:${invoiceId}:2031-03-07` }]);
    const again = await tick('2031-03-08T09:00:00Z', [candidate({ invoices: [{ invoiceId, dueOn: '2031-03-10', overdue: false, reminders: ['beforeDue'] }] })]);
    expect(again.sent).toEqual([]);
  });

  it('marks an invoice past due the day after its due day, with the grace end, before reminding', async () => {
    const { sent } = await tick('2031-03-13T00:00:00Z', [candidate({ invoices: [{ invoiceId, dueOn: '2031-03-10', overdue: false, reminders: ['beforeDue', 'due'] }] })]);
    expect(sent.map((c) => c.type)).toEqual(['MarkSubscriptionPastDue', 'RecordPaymentReminder']);
    expect(sent[0]!.data).toEqual({ instanceId, invoiceId, graceEndsOn: '2031-03-17' });
    expect(sent[1]!.data).toMatchObject({ reminder: 'overdue' });
  });

  it('suspends on the grace end, cancels after the suspension lasted, deletes after the retention', async () => {
    const overdue = [{ invoiceId, dueOn: '2031-03-10', overdue: true, reminders: ['beforeDue', 'due', 'overdue'] }];
    expect((await tick('2031-03-16T12:00:00Z', [candidate({ state: 'past_due', graceEndsOn: '2031-03-17', invoices: overdue })])).sent).toEqual([]);
    expect((await tick('2031-03-17T12:00:00Z', [candidate({ state: 'past_due', graceEndsOn: '2031-03-17', invoices: overdue })])).sent)
      .toEqual([{ type: 'SuspendSubscription', data: { instanceId, suspendedOn: '2031-03-17' }, commandId: `dunning:suspend:${instanceId}:2031-03-17` }]);
    const suspended = candidate({ state: 'suspended', graceEndsOn: '2031-03-17', suspendedOn: '2031-03-17', invoices: overdue });
    expect((await tick('2031-04-15T12:00:00Z', [suspended])).sent).toEqual([]);
    expect((await tick('2031-04-16T12:00:00Z', [suspended])).sent.map((c) => c.type)).toEqual(['CancelSubscription']);

    const cancelled = candidate({ state: 'cancelled', cancelledAt: new Date('2031-04-16T12:00:00Z'), invoices: [] });
    expect((await tick('2031-05-16T11:59:59Z', [cancelled])).sent).toEqual([]);
    const deleted = await tick('2031-05-16T12:00:00Z', [cancelled]);
    expect(deleted.sent).toEqual([{
      type: 'DeleteInstance', data: { instanceId, gracePeriodSeconds: 0, reason: 'subscription cancelled and its retention period is over' },
      commandId: `dunning:delete:${instanceId}:2031-05-16`,
    }]);
    expect((await tick('2031-06-16T12:00:00Z', [{ ...cancelled, instanceDeletionRequested: true }])).sent).toEqual([]);
  });
});
