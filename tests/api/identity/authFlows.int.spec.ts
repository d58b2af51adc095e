import { signUp } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';
import { identityKit, type IdentityKit } from './identityKit';

// The /auth flows end to end on a real platform, then a scan of every event for every secret used.
let platform: TestPlatform;
let kit: IdentityKit;
const secretsUsed: string[] = [];
const remember = <T extends string>(secret: T): T => {
  secretsUsed.push(secret);
  return secret;
};

beforeAll(async () => {
  // A one-second resend interval, so a resend can be shown to work and to be throttled.
  platform = await startTestPlatform('all', { EMAIL_VERIFICATION_RESEND_SECONDS: '1' });
  kit = identityKit(platform);
});
afterAll(async () => {
  await kit.close();
  await platform.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function resetReference(userId: string): Promise<string> {
  const { rows } = await kit.admin.query<{ reset_id: string }>(
    `SELECT data->>'resetId' AS reset_id FROM "${platform.config.EVENTSTORE_SCHEMA}".events
     WHERE type = 'PasswordResetRequested' AND data->>'userId' = $1 ORDER BY global_position DESC LIMIT 1`, [userId]);
  return rows[0]!.reset_id;
}

describe('register', () => {
  it('registers (202, no session), and answers a taken email in any case or spacing the same way, telling only its owner', async () => {
    const password = remember('Kariba-Dam-Sunrise-1958');
    const first = await kit.call('POST', '/auth/register', { email: 'Rutendo.Moyo@Example.com', password, displayName: 'Rutendo' });
    expect(first.status).toBe(202);
    expect(JSON.stringify(first.body)).not.toMatch(/token|session/i);
    const login = await kit.call('POST', '/auth/login', { email: 'rutendo.moyo@example.com', password });
    expect(login.status).toBe(200);
    remember(login.body.token);
    const me = await kit.call('GET', '/auth/me', undefined, bearer(login.body.token));
    expect(me.body).toMatchObject({ userId: login.body.userId, email: 'rutendo.moyo@example.com', displayName: 'Rutendo', operator: false });

    const before = await platform.countEvents();
    for (const email of ['rutendo.moyo@example.com', '  RUTENDO.MOYO@EXAMPLE.COM ', 'ｒｕｔｅｎｄｏ.moyo@example.com']) {
      const again = await kit.call('POST', '/auth/register', { email, password: remember('Another-Long-Passphrase-42') });
      expect(again.status).toBe(202);
      expect(again.body).toEqual(first.body);
    }
    // One audit fact per attempt, for the owner's mail; no account, no user event, the password unchanged.
    const events = await kit.allEventsText();
    expect(events.filter((e) => e.startsWith('registrationaudit-') && e.includes('RegistrationAttemptedForExistingAccount') && e.includes(login.body.userId))).toHaveLength(3);
    expect(await platform.countEvents()).toBe(before + 3);
    expect((await kit.call('POST', '/auth/login', { email: 'rutendo.moyo@example.com', password: 'Another-Long-Passphrase-42' })).status).toBe(401);
  });

  it('refuses weak passwords with 400 and the reason, writing nothing', async () => {
    const before = await platform.countEvents();
    for (const [password, reason] of [['short1', /at least 10/], ['password123', /most common/], ['qwertyuiop', /most common/], ['aaaaaaaaaaaa', /too few/]] as const) {
      const reply = await kit.call('POST', '/auth/register', { email: `weak-${password}@example.test`, password });
      expect(reply.status).toBe(400);
      expect(reply.body.type).toBe('https://errors.platform.local/weak-password');
      expect(reply.body.reason).toMatch(reason);
      expect(JSON.stringify(reply.body)).not.toContain(password);
    }
    expect(await platform.countEvents()).toBe(before);
  });
});

describe('login, sessions, logout', () => {
  it('answers wrong password and unknown email identically, and records both for audit', async () => {
    const user = await signUp(platform.url);
    remember(user.password);
    remember(user.token);
    const wrong = await kit.call('POST', '/auth/login', { email: user.email, password: remember('Not-The-Password-123') });
    const unknown = await kit.call('POST', '/auth/login', { email: 'nobody-here@example.test', password: remember('Not-The-Password-456') });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ ...wrong.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });

    const events = await kit.allEventsText();
    expect(events.some((e) => e.includes('UserLoginFailed') && e.includes(user.userId))).toBe(true);
    expect(events.some((e) => e.includes('LoginFailedForUnknownAccount'))).toBe(true);
    expect(events.join('\n')).not.toContain('nobody-here@example.test');
  });

  it('takes similar time for an unknown email and a wrong password', async () => {
    const user = await signUp(platform.url);
    const time = async (email: string) => {
      const started = process.hrtime.bigint();
      await kit.call('POST', '/auth/login', { email, password: 'Wrong-Password-Timing' });
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // Alternate, and stay under the per-account throttle (5 failures) so both paths do the full work.
    for (let i = 0; i < 4; i += 1) {
      known.push(await time(user.email));
      unknown.push(await time(`ghost${i}@example.test`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });

  it('lists sessions, revokes one, logs out the current one', async () => {
    const user = await signUp(platform.url);
    remember(user.password);
    const second = await kit.call('POST', '/auth/login', { email: user.email, password: user.password });
    expect(second.status).toBe(200);
    remember(second.body.token);

    const sessions = await kit.call('GET', '/auth/sessions', undefined, user.auth);
    expect(sessions.body.items).toHaveLength(2);
    expect(sessions.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(JSON.stringify(sessions.body)).not.toContain(user.token);

    const revoked = await kit.call('DELETE', `/auth/sessions/${second.body.sessionId}`, undefined, user.auth);
    expect(revoked.status).toBe(204);
    expect((await kit.call('GET', '/auth/me', undefined, bearer(second.body.token))).status).toBe(401);

    expect((await kit.call('POST', '/auth/logout', undefined, user.auth)).status).toBe(204);
    const after = await kit.call('GET', '/auth/me', undefined, user.auth);
    expect(after.status).toBe(401);
    expect(after.body.type).toBe('https://errors.platform.local/unauthenticated');
  });

  it('slides a session\'s expiry forward on use (the row is rewritten at most once a minute)', async () => {
    const user = await signUp(platform.url);
    const before = (await kit.call('GET', '/auth/sessions', undefined, user.auth)).body.items[0].expiresAt as string;
    // Used again at once: live, not rewritten.
    expect((await kit.call('GET', '/auth/sessions', undefined, user.auth)).body.items[0].expiresAt).toBe(before);
    // Last written two minutes ago: the next use slides the expiry from now.
    await kit.admin.query(`UPDATE "${platform.config.IDENTITY_SCHEMA}".sessions SET last_seen_at = last_seen_at - interval '2 minutes' WHERE user_id = $1`, [user.userId]);
    const after = (await kit.call('GET', '/auth/sessions', undefined, user.auth)).body.items[0].expiresAt as string;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
  });

  it('updates the profile with PUT /auth/me', async () => {
    const user = await signUp(platform.url);
    const updated = await kit.call('PUT', '/auth/me', { displayName: 'Farai Chikwanha' }, user.auth);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ userId: user.userId, displayName: 'Farai Chikwanha' });
    expect((await kit.call('GET', '/auth/me', undefined, user.auth)).body.displayName).toBe('Farai Chikwanha');
  });
});

describe('passwords', () => {
  it('changes the password with the current one and revokes every other session', async () => {
    const user = await signUp(platform.url);
    remember(user.password);
    remember(user.token);
    const other = await kit.call('POST', '/auth/login', { email: user.email, password: user.password });
    remember(other.body.token);
    const newPassword = remember('Victoria-Falls-Mist-2024');

    const wrongCurrent = await kit.call('POST', '/auth/password', { currentPassword: 'Not-My-Password-1', newPassword }, user.auth);
    expect(wrongCurrent.status).toBe(403);
    const weak = await kit.call('POST', '/auth/password', { currentPassword: user.password, newPassword: 'password1' }, user.auth);
    expect(weak.status).toBe(400);

    const changed = await kit.call('POST', '/auth/password', { currentPassword: user.password, newPassword }, user.auth);
    expect(changed.status).toBe(200);
    expect(changed.body.sessionsRevoked).toBe(1);
    expect((await kit.call('GET', '/auth/me', undefined, bearer(other.body.token))).status).toBe(401);
    expect((await kit.call('GET', '/auth/me', undefined, user.auth)).status).toBe(200);
    expect((await kit.call('POST', '/auth/login', { email: user.email, password: user.password })).status).toBe(401);
    expect((await kit.call('POST', '/auth/login', { email: user.email, password: newPassword })).status).toBe(200);
  });

  it('resets a password by mailed token: same answer for unknown emails, token single-use, sessions revoked', async () => {
    const user = await signUp(platform.url);
    remember(user.password);
    const known = await kit.call('POST', '/auth/password-reset', { email: user.email.toUpperCase() });
    const unknown = await kit.call('POST', '/auth/password-reset', { email: 'no-account@example.test' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);

    // The event carries a reference; only the notifier's vault turns it into the token.
    const token = remember((await kit.vault.take(await resetReference(user.userId)))!);
    expect(token).toMatch(/^rst_/);

    const newPassword = remember('Great-Zimbabwe-Walls-1450');
    expect((await kit.call('POST', '/auth/password-reset/confirm', { token, newPassword: 'iloveyou1' })).status).toBe(400);
    expect((await kit.call('POST', '/auth/password-reset/confirm', { token, newPassword })).status).toBe(204);
    expect((await kit.call('GET', '/auth/me', undefined, user.auth)).status).toBe(401);
    expect((await kit.call('POST', '/auth/login', { email: user.email, password: newPassword })).status).toBe(200);
    const reused = await kit.call('POST', '/auth/password-reset/confirm', { token, newPassword: 'Another-Fresh-Passphrase-9' });
    expect(reused.status).toBe(400);
    expect(reused.body.type).toBe('https://errors.platform.local/invalid-token');
    expect(await kit.vault.take(await resetReference(user.userId))).toBeNull();
  });
});

describe('email verification', () => {
  async function verificationReference(userId: string, type: 'UserRegistered' | 'EmailVerificationRequested'): Promise<string> {
    const path = type === 'UserRegistered' ? `data->'verification'->>'requestId'` : `data->>'requestId'`;
    const { rows } = await kit.admin.query<{ request_id: string }>(
      `SELECT ${path} AS request_id FROM "${platform.config.EVENTSTORE_SCHEMA}".events
       WHERE type = $1 AND data->>'userId' = $2 ORDER BY global_position DESC LIMIT 1`, [type, userId]);
    return rows[0]!.request_id;
  }
  const verifiedEvents = async (userId: string) => (await platform.store.readStream(`user-${userId}`)).filter((e) => e.type === 'EmailVerified');
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('verifies with the token of the registration link; /me shows it; the token works once', async () => {
    const user = await signUp(platform.url, { verifyEmail: false });
    remember(user.password);
    for (const path of ['/auth/me', '/api/v1/me']) expect((await kit.call('GET', path, undefined, user.auth)).body).toMatchObject({ userId: user.userId, emailVerified: false });
    const token = remember((await kit.vault.take(await verificationReference(user.userId, 'UserRegistered')))!);
    expect(token).toMatch(/^evf_/);

    const verified = await kit.call('POST', '/api/v1/auth/verify-email', { token });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ userId: user.userId, emailVerified: true, streamName: `user-${user.userId}` });
    for (const path of ['/auth/me', '/api/v1/me']) expect((await kit.call('GET', path, undefined, user.auth)).body.emailVerified).toBe(true);
    expect(await verifiedEvents(user.userId)).toHaveLength(1);
    expect(await kit.vault.take(await verificationReference(user.userId, 'UserRegistered'))).toBeNull();

    const before = await platform.countEvents();
    const reused = await kit.call('POST', '/api/v1/auth/verify-email', { token });
    expect(reused.status).toBe(400);
    expect(reused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(reused.body.type).toBe('https://errors.platform.local/invalid-token');
    expect(JSON.stringify(reused.body)).not.toContain(token);
    expect(await platform.countEvents()).toBe(before);
  });

  it('refuses garbage and expired tokens with 400, writing nothing', async () => {
    const user = await signUp(platform.url, { verifyEmail: false });
    remember(user.password);
    const reference = await verificationReference(user.userId, 'UserRegistered');
    const token = remember((await kit.vault.take(reference))!);
    await kit.admin.query(`UPDATE "${platform.config.IDENTITY_SCHEMA}".one_time_tokens SET expires_at = now() - interval '1 second' WHERE token_id = $1`, [reference]);
    const before = await platform.countEvents();
    for (const attempt of [token, 'evf_garbage', `${token.slice(0, -2)}xx`, 'x']) {
      const reply = await kit.call('POST', '/api/v1/auth/verify-email', { token: attempt });
      expect({ attempt: attempt.slice(0, 6), status: reply.status, type: reply.body.type })
        .toEqual({ attempt: attempt.slice(0, 6), status: 400, type: 'https://errors.platform.local/invalid-token' });
    }
    expect((await kit.call('POST', '/api/v1/auth/verify-email', {})).status).toBe(400);
    expect(await platform.countEvents()).toBe(before);
    expect((await kit.call('GET', '/auth/me', undefined, user.auth)).body.emailVerified).toBe(false);
  });

  it('resends a link to a signed-in unverified user, at most once per interval; any pending link verifies, once', async () => {
    const user = await signUp(platform.url, { verifyEmail: false });
    remember(user.password);
    const first = remember((await kit.vault.take(await verificationReference(user.userId, 'UserRegistered')))!);

    const tooSoon = await kit.call('POST', '/api/v1/auth/resend-verification', undefined, user.auth);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.headers.get('retry-after')).toBe('1');
    expect(tooSoon.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(tooSoon.body).toMatchObject({ type: 'https://errors.platform.local/verification-throttled', status: 429, retryAfterSeconds: 1 });

    await sleep(1100);
    const resent = await kit.call('POST', '/api/v1/auth/resend-verification', undefined, user.auth);
    expect(resent.status).toBe(202);
    expect(resent.body.requestId).toBe(await verificationReference(user.userId, 'EmailVerificationRequested'));
    expect(Date.parse(resent.body.expiresAt) - Date.now()).toBeGreaterThan(47 * 3600_000);
    const second = remember((await kit.vault.take(resent.body.requestId))!);
    expect(second).not.toBe(first);
    const before = await platform.countEvents();
    expect((await kit.call('POST', '/api/v1/auth/resend-verification', undefined, user.auth)).status).toBe(429);
    expect(await platform.countEvents()).toBe(before);

    expect((await kit.call('POST', '/api/v1/auth/verify-email', { token: first })).status).toBe(200);
    // The other link is still valid: it verifies again without a second fact.
    expect((await kit.call('POST', '/api/v1/auth/verify-email', { token: second })).status).toBe(200);
    expect(await verifiedEvents(user.userId)).toHaveLength(1);
    expect((await kit.call('POST', '/api/v1/auth/verify-email', { token: second })).status).toBe(400);

    await sleep(1100);
    const already = await kit.call('POST', '/api/v1/auth/resend-verification', undefined, user.auth);
    expect(already.status).toBe(409);
    expect(already.body.code).toBe('email-already-verified');
  });

  it('a resend retried with the same Idempotency-Key answers the first result and appends nothing', async () => {
    const user = await signUp(platform.url, { verifyEmail: false });
    remember(user.password);
    await sleep(1100);
    const key = `resend-${user.userId}`;
    const first = await kit.call('POST', '/api/v1/auth/resend-verification', undefined, { ...user.auth, 'idempotency-key': key });
    expect(first.status).toBe(202);
    const before = await platform.countEvents();
    const again = await kit.call('POST', '/api/v1/auth/resend-verification', undefined, { ...user.auth, 'idempotency-key': key });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ requestId: first.body.requestId, expiresAt: first.body.expiresAt, position: first.body.position });
    expect(await platform.countEvents()).toBe(before);
    remember((await kit.vault.take(first.body.requestId))!);
  });
});

describe('secrets', () => {
  it('leaves no password or token in any event of the suite', async () => {
    const events = await kit.allEventsText();
    expect(events.length).toBeGreaterThan(10);
    expect(secretsUsed.length).toBeGreaterThan(10);
    for (const secret of secretsUsed) {
      const leaks = events.filter((text) => text.includes(secret));
      expect({ secret: `${secret.slice(0, 4)}…`, leaks }).toEqual({ secret: `${secret.slice(0, 4)}…`, leaks: [] });
    }
  });
});
