import http from 'node:http';

/**
 * One call to Caddy's admin API; answers null for 404 (unknown @id / path), throws on other errors.
 * No keep-alive: Caddy replaces its admin server when a config change is applied, so a pooled
 * connection would be closed under the next request.
 */
export function caddyAdminRequest(
  adminUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown } | null> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(path, adminUrl),
      {
        method,
        agent: false,
        timeout: 10_000,
        headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status === 404) return resolve(null);
          if (status < 200 || status >= 300) {
            return reject(Object.assign(new Error(`caddy admin ${method} ${path}: HTTP ${status} ${text.trim()}`), { statusCode: status }));
          }
          try {
            resolve({ status, json: text ? (JSON.parse(text) as unknown) : null });
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`caddy admin ${method} ${path}: timeout`)));
    request.on('error', reject);
    request.end(payload);
  });
}
