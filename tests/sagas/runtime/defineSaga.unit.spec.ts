import { defineSaga } from '../../../src/sagas/runtime/defineSaga';
import type { SagaStep } from '../../../src/sagas/runtime/sagaDefinition';
import { createSagaRuntimeWorld } from './sagaRuntimeWorld';

type WithInstance = { instanceId: string };

// Shared steps as the instance sagas write them: named, taking any input with an instance id.
const waitHealthy: SagaStep<'waitHealthy', WithInstance, object, { elapsedMs: number }> = {
  name: 'waitHealthy', timeoutMs: 1_000, run: async ({ input }) => ({ elapsedMs: input.instanceId.length }),
};
const needsRole: SagaStep<'grantRole', WithInstance, { createRole: { role: string } }, { granted: string }> = {
  name: 'grantRole', timeoutMs: 1_000, run: async ({ outputs }) => ({ granted: outputs.createRole.role }),
};

describe('defineSaga', () => {
  it('given steps written in place and shared ones, when the saga runs, then each step reads the outputs above it and onCompleted all of them', async () => {
    // Given
    const world = createSagaRuntimeWorld();
    let report = '';
    const saga = defineSaga<{ instanceId: string; subdomain: string }>('typed')
      .step('claimSubdomain', { timeoutMs: 1_000, run: async ({ input }) => ({ subdomain: input.subdomain }) })
      .step('createRole', { timeoutMs: 1_000, run: async ({ input, outputs }) => ({ role: `${input.instanceId}_${outputs.claimSubdomain.subdomain}` }) })
      .step(needsRole)
      .step(waitHealthy)
      .onCompleted(async ({ outputs }) => {
        report = `${outputs.grantRole.granted} healthy after ${outputs.waitHealthy.elapsedMs}`;
      })
      .onFailed(async () => undefined)
      .build();

    // When
    const result = await world.run(saga, { instanceId: 'i1', subdomain: 'shop' });

    // Then
    expect(result).toEqual({ kind: 'finished', status: 'succeeded' });
    expect(report).toBe('i1_shop healthy after 2');
    expect(saga.steps.map((step) => step.name)).toEqual(['claimSubdomain', 'createRole', 'grantRole', 'waitHealthy']);
  });

  it('given two steps of one name, when the saga is built, then it is refused (outputs and progress are kept by name)', () => {
    const twice = defineSaga<WithInstance>('twice')
      .step(waitHealthy)
      .step(waitHealthy)
      .onCompleted(async () => undefined)
      .onFailed(async () => undefined);
    expect(() => twice.build()).toThrow('saga twice has two steps named waitHealthy');
  });

  it('refuses at compile time what would read an output that is not there (tsc checks this file)', () => {
    const sagas = [
      defineSaga<WithInstance>('missingNeed')
        // @ts-expect-error grantRole needs createRole's output, which no step above gives
        .step(needsRole),
      defineSaga<{ other: string }>('wrongInput')
        // @ts-expect-error the shared step needs an input with an instance id
        .step(waitHealthy),
      defineSaga<WithInstance>('unknownOutput')
        .step('a', { timeoutMs: 1, run: async () => ({ value: 1 }) })
        // @ts-expect-error no step named zz above
        .step('b', { timeoutMs: 1, run: async ({ outputs }) => ({ value: outputs.zz.value }) }),
      defineSaga<WithInstance>('ownOutputOptional')
        .step('a', {
          timeoutMs: 1, run: async () => ({ value: 1 }),
          // @ts-expect-error a compensation may follow a run that never completed: its own output is optional
          compensate: async ({ outputs }) => void outputs.a.value,
        }),
      defineSaga<WithInstance>('partialOnFailure')
        .step('a', { timeoutMs: 1, run: async () => ({ value: 1 }) })
        .onCompleted(async ({ outputs }) => void outputs.a.value)
        // @ts-expect-error onFailed may follow a failure of the first step: no output is sure
        .onFailed(async ({ outputs }) => void outputs.a.value),
      defineSaga<WithInstance>('notJson')
        // @ts-expect-error outputs are flat JSON (recorded in SagaStepCompleted)
        .step('a', { timeoutMs: 1, run: async () => ({ at: new Date() }) }),
    ];
    expect(sagas).toHaveLength(6);
  });
});
