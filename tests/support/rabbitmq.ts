import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
  const users = usersOfVhost.get(vhost) ?? [];
  usersOfVhost.delete(vhost);
  for (const user of users) await rabbitmqctl('delete_user', user).catch(() => undefined);
}

export interface TestBrokerUser {
  user: string;
  /** testAmqpUrl's broker with this user's credentials and the vhost. */
  url: string;
}

const usersOfVhost = new Map<string, string[]>();

/**
 * A broker user of its own for one vhost (deleted with it by deleteTestVhost): AMQP publishers are
 * told apart by the user_id the broker validates (docs/decisions/027), so a test publisher must not
 * share the platform's user. `permissions` = configure, write, read patterns on the vhost.
 */
export async function createTestBrokerUser(vhost: string, name: string, permissions: [string, string, string] = ['.*', '.*', '.*']): Promise<TestBrokerUser> {
  const user = `${vhost}_${name}`;
  const password = randomBytes(12).toString('hex');
  const [configure, write, read] = permissions.map((pattern) => pattern.replace(/\\/g, '\\\\').replace(/"/g, '\\"'));
  const erlang = `rabbit_auth_backend_internal:add_user(<<"${user}">>, <<"${password}">>, <<"tests">>), rabbit_auth_backend_internal:set_permissions(<<"${user}">>, <<"${vhost}">>, <<"${configure}">>, <<"${write}">>, <<"${read}">>, <<"tests">>).`;
  try {
    await rabbitmqctl('eval', erlang);
  } catch {
    await rabbitmqctl('add_user', user, password);
    await rabbitmqctl('set_permissions', '-p', vhost, user, ...permissions);
  }
  usersOfVhost.set(vhost, [...(usersOfVhost.get(vhost) ?? []), user]);
  const url = new URL(testAmqpUrl);
  url.username = encodeURIComponent(user);
  url.password = password;
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return { user, url: url.toString() };
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
