import { createHttpTransport } from '../http/httpTransport';
import type { HttpTransport } from '../../ports/httpTransport';
import { decodeMethodResponse, encodeMethodCall } from './xmlRpc';
import type { OdooRpc, XmlRpcValue } from '../../ports/odooRpc';

/** An Odoo reached through `transport` (its address, a router, or curl inside its container). */
export function createOdooRpc(transport: HttpTransport, options: { timeoutMs?: number } = {}): OdooRpc {
  const call = async (service: 'common' | 'object', method: string, params: XmlRpcValue[]) => {
    const { status, body } = await transport({
      method: 'POST', path: `/xmlrpc/2/${service}`, headers: { 'content-type': 'text/xml' }, body: encodeMethodCall(method, params),
      timeoutMs: options.timeoutMs ?? 30_000,
    });
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

/** An Odoo at `baseUrl` (e.g. the container's address); `hostHeader` when it is reached through a
 * router that routes by Host. */
export function createOdooRpcAt(baseUrl: string, options: { timeoutMs?: number; hostHeader?: string } = {}): OdooRpc {
  return createOdooRpc(createHttpTransport(baseUrl, options.hostHeader ? { hostHeader: options.hostHeader } : {}), options);
}
