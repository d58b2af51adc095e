import { type Command, InvalidArgumentError } from 'commander';
import type { EventStore } from '../../ports/eventStore';
import { auditPointSyntax, parseAuditPoint, type AuditPoint } from '../../projections/audit/auditPoint';
import type { AuditFilter } from '../../projections/audit/auditTimeline';
import { auditAtCommand, auditDiffCommand, auditExportCommand, auditTimelineCommand, type AuditOutput } from './auditCommands';

/** Runs a verb with the configured event store; false = the verb failed (exit code 1). */
export type WithStore = (run: (store: EventStore) => Promise<boolean>) => Promise<void>;

interface FilterOptions { stream?: string; tenant?: string; actor?: string; correlation?: string; type?: string; since?: Date; until?: Date }

const point = (value: string): AuditPoint => {
  const parsed = parseAuditPoint(value);
  if (!parsed) throw new InvalidArgumentError(`must be ${auditPointSyntax}`);
  return parsed;
};
const time = (value: string): Date => {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new InvalidArgumentError('must be an ISO 8601 time');
  return date;
};
const limit = (value: string): number => {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be an integer from 1 to 9999');
  return Number(value);
};

function withFilters(command: Command): Command {
  return command
    .option('--stream <name>', 'one stream (e.g. instance-<uuid>)')
    .option('--tenant <id>', "a tenant's stream and every event naming it")
    .option('--actor <actor>', 'who acted: a user id or system:<component>')
    .option('--correlation <id>', 'everything that followed one request')
    .option('--type <types>', 'event types, comma-separated')
    .option('--since <time>', 'recorded at or after (ISO 8601)', time)
    .option('--until <time>', 'recorded at or before (ISO 8601)', time);
}

function filterOf(options: FilterOptions): AuditFilter {
  return {
    ...(options.stream ? { stream: options.stream } : {}),
    ...(options.tenant ? { tenantId: options.tenant } : {}),
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.correlation ? { correlationId: options.correlation } : {}),
    ...(options.type ? { types: options.type.split(',') } : {}),
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  };
}

/** `audit timeline|at|diff|export` (issue 19 item 2); errors go to stderr. */
export function registerAuditVerbs(program: Command, withStore: WithStore, out: AuditOutput): void {
  const audit = program.command('audit').description('who did what, when and why; aggregates as they were (time travel)');
  withFilters(audit.command('timeline'))
    .description('events of a stream, tenant, actor or request, oldest first, a page at a time')
    .option('--limit <n>', 'events per page', limit, 50)
    .option('--cursor <cursor>', 'the next page (printed after each page)')
    .option('--json', 'the page as one JSON object')
    .action((options: FilterOptions & { limit: number; cursor?: string; json?: boolean }) =>
      withStore((store) => auditTimelineCommand(store, filterOf(options), options, out)));
  audit.command('at <stream>')
    .description('the aggregate as it was at a point, folded from its stream')
    .option('--at <point>', auditPointSyntax, point, { kind: 'now' } as AuditPoint)
    .option('--json', 'as JSON')
    .action((stream: string, options: { at: AuditPoint; json?: boolean }) => withStore((store) => auditAtCommand(store, stream, options.at, options, out)));
  audit.command('diff <stream>')
    .description('what changed between two points, and the events that changed it')
    .requiredOption('--from <point>', auditPointSyntax, point)
    .option('--to <point>', `${auditPointSyntax} (default now)`, point, { kind: 'now' } as AuditPoint)
    .option('--json', 'as JSON')
    .action((stream: string, options: { from: AuditPoint; to: AuditPoint; json?: boolean }) =>
      withStore((store) => auditDiffCommand(store, stream, options.from, options.to, options, out)));
  withFilters(audit.command('export'))
    .description('every event of the filters as JSON lines')
    .option('--json', 'JSON lines (the only format; accepted for symmetry)')
    .action((options: FilterOptions) => withStore((store) => auditExportCommand(store, filterOf(options), out)));
}
