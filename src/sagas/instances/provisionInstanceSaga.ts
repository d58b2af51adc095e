import type { InstanceProvisioningRequested } from '../../domain/instance/instanceEvents';
import { generatePassword } from '../../commands/generatePassword';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { PermanentSagaError } from '../runtime/sagaErrors';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import {
  instanceAdminPasswordReference, instanceDatabaseName, instanceMasterPasswordReference, instanceResourceMark, instanceSecretReference,
} from './instanceDatabaseName';
import type { InstanceSagaDeps } from './instanceSagaDeps';
import { instanceSteps, instanceUrl, permanentIfHopeless } from './instanceSteps';
import { odooContainerSpec, odooInitArgs } from './odooContainerSpec';
import { replaceDefaultAdmin } from './replaceDefaultAdmin';

type Input = InstanceProvisioningRequested['data'];

/** Provisioning, top to bottom; each compensation beside its step (docs/decisions/015, 032). A failure
 * anywhere undoes everything in reverse order: no container, volume, database, role or claim stays.
 * Odoo initialises its database in a one-off container first, and the default admin/admin is replaced
 * before the route opens: no instance ever serves default credentials or its database manager. */
export function provisionInstanceSaga(deps: InstanceSagaDeps): SagaDefinition<Input> {
  const shared = instanceSteps(deps);
  const dbName = (input: Input) => instanceDatabaseName(input.instanceId);
  const mark = (input: Input) => instanceResourceMark(input.instanceId);
  return defineSaga<Input>('provisionInstance')
    .step('claimSubdomain', {
      timeoutMs: 10_000,
      run: async ({ input }) => {
        if (!(await deps.claims.claim(input.subdomain, input.instanceId))) throw new PermanentSagaError(`subdomain ${input.subdomain} is already taken`);
      },
      compensate: async ({ input }) => deps.claims.release(input.instanceId),
    })
    .step('createRole', {
      timeoutMs: 30_000,
      run: async ({ input }) => {
        const reference = instanceSecretReference(input.instanceId);
        const password = await deps.secrets.ensure(reference, generatePassword);
        await deps.postgresAdmin.ensureRole(dbName(input), password, mark(input)).catch(permanentIfHopeless);
        return { role: dbName(input), secretReference: reference };
      },
      compensate: async ({ input }) => {
        await deps.postgresAdmin.dropRole(dbName(input), mark(input));
        await deps.secrets.remove(instanceSecretReference(input.instanceId));
      },
    })
    .step('createDatabase', {
      timeoutMs: 60_000,
      run: async ({ input }) => {
        await deps.postgresAdmin.ensureDatabase(dbName(input), dbName(input), mark(input)).catch(permanentIfHopeless);
        return { database: dbName(input) };
      },
      compensate: async ({ input }) => deps.postgresAdmin.dropDatabase(dbName(input), mark(input)),
    })
    .step('createVolume', {
      timeoutMs: 30_000,
      // The tenant's network comes with the first container (init) that needs it.
      run: async ({ input }) => deps.docker.ensureVolume(input.instanceId, input.tenantId).catch(permanentIfHopeless),
      // The container goes first (its compensation runs earlier), so the volume is free by now.
      compensate: async ({ input }) => deps.docker.removeVolume(input.instanceId),
    })
    // Odoo's own `-i base` in a one-off container of the instance's image: tables, the admin user,
    // the language, demo data or not, the filestore. What it wrote goes with the database and volume.
    .step('initialiseOdoo', {
      timeoutMs: deps.odooInitTimeoutMs ?? 15 * 60_000, maxAttempts: 2,
      run: async ({ input, signal }) => {
        const spec = await odooContainerSpec(deps, input, { config: false });
        const init = await deps.docker.runOneOff(spec, { purpose: 'init', args: odooInitArgs(dbName(input), input), signal });
        if (init.exitCode !== 0) throw new PermanentSagaError(`Odoo could not initialise its database (exit ${init.exitCode}): ${init.logTail}`);
        return { elapsedMs: init.elapsedMs };
      },
    })
    .step('createContainer', {
      timeoutMs: 120_000,
      run: async ({ input }) => {
        const { id, outcome } = await deps.docker.ensureContainer(await odooContainerSpec(deps, input)).catch(permanentIfHopeless);
        return { containerId: id, outcome };
      },
      compensate: async ({ input }) => {
        await deps.docker.remove(input.instanceId);
        await deps.secrets.remove(instanceMasterPasswordReference(input.instanceId));
      },
    })
    .step(shared.startContainer())
    .step(shared.waitHealthy())
    // Before the route opens: admin/admin becomes adminEmail with a generated password (kept only
    // in the secrets table), and the version Odoo reports is recorded.
    .step('setAdminCredentials', {
      timeoutMs: 60_000,
      run: async ({ input }) => {
        const password = await deps.secrets.ensure(instanceAdminPasswordReference(input.instanceId), generatePassword);
        const odoo = await deps.odoo(input.instanceId);
        await replaceDefaultAdmin(odoo, dbName(input), { login: input.adminEmail, password });
        const { serverVersion } = await odoo.version();
        // Only now may Traefik route to it (its health check needs this mark).
        await deps.docker.markReady(input.instanceId);
        return { adminLogin: input.adminEmail, serverVersion };
      },
      compensate: async ({ input }) => deps.secrets.remove(instanceAdminPasswordReference(input.instanceId)),
    })
    .step(shared.addRoute<Input>((input) => input.subdomain))
    .onCompleted(async (ctx) => {
      const { instanceId, subdomain } = ctx.input;
      const { adminLogin, serverVersion } = ctx.outputs.setAdminCredentials;
      await sendSagaCommand(deps.handleCommand, ctx, 'provisioned', 'RecordInstanceProvisioned', {
        instanceId, url: instanceUrl(deps, subdomain), containerName: `odoo-${instanceId}`, databaseName: dbName(ctx.input), adminLogin, serverVersion,
      });
    })
    .onFailed(async (ctx, failure) => {
      await sendSagaCommand(deps.handleCommand, ctx, 'failed', 'RecordInstanceProvisioningFailed', {
        instanceId: ctx.input.instanceId, reason: failure.reason.slice(0, 2000), failedStep: failure.step,
      });
    })
    .build();
}
