import type pg from 'pg';
import type { Config } from '../../config';
import type { EventStore } from '../../ports/eventStore';
import type { ProjectionDb } from '../../projections/runtime/projection';

/** What every operator verb needs: the platform database and the event store of the config (built
 * by src/wiring/createCliContext). */
export interface CliContext {
  config: Config;
  pool: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  close(): Promise<void>;
}
