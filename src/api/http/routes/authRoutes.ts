import { z } from 'zod';
import { changePassword } from '../../../commands/identity/changePassword';
import { confirmPasswordReset } from '../../../commands/identity/confirmPasswordReset';
import type { IdentityDeps } from '../../../commands/identity/identityDeps';
import { ForbiddenError } from '../../../commands/identity/identityErrors';
import { loginUser } from '../../../commands/identity/loginUser';
import { readUserState } from '../../../commands/identity/readUserState';
import { registerUser } from '../../../commands/identity/registerUser';
import { requestPasswordReset } from '../../../commands/identity/requestPasswordReset';
import { sendIdentityCommand } from '../../../commands/identity/sendIdentityCommand';
import { displayNameSchema, emailSchema } from '../../../commands/userCommandSchemas';
import type { Principal } from '../../../domain/authorization/principal';
import { NotFoundError } from '../../../domain/shared/decider';
import { apiRoute, type RouteInput } from '../apiRoute';
import { commandReply } from './commandReply';

// Passwords are bounded here too: scrypt of a megabyte string is a cheap denial of service.
const password = z.string().min(1, 'is required').max(1024);
const registerBody = z.strictObject({ email: emailSchema, password, displayName: displayNameSchema.optional(), name: displayNameSchema.optional() });
const loginBody = z.strictObject({ email: z.string().max(254), password });
const sessionParams = z.strictObject({ sessionId: z.uuid() });
const self = () => ({ kind: 'user' as const });

export function signedInUser(principal: Principal): Extract<Principal, { kind: 'user' }> {
  if (principal.kind !== 'user') throw new ForbiddenError('only people have a profile and sessions');
  return principal;
}

function context(input: RouteInput<unknown, unknown, unknown>, actor: string) {
  return { actor, correlationId: input.context.correlationId, ...(input.idempotencyKey ? { commandId: input.idempotencyKey } : {}) };
}

/** The prototype's /auth routes (clients use them as they are) plus password and session management. */
export function authRoutes(identity: IdentityDeps) {
  const profile = async (userId: string, operator: boolean) => {
    // From the user's own stream, not the read model: right after registering it is already there.
    const state = await readUserState(identity.store, userId);
    if (state.status === 'absent') throw new NotFoundError('User', userId);
    return { userId, email: state.email, displayName: state.displayName, operator, emailVerified: state.emailVerified };
  };
  const getMe = async (input: RouteInput<unknown, unknown, unknown>) => {
    const user = signedInUser(input.context.principal);
    return { status: 200, body: await profile(user.userId, user.operator) };
  };

  return [
    apiRoute({
      method: 'post', path: '/auth/register', operationId: 'register', tag: 'auth',
      summary: 'Create an account (email unique, case-insensitive), then sign in with POST /auth/login. Always 202 with the same answer, '
        + 'whether the email was free or taken (the owner of a taken one is told by mail); 400 for a weak password.',
      body: registerBody, authorize: () => ({ kind: 'public' }), responses: { 202: 'Accepted: check your mailbox' },
      // An anonymous caller's Idempotency-Key counts for this email only (docs/decisions/040).
      idempotencyScope: (body) => body.email,
      async handle(input) {
        const { email, password: secret, displayName, name } = input.body;
        await registerUser(identity, {
          email, password: secret, displayName: displayName ?? name ?? email.split('@')[0]!, client: input.context.client,
        }, { correlationId: input.context.correlationId, ...(input.idempotencyKey ? { commandId: input.idempotencyKey } : {}) });
        return { status: 202, body: { message: 'Check your mailbox to confirm your address, then sign in.' } };
      },
    }),
    apiRoute({
      method: 'post', path: '/auth/login', operationId: 'login', tag: 'auth',
      summary: 'Sign in; answers a bearer token. Failed attempts are throttled per account and per IP (429 with Retry-After).',
      body: loginBody, authorize: () => ({ kind: 'public' }), responses: { 200: 'Signed in' },
      async handle(input) {
        const { userId, session } = await loginUser(identity, { ...input.body, client: input.context.client }, input.context.correlationId);
        return { status: 200, body: { userId, token: session.token, sessionId: session.sessionId, expiresAt: session.expiresAt.toISOString() } };
      },
    }),
    apiRoute({
      method: 'post', path: '/auth/logout', operationId: 'logout', tag: 'auth',
      summary: 'Revoke the session this request was made with.', authorize: self, responses: { 204: 'Signed out' },
      async handle(input) {
        const user = signedInUser(input.context.principal);
        if (user.sessionId) await identity.sessions.revoke(user.userId, user.sessionId, identity.now());
        return { status: 204 };
      },
    }),
    apiRoute({
      method: 'get', path: '/auth/me', operationId: 'getMe', tag: 'auth',
      summary: 'The signed-in user, with `emailVerified`.', authorize: self, responses: { 200: 'The profile' }, handle: getMe,
    }),
    apiRoute({
      method: 'get', path: '/api/v1/me', operationId: 'getMyAccount', tag: 'auth',
      summary: 'The signed-in user, with `emailVerified` (the same as GET /auth/me).', authorize: self, responses: { 200: 'The profile' }, handle: getMe,
    }),
    apiRoute({
      method: 'put', path: '/auth/me', operationId: 'updateMe', tag: 'auth',
      summary: 'Change the display name.', body: z.strictObject({ displayName: displayNameSchema }), authorize: self,
      responses: { 200: 'Updated' },
      async handle(input) {
        const user = signedInUser(input.context.principal);
        const result = await sendIdentityCommand(identity, context(input, user.userId), 'UpdateUserProfile', { userId: user.userId, displayName: input.body.displayName });
        return { status: 200, body: { ...(await profile(user.userId, user.operator)), ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'post', path: '/auth/password', operationId: 'changePassword', tag: 'auth',
      summary: 'Change the password (needs the current one); every other session is revoked.',
      body: z.strictObject({ currentPassword: password, newPassword: password }), authorize: self, responses: { 200: 'Changed' },
      async handle(input) {
        const user = signedInUser(input.context.principal);
        const done = await changePassword(identity, user, { ...input.body, ip: input.context.client.ip }, context(input, user.userId));
        return { status: 200, body: done };
      },
    }),
    apiRoute({
      method: 'post', path: '/auth/password-reset', operationId: 'requestPasswordReset', tag: 'auth',
      summary: 'Mail a reset link if the email has an account; the answer is the same either way (429 with Retry-After beyond the hourly limit per IP or address).',
      body: z.strictObject({ email: z.string().max(254) }), authorize: () => ({ kind: 'public' }), responses: { 202: 'Accepted' },
      async handle(input) {
        await requestPasswordReset(identity, { email: input.body.email, ip: input.context.client.ip }, input.context.correlationId);
        return { status: 202, body: { message: 'If an account has this email, a reset link is on its way.' } };
      },
    }),
    apiRoute({
      method: 'post', path: '/auth/password-reset/confirm', operationId: 'confirmPasswordReset', tag: 'auth',
      summary: 'Set a new password with the mailed token; all sessions are revoked.',
      body: z.strictObject({ token: z.string().min(1).max(200), newPassword: password }), authorize: () => ({ kind: 'public' }),
      responses: { 204: 'Password set' },
      async handle(input) {
        await confirmPasswordReset(identity, input.body, input.context.correlationId);
        return { status: 204 };
      },
    }),
    apiRoute({
      method: 'get', path: '/auth/sessions', operationId: 'listSessions', tag: 'auth',
      summary: 'The signed-in user\'s live sessions.', authorize: self, responses: { 200: 'Sessions' },
      async handle(input) {
        const user = signedInUser(input.context.principal);
        const sessions = await identity.sessions.listActive(user.userId, identity.now());
        return { status: 200, body: { items: sessions.map((s) => ({ ...s, current: s.sessionId === user.sessionId })) } };
      },
    }),
    apiRoute({
      method: 'delete', path: '/auth/sessions/:sessionId', operationId: 'revokeSession', tag: 'auth',
      summary: 'Revoke one of the signed-in user\'s sessions.', params: sessionParams, authorize: self, responses: { 204: 'Revoked' },
      async handle(input) {
        const user = signedInUser(input.context.principal);
        if (!(await identity.sessions.revoke(user.userId, input.params.sessionId, identity.now()))) throw new NotFoundError('Session', input.params.sessionId);
        return { status: 204 };
      },
    }),
  ];
}
