import type { LogPosition } from '../ports/eventStore';
import type { ExistingInstance } from '../domain/instance/instanceState';

/** Someone a mail goes to, as the read models know them. */
export interface Recipient {
  /** `user:<id>` or `email:<address>`: part of the notification id. */
  key: string;
  userId: string | null;
  email: string;
  name: string;
}

/** What the notifier reads to address and fill a mail: read models for people, the aggregates'
 * own streams for instance and tenant facts, the token vault for links that carry a secret. */
export interface NotifierLookups {
  user(userId: string): Promise<Recipient | null>;
  /** Owners and admins of the tenant. */
  tenantAdmins(tenantId: string): Promise<Recipient[]>;
  instance(instanceId: string): Promise<ExistingInstance | null>;
  tenantName(tenantId: string): Promise<string | null>;
  /** The raw token behind a reference; null once used or expired. */
  takeToken(reference: string): Promise<string | null>;
  forgetToken(reference: string): Promise<void>;
  /** True once the users and tenant_members read models have applied `position`. */
  readModelsReached(position: LogPosition): Promise<boolean>;
}
