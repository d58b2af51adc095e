// A relay in its own process, for the crash test: it SIGKILLs itself once the broker has confirmed
// at least RELAY_KILL_AFTER events, right before it would have written that checkpoint.
import { createAmqpConnection } from '../../../src/adapters/bus/createAmqpConnection';
import { createBusNames } from '../../../src/ports/busNames';
import { startEventRelay } from '../../../src/adapters/bus/createEventRelay';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { createPool } from '../../../src/adapters/postgres/createPool';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const pool = createPool(env('RELAY_DATABASE_URL'), 4);
const killAfter = Number(env('RELAY_KILL_AFTER'));
const store = createPostgresEventStore({ pool, schema: env('RELAY_EVENTSTORE_SCHEMA'), pollIntervalMs: 100 });
const connection = createAmqpConnection({ url: env('RELAY_AMQP_URL'), vhost: env('RELAY_VHOST'), name: 'relay-child' });
startEventRelay({
  store,
  pool,
  schema: env('RELAY_BUS_SCHEMA'),
  connection,
  names: createBusNames(),
  window: 50,
  confirmTimeoutMs: 5000,
  hooks: {
    async beforeCheckpoint(position) {
      // Everything up to `position` is confirmed by now; count it in `$all` order.
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${env('RELAY_EVENTSTORE_SCHEMA')}".events WHERE (transaction_id, global_position) <= ($1::text::xid8, $2)`,
        [String(position.transactionId), position.globalPosition],
      );
      const confirmed = rows[0]!.n;
      if (confirmed >= killAfter) {
        process.stdout.write(`killing with ${confirmed} confirmed, before checkpointing ${position.globalPosition}\n`);
        process.kill(process.pid, 'SIGKILL');
      }
    },
  },
});
