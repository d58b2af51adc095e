import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SagaWorld } from './sagaTestWorld';

/** An instance saga worker of `world` in its own process (sagaWorkerProcess.ts), so a test can SIGKILL
 * it mid-step; `fault` is FAULT_INJECT_STEP (`<step>:hang` parks it right after the step's work). */
export function startWorkerProcess(world: SagaWorld, fault?: string): Promise<ChildProcess> {
  const child = spawn(path.join(process.cwd(), 'node_modules/.bin/tsx'), [path.join(__dirname, 'sagaWorkerProcess.ts')], {
    env: { ...process.env, SAGA_WORLD: JSON.stringify(world.names), ...(fault ? { FAULT_INJECT_STEP: fault } : {}) },
    // Own process group: tsx runs node as a child, and SIGKILL must reach that one too.
    detached: true,
    stdio: ['ignore', 'pipe', process.env.SAGA_TEST_LOG ? 'inherit' : 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

/** SIGKILL to the worker's whole process group; resolves once it is gone. */
export async function killWorkerProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}
