import { z } from 'zod';
import { normalizeEmail } from '../domain/user/normalizeEmail';

// Schemas of the User aggregate's commands. They carry no secret: the identity service turns
// passwords and tokens into rows of the identity tables before it builds a command.
/** Normalized first (case, spacing, compatibility forms), so `' A@B.com'` is the same address as `a@b.com`. */
export const emailSchema = z.string().max(320).transform(normalizeEmail).pipe(z.email('must be an email address').max(254));
export const displayNameSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const userId = z.uuid();

const verificationRequest = { requestId: z.uuid(), requestedAt: z.iso.datetime(), expiresAt: z.iso.datetime() };

export const registerUserSchema = z.strictObject({ userId, email: emailSchema, displayName: displayNameSchema, verification: z.strictObject(verificationRequest).optional() });
export const updateUserProfileSchema = z.strictObject({ userId, displayName: displayNameSchema });
export const recordPasswordChangeSchema = z.strictObject({ userId, sessionsRevoked: z.number().int().min(0) });
export const recordPasswordResetRequestSchema = z.strictObject({ userId, resetId: z.uuid(), expiresAt: z.iso.datetime() });
export const recordPasswordResetSchema = z.strictObject({ userId, resetId: z.uuid(), sessionsRevoked: z.number().int().min(0) });
export const grantOperatorRoleSchema = z.strictObject({ userId, reason: z.string().trim().min(1).max(500).optional() });
export const revokeOperatorRoleSchema = z.strictObject({ userId, reason: z.string().trim().min(1).max(500) });
export const requestEmailVerificationSchema = z.strictObject({ userId, ...verificationRequest, minIntervalSeconds: z.number().int().min(0).max(86_400) });
export const verifyEmailSchema = z.strictObject({ userId, requestId: z.uuid() });
