import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestPool, dropSchema, uniqueSchemaName } from '../support/postgres';
import { freePort } from '../support/freePort';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const tag = `platform-test/platform:${process.pid}`;
const container = `platform-test-image-${process.pid}`;
const schemas = ['es', 'rm', 'id', 'bus', 'saga', 'notify'].map((prefix) => uniqueSchemaName(`img_${prefix}`));

let workDir: string;
let baseImage: string;

const docker = async (...args: string[]) => (await run('docker', args, { env: { ...process.env, DOCKER_BUILDKIT: '0' }, maxBuffer: 16 * 1024 * 1024 })).stdout.trim();

// No registry here: the image is built FROM a local image of the host's node (BASE_IMAGE), without
// apt's postgresql-client (PG_CLIENT=), from dist/ built on the host by the same `npm run build` the
// Dockerfile's build stage runs (ARTIFACTS=prebuilt). The engine's legacy builder (no buildx here)
// builds every stage, so the build stage, which needs the npm registry, is left out of the copy.
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'image-'));
  baseImage = (await run('bash', [path.join(__dirname, 'buildNodeBaseImage.sh')])).stdout.trim();
  await run('bash', [path.join(root, 'scripts/build.sh'), path.join(workDir, 'dist')]);
  const dockerfile = await readFile(path.join(root, 'Dockerfile'), 'utf8');
  await writeFile(path.join(workDir, 'Dockerfile'), labelPrebuiltStage(withoutBuildStage(dockerfile)));
  await docker('build', '-q', '--label', 'platform.test=1', '-t', tag, '--build-arg', `BASE_IMAGE=${baseImage}`,
    '--build-arg', 'PG_CLIENT=', '--build-arg', 'ARTIFACTS=prebuilt', workDir);
});
afterAll(async () => {
  await docker('rm', '-f', container).catch(() => undefined);
  await docker('rmi', '-f', tag).catch(() => undefined);
  await docker('image', 'prune', '-f', '--filter', `label=${stageLabel}`).catch(() => undefined);
  const pool = createTestPool(1);
  for (const schema of schemas) await dropSchema(pool, schema);
  await pool.end();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function withoutBuildStage(dockerfile: string): string {
  return dockerfile.replace(/^FROM \S+ AS build\n[\s\S]*?(?=^FROM )/m, '');
}

// The legacy builder keeps the prebuilt stage as an untagged image: labelled for this run, it is
// pruned with the run's image.
const stageLabel = `platform.test.image-build=${process.pid}`;
function labelPrebuiltStage(dockerfile: string): string {
  return dockerfile.replace(/^(FROM scratch AS prebuilt\n)/m, `$1LABEL ${stageLabel}\n`);
}

describe('the production image', () => {
  it('is built FROM node:20-bookworm-slim by default, compiling in a build stage', async () => {
    const dockerfile = await readFile(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(withoutBuildStage(dockerfile)).not.toContain('npm ci');
  });

  it('runs node dist/main.js as a non-root user, and its HEALTHCHECK on /readyz turns healthy', async () => {
    const config = JSON.parse(await docker('image', 'inspect', '-f', '{{json .Config}}', tag)) as { User: string; Entrypoint: string[]; Healthcheck: { Test: string[] } };
    expect(config.User).toBe('1000:1000');
    expect(config.Entrypoint).toEqual(['node', 'dist/main.js']);
    expect(config.Healthcheck.Test.join(' ')).toContain('/readyz');

    const port = await freePort();
    const [es, rm, id, bus, saga, notify] = schemas;
    const env = {
      HTTP_PORT: String(port), METRICS_PORT: '0', HTTP_HOST: '127.0.0.1', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      EVENTSTORE_SCHEMA: es, READMODEL_SCHEMA: rm, IDENTITY_SCHEMA: id, BUS_SCHEMA: bus, SAGA_SCHEMA: saga, NOTIFY_SCHEMA: notify,
      BUS_ENABLED: 'false', SAGAS_ENABLED: 'false', BACKUP_SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'warn',
      SECRETS_KEY: randomBytes(32).toString('base64'), NOTIFY_UNSUBSCRIBE_KEY: randomBytes(32).toString('base64'),
    };
    await docker('run', '-d', '--name', container, '--label', 'platform.test=1', '--network', 'host', '--health-interval', '1s',
      ...Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]), tag, '--role', 'api');

    let health = '';
    for (const deadline = Date.now() + 30_000; Date.now() < deadline && health !== 'healthy'; await new Promise((resolve) => setTimeout(resolve, 500))) {
      health = await docker('inspect', '-f', '{{.State.Health.Status}}', container);
      if (await docker('inspect', '-f', '{{.State.Running}}', container) !== 'true') break;
    }
    if (health !== 'healthy') throw new Error(`container ${health}: ${await docker('logs', '--tail', '30', container).catch(String)}`);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(await docker('exec', container, 'id', '-u')).toBe('1000');
    // The CLI is in the image too, and package.json's bin names it.
    expect(await docker('exec', container, 'node', 'dist/cli.js', '--help')).toContain('Operator CLI');
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.values(manifest.bin)).toEqual(['dist/cli.js']);
  });

  it('gets a tight build context: no var/, .env, tests or benches', async () => {
    const probe = path.join(workDir, 'probe');
    await run('mkdir', ['-p', probe]);
    const listing = `FROM ${baseImage}\nCOPY . /context\nRUN find /context -maxdepth 1 | sort > /listing\nCMD ["cat", "/listing"]\n`;
    await writeFile(path.join(probe, 'Dockerfile'), listing);
    const probeTag = `${tag}-context`;
    await docker('build', '-q', '--label', 'platform.test=1', '-t', probeTag, '-f', path.join(probe, 'Dockerfile'), root);
    const entries = (await docker('run', '--rm', probeTag)).split('\n').map((entry) => entry.replace(/^\/context\/?/, '')).filter(Boolean);
    await docker('rmi', '-f', probeTag);
    expect(entries.filter((entry) => !['dist', 'package.json', 'package-lock.json', 'scripts', 'src', 'tsconfig.json'].includes(entry))).toEqual([]);
  });
});
