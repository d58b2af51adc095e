import { v5 } from 'uuid';

// Fixed namespace for ids derived from idempotency keys (decision 001).
const aggregateIdNamespace = '6f1d7f0e-5a43-4c36-9a7e-2f1c0f3b9d21';

/** The id a create command gives its new aggregate: a function of the commandId, so a create retried
 * after a crash (appended, result not yet recorded) finds its own stream instead of making a twin. */
export function newAggregateId(commandId: string): string {
  return v5(commandId, aggregateIdNamespace);
}
