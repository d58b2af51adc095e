import { Command, Option } from 'commander';
import { loadConfig } from './config';
import { createLogger } from './observability/logger';
import { startPlatform, type Role } from './wiring/startPlatform';

// `npm start -- --role api|worker|all`: one process per role in production, `all` on one machine.
async function main(): Promise<void> {
  const program = new Command()
    .name('control-plane')
    .addOption(new Option('--role <role>', 'what this process runs').choices(['api', 'worker', 'all']).default('all'))
    .parse(process.argv);
  const role = program.opts<{ role: Role }>().role;
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const platform = await startPlatform(config, role, logger);
  logger.info({ role, url: platform.url }, 'platform started');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    platform.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
