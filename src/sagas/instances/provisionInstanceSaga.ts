import type { InstanceProvisioningRequested } from '../../domain/instance/instanceEvents';
import { generatePassword } from '../../adapters/secrets/generatePassword';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { instanceDatabaseName, instanceResourceMark, instanceSecretReference } from './instanceDatabaseName';
import type { InstanceSagaDeps } from './instanceSagaDeps';
import { instanceSteps, instanceUrl, permanentIfHopeless, planLimits } from './instanceSteps';
import { reportToInstance } from './reportToInstance';

type Input = InstanceProvisioningRequested['data'];

/** Provisioning, top to bottom; each compensation beside its step (ARCHITECTURE.md §7–8). A failure
 * anywhere undoes everything in reverse order: no container, volume, database, role or claim stays. */
export function provisionInstanceSaga(deps: InstanceSagaDeps): SagaDefinition<Input> {
  const shared = instanceSteps(deps);
  const dbName = (input: Input) => instanceDatabaseName(input.instanceId);
  return {
    name: 'provisionInstance',
    steps: [
      {
        name: 'claimSubdomain', timeoutMs: 10_000,
        run: async ({ input }) => deps.claims.claim(input.subdomain, input.instanceId),
        compensate: async ({ input }) => deps.claims.release(input.instanceId),
      },
      {
        name: 'createRole', timeoutMs: 30_000,
        run: async ({ input }) => {
          const reference = instanceSecretReference(input.instanceId);
          const password = await deps.secrets.ensure(reference, generatePassword);
          await deps.postgresAdmin.ensureRole(dbName(input), password, instanceResourceMark(input.instanceId)).catch(permanentIfHopeless);
          return { role: dbName(input), secretReference: reference };
        },
        compensate: async ({ input }) => {
          await deps.postgresAdmin.dropRole(dbName(input), instanceResourceMark(input.instanceId));
          await deps.secrets.remove(instanceSecretReference(input.instanceId));
        },
      },
      {
        name: 'createDatabase', timeoutMs: 60_000,
        run: async ({ input }) => {
          await deps.postgresAdmin.ensureDatabase(dbName(input), dbName(input), instanceResourceMark(input.instanceId)).catch(permanentIfHopeless);
          return { database: dbName(input) };
        },
        compensate: async ({ input }) => deps.postgresAdmin.dropDatabase(dbName(input), instanceResourceMark(input.instanceId)),
      },
      {
        name: 'createVolume', timeoutMs: 30_000,
        run: async ({ input }) => {
          await deps.docker.ensureNetwork();
          await deps.docker.ensureVolume(input.instanceId, input.tenantId).catch(permanentIfHopeless);
        },
        // The container goes first (its compensation runs earlier), so the volume is free by now.
        compensate: async ({ input }) => deps.docker.removeVolume(input.instanceId),
      },
      {
        name: 'createContainer', timeoutMs: 120_000,
        run: async ({ input }) => {
          const password = await deps.secrets.read(instanceSecretReference(input.instanceId));
          if (password === null) throw new Error(`the database password of instance ${input.instanceId} is missing`);
          const { id, outcome } = await deps.docker.ensureContainer({
            instanceId: input.instanceId, tenantId: input.tenantId, subdomain: input.subdomain,
            dbUser: dbName(input), dbPassword: password, limits: planLimits(deps, input.plan),
            ...(deps.containerEnv ? { extraEnv: deps.containerEnv } : {}),
          }).catch(permanentIfHopeless);
          return { containerId: id, outcome };
        },
        compensate: async ({ input }) => deps.docker.remove(input.instanceId),
      },
      shared.startContainer<Input>(),
      shared.waitHealthy<Input>(),
      shared.addRoute<Input>((input) => input.subdomain),
    ],
    async onCompleted(ctx) {
      const { instanceId, subdomain } = ctx.input;
      await reportToInstance(deps, ctx, 'provisioned', 'RecordInstanceProvisioned', {
        instanceId, url: instanceUrl(deps, subdomain), containerName: `odoo-${instanceId}`, databaseName: dbName(ctx.input),
      });
    },
    async onFailed(ctx, failure) {
      await reportToInstance(deps, ctx, 'failed', 'RecordInstanceProvisioningFailed', {
        instanceId: ctx.input.instanceId, reason: failure.reason.slice(0, 2000), failedStep: failure.step,
      });
    },
  };
}
