import type { EventStore } from '../ports/eventStore';
import type { CalendarDay } from '../domain/billing/calendarDays';
import { NotFoundError } from '../domain/shared/decider';
import { assignedInvoiceNumber, loadInvoice } from './billingCommandHandlers';
import type { CommandMetadata, CommandResult } from './commandEnvelope';
import { ConcurrencyConflictError } from './commandErrors';
import type { HandleCommand } from './handleCommand';

export interface IssueInvoiceDeps {
  handleCommand: HandleCommand;
  store: Pick<EventStore, 'readStream'>;
  /** Calls of the pipeline (each with its own bounded retries) before giving up on a busy sequence. */
  numberingAttempts?: number;
}

const numberCommandTypes = { invoice: 'AssignInvoiceNumber', creditNote: 'AssignCreditNoteNumber' } as const;

/** Issues a draft: first its number, appended to the per-currency sequence with the version read
 * (a racing issuer's append fails and is retried with the next number), then `IssueInvoice` with
 * it. Both steps are idempotent (same commandId, and a sequence gives an invoice one number), so a
 * caller that crashed between them calls again with the same metadata and closes the gap it left
 * (docs/decisions/048). */
export async function issueInvoice(
  deps: IssueInvoiceDeps, request: { invoiceId: string; issuedOn: CalendarDay }, metadata: CommandMetadata,
): Promise<{ number: number; result: CommandResult }> {
  const { invoiceId, issuedOn } = request;
  const invoice = await loadInvoice(deps.store, invoiceId);
  if (invoice.status === 'absent') throw new NotFoundError('Invoice', invoiceId);

  const attempts = deps.numberingAttempts ?? 100;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await deps.handleCommand({
        type: numberCommandTypes[invoice.kind], data: { currency: invoice.currency, invoiceId }, metadata: { ...metadata, commandId: `${metadata.commandId}:number` },
      });
      break;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt >= attempts) throw error;
      // Jitter spreads the racing issuers out, so each round most of them find the sequence still.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 5)));
    }
  }
  const number = await assignedInvoiceNumber(deps.store, invoice.kind, invoice.currency, invoiceId);
  if (number === null) throw new Error(`Invoice ${invoiceId} has no number after its assignment`);
  const result = await deps.handleCommand({ type: 'IssueInvoice', data: { invoiceId, number, issuedOn }, metadata: { ...metadata, commandId: `${metadata.commandId}:issue` } });
  return { number, result };
}
