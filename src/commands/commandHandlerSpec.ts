import type { z } from 'zod';
import type { EventStore } from '../ports/eventStore';
import type { Decider } from '../domain/shared/decider';
import type { CommandMetadata } from './commandEnvelope';

/** How one command type reaches its aggregate: schema → domain command → stream → decider. */
export interface CommandHandlerSpec<Data = unknown, State = unknown, Command = unknown, Event extends { type: string; data: unknown } = { type: string; data: unknown }> {
  schema: z.ZodType<Data>;
  description: string;
  /** The aggregate category, e.g. `tenant`; the stream is `<category>-<id>`. */
  category: string;
  /** `newId` is deterministic per commandId so a retried create lands on the same stream. */
  toCommand(data: Data, metadata: CommandMetadata, newId: () => string): Command;
  aggregateId(command: Command): string;
  decider: Decider<State, Command, Event>;
  /** A look at ANOTHER aggregate's stream before a new command appends (throws to refuse), so every
   * ingress refuses at once what that aggregate would refuse later (a restore while its instance is
   * busy). Not atomic with the append: the saga that acts on the command still guards. */
  precondition?(command: Command, store: Pick<EventStore, 'readStream'>): Promise<void>;
}

/** Erases the generic parameters so specs of different aggregates share one table. */
export function commandHandler<Data, State, Command, Event extends { type: string; data: unknown }>(
  spec: CommandHandlerSpec<Data, State, Command, Event>,
): CommandHandlerSpec {
  return spec as unknown as CommandHandlerSpec;
}
