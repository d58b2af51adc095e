import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const testAmqpUrl = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const testAmqpUser = new URL(testAmqpUrl).username || 'guest';

let counter = 0;

/** Each suite gets its own vhost, so queues, DLQs and forced disconnects never touch another suite.
 * Needs `rabbitmqctl` (root on the test machines; the management plugin is not enabled). */
export async function createTestVhost(prefix: string): Promise<string> {
  counter += 1;
  const vhost = `t_${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
  // One CLI start instead of two (each boots an Erlang VM, ~1 s); the plain commands are the
  // fallback should these internal functions change between RabbitMQ versions.
  const erlang = `rabbit_vhost:add(<<"${vhost}">>, <<"tests">>), rabbit_auth_backend_internal:set_permissions(<<"${testAmqpUser}">>, <<"${vhost}">>, <<".*">>, <<".*">>, <<".*">>, <<"tests">>).`;
  try {
    await rabbitmqctl('eval', erlang);
  } catch {
    await rabbitmqctl('add_vhost', vhost);
    await rabbitmqctl('set_permissions', '-p', vhost, testAmqpUser, '.*', '.*', '.*');
  }
  return vhost;
}

export async function deleteTestVhost(vhost: string): Promise<void> {
  await rabbitmqctl('delete_vhost', vhost).catch(() => undefined);
}

/** Force-closes every client connection of one vhost (what a broker restart does to clients),
 * `times` times, `intervalMs` apart, in one CLI run: each run boots an Erlang VM, seconds on a busy
 * machine. Falls back to `close_all_connections` should the internal functions change. */
export async function closeVhostConnections(vhost: string, { times = 1, intervalMs = 500 } = {}): Promise<void> {
  const once = `rabbit_connection_tracking_handler:close_connections(rabbit_connection_tracking:list(<<"${vhost}">>), "test: forced disconnect", 0)`;
  try {
    await rabbitmqctl('eval', `[begin ${once}, timer:sleep(${intervalMs}) end || _ <- lists:seq(1, ${times})], ok.`);
  } catch {
    for (let i = 0; i < times; i += 1) {
      await rabbitmqctl('close_all_connections', '-p', vhost, 'test: forced disconnect');
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

async function rabbitmqctl(...args: string[]): Promise<void> {
  await run('rabbitmqctl', ['-q', ...args], { timeout: 30_000 });
}
