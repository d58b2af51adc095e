import type { EventStore } from '../../../src/ports/eventStore';
import { createCircuitBreaker } from '../../../src/adapters/resilience/createCircuitBreaker';
import { defineSaga } from '../../../src/sagas/runtime/defineSaga';
import type { SagaFailure } from '../../../src/sagas/runtime/sagaDefinition';
import { PermanentSagaError, SagaDeferral } from '../../../src/sagas/runtime/sagaErrors';
import { createSagaRuntimeWorld, summarise } from './sagaRuntimeWorld';

type Input = { name: string };

describe('runSaga on the in-memory event store', () => {
  it('given a step failing twice with a transient error, when the saga runs, then the step is retried and the saga completes', async () => {
    // Given
    const world = createSagaRuntimeWorld({ maxAttempts: 3 });
    const attemptsSeen: number[] = [];
    let completedWith: string | null = null;
    const saga = defineSaga<Input>('flaky')
      .step('createThing', {
        timeoutMs: 1_000,
        run: async ({ input, attempt }) => {
          attemptsSeen.push(attempt);
          if (attempt < 3) throw new Error('connection reset');
          return { thing: `thing-${input.name}` };
        },
      })
      .onCompleted(async ({ outputs }) => {
        completedWith = outputs.createThing.thing;
      })
      .onFailed(async () => undefined)
      .build();

    // When
    const result = await world.run(saga, { name: 'a' });

    // Then
    expect(result).toEqual({ kind: 'finished', status: 'succeeded' });
    expect(attemptsSeen).toEqual([1, 2, 3]);
    expect(completedWith).toBe('thing-a');
    const events = await world.events(saga);
    expect(summarise(events)).toEqual([
      'SagaStarted', 'SagaStepFailed:createThing', 'SagaStepFailed:createThing', 'SagaStepCompleted:createThing', 'SagaCompleted',
    ]);
    expect(events[1]!.data).toMatchObject({ phase: 'run', attempt: 1, permanent: false, paused: false, error: 'Error: connection reset' });
    expect(events[3]!.data).toEqual({ step: 'createThing', output: { thing: 'thing-a' }, attempt: 3 });
  });

  it('given a step failing with a permanent error, when the saga runs, then it is not retried and the saga compensates', async () => {
    // Given
    const world = createSagaRuntimeWorld({ maxAttempts: 5 });
    let runs = 0;
    let failure: SagaFailure | null = null;
    const saga = defineSaga<Input>('refused')
      .step('claimName', { timeoutMs: 1_000, run: async ({ input }) => ({ claimed: input.name }), compensate: async () => undefined })
      .step('useName', {
        timeoutMs: 1_000,
        run: async () => {
          runs += 1;
          throw new PermanentSagaError('the name is taken by someone else');
        },
      })
      .onCompleted(async () => undefined)
      .onFailed(async (_ctx, failed) => {
        failure = failed;
      })
      .build();

    // When
    const result = await world.run(saga, { name: 'taken' });

    // Then
    expect(result).toEqual({ kind: 'finished', status: 'compensated' });
    expect(runs).toBe(1);
    expect(failure).toEqual({ step: 'useName', reason: 'PermanentSagaError: the name is taken by someone else', cancelled: false });
    const events = await world.events(saga);
    expect(summarise(events)).toEqual([
      'SagaStarted', 'SagaStepCompleted:claimName', 'SagaStepFailed:useName', 'SagaCompensated:claimName', 'SagaCompleted',
    ]);
    expect(events[2]!.data).toMatchObject({ attempt: 1, permanent: true, retryAt: null });
    expect(events.at(-1)!.data).toEqual({ outcome: 'compensated', failedStep: 'useName', reason: 'PermanentSagaError: the name is taken by someone else' });
  });

  it('given a step that defers, when the saga runs before and after the deferral ends, then it waits without failing and then completes', async () => {
    // Given
    const world = createSagaRuntimeWorld();
    const graceMs = 3_600_000;
    let runs = 0;
    const saga = defineSaga<Input>('graceful')
      .step('awaitGracePeriod', {
        timeoutMs: 1_000,
        run: async ({ triggeredAt }) => {
          runs += 1;
          const until = new Date(triggeredAt.getTime() + graceMs);
          if (until > world.clock.now) throw new SagaDeferral(until, 'grace period');
        },
      })
      .onCompleted(async () => undefined)
      .onFailed(async () => undefined)
      .build();
    const until = new Date(world.clock.now.getTime() + graceMs);

    // When
    const first = await world.run(saga, { name: 'a' });
    world.clock.advance(graceMs / 2);
    const early = await world.run(saga, { name: 'a' });
    world.clock.advance(graceMs / 2);
    const due = await world.run(saga, { name: 'a' });

    // Then
    expect(first).toEqual({ kind: 'later', at: until });
    expect(early).toEqual({ kind: 'later', at: until });
    expect(due).toEqual({ kind: 'finished', status: 'succeeded' });
    expect(runs).toBe(2);
    const events = await world.events(saga);
    expect(summarise(events)).toEqual(['SagaStarted', 'SagaStepDeferred:awaitGracePeriod', 'SagaStepCompleted:awaitGracePeriod', 'SagaCompleted']);
    expect(events[1]!.data).toEqual({ step: 'awaitGracePeriod', until: until.toISOString(), reason: 'grace period' });
    // A deferral is not a failed attempt.
    expect(events[2]!.data).toMatchObject({ attempt: 1 });
  });

  it('given a dependency behind an open circuit breaker, when the saga runs, then it pauses (no attempt spent) and completes once the breaker closes', async () => {
    // Given: a real breaker, opened by one failing call; the step may try only once.
    const world = createSagaRuntimeWorld({ pauseMs: 30_000 });
    const breaker = createCircuitBreaker('saga-runtime-test', {
      errorThresholdPercentage: 50, volumeThreshold: 1, resetTimeoutMs: 200, callTimeoutMs: false, isFailure: () => true,
    });
    try {
      await breaker.fire(() => Promise.reject(new Error('dependency down'))).catch(() => undefined);
      expect(breaker.state()).toBe('open');
      let effects = 0;
      const saga = defineSaga<Input>('guarded')
        .step('callDependency', {
          timeoutMs: 1_000, maxAttempts: 1,
          run: async () => breaker.fire(async () => ({ effects: (effects += 1) })),
        })
        .onCompleted(async () => undefined)
        .onFailed(async () => undefined)
        .build();

      // When: run while open, twice (each pause ends), then after the breaker let a trial call through.
      const first = await world.run(saga, { name: 'a' });
      world.clock.advance(30_000);
      const second = await world.run(saga, { name: 'a' });
      world.clock.advance(30_000);
      for (const deadline = Date.now() + 5_000; breaker.state() === 'open' && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 20));
      const third = await world.run(saga, { name: 'a' });

      // Then
      expect(first).toEqual({ kind: 'later', at: new Date(Date.parse('2030-01-01T00:00:30Z')) });
      expect(second).toEqual({ kind: 'later', at: new Date(Date.parse('2030-01-01T00:01:00Z')) });
      expect(third).toEqual({ kind: 'finished', status: 'succeeded' });
      expect(effects).toBe(1);
      const events = await world.events(saga);
      expect(summarise(events)).toEqual([
        'SagaStarted', 'SagaStepFailed:callDependency', 'SagaStepFailed:callDependency', 'SagaStepCompleted:callDependency', 'SagaCompleted',
      ]);
      expect(events[1]!.data).toMatchObject({ paused: true, permanent: false, retryAt: '2030-01-01T00:00:30.000Z' });
      expect(events[3]!.data).toEqual({ step: 'callDependency', output: { effects: 1 }, attempt: 1 });
    } finally {
      breaker.shutdown();
    }
  });

  it('given completed steps and a failing one, when the saga compensates, then the compensations run in reverse order, the failed step\'s included', async () => {
    // Given
    const world = createSagaRuntimeWorld();
    const journal: string[] = [];
    const saga = defineSaga<Input>('undone')
      .step('createRole', {
        timeoutMs: 1_000,
        run: async ({ input }) => {
          journal.push('create role');
          return { role: `role_${input.name}` };
        },
        compensate: async () => {
          journal.push('drop role');
        },
      })
      .step('logSomething', { timeoutMs: 1_000, run: async () => void journal.push('log') })
      .step('createDatabase', {
        timeoutMs: 1_000,
        run: async ({ outputs }) => {
          journal.push(`create database owned by ${outputs.createRole.role}`);
          return { database: 'db_a' };
        },
        compensate: async ({ outputs }) => {
          journal.push(`drop database ${outputs.createDatabase?.database} of ${outputs.createRole.role}`);
        },
      })
      .step('startContainer', {
        timeoutMs: 1_000,
        run: async () => {
          journal.push('container created, start failed');
          throw new PermanentSagaError('the container exited');
        },
        compensate: async ({ outputs }) => {
          journal.push(`remove container (own output: ${JSON.stringify(outputs.startContainer ?? null)})`);
        },
      })
      .onCompleted(async () => undefined)
      .onFailed(async ({ outputs }) => {
        journal.push(`report failure (database ${outputs.createDatabase?.database})`);
      })
      .build();

    // When
    const result = await world.run(saga, { name: 'a' });

    // Then
    expect(result).toEqual({ kind: 'finished', status: 'compensated' });
    expect(journal).toEqual([
      'create role', 'log', 'create database owned by role_a', 'container created, start failed',
      'remove container (own output: null)', 'drop database db_a of role_a', 'drop role', 'report failure (database db_a)',
    ]);
    expect(summarise(await world.events(saga)).filter((event) => event.startsWith('SagaCompensated'))).toEqual([
      'SagaCompensated:startContainer', 'SagaCompensated:createDatabase', 'SagaCompensated:createRole',
    ]);
  });

  describe('given a step whose effect is done but whose completion is not recorded', () => {
    const volumeSaga = () => {
      const volumes = new Map<string, number>();
      const counts = { runs: 0, creates: 0 };
      const saga = defineSaga<Input>('crashy')
        .step('createVolume', {
          timeoutMs: 1_000,
          // Ensure semantics: a second run finds the volume it made and creates nothing.
          run: async ({ input }) => {
            counts.runs += 1;
            const name = `volume-${input.name}`;
            if (!volumes.has(name)) volumes.set(name, (counts.creates += 1));
            return { volume: name };
          },
        })
        .step('useVolume', { timeoutMs: 1_000, run: async ({ outputs }) => ({ mounted: outputs.createVolume.volume }) })
        .onCompleted(async () => undefined)
        .onFailed(async () => undefined)
        .build();
      return { saga, volumes, counts };
    };
    const recordsCreateVolume = (type: string, data: unknown) => type === 'SagaStepCompleted' && (data as { step: string }).step === 'createVolume';

    it('when the worker dies right then and another runs the saga, then the step runs again, ensures rather than repeats, and is recorded once', async () => {
      // Given: from the completion's append on, the first worker records nothing more (it is dead).
      const world = createSagaRuntimeWorld();
      const { saga, volumes, counts } = volumeSaga();
      const dead = appendsFailFrom(world.store, recordsCreateVolume, 'always');

      // When
      await expect(world.run(saga, { name: 'a' }, dead)).rejects.toThrow('the worker is gone');
      const resumed = await world.run(saga, { name: 'a' });

      // Then
      expect(resumed).toEqual({ kind: 'finished', status: 'succeeded' });
      expect(counts).toEqual({ runs: 2, creates: 1 });
      expect([...volumes.keys()]).toEqual(['volume-a']);
      const events = await world.events(saga);
      expect(summarise(events)).toEqual(['SagaStarted', 'SagaStepCompleted:createVolume', 'SagaStepCompleted:useVolume', 'SagaCompleted']);
      expect(events[1]!.data).toEqual({ step: 'createVolume', output: { volume: 'volume-a' }, attempt: 1 });
      // The later step read the output the resumed run recorded.
      expect(events[2]!.data).toMatchObject({ output: { mounted: 'volume-a' } });
    });

    it('when the append fails once and the worker lives, then the failure is recorded as a transient one and the retried step ensures rather than repeats', async () => {
      // Given
      const world = createSagaRuntimeWorld();
      const { saga, volumes, counts } = volumeSaga();
      const flaky = appendsFailFrom(world.store, recordsCreateVolume, 'once');

      // When
      const result = await world.run(saga, { name: 'a' }, flaky);

      // Then
      expect(result).toEqual({ kind: 'finished', status: 'succeeded' });
      expect(counts).toEqual({ runs: 2, creates: 1 });
      expect([...volumes.keys()]).toEqual(['volume-a']);
      const events = await world.events(saga);
      expect(summarise(events)).toEqual([
        'SagaStarted', 'SagaStepFailed:createVolume', 'SagaStepCompleted:createVolume', 'SagaStepCompleted:useVolume', 'SagaCompleted',
      ]);
      expect(events[1]!.data).toMatchObject({ permanent: false, error: 'Error: the worker is gone' });
      expect(events[2]!.data).toEqual({ step: 'createVolume', output: { volume: 'volume-a' }, attempt: 2 });
    });
  });
});

/** The same events, except that appends fail from the first one matching `from` on: that one only
 * (`once`: a store hiccup), or every one after it too (`always`: the worker died). */
function appendsFailFrom(store: EventStore, from: (type: string, data: unknown) => boolean, how: 'once' | 'always'): EventStore {
  let failures = 0;
  return {
    ...store,
    async appendToStream(stream, events, options) {
      const failing = how === 'always' ? failures > 0 || events.some((event) => from(event.type, event.data))
        : failures === 0 && events.some((event) => from(event.type, event.data));
      if (failing) {
        failures += 1;
        throw new Error('the worker is gone');
      }
      return store.appendToStream(stream, events, options);
    },
  };
}
