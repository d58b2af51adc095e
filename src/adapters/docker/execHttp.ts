import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { singleFileTar } from './singleFileTar';

export interface ExecHttpRequest {
  method: 'GET' | 'POST';
  /** Path on the container's own HTTP port, e.g. /web/health. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** curl could not reach the port inside the container (exit 7), or did not finish in time (28). */
export class ExecHttpUnreachableError extends Error {
  constructor(readonly container: string, readonly curlExitCode: number | null) {
    super(`HTTP inside container ${container} failed (curl exit ${curlExitCode ?? 'unknown'})`);
    this.name = 'ExecHttpUnreachableError';
  }
}

const bodyDir = '/tmp';

/**
 * One HTTP request to a container's own port, made by `curl` inside the container (the official odoo
 * image ships it; so does the contract double): the platform reaches an instance through the Docker
 * API it holds anyway, so the worker joins no tenant network (docs/decisions/049). The body travels
 * as a file put into the container and removed after, never on a command line `docker inspect` or
 * `ps` would show. Redirects are not followed.
 */
export async function execHttp(docker: Docker, containerName: string, port: number, request: ExecHttpRequest): Promise<{ status: number; body: string }> {
  const container = docker.getContainer(containerName);
  const bodyFile = request.body === undefined ? null : `platform-request-${randomBytes(8).toString('hex')}`;
  if (bodyFile) await container.putArchive(singleFileTar(bodyFile, request.body!, { mode: 0o600, uid: 0, gid: 0 }), { path: bodyDir });
  const seconds = Math.max(1, Math.ceil(request.timeoutMs / 1000));
  const curl = [
    'curl', '-sS', '-o', '-', '-w', '\\n%{http_code}', '-m', String(seconds), '-X', request.method,
    ...Object.entries(request.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    ...(bodyFile ? ['--data-binary', `@${bodyDir}/${bodyFile}`] : []),
    `http://127.0.0.1:${port}${request.path}`,
  ];
  // The body file goes whatever curl did; its exit code is the exec's.
  const script = bodyFile ? `"$@"; status=$?; rm -f ${bodyDir}/${bodyFile}; exit $status` : '"$@"';
  const exec = await container.exec({ Cmd: ['sh', '-c', script, 'sh', ...curl], AttachStdout: true, AttachStderr: true, User: 'root' });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  docker.modem.demuxStream(stream, stdout, new PassThrough().resume());
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new ExecHttpUnreachableError(containerName, 28));
    }, request.timeoutMs + 5_000);
    stream.on('end', () => { clearTimeout(timer); resolve(); });
    stream.on('close', () => { clearTimeout(timer); resolve(); });
    stream.on('error', (error) => { clearTimeout(timer); reject(error); });
  });
  // The output can end a moment before the engine has recorded the exit code.
  let { ExitCode, Running } = await exec.inspect();
  for (let waited = 0; Running && waited < 2000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    ({ ExitCode, Running } = await exec.inspect());
  }
  if (ExitCode !== 0) throw new ExecHttpUnreachableError(containerName, ExitCode);
  const output = Buffer.concat(chunks).toString('utf8');
  const newline = output.lastIndexOf('\n');
  const status = Number(output.slice(newline + 1));
  if (!Number.isInteger(status) || status < 100) throw new ExecHttpUnreachableError(containerName, ExitCode);
  return { status, body: output.slice(0, newline) };
}
