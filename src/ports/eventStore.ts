// The EventStore port. Every adapter (postgres, inMemory, eventstoredb) implements it and passes
// the one contract suite in tests/adapters/eventstore/eventStoreContract.ts.

/** `no_stream`: the stream must not exist; `exists`: it must; `any`: no check; a number: the
 * stream's current version (the position of its last event, first event = 0) must equal it. */
export type ExpectedVersion = 'no_stream' | 'any' | 'exists' | number;

export interface EventMetadata {
  commandId?: string;
  correlationId?: string;
  causationId?: string;
  actor?: string;
  tenantId?: string;
  occurredAt?: string;
  schemaVersion?: number;
  [key: string]: unknown;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** Generated (UUIDv7) by the adapter when absent. */
  eventId?: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** Position in `$all`. Postgres: (transaction_id, global_position); EventStoreDB: (commit, prepare).
 * Ordered lexicographically; numbers, because both fit in 2^53 for any realistic store. */
export interface LogPosition {
  transactionId: number;
  globalPosition: number;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  streamName: string;
  streamPosition: number;
  position: LogPosition;
  createdAt: Date;
}

export interface AppendResult {
  /** The stream's version after the append (position of its last event). */
  nextExpectedVersion: number;
  /** `$all` position of the last appended event. */
  position: LogPosition;
}

export interface ReadStreamOptions {
  /** Inclusive start version; defaults to 0 forwards, the last event backwards. */
  fromVersion?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position; null/undefined = from the start. */
  after?: LogPosition | null;
  maxCount?: number;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface SubscribeToAllOptions {
  after?: LogPosition | null;
  /** Called once per event in `$all` order; the next event waits for the promise. */
  onEvent(event: RecordedEvent): Promise<void>;
  onError?(error: unknown): void;
}

/** What `$all` holds after a position. */
export interface Backlog {
  /** Events after the position, counted up to the limit asked for. */
  events: number;
  /** When the first of them was recorded; null when there is none. */
  oldestAt: Date | null;
}

export interface EventStore {
  appendToStream(streamName: string, events: NewEvent[], options: { expectedVersion: ExpectedVersion }): Promise<AppendResult>;
  /** Events of one stream; an absent stream reads as []. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** `$all` in delivery order, gap-safe: an event is never returned after a later one was. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up then live; never skips or repeats an event. */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** The events after `after` (null: from the start), counted up to `limit` (all when absent): projection
   * and relay lag, rebuild progress. The PostgreSQL adapter counts in the index; others read `$all`. */
  backlog(after: LogPosition | null, options?: { limit?: number }): Promise<Backlog>;
  close(): Promise<void>;
}

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number | null,
  ) {
    super(`Stream ${streamName}: expected version ${String(expectedVersion)}, actual ${actualVersion ?? 'no stream'}`);
    this.name = 'WrongExpectedVersionError';
  }
}
