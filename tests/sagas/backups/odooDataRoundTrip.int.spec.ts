import { decryptSecret } from '../../../src/adapters/identity/encryptSecret';
import { createOdooRpc } from '../../../src/adapters/odoo/createOdooRpc';
import type { OdooRpc } from '../../../src/ports/odooRpc';
import { instanceAdminPasswordReference, instanceDatabaseName } from '../../../src/sagas/instances/instanceDatabaseName';
import { removeTestDockerResources } from '../../support/docker';
import { createBackupWorld, type BackupWorld } from './backupTestWorld';
import { backupAndWait, waitFor } from './restoreFixtures';

// Issue 12: data written through Odoo (a record and an uploaded file, which lands in the filestore of
// the data volume) survives backup → change → restore, and the restored Odoo can still write its
// filestore (the files belong to its `odoo` user, not to root). Only Odoo's public XML-RPC is used.
describe('Odoo data through backup and restore', () => {
  let world: BackupWorld;

  beforeAll(async () => {
    world = await createBackupWorld('odoodata', 'fs');
    await removeTestDockerResources(world.docker, world.names.suite);
    await world.startWorker();
    await world.startBackupWorker();
  });
  afterAll(async () => {
    await world.closeAll();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  const adminPassword = async (instanceId: string) => {
    const reference = instanceAdminPasswordReference(instanceId);
    const { rows } = await world.pool.query<{ ciphertext: Buffer }>(`SELECT ciphertext FROM "${world.names.sagaSchema}".secrets WHERE reference = $1`, [reference]);
    return decryptSecret(Buffer.from(world.names.secretsKey, 'base64'), rows[0]!.ciphertext, reference);
  };
  /** Signed in as the instance's administrator, at wherever its container answers now. */
  const signedIn = async (instanceId: string) => {
    const odoo: OdooRpc = createOdooRpc(await world.adapter.odooHttp(instanceId));
    const database = instanceDatabaseName(instanceId);
    const password = await adminPassword(instanceId);
    const uid = await odoo.authenticate(database, 'admin@example.com', password);
    if (uid === null) throw new Error('the administrator cannot sign in');
    return (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
      odoo.executeKw(database, uid, password, model, method, args as never, kwargs as never);
  };
  const text = (datas: unknown) => Buffer.from(String(datas), 'base64').toString('utf8');

  it('restores the record and the uploaded file exactly, and the restored Odoo writes new files', async () => {
    const { instanceId, tenantId } = await world.runningInstance();
    let call = await signedIn(instanceId);
    const partnerId = await call('res.partner', 'create', [{ name: 'Mopane Traders', email: 'sales@mopane.example' }]) as number;
    const invoiceId = await call('ir.attachment', 'create', [{ name: 'invoice-001.txt', datas: Buffer.from('invoice 001: 120 USD').toString('base64') }]) as number;

    const { backupId } = await backupAndWait(world, instanceId, tenantId);

    call = await signedIn(instanceId);
    await call('res.partner', 'write', [[partnerId], { name: 'Renamed after the backup' }]);
    const laterId = await call('ir.attachment', 'create', [{ name: 'later.txt', datas: Buffer.from('written after the backup').toString('base64') }]) as number;

    const restoreId = await world.command('RestoreBackup', { backupId, instanceId, tenantId }, tenantId);
    expect(await waitFor(world, `restore-${restoreId}`, ['RestoreCompleted', 'RestoreFailed'], 180_000)).toMatchObject({ type: 'RestoreCompleted' });

    call = await signedIn(instanceId);
    expect(await call('res.partner', 'read', [[partnerId]], { fields: ['name', 'email'] })).toEqual([expect.objectContaining({ name: 'Mopane Traders', email: 'sales@mopane.example' })]);
    const [invoice] = await call('ir.attachment', 'read', [[invoiceId]], { fields: ['name', 'datas'] }) as Array<{ name: string; datas: unknown }>;
    expect({ name: invoice!.name, content: text(invoice!.datas) }).toEqual({ name: 'invoice-001.txt', content: 'invoice 001: 120 USD' });
    expect(await call('ir.attachment', 'search_read', [[['id', '=', laterId]]], { fields: ['name'] })).toEqual([]);

    // The restored filestore is the odoo user's: a new upload is written and read back.
    const afterId = await call('ir.attachment', 'create', [{ name: 'after-restore.txt', datas: Buffer.from('after the restore').toString('base64') }]) as number;
    const [after] = await call('ir.attachment', 'read', [[afterId]], { fields: ['datas'] }) as Array<{ datas: unknown }>;
    expect(text(after!.datas)).toBe('after the restore');
  });
});
