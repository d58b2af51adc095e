import http from 'node:http';
import { decodeMethodResponse, encodeMethodCall, type XmlRpcValue } from './xmlRpc';

/** What the platform asks of a running Odoo through its public XML-RPC surface. */
export interface OdooRpc {
  /** `common.version()`: e.g. { serverVersion: '17.0' }. */
  version(): Promise<{ serverVersion: string }>;
  /** uid, or null for wrong credentials. */
  authenticate(database: string, login: string, password: string): Promise<number | null>;
  executeKw(database: string, uid: number, password: string, model: string, method: string, args: XmlRpcValue[], kwargs?: Record<string, XmlRpcValue>): Promise<XmlRpcValue>;
}

/** An Odoo at `baseUrl` (e.g. the container's address); `hostHeader` when it is reached through a
 * router that routes by Host. No redirect is followed: Odoo's XML-RPC answers in place. */
export function createOdooRpc(baseUrl: string, options: { timeoutMs?: number; hostHeader?: string } = {}): OdooRpc {
  const call = async (service: 'common' | 'object', method: string, params: XmlRpcValue[]) => {
    const { status, body } = await post(new URL(`${baseUrl.replace(/\/$/, '')}/xmlrpc/2/${service}`), encodeMethodCall(method, params),
      options.hostHeader, options.timeoutMs ?? 30_000);
    if (status !== 200) throw new Error(`Odoo XML-RPC ${service}.${method} answered HTTP ${status}`);
    return decodeMethodResponse(body);
  };
  return {
    async version() {
      const result = (await call('common', 'version', [])) as { server_version?: XmlRpcValue };
      return { serverVersion: String(result.server_version ?? '') };
    },
    async authenticate(database, login, password) {
      const uid = await call('common', 'authenticate', [database, login, password, {}]);
      return typeof uid === 'number' && uid > 0 ? uid : null;
    },
    executeKw: (database, uid, password, model, method, args, kwargs = {}) =>
      call('object', 'execute_kw', [database, uid, password, model, method, args, kwargs]),
  };
}

/** node:http rather than fetch: fetch will not send a Host header of our choosing. */
function post(url: URL, body: string, hostHeader: string | undefined, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST', timeout: timeoutMs,
      headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), ...(hostHeader ? { host: hostHeader } : {}) },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`Odoo did not answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
