import type pg from 'pg';
import { decryptSecret } from '../../../src/adapters/identity/encryptSecret';
import { instanceDatabaseName, instanceSecretReference } from '../../../src/sagas/instances/instanceDatabaseName';
import { connectAsInstanceRole } from '../../support/instancesDb';
import type { SagaWorld } from './sagaTestWorld';

/** Runs SQL in an instance's database as its own role, with the password the saga generated. */
export async function queryAsInstance(world: SagaWorld, instanceId: string, sql: string): Promise<pg.QueryResult> {
  const reference = instanceSecretReference(instanceId);
  const { rows } = await world.pool.query<{ ciphertext: Buffer }>(`SELECT ciphertext FROM "${world.names.sagaSchema}".secrets WHERE reference = $1`, [reference]);
  if (!rows[0]) throw new Error(`no password for instance ${instanceId}`);
  const password = decryptSecret(Buffer.from(world.names.secretsKey, 'base64'), rows[0].ciphertext, reference);
  const role = instanceDatabaseName(instanceId);
  const client = await connectAsInstanceRole(role, password, role);
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
