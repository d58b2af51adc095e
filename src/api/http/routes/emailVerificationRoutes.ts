import { z } from 'zod';
import type { IdentityDeps } from '../../../commands/identity/identityDeps';
import { resendEmailVerification } from '../../../commands/identity/resendEmailVerification';
import { verifyEmail } from '../../../commands/identity/verifyEmail';
import { VerificationRequestedRecentlyError } from '../../../domain/user/emailVerificationThrottle';
import { problem } from '../../problems/problemFromError';
import { apiRoute } from '../apiRoute';
import { signedInUser } from './authRoutes';
import { commandReply } from './commandReply';

/** Email verification (docs/decisions/022): the link in the welcome mail, and a new one on demand. */
export function emailVerificationRoutes(identity: IdentityDeps) {
  return [
    apiRoute({
      method: 'post', path: '/api/v1/auth/verify-email', operationId: 'verifyEmail', tag: 'auth',
      summary: 'Verify the account\'s email address with the token of a mailed link (no session needed). Verifying again is fine; an unknown, used or expired token is 400 and changes nothing.',
      body: z.strictObject({ token: z.string().min(1).max(200) }), authorize: () => ({ kind: 'public' }), responses: { 200: 'Verified' },
      async handle(input) {
        const { userId, result } = await verifyEmail(identity, input.body, input.context.correlationId);
        return { status: 200, body: { userId, emailVerified: true, ...commandReply(result) } };
      },
    }),
    apiRoute({
      method: 'post', path: '/api/v1/auth/resend-verification', operationId: 'resendEmailVerification', tag: 'auth',
      summary: 'Mail the signed-in user a new verification link (at most one a minute: 429 with Retry-After; 409 when verified already).',
      authorize: () => ({ kind: 'user' }), responses: { 202: 'A new link is on its way' },
      async handle(input) {
        const user = signedInUser(input.context.principal);
        const context = {
          actor: user.userId, correlationId: input.context.correlationId, ip: input.context.client.ip, ...(input.idempotencyKey ? { commandId: input.idempotencyKey } : {}),
        };
        try {
          const { request, result } = await resendEmailVerification(identity, user.userId, context);
          return { status: 202, body: { requestId: request.requestId, expiresAt: request.expiresAt, ...commandReply(result) } };
        } catch (error) {
          if (!(error instanceof VerificationRequestedRecentlyError)) throw error;
          const body = { ...problem('verification-throttled', 'Too many requests', 429, error.message, { retryAfterSeconds: error.retryAfterSeconds }), instance: '/api/v1/auth/resend-verification' };
          return { status: 429, body, headers: { 'content-type': 'application/problem+json', 'retry-after': String(error.retryAfterSeconds) } };
        }
      },
    }),
  ];
}
