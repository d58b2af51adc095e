import { ContainerConfigMismatchError, ContainerExitedError, DockerResourceNotOursError, HealthTimeoutError } from '../../adapters/docker/dockerErrors';
import type { InstanceLimits } from '../../adapters/docker/instanceContainerSpec';
import { DatabaseOwnerMismatchError, ResourceNotOursError } from '../../adapters/postgresAdmin/postgresAdminErrors';
import type { InstancePlanCatalogue } from '../../domain/instance/instancePlanCatalogue';
import type { InstancePlanName } from '../../domain/instance/instancePlans';
import type { SagaStep } from '../runtime/sagaDefinition';
import { PermanentSagaError } from '../runtime/sagaErrors';
import { instanceDatabaseName, instanceResourceMark, instanceSecretReferences } from './instanceDatabaseName';
import type { InstanceSagaDeps } from './instanceSagaDeps';

type WithInstance = { instanceId: string };

/** Errors that say "retrying will not help": fail the step at once and compensate. */
export function permanentIfHopeless(error: unknown): never {
  // The last observation names the container's address on the tenant network: operators only.
  if (error instanceof HealthTimeoutError) {
    throw new PermanentSagaError(error.message, {
      cause: error, publicReason: `Odoo did not answer its health check within ${Math.round(error.timeoutMs / 1000)} s`,
    });
  }
  if (error instanceof ContainerConfigMismatchError || error instanceof ContainerExitedError
    || error instanceof DatabaseOwnerMismatchError
    || error instanceof ResourceNotOursError || error instanceof DockerResourceNotOursError) {
    throw new PermanentSagaError(error.message, { cause: error });
  }
  throw error;
}

export function planLimits(deps: { plans: InstancePlanCatalogue }, plan: InstancePlanName): InstanceLimits {
  const { memoryMb, cpus } = deps.plans[plan];
  return { memoryBytes: memoryMb * 1024 * 1024, nanoCpus: Math.round(cpus * 1e9) };
}

export function instanceUrl(deps: InstanceSagaDeps, subdomain: string): string {
  return `${deps.urlScheme}://${subdomain}.${deps.baseDomain}`;
}

/** Steps several instance sagas share (ARCHITECTURE.md §13: one place per piece of logic), each
 * with its compensation beside it. */
export function instanceSteps(deps: InstanceSagaDeps) {
  return {
    startContainer: <I extends WithInstance>(): SagaStep<I> => ({
      name: 'startContainer', timeoutMs: 60_000,
      run: async ({ input }) => deps.docker.start(input.instanceId),
      compensate: async ({ input }) => deps.docker.stop(input.instanceId),
    }),
    stopContainer: <I extends WithInstance>(): SagaStep<I> => ({
      name: 'stopContainer', timeoutMs: 120_000,
      run: async ({ input }) => deps.docker.stop(input.instanceId),
    }),
    waitHealthy: <I extends WithInstance>(): SagaStep<I> => ({
      name: 'waitHealthy', timeoutMs: deps.healthTimeoutMs + 10_000, maxAttempts: 2,
      run: async ({ input }) => {
        const { elapsedMs } = await deps.docker.waitForHealthy(input.instanceId, { timeoutMs: deps.healthTimeoutMs }).catch(permanentIfHopeless);
        return { elapsedMs };
      },
    }),
    addRoute: <I extends WithInstance>(subdomainOf: (input: I) => Promise<string> | string): SagaStep<I> => ({
      name: 'addRoute', timeoutMs: 30_000,
      run: async ({ input }) => deps.router?.addRoute({ instanceId: input.instanceId, host: `${await subdomainOf(input)}.${deps.baseDomain}` }),
      compensate: async ({ input }) => deps.router?.removeRoute(input.instanceId),
    }),
    /** The route shows a "stopped" or "deleted" page instead of nothing; a failed stop gets its route back. */
    showUnavailable: <I extends WithInstance>(state: 'stopped' | 'deleted', subdomainOf: (input: I) => Promise<string> | string): SagaStep<I> => ({
      name: state === 'stopped' ? 'showStoppedPage' : 'showDeletedPage', timeoutMs: 30_000,
      run: async ({ input }) => deps.router?.showUnavailable({ instanceId: input.instanceId, host: `${await subdomainOf(input)}.${deps.baseDomain}`, state }),
    }),
    removeContainer: <I extends WithInstance>(): SagaStep<I> => ({
      name: 'removeContainer', timeoutMs: 120_000,
      run: async ({ input }) => deps.docker.remove(input.instanceId),
    }),
    dropDatabase: <I extends WithInstance>(): SagaStep<I> => ({
      name: 'dropDatabase', timeoutMs: 60_000,
      run: async ({ input }) => deps.postgresAdmin.dropDatabase(instanceDatabaseName(input.instanceId), instanceResourceMark(input.instanceId)),
    }),
    dropRole: <I extends WithInstance>(): SagaStep<I> => ({
      name: 'dropRole', timeoutMs: 30_000,
      run: async ({ input }) => {
        await deps.postgresAdmin.dropRole(instanceDatabaseName(input.instanceId), instanceResourceMark(input.instanceId));
        // The instance's other secrets go with its role: nothing of a deleted instance stays readable.
        for (const reference of instanceSecretReferences(input.instanceId)) await deps.secrets.remove(reference);
      },
    }),
    removeVolume: <I extends WithInstance>(): SagaStep<I> => ({
      name: 'removeVolume', timeoutMs: 60_000,
      run: async ({ input }) => deps.docker.removeVolume(input.instanceId),
    }),
    releaseSubdomain: <I extends WithInstance>(): SagaStep<I> => ({
      name: 'releaseSubdomain', timeoutMs: 10_000,
      run: async ({ input }) => {
        // The "deleted" page goes with the name: another instance may claim it next.
        await deps.router?.removeRoute(input.instanceId);
        await deps.claims.release(input.instanceId);
      },
    }),
  };
}
