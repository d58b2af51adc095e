// `npm run bench -- <name>`: runs bench/<name>.ts, whose last printed line is `RESULT <name> ...`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-zA-Z0-9]*$/.test(name) || !existsSync(join(__dirname, `${name}.ts`))) {
    console.error(`usage: npm run bench -- <name>   (a file bench/<name>.ts)`);
    process.exit(2);
  }
  const benchmark = (await import(join(__dirname, `${name}.ts`))) as { run(): Promise<void> };
  await benchmark.run();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
