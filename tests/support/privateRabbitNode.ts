import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import amqplib from 'amqplib';
import { freePort } from './freePort';
const run = promisify(execFile);

export interface PrivateRabbitNode {
  /** amqp://guest:guest@127.0.0.1:<port> (guest may log in over loopback). */
  url: string;
  /** `rabbitmqctl stop_app`: the node stays up, the broker drops every connection and refuses new ones. */
  stopApp(): Promise<void>;
  startApp(): Promise<void>;
  shutdown(): Promise<void>;
}


/** A RabbitMQ node of one suite's own, for tests that stop the broker: the machine's shared broker
 * serves every other suite at the same time. Needs rabbitmq-server and root (the server script runs
 * the node as the `rabbitmq` user, so its directory is handed to that user). */
export async function startPrivateRabbitNode(name: string): Promise<PrivateRabbitNode> {
  const dir = await mkdtemp(path.join(tmpdir(), `rabbit-${name}-`));
  const { stdout } = await run('id', ['-u', 'rabbitmq']);
  const uid = Number(stdout.trim());
  const { stdout: gidOut } = await run('id', ['-g', 'rabbitmq']);
  await chown(dir, uid, Number(gidOut.trim()));
  const [port, distPort] = [await freePort(), await freePort()];
  const node = `rabbit_${name}_${process.pid}@localhost`;
  const env = {
    ...process.env,
    RABBITMQ_NODENAME: node, RABBITMQ_NODE_PORT: String(port), RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'), RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'), RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq'),
    RABBITMQ_PID_FILE: path.join(dir, 'pid'),
  };
  const server: ChildProcess = spawn('rabbitmq-server', [], { env, stdio: 'ignore' });
  let exited = false;
  server.once('exit', () => { exited = true; });
  const url = `amqp://guest:guest@127.0.0.1:${port}`;
  const ctl = (...args: string[]) => run('rabbitmqctl', ['-n', node, ...args], { timeout: 60_000 });
  const answers = async () => {
    const connection = await amqplib.connect(url).catch(() => null);
    if (!connection) return false;
    await connection.close().catch(() => undefined);
    return true;
  };
  const waitForAmqp = async () => {
    for (const deadline = Date.now() + 90_000; !(await answers());) {
      if (exited) throw new Error(`RabbitMQ node ${node} exited while starting (logs in ${dir}/log)`);
      if (Date.now() > deadline) throw new Error(`RabbitMQ node ${node} did not accept AMQP within 90 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  await waitForAmqp();
  return {
    url,
    async stopApp() {
      await ctl('stop_app');
    },
    async startApp() {
      await ctl('start_app');
      await waitForAmqp();
    },
    async shutdown() {
      await ctl('shutdown').catch(() => server.kill('SIGKILL'));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
