import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestVhost, deleteTestVhost } from '../support/rabbitmq';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';
import { runnableBlocks } from './runnableBlocks';

const run = promisify(execFile);
const readmePath = path.resolve(__dirname, '../../README.md');

let platform: TestPlatform;
let vhost: string;
let workDir: string;

// The README's walkthrough as a reader runs it: the platform with its bus, so the notifier writes the
// welcome mail under var/mail/ of the directory the commands run in. No sagas: the instance is
// asked for (202) but not provisioned, which needs no Docker engine.
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'readme-'));
  await mkdir(path.join(workDir, 'var/mail'), { recursive: true });
  vhost = await createTestVhost('readme');
  platform = await startTestPlatform('all', { BUS_ENABLED: 'true', AMQP_VHOST: vhost, MAIL_DIR: path.join(workDir, 'var/mail') });
});
afterAll(async () => {
  await platform?.stop();
  if (vhost) await deleteTestVhost(vhost);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('README.md', () => {
  it('runs its runnable blocks, in order, against a started platform', async () => {
    const blocks = runnableBlocks(await readFile(readmePath, 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const script = ['set -euo pipefail', ...blocks, 'echo; echo "INSTANCE=$INSTANCE"'].join('\n');
    const { stdout } = await run('bash', ['-c', script], { cwd: workDir, env: { ...process.env, API: platform.url }, timeout: 60_000 })
      .catch((error: { stdout: string; stderr: string; code: number }) => {
        throw new Error(`README blocks failed (exit ${error.code}):\n${error.stdout}\n${error.stderr}`);
      });
    const instanceId = /^INSTANCE=([0-9a-f-]{36})$/m.exec(stdout)?.[1];
    expect(instanceId).toBeDefined();
    expect(stdout).toContain('"emailVerified":true');
    expect(stdout).toContain('"name":"Mopane Traders"');
    expect(stdout).toContain(`"instanceId": "${instanceId}"`);
    expect(stdout).toContain('"timeZone":"Europe/Warsaw"');
  });

  it('says what answers without a token: 401', async () => {
    const response = await fetch(`${platform.url}/api/v1/tenants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(response.status).toBe(401);
    expect(await readFile(readmePath, 'utf8')).toMatch(/without it the answer\s+is 401/);
  });
});
