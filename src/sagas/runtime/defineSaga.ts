import type { RunnableStep, SagaContext, SagaDefinition, SagaFailure, SagaStep, StepBody, StepOutput } from './sagaDefinition';

type StepResult = StepOutput | void;
type WithOutput<Outputs, Name extends string, Output> = Outputs & { readonly [K in Name]: Output };

/** A saga being written: its steps so far, and the outputs they give the ones after them. */
export interface SagaSteps<Input, Outputs> {
  /** A step written in place, in the saga. */
  step<Name extends string, Output extends StepResult>(
    name: Name, body: StepBody<Name, Input, Outputs, Output>,
  ): SagaSteps<Input, WithOutput<Outputs, Name, Output>>;
  /** A step shared between sagas: it names itself and the outputs it needs. */
  step<Name extends string, Output extends StepResult>(step: SagaStep<Name, Input, Outputs, Output>): SagaSteps<Input, WithOutput<Outputs, Name, Output>>;
  /** After the last step, every output there. */
  onCompleted(report: (ctx: SagaContext<Input, Outputs>) => Promise<void>): {
    /** After compensation: the steps after the failed one never ran, so no output is sure. */
    onFailed(report: (ctx: SagaContext<Input, Partial<Outputs>>, failure: SagaFailure) => Promise<void>): { build(): SagaDefinition<Input> };
  };
}

/**
 * A saga written top to bottom like straight code: each `.step` sees the outputs of the steps above
 * it, typed, and adds its own. What is recorded does not change: outputs stay flat JSON in
 * SagaStepCompleted, so streams written before this builder replay the same.
 */
export function defineSaga<Input>(name: string): SagaSteps<Input, object> {
  return sagaSteps<Input, object>(name, []);
}

function sagaSteps<Input, Outputs>(name: string, steps: ReadonlyArray<RunnableStep<Input>>): SagaSteps<Input, Outputs> {
  // The overloads of SagaSteps['step'] carry the output types; this body only collects the steps.
  function step(nameOrStep: string | SagaStep<string, Input, Outputs, StepResult>, body?: StepBody<string, Input, Outputs, StepResult>) {
    const written = typeof nameOrStep === 'string' ? { ...body!, name: nameOrStep } : nameOrStep;
    // The one place types meet the stream: the runtime hands each step the outputs its stream
    // recorded, which are what the steps above it returned, in this order (the types above).
    return sagaSteps<Input, unknown>(name, [...steps, written as unknown as RunnableStep<Input>]);
  }
  return {
    step: step as SagaSteps<Input, Outputs>['step'],
    onCompleted: (onCompleted) => ({
      onFailed: (onFailed) => ({
        build: () => {
          const names = steps.map((s) => s.name);
          const repeated = names.find((stepName, index) => names.indexOf(stepName) !== index);
          // Outputs and progress are kept by step name: two steps of one name would read each other's.
          if (repeated) throw new Error(`saga ${name} has two steps named ${repeated}`);
          return {
            name, steps,
            onCompleted: onCompleted as unknown as SagaDefinition<Input>['onCompleted'],
            onFailed: onFailed as unknown as SagaDefinition<Input>['onFailed'],
          };
        },
      }),
    }),
  };
}
