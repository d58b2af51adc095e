import { SingleBar } from 'cli-progress';
import { allProjections } from '../../projections/allProjections';
import { eventCounterOf } from '../../projections/runtime/eventCounterOf';
import { rebuildProjection, type RebuildResult } from '../../projections/runtime/rebuildProjection';
import type { CliContext } from './cliContext';

/** `projections rebuild <name>`: rebuilds into fresh tables with a progress bar; the API keeps serving. */
export async function projectionsRebuild(context: CliContext, name: string, write: (line: string) => void, showBar = process.stderr.isTTY): Promise<RebuildResult | null> {
  const projection = allProjections.find((candidate) => candidate.name === name);
  if (!projection) {
    write(`Unknown projection ${JSON.stringify(name)}; known: ${allProjections.map((p) => p.name).join(', ')}`);
    return null;
  }
  const bar = new SingleBar({ format: `${name} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | {phase}`, hideCursor: true });
  let started = false;
  let lastLine = 0;
  const result = await rebuildProjection({
    db: context.db,
    pool: context.pool,
    store: context.store,
    projection,
    schema: context.config.READMODEL_SCHEMA,
    countEvents: eventCounterOf(context.store),
    onProgress(progress) {
      const total = Math.max(progress.totalEvents ?? progress.eventsProcessed, progress.eventsProcessed);
      const payload = { rate: Math.round(progress.eventsPerSecond), phase: progress.phase };
      if (showBar) {
        if (!started) bar.start(total, 0, payload);
        started = true;
        bar.setTotal(total);
        bar.update(progress.eventsProcessed, payload);
      } else if (Date.now() - lastLine > 1000 || progress.phase !== 'building') {
        // Not a terminal (CI, logs): a plain line per second instead of a redrawn bar.
        lastLine = Date.now();
        write(`${name}: ${progress.phase} ${progress.eventsProcessed}/${total} events, ${Math.round(progress.eventsPerSecond)} events/s`);
      }
    },
  });
  if (started) bar.stop();
  write(`Rebuilt ${name}: ${result.eventsProcessed} events in ${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round(result.eventsPerSecond)} events/s).`);
  return result;
}
