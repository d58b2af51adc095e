/** JSON a step may hand to later steps (recorded in SagaStepCompleted: never a secret). */
export type StepOutput = Record<string, string | number | boolean | null> | undefined;

export interface SagaContext<Input> {
  sagaName: string;
  sagaId: string;
  input: Input;
  /** Outputs of the steps completed so far, by step name. */
  outputs: Readonly<Record<string, StepOutput>>;
  /** Aborted when the step's timeout passes; long waits should honour it. */
  signal: AbortSignal;
  /** 1 on the first try of this step in this saga (attempts survive restarts). */
  attempt: number;
  /** When the trigger event was recorded (deadlines such as a deletion grace period count from it). */
  triggeredAt: Date;
  /** For the commands the saga sends: the trigger's correlation id. */
  correlationId: string;
}

/** One step: `run` must be idempotent (ensure semantics, deterministic names) because a worker
 * killed after the effect but before SagaStepCompleted runs it again; `compensate` too, and it must
 * accept that `run` may have done nothing, part, or all of its work. */
export interface SagaStep<Input> {
  name: string;
  run(ctx: SagaContext<Input>): Promise<StepOutput | void>;
  compensate?(ctx: SagaContext<Input>): Promise<void>;
  timeoutMs: number;
  /** Overrides the runtime's default number of attempts for transient errors. */
  maxAttempts?: number;
}

export interface SagaFailure {
  step: string;
  reason: string;
  cancelled: boolean;
}

export interface SagaDefinition<Input = unknown> {
  name: string;
  steps: ReadonlyArray<SagaStep<Input>>;
  /** After the last step: report success to the aggregate (must be idempotent). */
  onCompleted(ctx: SagaContext<Input>): Promise<void>;
  /** After compensation: report the failure to the aggregate (must be idempotent). */
  onFailed(ctx: SagaContext<Input>, failure: SagaFailure): Promise<void>;
}
