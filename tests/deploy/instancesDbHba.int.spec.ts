import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../support/freePort';
// The compose instances cluster's pg_hba (deploy/instances-db-hba.sh) on a real PostgreSQL cluster
// of this test's own. Containers' addresses cannot be chosen here, so the test swaps which range
// stands for loopback: once the tenant networks' pool, once the control plane's network.
const run = promisify(execFile);
const bin = async () => (await run('pg_config', ['--bindir'])).stdout.trim();

let dir: string;
let port: number;
let pgCtl: string;

const asPostgres = (command: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', command, ...args]);

async function useHba(env: Record<string, string>): Promise<void> {
  const { stdout } = await run('bash', ['deploy/instances-db-hba.sh'], { env: { ...process.env, ...env } });
  await writeFile(path.join(dir, 'data', 'pg_hba.conf'), stdout);
  await asPostgres(pgCtl, ['-D', path.join(dir, 'data'), 'reload']);
  await new Promise((resolve) => setTimeout(resolve, 300));
}
async function canLogIn(user: string, password: string, database: string): Promise<boolean | string> {
  const client = new pg.Client({ host: '127.0.0.1', port, user, password, database });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hba-'));
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  await chown(dir, Number(uid), Number(gid));
  const binDir = await bin();
  pgCtl = path.join(binDir, 'pg_ctl');
  port = await freePort();
  await asPostgres(path.join(binDir, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  await asPostgres(pgCtl, ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c password_encryption=scram-sha-256`, 'start']);
  const setup = new pg.Client({ host: dir, port, user: 'postgres', database: 'postgres' });
  await setup.connect();
  await setup.query(`CREATE ROLE instance_admin LOGIN CREATEDB CREATEROLE PASSWORD 'admin-Secret-1'`);
  await setup.query(`ALTER ROLE postgres PASSWORD 'super-Secret-1'`);
  for (const name of ['inst_a', 'inst_b']) {
    await setup.query(`CREATE ROLE ${name} LOGIN PASSWORD '${name}-Secret-1'`);
    await setup.query(`CREATE DATABASE ${name} OWNER ${name}`);
  }
  await setup.end();
}, 60_000);
afterAll(async () => {
  await asPostgres(pgCtl, ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

test('from a tenant network: an instance role into its own database (and the maintenance one) only; neither the admin nor the superuser', async () => {
  await useHba({ CONTROL_PLANE_SUBNET: '10.239.0.0/24', INSTANCE_SUBNET_POOL: '127.0.0.0/8' });
  expect(await canLogIn('inst_a', 'inst_a-Secret-1', 'inst_a')).toBe(true);
  expect(await canLogIn('inst_a', 'inst_a-Secret-1', 'inst_b')).toMatch(/no pg_hba.conf entry|rejects connection/);
  // Odoo lists databases there to apply its dbfilter.
  expect(await canLogIn('inst_a', 'inst_a-Secret-1', 'postgres')).toBe(true);
  expect(await canLogIn('instance_admin', 'admin-Secret-1', 'postgres')).toMatch(/rejects connection/);
  expect(await canLogIn('postgres', 'super-Secret-1', 'postgres')).toMatch(/rejects connection/);
  expect(await canLogIn('inst_a', 'wrong', 'inst_a')).toMatch(/password authentication failed/);
});

test('from the control plane: the admin, with its password; no instance role and never the superuser', async () => {
  await useHba({ CONTROL_PLANE_SUBNET: '127.0.0.0/8', INSTANCE_SUBNET_POOL: '10.240.0.0/12' });
  expect(await canLogIn('instance_admin', 'admin-Secret-1', 'postgres')).toBe(true);
  expect(await canLogIn('instance_admin', 'admin-Secret-1', 'inst_a')).toBe(true);
  expect(await canLogIn('instance_admin', 'wrong', 'postgres')).toMatch(/password authentication failed/);
  expect(await canLogIn('inst_a', 'inst_a-Secret-1', 'inst_a')).toMatch(/rejects connection/);
  expect(await canLogIn('postgres', 'super-Secret-1', 'postgres')).toMatch(/rejects connection/);
});
