import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The platform's own entry point (`src/main.ts --role <role>`) in a process of its own, on `env`
 * alone (no parent environment beyond PATH/HOME), so a test can SIGKILL it like a real worker host.
 * Resolves once it logged that it started. */
export async function startPlatformProcess(role: 'worker' | 'api' | 'all', env: Record<string, string>): Promise<ChildProcess> {
  const root = path.resolve(__dirname, '../..');
  // node itself with tsx's loader (not the tsx CLI, which forks a second process a SIGKILL would miss).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--role', role], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => { log = (log + chunk.toString()).slice(-20_000); };
  child.stderr?.on('data', collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform process did not start: ${log.slice(-2000)}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      collect(chunk);
      if (log.includes('"platform started"')) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`platform process exited (${code}): ${log.slice(-2000)}`)); });
  });
  return child;
}

/** SIGKILL (no goodbye: locks, channels and connections die with the process) and wait for the exit. */
export async function killPlatformProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
