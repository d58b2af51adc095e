import type { CommandEnvelope } from '../../commands/commandEnvelope';
import { CommandValidationError, UnknownCommandTypeError } from '../../commands/commandErrors';
import type { CommandHandlerSpec } from '../../commands/commandHandlerSpec';
import { ForbiddenError } from '../../commands/identity/identityErrors';
import { actorOf, type Principal } from '../../domain/authorization/principal';
import { NotFoundError } from '../../domain/shared/decider';
import { commandAccess } from './commandAccess';
import type { Authorizer } from './createAuthorizer';
import { checkInstanceQuota, type InstanceQuota } from './instanceQuota';

const attributionFields = new Set(['invitedBy', 'removedBy', 'revokedBy', 'transferredBy', 'createdBy']);

export type AuthorizeCommand = (principal: Principal, envelope: Omit<CommandEnvelope, 'metadata'> & { metadata: Omit<CommandEnvelope['metadata'], 'actor'> }) => Promise<CommandEnvelope>;

export interface CommandAuthorizerOptions {
  /** The tenant of a command whose data names only another aggregate (e.g. an instance id), so the
   * policy can decide by tenant role; undefined when it cannot be found (then: 404 unless operator). */
  resolveTenantId?(type: string, data: Record<string, unknown>): Promise<string | undefined>;
  /** The limits the HTTP routes apply (INSTANCES_PER_TENANT_MAX), so AMQP is no way around them. */
  instanceQuota?: InstanceQuota;
}

/** For the AMQP ingress: given the principal of the message's publisher (AMQP_PUBLISHERS), validates the
 * command's data, asks the policy, and returns the envelope with `metadata.actor` set from the
 * principal (whatever the message body claimed). Throws the same errors as HTTP (problem replies). */
export function createCommandAuthorizer(handlers: Record<string, CommandHandlerSpec>, authorizer: Authorizer, options: CommandAuthorizerOptions = {}): AuthorizeCommand {
  return async (principal, envelope) => {
    const spec = Object.hasOwn(handlers, envelope.type) ? handlers[envelope.type] : undefined;
    const access = Object.hasOwn(commandAccess, envelope.type) ? commandAccess[envelope.type] : undefined;
    if (!spec) throw new UnknownCommandTypeError(envelope.type);
    if (!access) throw new ForbiddenError(`no policy covers ${envelope.type}`);
    const parsed = spec.schema.safeParse(envelope.data);
    if (!parsed.success) {
      throw new CommandValidationError(envelope.type, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    const actor = actorOf(principal);
    const data = parsed.data as Record<string, unknown>;
    // The named aggregate's own tenant decides, even when the data also names a tenant: a tenant's
    // admin must not reach another tenant's instance by pairing its id with their own tenantId.
    const ownerTenantId = await options.resolveTenantId?.(envelope.type, data);
    if (ownerTenantId !== undefined && data.tenantId !== undefined && data.tenantId !== ownerTenantId) {
      throw new NotFoundError(typeof data.instanceId === 'string' ? 'Instance' : 'Backup', String(data.instanceId ?? data.backupId));
    }
    const tenantId = ownerTenantId ?? data.tenantId;
    await authorizer.authorize(principal, access(tenantId ? { ...data, tenantId } : data, actor));
    if (envelope.type === 'ProvisionInstance' && options.instanceQuota && typeof tenantId === 'string') {
      await checkInstanceQuota(options.instanceQuota, principal, tenantId);
    }
    // "Who did it" fields of the data are the caller, not what the body claims.
    const attributed = Object.fromEntries(Object.entries(envelope.data as Record<string, unknown>)
      .map(([key, value]) => [key, attributionFields.has(key) ? actor : value]));
    // The events' tenant is the one the policy just checked, never one a message body claimed.
    const { tenantId: _claimed, ...metadata } = envelope.metadata;
    return { type: envelope.type, data: attributed, metadata: { ...metadata, actor, ...(typeof tenantId === 'string' ? { tenantId } : {}) } };
  };
}
