import http from 'node:http';

export interface WebReply { status: number; headers: http.IncomingHttpHeaders; body: string }

/** HTTP to an Odoo through a router that routes by Host (fetch will not set Host). */
export function odooRequest(url: string, options: { host: string; method?: string; body?: string; headers?: Record<string, string> }): Promise<WebReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { host: options.host, ...options.headers };
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const request = http.request(url, { method: options.method ?? 'GET', headers, timeout: 10_000, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Odoo's sign-in form as a person uses it: GET /web/login for the form (csrf token, session cookie),
 * POST it back. Signed in = a redirect away from the form with a session cookie. */
export async function signInToOdoo(baseUrl: string, host: string, login: string, password: string): Promise<{ signedIn: boolean; reply: WebReply }> {
  const form = await odooRequest(`${baseUrl}/web/login`, { host });
  if (form.status !== 200) return { signedIn: false, reply: form };
  const csrf = /name="csrf_token"\s+value="([^"]*)"/.exec(form.body)?.[1] ?? '';
  const cookie = (form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const reply = await odooRequest(`${baseUrl}/web/login`, {
    host, method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ login, password, csrf_token: csrf, redirect: '' }).toString(),
  });
  const sessionCookie = (reply.headers['set-cookie'] ?? []).some((c) => c.startsWith('session_id='));
  return { signedIn: reply.status === 303 && sessionCookie && !/\/web\/login/.test(String(reply.headers.location ?? '')), reply };
}
