import type { Decider } from '../domain/shared/decider';
import type { CommandHandlerSpec } from './commandHandlerSpec';

/** The decider that folds a stream, found by its category (`tenant-<id>` → tenant). */
export function deciderForStream(handlers: Record<string, CommandHandlerSpec>, streamName: string): Decider<unknown, unknown, unknown> | null {
  const category = streamName.slice(0, Math.max(0, streamName.indexOf('-')));
  const spec = Object.values(handlers).find((handler) => handler.category === category);
  return (spec?.decider as Decider<unknown, unknown, unknown> | undefined) ?? null;
}
