import { Gauge } from 'prom-client';
import type { ProjectionDb } from '../projections/runtime/projection';
import { querySagas } from '../projections/sagas/querySagas';
import { metricsRegistry } from './metrics';

let registered = false;

/** Unfinished sagas that look stuck (failing, paused, or no progress for `stuckAfterMs`), by saga,
 * read from the sagas read model at scrape time: what the SagaStuck alert watches. Registered once. */
export function registerSagaGauges(db: ProjectionDb, readModelSchema: string, stuckAfterMs = 15 * 60_000): void {
  if (registered) return;
  registered = true;
  new Gauge({
    name: 'platform_sagas_stuck',
    help: 'Unfinished sagas failing, paused or without progress for 15 minutes, by saga',
    labelNames: ['saga'] as const,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      const counts = new Map<string, number>();
      const stuck = await querySagas(db, readModelSchema, { stuck: true, stuckAfterMs, limit: 1000 }).catch((error: { code?: string }) => {
        // The sagas projection has not created its table yet (undefined_table, invalid_schema_name).
        if (error.code === '42P01' || error.code === '3F000') return [];
        throw error;
      });
      for (const saga of stuck) counts.set(saga.sagaName, (counts.get(saga.sagaName) ?? 0) + 1);
      for (const [saga, count] of counts) this.set({ saga }, count);
    },
  });
}
