import { ContainerConfigMismatchError, ContainerExitedError, DockerResourceNotOursError, HealthTimeoutError } from '../../ports/dockerEngineErrors';
import type { InstanceLimits } from '../../ports/dockerEngine';
import { DatabaseOwnerMismatchError, ResourceNotOursError } from '../../ports/postgresAdminErrors';
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

/** The instance's subdomain, for a route; looked up or known from the input. */
type SubdomainOf<I> = (input: I) => Promise<string> | string;

/** Steps several instance sagas share, each with its compensation beside it, so each piece of logic
 * lives in one place. Each takes any input with an instance id. */
export function instanceSteps(deps: InstanceSagaDeps) {
  const showUnavailable = <Name extends string>(name: Name, state: 'stopped' | 'deleted', subdomainOf: SubdomainOf<WithInstance>): SagaStep<Name, WithInstance, object, void> => ({
    name, timeoutMs: 30_000,
    run: async ({ input }) => deps.router?.showUnavailable({ instanceId: input.instanceId, host: `${await subdomainOf(input)}.${deps.baseDomain}`, state }),
  });
  return {
    startContainer: (): SagaStep<'startContainer', WithInstance, object, void> => ({
      name: 'startContainer', timeoutMs: 60_000,
      run: async ({ input }) => deps.docker.start(input.instanceId),
      compensate: async ({ input }) => deps.docker.stop(input.instanceId),
    }),
    stopContainer: (): SagaStep<'stopContainer', WithInstance, object, void> => ({
      name: 'stopContainer', timeoutMs: 120_000,
      run: async ({ input }) => deps.docker.stop(input.instanceId),
    }),
    waitHealthy: (): SagaStep<'waitHealthy', WithInstance, object, { elapsedMs: number }> => ({
      name: 'waitHealthy', timeoutMs: deps.healthTimeoutMs + 10_000, maxAttempts: 2,
      run: async ({ input }) => {
        const { elapsedMs } = await deps.docker.waitForHealthy(input.instanceId, { timeoutMs: deps.healthTimeoutMs }).catch(permanentIfHopeless);
        return { elapsedMs };
      },
    }),
    addRoute: <I extends WithInstance>(subdomainOf: SubdomainOf<I>): SagaStep<'addRoute', I, object, void> => ({
      name: 'addRoute', timeoutMs: 30_000,
      run: async ({ input }) => deps.router?.addRoute({ instanceId: input.instanceId, host: `${await subdomainOf(input)}.${deps.baseDomain}` }),
      compensate: async ({ input }) => deps.router?.removeRoute(input.instanceId),
    }),
    /** The route shows a "stopped" page instead of nothing. */
    showStoppedPage: (subdomainOf: SubdomainOf<WithInstance>) => showUnavailable('showStoppedPage', 'stopped', subdomainOf),
    /** The route shows a "deleted" page until the subdomain is released. */
    showDeletedPage: (subdomainOf: SubdomainOf<WithInstance>) => showUnavailable('showDeletedPage', 'deleted', subdomainOf),
    removeContainer: (): SagaStep<'removeContainer', WithInstance, object, void> => ({
      name: 'removeContainer', timeoutMs: 120_000,
      run: async ({ input }) => deps.docker.remove(input.instanceId),
    }),
    dropDatabase: (): SagaStep<'dropDatabase', WithInstance, object, void> => ({
      name: 'dropDatabase', timeoutMs: 60_000,
      run: async ({ input }) => deps.postgresAdmin.dropDatabase(instanceDatabaseName(input.instanceId), instanceResourceMark(input.instanceId)),
    }),
    dropRole: (): SagaStep<'dropRole', WithInstance, object, void> => ({
      name: 'dropRole', timeoutMs: 30_000,
      run: async ({ input }) => {
        await deps.postgresAdmin.dropRole(instanceDatabaseName(input.instanceId), instanceResourceMark(input.instanceId));
        // The instance's other secrets go with its role: nothing of a deleted instance stays readable.
        for (const reference of instanceSecretReferences(input.instanceId)) await deps.secrets.remove(reference);
      },
    }),
    removeVolume: (): SagaStep<'removeVolume', WithInstance, object, void> => ({
      name: 'removeVolume', timeoutMs: 60_000,
      run: async ({ input }) => deps.docker.removeVolume(input.instanceId),
    }),
    releaseSubdomain: (): SagaStep<'releaseSubdomain', WithInstance, object, void> => ({
      name: 'releaseSubdomain', timeoutMs: 10_000,
      run: async ({ input }) => {
        // The "deleted" page goes with the name: another instance may claim it next.
        await deps.router?.removeRoute(input.instanceId);
        await deps.claims.release(input.instanceId);
      },
    }),
  };
}
