import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { testPlatformAt, type TestPlatform } from './testPlatform';

export interface SignedUpUser {
  userId: string;
  email: string;
  password: string;
  token: string;
  /** Spread into fetch headers. */
  auth: { authorization: string };
}

let counter = 0;

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Registers a fresh user through POST /auth/register, signs in with POST /auth/login and, like the
 * user clicking the welcome mail's link, verifies the email with the token that mail carries (read
 * where the notifier reads it; decision 022: unverified users may not provision). `verifyEmail:
 * false` leaves the address unverified (and the welcome mail's link unused). */
export async function signUp(baseUrl: string, options: { email?: string; password?: string; displayName?: string; verifyEmail?: boolean } = {}): Promise<SignedUpUser> {
  counter += 1;
  const email = options.email ?? `user${counter}.${randomBytes(4).toString('hex')}@example.test`;
  const password = options.password ?? `Spiced-Mopane-${randomBytes(6).toString('hex')}`;
  const registered = await post(`${baseUrl}/auth/register`, { email, password, displayName: options.displayName ?? `User ${counter}` });
  if (registered.status !== 202) throw new Error(`sign-up failed: ${registered.status} ${String(registered.body.detail ?? '')}`);
  const login = await post(`${baseUrl}/auth/login`, { email, password });
  const userId = login.body.userId as string | undefined;
  const token = login.body.token as string | undefined;
  if (login.status !== 200 || !userId || !token) throw new Error(`sign-in after sign-up failed: ${login.status} ${String(login.body.detail ?? '')}`);
  const auth = { authorization: `Bearer ${token}` };
  if (options.verifyEmail !== false) await verifyEmail(baseUrl, userId, auth);
  return { userId, email, password, token, auth };
}

async function verifyEmail(baseUrl: string, userId: string, auth: { authorization: string }): Promise<void> {
  const platform = testPlatformAt(baseUrl);
  if (!platform) throw new Error(`signUp cannot read the mailbox of a platform it did not start (${baseUrl}); pass verifyEmail: false`);
  const [registered] = await platform.store.readStream(`user-${userId}`, { maxCount: 1 });
  const reference = (registered?.data as { verification?: { requestId: string } } | undefined)?.verification?.requestId;
  // With the bus on, the notifier may have taken the token first: then it is in the mail it wrote.
  const token = (reference && (await platform.mailedToken(reference))) || await tokenFromMailDir(platform.config.MAIL_DIR, userId, platform);
  if (!token) throw new Error(`no verification link was issued for user ${userId}`);
  const verified = await post(`${baseUrl}/api/v1/auth/verify-email`, { token }, auth);
  if (verified.status !== 200) throw new Error(`email verification failed: ${verified.status} ${String(verified.body.detail ?? '')}`);
}

/** The verification token of the welcome mail the file mailer wrote (MAIL_DIR) to this user's address. */
async function tokenFromMailDir(mailDir: string | undefined, userId: string, platform: TestPlatform): Promise<string | null> {
  if (!mailDir) return null;
  const [registered] = await platform.store.readStream(`user-${userId}`, { maxCount: 1 });
  const email = (registered?.data as { email?: string } | undefined)?.email;
  if (!email) return null;
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const names = (await readdir(mailDir).catch(() => [] as string[])).filter((name) => name.endsWith('.txt'));
    for (const name of names) {
      const text = await readFile(path.join(mailDir, name), 'utf8');
      if (!text.split('\n', 1)[0]!.includes(email)) continue;
      const token = /verify-email\?token=(\S+)/.exec(text)?.[1];
      if (token) return decodeURIComponent(token);
    }
  }
  return null;
}
