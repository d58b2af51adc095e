import { backupCommandHandlers } from './backupCommandHandlers';
import { billingCommandHandlers } from './billingCommandHandlers';
import { cloneBackupCommandHandlers } from './cloneBackupCommand';
import { backupPolicyCommandHandlers } from './backupPolicyCommandHandlers';
import type { CommandHandlerSpec } from './commandHandlerSpec';
import { instanceCommandHandlers } from './instanceCommandHandlers';
import { instanceRestoreCommandHandlers } from './instanceRestoreCommands';
import { paymentCommandHandlers } from './paymentCommandHandlers';
import { tenantCommandHandlers } from './tenantCommandHandlers';
import { tenantBackupTargetCommandHandlers } from './tenantBackupTargetCommandHandlers';
import { tenantMemberCommandHandlers } from './tenantMemberCommandHandlers';
import { userCommandHandlers } from './userCommandHandlers';

/** The one table mapping command type → aggregate (docs/architecture.md, Layout). */
export const commandHandlers: Record<string, CommandHandlerSpec> = {
  ...tenantCommandHandlers,
  ...tenantMemberCommandHandlers,
  ...userCommandHandlers,
  ...instanceCommandHandlers,
  ...instanceRestoreCommandHandlers,
  ...backupCommandHandlers,
  ...cloneBackupCommandHandlers,
  ...backupPolicyCommandHandlers,
  ...tenantBackupTargetCommandHandlers,
  ...billingCommandHandlers,
  ...paymentCommandHandlers,
};
