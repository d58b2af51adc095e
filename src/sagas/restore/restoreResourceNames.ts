import { instanceResourceNames } from '../../domain/instance/instanceResourceNames';
import { instanceDatabaseName } from '../instances/instanceDatabaseName';

/** Names beside the instance's own for one restore (or drill): deterministic per restore id, so a
 * resumed step finds what an earlier attempt made. Within PostgreSQL's 63 characters. */
export function restoreResourceNames(instanceId: string, restoreId: string) {
  const tag = restoreId.replace(/-/g, '').slice(-8).toLowerCase();
  const database = instanceDatabaseName(instanceId);
  const volume = instanceResourceNames(instanceId).volume;
  return {
    database,
    volume,
    /** The restored copy until the swap. */
    newDatabase: `${database}_r${tag}`,
    newVolume: `${volume}-r${tag}`,
    /** The instance's data before the swap, kept until the restore succeeded. */
    oldDatabase: `${database}_o${tag}`,
    oldVolume: `${volume}-o${tag}`,
  };
}
