import { randomBytes } from 'node:crypto';

export interface SignedUpUser {
  userId: string;
  email: string;
  password: string;
  token: string;
  /** Spread into fetch headers. */
  auth: { authorization: string };
}

let counter = 0;

/** Registers a fresh user through POST /auth/register and returns its session. */
export async function signUp(baseUrl: string, options: { email?: string; password?: string; displayName?: string } = {}): Promise<SignedUpUser> {
  counter += 1;
  const email = options.email ?? `user${counter}.${randomBytes(4).toString('hex')}@example.test`;
  const password = options.password ?? `Spiced-Mopane-${randomBytes(6).toString('hex')}`;
  const response = await fetch(`${baseUrl}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, displayName: options.displayName ?? `User ${counter}` }),
  });
  const body = (await response.json()) as { user?: { userId: string }; token?: string; detail?: string };
  if (response.status !== 201 || !body.user || !body.token) throw new Error(`sign-up failed: ${response.status} ${body.detail ?? ''}`);
  return { userId: body.user.userId, email, password, token: body.token, auth: { authorization: `Bearer ${body.token}` } };
}
