import { Command, InvalidArgumentError } from 'commander';
import { parseLogPosition } from './ports/logPosition';
import { loadConfig } from './config';
import { backupsCliDeps } from './wiring/backupsCliDeps';
import { backupsList } from './api/cli/backupsList';
import { backupsPrune } from './api/cli/backupsPrune';
import { backupsVerify } from './api/cli/backupsVerify';
import type { CliContext } from './api/cli/cliContext';
import { createCliContext, operatorGrantDeps, relayStatusReader, sagaCommandContext } from './wiring/createCliContext';
import { dlqList, dlqRedrive, type DlqDeps } from './api/cli/dlqCommands';
import { deadLetterQueuesFromConfig } from './wiring/deadLetterQueuesFromConfig';
import { envExample } from './api/cli/envExample';
import { mailPreview } from './api/cli/mailPreview';
import { eventsTail } from './api/cli/eventsTail';
import { projectionsRebuild } from './api/cli/projectionsRebuild';
import { projectionsStatus } from './api/cli/projectionsStatus';
import { relayStatus } from './api/cli/relayStatus';
import { sagasCancel, sagasList, sagasRetry, sagasShow } from './api/cli/sagasCommands';
import { streamShow } from './api/cli/streamShow';
import { usersGrantOperator } from './api/cli/usersGrantOperator';
import { registerAuditVerbs } from './api/cli/auditVerbs';

// `npm run cli -- <verb>`: the operator's tool. Each verb lives in its own file; this only parses.
const write = (line: string) => console.log(line);

async function withContext(run: (context: CliContext) => Promise<boolean | void>): Promise<void> {
  const context = await createCliContext(loadConfig());
  try {
    const ok = await run(context);
    if (ok === false) process.exitCode = 1;
  } finally {
    await context.close();
  }
}

async function withDeadLetterQueues(run: (deps: DlqDeps) => Promise<unknown>): Promise<void> {
  const queues = await deadLetterQueuesFromConfig(loadConfig());
  try {
    await run({ queues });
  } finally {
    await queues.close();
  }
}

const integer = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a non-negative integer');
  return Number(value);
};

const program = new Command().name('npm run cli --').description('Operator CLI of the hosted-Odoo control plane')
  // Usage errors (unknown verb or option, missing or invalid argument) exit 2, failures 1.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

const events = program.command('events').description('the event log ($all)');
events.command('tail')
  .description('follow $all, printing each event as it is appended (Ctrl-C to stop)')
  .option('--last <n>', 'replay the last n events first', integer, 10)
  .option('--after <position>', 'start after this position ("<tx>.<pos>")')
  .action(async (options: { last: number; after?: string }) => {
    const after = options.after ? parseLogPosition(options.after) : undefined;
    if (options.after && !after) throw new InvalidArgumentError('--after must look like 1234.56');
    const context = await createCliContext(loadConfig());
    const subscription = await eventsTail(context.store, { after, last: options.last }, write);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    await subscription.stop();
    await context.close();
  });

program.command('stream')
  .description('one stream')
  .command('show <streamName>')
  .description("print a stream's events and the aggregate's state folded from them")
  .option('--at <version>', 'fold only up to this stream version (time travel)', integer)
  .action((streamName: string, options: { at?: number }) => withContext((context) => streamShow(context.store, streamName, options, write)));

const projections = program.command('projections').description('read models');
projections.command('status')
  .description('checkpoint and lag of every projection')
  .action(() => withContext((context) => projectionsStatus(context, write)));
projections.command('rebuild <name>')
  .description('rebuild a read model into fresh tables, then swap; queries keep being served')
  .action((name: string) => withContext(async (context) => (await projectionsRebuild(context, name, write)) !== null));

const dlq = program.command('dlq').description("consumer groups' dead-letter queues");
dlq.command('list <consumer>')
  .description('dead letters of a consumer group (`commands` = the AMQP command ingress)')
  .option('--limit <n>', 'at most n messages', integer)
  .option('--json', 'one JSON object per line')
  .action((consumer: string, options: { limit?: number; json?: boolean }) => withDeadLetterQueues((deps) => dlqList(deps, consumer, options, write)));
dlq.command('redrive <consumer>')
  .description("move dead letters back to the group's queue (after fixing the cause)")
  .option('--id <messageId>', 'only this message')
  .action((consumer: string, options: { id?: string }) => withDeadLetterQueues((deps) => dlqRedrive(deps, consumer, options, write)));

const sagas = program.command('sagas').description('process managers (provisioning, lifecycle, backups)');
sagas.command('list')
  .description('sagas, newest first')
  .option('--stuck', 'only unfinished sagas that are failing, paused, deferred or idle for 5 minutes')
  .option('--limit <n>', 'at most n sagas', integer)
  .action((options: { stuck?: boolean; limit?: number }) => withContext(async (context) => {
    await sagasList(context, options, write);
  }));
sagas.command('show <id>')
  .description("a saga's state and its stream, step by step (id or stream name)")
  .action((id: string) => withContext((context) => sagasShow(context, id, write)));
sagas.command('retry <id>')
  .description('run an unfinished saga now: forget its attempts and backoff')
  .action((id: string) => withContext(async (context) => sagasRetry(await sagaCommandContext(context), id, write)));
sagas.command('cancel <id>')
  .description('stop an unfinished saga; the worker compensates the steps it completed')
  .option('--reason <text>', 'recorded with the request', 'cancelled by an operator')
  .action((id: string, options: { reason: string }) => withContext(async (context) => sagasCancel(await sagaCommandContext(context), id, write, options.reason)));

program.command('relay')
  .description('the event store → RabbitMQ relay')
  .command('status')
  .description('checkpoint, whether a relay holds the lock, lag in events and seconds')
  .option('--json', 'as JSON')
  .action((options: { json?: boolean }) => withContext((context) => relayStatus(relayStatusReader(context), options, write)));

program.command('users')
  .description('platform users')
  .command('grant-operator <email>')
  .description('make a registered user a platform operator (never possible over the public API)')
  .action((email: string) => withContext(async (context) => usersGrantOperator(await operatorGrantDeps(context), email, write)));

program.command('mail')
  .description('transactional email')
  .command('preview <template>')
  .description('render a mail template with sample data to HTML and text files')
  .option('--out <file>', 'where to write the HTML (the text goes beside it)')
  .option('--locale <locale>', 'template locale', 'en')
  .action(async (template: string, options: { out?: string; locale?: string }) => {
    const preview = await mailPreview(template, options);
    write(`Subject: ${preview.subject}`);
    write(`HTML: ${preview.htmlPath}`);
    write(`Text: ${preview.textPath}`);
  });

const backups = program.command('backups').description('backups of instances (storage from BACKUP_STORAGE / BACKUP_FS_ROOT / BACKUP_S3_*)');
const withBackups = (run: (deps: Awaited<ReturnType<typeof backupsCliDeps>>) => Promise<boolean | void>) => withContext(async (context) => {
  const deps = await backupsCliDeps(context);
  try {
    return await run(deps);
  } finally {
    await deps.close();
  }
});
backups.command('list <instanceId>')
  .description("an instance's backups, newest first, and its backup health")
  .action((instanceId: string) => withBackups((deps) => backupsList(deps, instanceId, write)));
backups.command('verify <backupId>')
  .description('restore drill of one backup into a throwaway database and volume; records BackupVerified or BackupVerificationFailed')
  .action((backupId: string) => withBackups(async (deps) => (await backupsVerify(deps, backupId, write, deps.actor)).ok));
backups.command('prune <instanceId>')
  .description("GFS retention over the completed backups (the instance's policy, else its plan's): delete the others from storage and record BackupPruned")
  .option('--dry-run', 'only print what would be kept and pruned')
  .option('--daily <n>', "newest backup of each of the last n days (default: the instance's policy)", integer)
  .option('--weekly <n>', "newest backup of each of the last n ISO weeks (default: the instance's policy)", integer)
  .option('--monthly <n>', "newest backup of each of the last n months (default: the instance's policy)", integer)
  .action((instanceId: string, options: { dryRun?: boolean; daily?: number; weekly?: number; monthly?: number }) => withBackups(async (deps) => {
    const { daily, weekly, monthly } = options;
    const outcome = await backupsPrune(deps, instanceId, { daily, weekly, monthly }, {
      dryRun: options.dryRun === true, minAgeHours: loadConfig().BACKUP_PRUNE_MIN_AGE_HOURS,
    });
    write(`policy\tgfs ${outcome.policy.daily}/${outcome.policy.weekly}/${outcome.policy.monthly}${outcome.skipped ? `\t(skipped: ${outcome.skipped})` : ''}`);
    for (const id of outcome.kept) write(`keep\t${id}`);
    for (const id of outcome.pruned) write(`${options.dryRun ? 'would prune' : 'pruned'}\t${id}`);
  }));

registerAuditVerbs(program, (run) => withContext((context) => run(context.store)), { write, error: (line) => console.error(line) });

program.command('config')
  .description('configuration')
  .command('env-example')
  .description('print every configuration key with its default (the content of .env.example)')
  .action(() => {
    process.stdout.write(envExample());
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof InvalidArgumentError ? 2 : 1);
});
