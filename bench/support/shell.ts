import { spawn } from 'node:child_process';

/** `bash -o pipefail -c script`: secrets only ever in `env`, never in argv. */
export function shell(script: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve({ stdout }) : reject(new Error(`${script.slice(0, 80)}… exited ${code}: ${stderr}`))));
  });
}
