import type { SagaWorld } from './sagaTestWorld';
import { instanceDatabaseName } from '../../../src/sagas/instances/instanceDatabaseName';

/** Everything an instance may own, as the real systems report it. */
export async function instanceLeftovers(world: SagaWorld, instanceId: string): Promise<string[]> {
  const name = instanceDatabaseName(instanceId);
  const found: string[] = [];
  if ((await world.adapter.inspect(instanceId)).exists) found.push('container');
  if (await world.adapter.volumeExists(instanceId)) found.push('volume');
  if (await world.postgresAdmin.databaseExists(name)) found.push('database');
  if (await world.postgresAdmin.roleExists(name)) found.push('role');
  const claims = await world.pool.query(`SELECT 1 FROM "${world.names.sagaSchema}".subdomain_claims WHERE instance_id = $1`, [instanceId]);
  if (claims.rowCount) found.push('subdomain claim');
  const secrets = await world.pool.query(`SELECT 1 FROM "${world.names.sagaSchema}".secrets WHERE reference LIKE $1`, [`%${instanceId}`]);
  if (secrets.rowCount) found.push('secret');
  return found;
}
