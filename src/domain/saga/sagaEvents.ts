/** A completed step's output as recorded: a flat JSON object the saga's later steps read back. */
export type RecordedStepOutput = Record<string, string | number | boolean | null>;

// A saga's progress, in its own stream `saga-<sagaName>-<sagaId>` (docs/architecture.md, Sagas).
export type SagaStarted = { type: 'SagaStarted'; data: { sagaName: string; sagaId: string; subjectId: string; tenantId: string | null; input: unknown; triggerEventId: string; triggeredAt: string; correlationId: string } };
export type SagaStepCompleted = { type: 'SagaStepCompleted'; data: { step: string; output: RecordedStepOutput | null; attempt: number } };
/** `retryAt`: when the step is tried again (null = compensation starts). `paused`: an open circuit
 * breaker, not counted as an attempt. */
export type SagaStepFailed = {
  type: 'SagaStepFailed';
  /** `error` is the raw text (operators); `publicReason`, on a permanent failure, what the tenant is told (tenantSafeReason). */
  data: { step: string; phase: 'run' | 'compensate'; error: string; attempt: number; permanent: boolean; paused: boolean; retryAt: string | null; publicReason?: string };
};
/** The step asked to be run again later (e.g. a deletion grace period). */
export type SagaStepDeferred = { type: 'SagaStepDeferred'; data: { step: string; until: string; reason: string } };
export type SagaCompensated = { type: 'SagaCompensated'; data: { step: string } };
export type SagaCompleted = { type: 'SagaCompleted'; data: { outcome: 'succeeded' | 'compensated' | 'cancelled'; failedStep: string | null; reason: string | null } };
/** Operator requests (CLI). */
export type SagaRetryRequested = { type: 'SagaRetryRequested'; data: { requestedBy: string } };
export type SagaCancelRequested = { type: 'SagaCancelRequested'; data: { requestedBy: string; reason: string } };

export type SagaEvent =
  | SagaStarted | SagaStepCompleted | SagaStepFailed | SagaStepDeferred | SagaCompensated | SagaCompleted
  | SagaRetryRequested | SagaCancelRequested;

export const sagaEventTypes = [
  'SagaStarted', 'SagaStepCompleted', 'SagaStepFailed', 'SagaStepDeferred', 'SagaCompensated', 'SagaCompleted',
  'SagaRetryRequested', 'SagaCancelRequested',
] as const satisfies readonly SagaEvent['type'][];
