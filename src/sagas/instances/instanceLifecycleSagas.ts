import type { InstanceDeletionRequested, InstanceResizeRequested } from '../../domain/instance/instanceEvents';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { PermanentSagaError, SagaDeferral } from '../runtime/sagaErrors';
import { finalBackupStep } from './finalBackupStep';
import type { InstanceSagaDeps } from './instanceSagaDeps';
import { instanceSteps, planLimits } from './instanceSteps';
import { lifecycleSaga } from './lifecycleSaga';

type Ref = { instanceId: string };

/** Start, stop, restart, resize and delete, each a short saga (docs/decisions/015). */
export function instanceLifecycleSagas(deps: InstanceSagaDeps): SagaDefinition[] {
  const step = instanceSteps(deps);
  const subdomainOf = async (input: Ref) => {
    const subdomain = await deps.claims.subdomainOf(input.instanceId);
    if (!subdomain) throw new PermanentSagaError(`instance ${input.instanceId} holds no subdomain`);
    return subdomain;
  };
  return [
    lifecycleSaga(deps, 'start', defineSaga<Ref>('startInstance')
      .step(step.startContainer())
      .step(step.waitHealthy())
      .step(step.addRoute(subdomainOf))),

    lifecycleSaga(deps, 'stop', defineSaga<Ref>('stopInstance')
      .step(step.showStoppedPage(subdomainOf))
      .step(step.stopContainer())),

    lifecycleSaga(deps, 'restart', defineSaga<Ref>('restartInstance')
      .step('restartContainer', { timeoutMs: 120_000, run: async ({ input }) => deps.docker.restart(input.instanceId) })
      .step(step.waitHealthy())
      // The container may come back on another address: point the route at it again.
      .step(step.addRoute(subdomainOf))),

    lifecycleSaga(deps, 'resize', defineSaga<InstanceResizeRequested['data']>('resizeInstance')
      // Live: `docker update` changes a running container's limits without a restart.
      .step('updateLimits', {
        timeoutMs: 60_000,
        run: async ({ input }) => deps.docker.updateLimits(input.instanceId, planLimits(deps, input.plan)),
        compensate: async ({ input }) => deps.docker.updateLimits(input.instanceId, planLimits(deps, input.previousPlan)),
      })),

    lifecycleSaga(deps, 'delete', defineSaga<InstanceDeletionRequested['data']>('deleteInstance')
      .step(step.showDeletedPage(subdomainOf))
      .step(step.removeContainer())
      // Until the grace period ends the database and the volume stay, so a mistaken deletion
      // can still be undone by an operator (docs/decisions).
      .step('awaitGracePeriod', {
        timeoutMs: 10_000,
        run: async ({ input, triggeredAt }) => {
          const until = new Date(triggeredAt.getTime() + input.gracePeriodSeconds * 1000);
          if (until.getTime() > Date.now()) throw new SagaDeferral(until, 'deletion grace period');
        },
      })
      // Right before the first destructive step: the data exactly as it is destroyed, and no drop
      // without a completed pre-delete backup (docs/decisions/021).
      .step(finalBackupStep(deps))
      .step(step.dropDatabase())
      .step(step.dropRole())
      .step(step.removeVolume())
      .step(step.releaseSubdomain())),
  ];
}
