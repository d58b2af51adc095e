import { invoiceDuePeriods, type BillingCycleDeps } from './invoiceDuePeriods';
import { runDunning, type DunningDeps, type DunningTickOutcome } from './runDunning';

export interface DunningProcessLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DunningProcessOptions extends Omit<DunningDeps, 'now' | 'onError'> {
  /** DUNNING_INTERVAL_MS: how often the loop looks for work. */
  intervalMs: number;
  now?(): Date;
  logger?: DunningProcessLogger;
  /** false: no loop, ticks run only when called (tests drive them with their own clock). */
  autoStart?: boolean;
  /** The billing cycle, run first in each tick on the same clock: periods begun are invoiced. */
  cycle?: BillingCycleDeps;
}

export interface DunningProcess {
  tick(): Promise<DunningTickOutcome & { invoiced: number }>;
  stop(): Promise<void>;
}

/** The worker's dunning loop (issue 15 item 6, docs/decisions/052): a tick now and then
 * `intervalMs` after each one ends; a failure is logged and the next tick tries again. */
export function startDunningProcess(options: DunningProcessOptions): DunningProcess {
  const { intervalMs, logger: log, autoStart, cycle, ...deps } = options;
  const now = options.now ?? (() => new Date());
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();

  const tick = async (): Promise<DunningTickOutcome & { invoiced: number }> => {
    const invoiced = cycle ? await invoiceDuePeriods(cycle, now().toISOString().slice(0, 10), (due, error) =>
      log?.warn({ err: error, instanceId: due.instanceId }, 'invoicing a period failed; tried again next tick')) : 0;
    const outcome = await runDunning({
      ...deps, now,
      onError: (candidate, error) => log?.warn({ err: error, instanceId: candidate.instanceId }, 'a dunning step failed; tried again next tick'),
    });
    return { ...outcome, invoiced };
  };
  const run = () => {
    timer = null;
    current = tick()
      .then((outcome) => { if (outcome.commands > 0 || outcome.invoiced > 0) log?.info(outcome, 'billing and dunning tick'); })
      .catch((error: unknown) => log?.error({ err: error }, 'dunning tick failed'))
      .finally(() => { if (!stopped) timer = setTimeout(run, intervalMs); });
  };
  if (autoStart !== false) timer = setTimeout(run, 0);

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      if (timer) clearTimeout(timer);
    },
  };
}
