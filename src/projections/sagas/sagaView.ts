
/** A saga as the CLI and the instance status route show it. */
export interface SagaView {
  streamName: string;
  sagaName: string;
  sagaId: string;
  subjectId: string;
  tenantId: string | null;
  status: 'pending' | 'running' | 'compensating' | 'succeeded' | 'compensated' | 'cancelled';
  lastCompletedStep: string | null;
  stepsCompleted: number;
  /** The step failing, deferred or being compensated right now; null while a step runs normally. */
  currentStep: string | null;
  attempts: number;
  lastError: string | null;
  retryAt: Date | null;
  cancelRequested: boolean;
  input: unknown;
  triggerEventId: string;
  correlationId: string;
  startedAt: Date;
  updatedAt: Date;
}

export type SagaRow = {
  stream_name: string; saga_name: string; saga_id: string; subject_id: string; tenant_id: string | null; status: SagaView['status'];
  last_completed_step: string | null; steps_completed: number; current_step: string | null; attempts: number; last_error: string | null;
  retry_at: Date | null; cancel_requested: boolean; input: unknown; trigger_event_id: string; correlation_id: string; started_at: Date; updated_at: Date;
};

export function toSagaView(row: SagaRow): SagaView {
  return {
    streamName: row.stream_name, sagaName: row.saga_name, sagaId: row.saga_id, subjectId: row.subject_id, tenantId: row.tenant_id,
    status: row.status, lastCompletedStep: row.last_completed_step, stepsCompleted: Number(row.steps_completed),
    currentStep: row.current_step, attempts: Number(row.attempts), lastError: row.last_error, retryAt: row.retry_at,
    cancelRequested: row.cancel_requested, input: row.input, triggerEventId: row.trigger_event_id, correlationId: row.correlation_id, startedAt: row.started_at, updatedAt: row.updated_at,
  };
}

