import { type EventStore, type RecordedEvent, WrongExpectedVersionError } from '../../../src/ports/eventStore';
import { compareLogPositions } from '../../../src/ports/logPosition';
import { freshStream, newEvents, readAllPaged, waitFor } from './contractHelpers';

export interface ContractOptions {
  /** When set, the suite is registered with describe.skip and the reason in its title. */
  skipReason?: string;
}

/** The one behavioural contract every EventStore adapter passes. `factory` gives a fresh store per
 * test; the suite closes it afterwards (closing must not end a pool the caller owns). */
export function eventStoreContract(name: string, factory: () => Promise<EventStore>, options: ContractOptions = {}): void {
  const title = options.skipReason ? `EventStore contract: ${name} (skipped: ${options.skipReason})` : `EventStore contract: ${name}`;
  (options.skipReason ? describe.skip : describe)(title, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    const expectWrongVersion = async (promise: Promise<unknown>, actualVersion: number | null) => {
      const error = await promise.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((error as WrongExpectedVersionError).actualVersion).toBe(actualVersion);
    };

    describe('expected version', () => {
      it('no_stream: creates a new stream, refuses an existing one', async () => {
        const stream = freshStream();
        const result = await store.appendToStream(stream, newEvents(1), { expectedVersion: 'no_stream' });
        expect(result.nextExpectedVersion).toBe(0);
        await expectWrongVersion(store.appendToStream(stream, newEvents(1), { expectedVersion: 'no_stream' }), 0);
      });

      it('exists: refuses a missing stream, appends to an existing one', async () => {
        const stream = freshStream();
        await expectWrongVersion(store.appendToStream(stream, newEvents(1), { expectedVersion: 'exists' }), null);
        await store.appendToStream(stream, newEvents(2), { expectedVersion: 'no_stream' });
        const result = await store.appendToStream(stream, newEvents(1), { expectedVersion: 'exists' });
        expect(result.nextExpectedVersion).toBe(2);
      });

      it('number: must equal the current version', async () => {
        const stream = freshStream();
        await expectWrongVersion(store.appendToStream(stream, newEvents(1), { expectedVersion: 0 }), null);
        await store.appendToStream(stream, newEvents(2), { expectedVersion: 'no_stream' });
        await expectWrongVersion(store.appendToStream(stream, newEvents(1), { expectedVersion: 0 }), 1);
        await expectWrongVersion(store.appendToStream(stream, newEvents(1), { expectedVersion: 2 }), 1);
        const result = await store.appendToStream(stream, newEvents(1), { expectedVersion: 1 });
        expect(result.nextExpectedVersion).toBe(2);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('any: appends whether or not the stream exists', async () => {
        const stream = freshStream();
        expect((await store.appendToStream(stream, newEvents(1), { expectedVersion: 'any' })).nextExpectedVersion).toBe(0);
        expect((await store.appendToStream(stream, newEvents(2), { expectedVersion: 'any' })).nextExpectedVersion).toBe(2);
      });

      it.each([['no_stream' as const], [1]])('two concurrent appends expecting %p: exactly one wins', async (expectedVersion) => {
        const stream = freshStream();
        if (expectedVersion === 1) await store.appendToStream(stream, newEvents(2), { expectedVersion: 'no_stream' });
        const outcomes = await Promise.allSettled([
          store.appendToStream(stream, newEvents(2, 'A'), { expectedVersion }),
          store.appendToStream(stream, newEvents(2, 'B'), { expectedVersion }),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(rejected).toHaveLength(1);
        expect(rejected[0]!.reason).toBeInstanceOf(WrongExpectedVersionError);
        const appended = (await store.readStream(stream)).slice(expectedVersion === 1 ? 2 : 0);
        expect(appended).toHaveLength(2);
        expect(new Set(appended.map((e) => e.type)).size).toBe(1);
      });
    });

    it('appends a batch atomically, keeping given event ids and generating the others', async () => {
      const stream = freshStream();
      const givenId = '01900000-0000-7000-8000-0000000000aa';
      const batch = newEvents(3);
      batch[1] = { ...batch[1]!, eventId: givenId };
      const result = await store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      const read = await store.readStream(stream);
      expect(read.map((e) => e.streamPosition)).toEqual([0, 1, 2]);
      expect(read.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      expect(read[1]!.eventId).toBe(givenId);
      expect(new Set(read.map((e) => e.eventId)).size).toBe(3);
      expect(result).toEqual({ nextExpectedVersion: 2, position: read[2]!.position });
      expect(compareLogPositions(read[0]!.position, read[1]!.position)).toBeLessThan(0);
    });

    it('reads a stream forwards, backwards, from a version, with maxCount', async () => {
      const stream = freshStream();
      await store.appendToStream(stream, newEvents(10), { expectedVersion: 'no_stream' });
      const positions = (events: RecordedEvent[]) => events.map((e) => e.streamPosition);
      expect(positions(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(positions(await store.readStream(stream, { fromVersion: 7 }))).toEqual([7, 8, 9]);
      expect(positions(await store.readStream(stream, { fromVersion: 2, maxCount: 3 }))).toEqual([2, 3, 4]);
      expect(positions(await store.readStream(stream, { direction: 'backwards', maxCount: 3 }))).toEqual([9, 8, 7]);
      expect(positions(await store.readStream(stream, { direction: 'backwards', fromVersion: 4 }))).toEqual([4, 3, 2, 1, 0]);
      expect(positions(await store.readStream(stream, { direction: 'backwards', fromVersion: 4, maxCount: 2 }))).toEqual([4, 3]);
      expect(await store.readStream(stream, { fromVersion: 10 })).toEqual([]);
      expect(await store.readStream(freshStream())).toEqual([]);
    });

    it('round-trips data and metadata', async () => {
      const stream = freshStream();
      const metadata = {
        commandId: 'cmd-1', correlationId: 'corr-1', causationId: 'cause-1', actor: 'system:contract',
        tenantId: '01900000-0000-7000-8000-000000000001', occurredAt: '2024-05-01T10:00:00.000Z', schemaVersion: 2,
        custom: { nested: [1, 'two', null] },
      };
      const data = { name: 'Hararé ✓', amount: 12.5, flags: [true, false], nothing: null };
      await store.appendToStream(stream, [{ type: 'Recorded', data, metadata }], { expectedVersion: 'no_stream' });
      const [event] = await store.readStream(stream);
      expect(event).toMatchObject({ type: 'Recorded', data, metadata, streamName: stream, streamPosition: 0 });
      expect(event!.createdAt).toBeInstanceOf(Date);
    });

    it('readAll returns 1,000 events across 50 streams exactly once, in order, paging with after', async () => {
      const marker = await store.appendToStream(freshStream('marker'), newEvents(1), { expectedVersion: 'no_stream' });
      const streams = Array.from({ length: 50 }, () => freshStream('many'));
      for (let round = 0; round < 4; round += 1) {
        await Promise.all(streams.map((stream) =>
          store.appendToStream(stream, newEvents(5, 'ThingHappened', round * 5), { expectedVersion: round === 0 ? 'no_stream' : round * 5 - 1 })));
      }
      const events = await readAllPaged(store, marker.position, new Set(streams), 1000);
      expect(events).toHaveLength(1000);
      expect(new Set(events.map((e) => e.eventId)).size).toBe(1000);
      for (let i = 1; i < events.length; i += 1) {
        expect(compareLogPositions(events[i - 1]!.position, events[i]!.position)).toBeLessThan(0);
      }
      for (const stream of streams) {
        const inStream = events.filter((e) => e.streamName === stream);
        expect(inStream.map((e) => e.streamPosition)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      }
      const last = events[events.length - 1]!.position;
      const afterLast = await store.readAll({ after: last, maxCount: 10 });
      expect(afterLast.filter((e) => streams.includes(e.streamName))).toEqual([]);
    });

    it('backlog counts the events after a position, up to a limit, with when the first was recorded', async () => {
      const marker = await store.appendToStream(freshStream('marker'), newEvents(1), { expectedVersion: 'no_stream' });
      const stream = freshStream('backlog');
      await store.appendToStream(stream, newEvents(3), { expectedVersion: 'no_stream' });
      const last = await store.appendToStream(stream, newEvents(2, 'ThingHappened', 3), { expectedVersion: 2 });
      const [first] = await store.readAll({ after: marker.position, maxCount: 1 });
      expect(await store.backlog(marker.position)).toEqual({ events: 5, oldestAt: first!.createdAt });
      expect((await store.backlog(marker.position, { limit: 2 })).events).toBe(2);
      expect(await store.backlog(last.position)).toEqual({ events: 0, oldestAt: null });
      expect((await store.backlog(null)).events).toBeGreaterThanOrEqual(6);
    });

    it('subscribeToAll catches up, then delivers live appends, without gaps or repeats', async () => {
      const marker = await store.appendToStream(freshStream('marker'), newEvents(1), { expectedVersion: 'no_stream' });
      const stream = freshStream();
      await store.appendToStream(stream, newEvents(3), { expectedVersion: 'no_stream' });
      const received: RecordedEvent[] = [];
      const errors: unknown[] = [];
      const subscription = store.subscribeToAll({
        after: marker.position,
        onEvent: async (event) => {
          if (event.streamName === stream) received.push(event);
        },
        onError: (error) => errors.push(error),
      });
      try {
        await waitFor(() => received.length >= 3);
        await store.appendToStream(stream, newEvents(2, 'ThingHappened', 3), { expectedVersion: 2 });
        await store.appendToStream(stream, newEvents(1, 'ThingHappened', 5), { expectedVersion: 4 });
        await waitFor(() => received.length >= 6);
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await subscription.stop();
      }
      expect(received.map((e) => e.streamPosition)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(errors).toEqual([]);
    });
  });
}
