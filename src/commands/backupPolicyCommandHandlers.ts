import type { BackupPolicyCommand } from '../domain/backupPolicy/backupPolicyCommands';
import { backupPolicyDecider } from '../domain/backupPolicy/backupPolicyDecider';
import { commandHandler } from './commandHandlerSpec';
import { setBackupPolicySchema } from './backupPolicyCommandSchemas';
import { backupPolicyCategory } from '../domain/backupPolicy/backupPolicyStream';

/** Backup policy commands (spread into commandHandlers); stream `backupPolicy-<instanceId>` (no dash in the category: `<category>-<id>` splits at the first one). */
export const backupPolicyCommandHandlers = {
  SetBackupPolicy: commandHandler({
    category: backupPolicyCategory, decider: backupPolicyDecider, aggregateId: (command: BackupPolicyCommand) => command.data.instanceId,
    schema: setBackupPolicySchema,
    description: "Set an instance's daily backup hour, time zone and GFS retention (null retention = the plan's); enabled=false stops scheduled backups.",
    toCommand: (data, metadata): BackupPolicyCommand => ({ type: 'SetBackupPolicy', data: { ...data, setBy: metadata.actor } }),
  }),
};
