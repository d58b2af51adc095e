// A client of Odoo's public surface for tests: HTTP with a cookie jar and a chosen Host header,
// XML-RPC (written independently of the double's own codec), and Docker helpers for one-off and
// long-running Odoo containers. Nothing here knows the double's internals.
import http from 'node:http';
import type Docker from 'dockerode';

// ---- HTTP ----------------------------------------------------------------------------------------------

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export async function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<HttpResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false, // no keep-alive: containers come and go
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout on ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A browser-like session: keeps cookies, sends a Host header of our choosing, never follows redirects. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly base: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async request(path: string, options: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...this.extraHeaders, ...options.headers };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const res = await httpRequest(`${this.base}${path}`, { method: options.method ?? (options.form ? 'POST' : 'GET'), headers, body });
    const setCookie = res.headers['set-cookie'] ?? [];
    for (const cookie of setCookie) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    return res;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** GET /web/login, then POST the form with its csrf_token, as a browser does. */
  async signIn(login: string, password: string): Promise<HttpResponse> {
    const page = await this.request('/web/login');
    if (page.status !== 200) return page;
    const token = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1];
    return this.request('/web/login', { form: { csrf_token: token ?? '', login, password, redirect: '' } });
  }
}

// ---- XML-RPC (an independent implementation of the wire format) -------------------------------------------

export type Rpc = null | boolean | number | string | Rpc[] | { [key: string]: Rpc };

export class RpcFault extends Error {
  constructor(
    readonly faultCode: number | string,
    readonly faultString: string,
  ) {
    super(`XML-RPC fault ${faultCode}: ${faultString}`);
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function encode(value: Rpc): string {
  if (value === null) return '<value><nil/></value>';
  if (typeof value === 'boolean') return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (typeof value === 'number') return Number.isInteger(value) ? `<value><int>${value}</int></value>` : `<value><double>${value}</double></value>`;
  if (typeof value === 'string') return `<value><string>${esc(value)}</string></value>`;
  if (Array.isArray(value)) return `<value><array><data>${value.map(encode).join('')}</data></array></value>`;
  return `<value><struct>${Object.entries(value)
    .map(([k, v]) => `<member><name>${esc(k)}</name>${encode(v)}</member>`)
    .join('')}</struct></value>`;
}

const unesc = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Tokenises the response into tags and text, then reads <value>s recursively. */
function decodeResponse(xml: string): { value?: Rpc; fault?: RpcFault } {
  const tokens = xml.replace(/<\?xml[^>]*\?>/, '').match(/<[^>]+>|[^<]+/g) ?? [];
  let i = 0;
  const next = () => tokens[i++] ?? '';
  const skipWs = () => {
    while (i < tokens.length && !tokens[i]!.startsWith('<') && tokens[i]!.trim() === '') i++;
  };
  const expect = (tag: string) => {
    skipWs();
    const t = next();
    if (t !== tag) throw new Error(`expected ${tag}, got ${t} in ${xml.slice(0, 300)}`);
  };
  const readValue = (): Rpc => {
    expect('<value>');
    let t = tokens[i]!;
    if (!t.startsWith('<')) {
      // untyped string, or whitespace before a type tag
      if (tokens[i + 1] === '</value>') {
        i += 2;
        return unesc(t);
      }
      i++;
      t = tokens[i]!;
    }
    if (t === '</value>') {
      i++;
      return '';
    }
    i++;
    let result: Rpc;
    const text = () => {
      const v = tokens[i]!.startsWith('<') ? '' : unesc(next());
      next(); // closing tag
      return v;
    };
    if (t === '<nil/>') result = null;
    else if (t === '<int>' || t === '<i4>') result = parseInt(text(), 10);
    else if (t === '<double>') result = Number(text());
    else if (t === '<boolean>') result = text().trim() === '1';
    else if (t === '<string>') result = text();
    else if (t === '<string/>') result = '';
    else if (t === '<base64>') result = text().replace(/\s+/g, '');
    else if (t === '<dateTime.iso8601>') result = text();
    else if (t === '<array>') {
      expect('<data>');
      const items: Rpc[] = [];
      for (;;) {
        skipWs();
        if (tokens[i] === '</data>') break;
        items.push(readValue());
      }
      expect('</data>');
      expect('</array>');
      result = items;
    } else if (t === '<struct>') {
      const obj: Record<string, Rpc> = {};
      for (;;) {
        skipWs();
        if (tokens[i] === '</struct>') break;
        expect('<member>');
        expect('<name>');
        const name = unesc(next());
        expect('</name>');
        obj[name] = readValue();
        expect('</member>');
      }
      expect('</struct>');
      result = obj;
    } else throw new Error(`unknown XML-RPC type ${t}`);
    expect('</value>');
    return result;
  };
  expect('<methodResponse>');
  skipWs();
  if (tokens[i] === '<fault>') {
    i++;
    const f = readValue() as { faultCode: number | string; faultString: string };
    return { fault: new RpcFault(f.faultCode, f.faultString) };
  }
  expect('<params>');
  expect('<param>');
  return { value: readValue() };
}

export async function xmlrpc(base: string, service: string, method: string, params: Rpc[], headers: Record<string, string> = {}): Promise<Rpc> {
  const body = `<?xml version="1.0"?><methodCall><methodName>${esc(method)}</methodName><params>${params.map((p) => `<param>${encode(p)}</param>`).join('')}</params></methodCall>`;
  const res = await httpRequest(`${base}/xmlrpc/2/${service}`, { method: 'POST', headers: { 'Content-Type': 'text/xml', ...headers }, body, timeoutMs: 30_000 });
  if (res.status !== 200) throw new Error(`XML-RPC ${service}.${method}: HTTP ${res.status}`);
  const decoded = decodeResponse(res.text);
  if (decoded.fault) throw decoded.fault;
  return decoded.value!;
}

export async function faultOf(promise: Promise<unknown>): Promise<RpcFault> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RpcFault) return error;
    throw error;
  }
  throw new Error('expected an XML-RPC fault');
}

// ---- Docker ------------------------------------------------------------------------------------------------

/** A tar archive of small files (for putArchive into a created container). */
export function tarOf(files: Record<string, { content: string; mode?: number; uid?: number }>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, file] of Object.entries(files)) {
    const data = Buffer.from(file.content, 'utf8');
    const header = Buffer.alloc(512);
    const put = (text: string, offset: number, length: number) => header.write(text, offset, length, 'utf8');
    const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0') + '\0';
    put(name, 0, 100);
    put(octal(file.mode ?? 0o644, 8), 100, 8);
    put(octal(file.uid ?? 0, 8), 108, 8);
    put(octal(file.uid ?? 0, 8), 116, 8);
    put(octal(data.length, 12), 124, 12);
    put(octal(Math.floor(Date.now() / 1000), 12), 136, 12);
    put('        ', 148, 8);
    put('0', 156, 1);
    put('ustar\0', 257, 6);
    put('00', 263, 2);
    let sum = 0;
    for (const byte of header) sum += byte;
    put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export interface ContainerRun {
  image: string;
  cmd: string[];
  env: Record<string, string>;
  labels: Record<string, string>;
  network: string;
  volume?: string;
  /** files written into the container before it starts (e.g. /etc/odoo/odoo.conf) */
  files?: Record<string, { content: string; mode?: number; uid?: number }>;
  user?: string;
  entrypoint?: string[];
}

async function createContainer(docker: Docker, run: ContainerRun): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: run.image,
    Cmd: run.cmd,
    Entrypoint: run.entrypoint,
    User: run.user,
    Env: Object.entries(run.env).map(([k, v]) => `${k}=${v}`),
    Labels: run.labels,
    HostConfig: {
      NetworkMode: run.network,
      ExtraHosts: ['host.docker.internal:host-gateway'],
      Mounts: run.volume ? [{ Type: 'volume', Source: run.volume, Target: '/var/lib/odoo' }] : [],
      Init: true,
    },
  });
  if (run.files) await container.putArchive(tarOf(run.files), { path: '/' });
  return container;
}

/** Runs a container to completion: its exit code and combined output. */
export async function runToCompletion(docker: Docker, run: ContainerRun, timeoutMs = 60_000): Promise<{ exitCode: number; output: string }> {
  const container = await createContainer(docker, run);
  try {
    await container.start();
    let timer: NodeJS.Timeout | undefined;
    const waited = (await Promise.race([
      container.wait(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${run.cmd.join(' ')} did not finish in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer))) as { StatusCode: number };
    const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    return { exitCode: waited.StatusCode, output: demux(logs) };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** Docker's multiplexed log stream → text. */
function demux(buffer: Buffer): string {
  const out: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    out.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(out).toString('utf8');
}

export interface RunningOdoo {
  container: Docker.Container;
  base: string;
  ip: string;
  logs(): Promise<string>;
}

/** Starts a long-running container and waits until /web/health answers. */
export async function startOdoo(docker: Docker, run: ContainerRun): Promise<RunningOdoo> {
  const container = await createContainer(docker, run);
  await container.start();
  const info = await container.inspect();
  const ip = info.NetworkSettings.Networks[run.network]!.IPAddress;
  const base = `http://${ip}:8069`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await httpRequest(`${base}/web/health`, { timeoutMs: 2000 }).catch(() => null);
    if (res?.status === 200) break;
    if (Date.now() > deadline) {
      const logs = demux((await container.logs({ stdout: true, stderr: true })) as unknown as Buffer);
      throw new Error(`Odoo did not answer /web/health:\n${logs}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    container,
    base,
    ip,
    logs: async () => demux((await container.logs({ stdout: true, stderr: true })) as unknown as Buffer),
  };
}
