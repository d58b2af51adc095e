import http from 'node:http';
import type { HttpTransport } from '../../ports/httpTransport';

/** HTTP to `baseUrl`, with `hostHeader` when it is a router that routes by Host. node:http rather
 * than fetch: fetch will not send a Host header of our choosing. No redirect is followed. */
export function createHttpTransport(baseUrl: string, options: { hostHeader?: string } = {}): HttpTransport {
  const base = baseUrl.replace(/\/$/, '');
  return (request) => new Promise((resolve, reject) => {
    const body = request.body ?? '';
    const outgoing = http.request(new URL(`${base}${request.path}`), {
      method: request.method, timeout: request.timeoutMs,
      headers: {
        ...request.headers,
        ...(request.body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}),
        ...(options.hostHeader ? { host: options.hostHeader } : {}),
      },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${request.timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
