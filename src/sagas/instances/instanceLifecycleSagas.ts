import type { InstanceDeletionRequested, InstanceResizeRequested } from '../../domain/instance/instanceEvents';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { PermanentSagaError, SagaDeferral } from '../runtime/sagaErrors';
import { finalBackupStep } from './finalBackupStep';
import type { InstanceSagaDeps } from './instanceSagaDeps';
import { instanceSteps, planLimits } from './instanceSteps';
import { lifecycleSaga } from './lifecycleSaga';

type Ref = { instanceId: string };

/** Start, stop, restart, resize and delete, each a short saga (ARCHITECTURE.md §7). */
export function instanceLifecycleSagas(deps: InstanceSagaDeps): SagaDefinition[] {
  const step = instanceSteps(deps);
  const subdomainOf = async (input: Ref) => {
    const subdomain = await deps.claims.subdomainOf(input.instanceId);
    if (!subdomain) throw new PermanentSagaError(`instance ${input.instanceId} holds no subdomain`);
    return subdomain;
  };
  const sagas = [
    lifecycleSaga<Ref>(deps, 'startInstance', 'start', [step.startContainer(), step.waitHealthy(), step.addRoute(subdomainOf)]),
    lifecycleSaga<Ref>(deps, 'stopInstance', 'stop', [step.showUnavailable('stopped', subdomainOf), step.stopContainer()]),
    lifecycleSaga<Ref>(deps, 'restartInstance', 'restart', [
      { name: 'restartContainer', timeoutMs: 120_000, run: async ({ input }) => deps.docker.restart(input.instanceId) },
      step.waitHealthy(),
      // The container may come back on another address: point the route at it again.
      step.addRoute(subdomainOf),
    ]),
    lifecycleSaga<InstanceResizeRequested['data']>(deps, 'resizeInstance', 'resize', [
      {
        // Live: `docker update` changes a running container's limits without a restart.
        name: 'updateLimits', timeoutMs: 60_000,
        run: async ({ input }) => deps.docker.updateLimits(input.instanceId, planLimits(deps, input.plan)),
        compensate: async ({ input }) => deps.docker.updateLimits(input.instanceId, planLimits(deps, input.previousPlan)),
      },
    ]),
    lifecycleSaga<InstanceDeletionRequested['data']>(deps, 'deleteInstance', 'delete', [
      step.showUnavailable('deleted', subdomainOf),
      step.removeContainer(),
      {
        // Until the grace period ends the database and the volume stay, so a mistaken deletion
        // can still be undone by an operator (docs/decisions).
        name: 'awaitGracePeriod', timeoutMs: 10_000,
        run: async ({ input, triggeredAt }) => {
          const until = new Date(triggeredAt.getTime() + input.gracePeriodSeconds * 1000);
          if (until.getTime() > Date.now()) throw new SagaDeferral(until, 'deletion grace period');
        },
      },
      // Right before the first destructive step: the data exactly as it is destroyed, and no drop
      // without a completed pre-delete backup (docs/decisions/021).
      finalBackupStep(deps),
      step.dropDatabase(),
      step.dropRole(),
      step.removeVolume(),
      step.releaseSubdomain(),
    ]),
  ];
  return sagas as SagaDefinition[];
}
