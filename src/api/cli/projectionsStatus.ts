import { formatLogPosition } from '../../ports/logPosition';
import { eventCounterOf } from '../../projections/runtime/eventCounterOf';
import { projectionStatus } from '../../projections/runtime/projectionStatus';
import type { CliContext } from './cliContext';

/** `projections status`: checkpoint and lag (events behind) of every projection. */
export async function projectionsStatus(context: CliContext, write: (line: string) => void): Promise<void> {
  const statuses = await projectionStatus(context.db, {
    schema: context.config.READMODEL_SCHEMA,
    countEvents: eventCounterOf(context.store),
  });
  if (statuses.length === 0) {
    write('No projection has run yet (start the worker: npm start -- --role worker).');
    return;
  }
  write(['name', 'version', 'checkpoint', 'lag', 'updated', 'rebuilding'].join('\t'));
  for (const status of statuses) {
    write([
      status.name,
      String(status.version),
      status.checkpoint ? formatLogPosition(status.checkpoint) : '-',
      String(status.lag ?? '?'),
      status.updatedAt.toISOString(),
      status.rebuilding ? 'yes' : 'no',
    ].join('\t'));
  }
}
