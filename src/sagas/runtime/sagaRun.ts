import type { SagaProgress } from './foldSagaProgress';
import type { RecordedOutputs, SagaContext, SagaDefinition, StepOutput } from './sagaDefinition';
import type { SagaEvent } from '../../domain/saga/sagaEvents';
import type { SagaRuntimeSettings } from './sagaRuntimeSettings';

/** One run of a saga, shared by its forward and compensating parts. */
export interface SagaRun<Input> {
  definition: SagaDefinition<Input>;
  settings: SagaRuntimeSettings;
  /** Where the stream stood when the run began; `attempts` follows the failures this run records. */
  progress: SagaProgress;
  /** Outputs by step name: the recorded ones, then each step's as it completes. */
  outputs: Record<string, StepOutput>;
  log: { saga: string; sagaId: string; correlationId: string };
  now(): Date;
  /** Appends at the version last seen; throws SagaFenced if someone else appended meanwhile. */
  append(event: SagaEvent): Promise<void>;
  context(attempt: number, signal: AbortSignal): SagaContext<Input, RecordedOutputs>;
}
