import { z } from 'zod';
import { apiKeyScopes } from '../domain/authorization/tenantPermissions';
import { invitableRoles } from '../domain/tenant/tenantRole';
import { emailSchema } from './userCommandSchemas';

const tenantId = z.uuid();
const actorRef = z.string().min(1).max(200);

export const inviteMemberSchema = z.strictObject({
  tenantId, invitationId: z.uuid(), email: emailSchema, role: z.enum(invitableRoles), invitedBy: actorRef, expiresAt: z.iso.datetime(),
});
export const acceptInvitationSchema = z.strictObject({
  tenantId, invitationId: z.uuid(), userId: z.uuid(), email: emailSchema, acceptedAt: z.iso.datetime(),
});
export const revokeInvitationSchema = z.strictObject({ tenantId, invitationId: z.uuid(), revokedBy: actorRef });
export const removeMemberSchema = z.strictObject({ tenantId, userId: z.string().min(1).max(200), removedBy: actorRef });
export const transferOwnershipSchema = z.strictObject({ tenantId, newOwnerId: z.uuid(), transferredBy: actorRef });
export const apiKeyScopesSchema = z.array(z.enum(apiKeyScopes)).min(1).max(apiKeyScopes.length)
  .refine((scopes) => new Set(scopes).size === scopes.length, 'scopes must not repeat');
export const createApiKeySchema = z.strictObject({
  tenantId, keyId: z.uuid(), name: z.string().trim().min(1).max(100), scopes: apiKeyScopesSchema, createdBy: actorRef,
});
export const revokeApiKeySchema = z.strictObject({ tenantId, keyId: z.uuid(), revokedBy: actorRef });
