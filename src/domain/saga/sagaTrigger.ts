/** What a trigger reads of an event (a recorded event of the store has all of it). */
export interface TriggerEvent {
  eventId: string;
  type: string;
  data: unknown;
}

/** Which event starts which saga. Static (no adapters) so the `sagas` projection can index a saga
 * as soon as its trigger is in `$all`, before any worker picked it up. */
export interface SagaTrigger {
  eventType: string;
  sagaName: string;
  /** Deterministic: the same trigger always names the same saga, so a trigger seen twice starts one. */
  sagaId(event: TriggerEvent): string;
  /** The aggregate the saga works on (e.g. the instance id), for lookups by subject. */
  subjectId(event: TriggerEvent): string;
}
