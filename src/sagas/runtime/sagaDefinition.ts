/** JSON a step may hand to later steps (recorded in SagaStepCompleted: never a secret). Flat, so a
 * stream recorded by an older worker replays into the same shape. */
export type StepOutput = Record<string, string | number | boolean | null> | undefined;

/** Outputs by step name as the runtime holds them: what the saga's stream recorded. */
export type RecordedOutputs = Readonly<Record<string, StepOutput>>;

/** What a step, a compensation or a report is given; `Outputs` is what it may read of the steps before. */
export interface SagaContext<Input, Outputs = object> {
  sagaName: string;
  sagaId: string;
  input: Input;
  /** Outputs of the steps completed so far, by step name. */
  outputs: Readonly<Outputs>;
  /** Aborted when the step's timeout passes; long waits should honour it. */
  signal: AbortSignal;
  /** 1 on the first try of this step in this saga (attempts survive restarts). */
  attempt: number;
  /** When the trigger event was recorded (deadlines such as a deletion grace period count from it). */
  triggeredAt: Date;
  /** For the commands the saga sends: the trigger's correlation id. */
  correlationId: string;
}

/** What a command sent by a saga needs of it: who sends, and which trigger it follows. */
export type SagaIdentity = Pick<SagaContext<unknown>, 'sagaName' | 'sagaId' | 'correlationId'>;

/**
 * One step as written: `run` gets the outputs of the steps before it (`Needs`) and returns its own.
 * `run` must be idempotent (ensure semantics, deterministic names) because a worker killed after the
 * effect but before SagaStepCompleted runs it again; `compensate` too, and it must accept that `run`
 * may have done nothing, part, or all of its work: its own output is there only if `run` completed.
 * Function-typed members (not methods) so a step needing an output the saga lacks does not compile.
 */
export interface StepBody<Name extends string, Input, Needs, Output extends StepOutput | void> {
  run: (ctx: SagaContext<Input, Needs>) => Promise<Output>;
  compensate?: (ctx: SagaContext<Input, Needs & { readonly [K in Name]?: Output }>) => Promise<void>;
  timeoutMs: number;
  /** Overrides the runtime's default number of attempts for transient errors. */
  maxAttempts?: number;
}

export interface SagaStep<Name extends string, Input, Needs, Output extends StepOutput | void> extends StepBody<Name, Input, Needs, Output> {
  name: Name;
}

/** A step as the runtime runs it, its outputs read back from the stream. Methods, so a definition of
 * any input fits the processor's list of definitions. */
export interface RunnableStep<Input> {
  name: string;
  run(ctx: SagaContext<Input, RecordedOutputs>): Promise<StepOutput | void>;
  compensate?(ctx: SagaContext<Input, RecordedOutputs>): Promise<void>;
  timeoutMs: number;
  maxAttempts?: number;
}

export interface SagaFailure {
  step: string;
  reason: string;
  cancelled: boolean;
}

/** What defineSaga builds and runSaga runs. */
export interface SagaDefinition<Input = unknown> {
  name: string;
  steps: ReadonlyArray<RunnableStep<Input>>;
  /** After the last step: report success to the aggregate (must be idempotent). */
  onCompleted(ctx: SagaContext<Input, RecordedOutputs>): Promise<void>;
  /** After compensation: report the failure to the aggregate (must be idempotent). */
  onFailed(ctx: SagaContext<Input, RecordedOutputs>, failure: SagaFailure): Promise<void>;
}
